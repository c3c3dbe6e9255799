from odoo.tests import tagged

from ..fake_registries import nrb_with_check, owner
from .common import NIP_GUS, NIP_JDG, NIP_SPZOO, VerifyCase


@tagged("post_install", "-at_install")
class TestChangeDetection(VerifyCase):
    """A change found in a registry: the client's timeline says old → new and the
    accountant gets an activity. Each check below runs "the next day"."""

    def setUp(self):
        super().setUp()
        self.client = self.make_fake_client(
            NIP_SPZOO, biuro_vat_ue=True, biuro_accountant_id=self.user.id
        )
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "ok")
        self.age_evidence()
        self.company = self.fake.store.get(NIP_SPZOO)

    def alerts(self):
        activities = self.client.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("crm_biuro_verify.mail_activity_type_registry_change")
            )
        )
        return activities

    def last_note(self):
        return self.client.message_ids.sorted("id")[-1]

    def test_nothing_changed_nothing_said(self):
        messages = len(self.client.message_ids)
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_gus_state, "ok")
        self.assertEqual(self.client.biuro_verify_whitelist_state, "ok")
        self.assertEqual(self.client.biuro_verify_crbr_state, "ok")
        self.assertEqual(len(self.client.message_ids), messages)
        self.assertFalse(self.alerts())
        self.assertEqual(len(self.evidence(self.client, "whitelist")), 2)

    def test_vat_status_change_and_removal_from_the_register(self):
        self.company.vat_status = "Niezarejestrowany"
        self.company.removal_date = "2026-11-30"
        self.company.removal_basis = "Art. 96 ust. 9"
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "changed")
        self.assertEqual(self.client.biuro_vat_status, "niezarejestrowany")
        today = self.evidence(self.client, "whitelist")[0]
        self.assertIn(
            "VAT status: Active VAT payer → Not registered for VAT", today.changes
        )
        self.assertIn("removed on 2026-11-30", today.changes)
        note = self.last_note()
        self.assertIn("Active VAT payer → Not registered for VAT", note.body)
        activity = self.alerts()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user)
        # the day after, the change is known: no second alert
        self.age_evidence()
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "ok")
        self.assertEqual(len(self.alerts()), 1)

    def test_bank_accounts_changed(self):
        new = nrb_with_check("11402004", "0000999900001111")
        old = self.company.accounts[1]
        self.company.accounts = [self.company.accounts[0], new]
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "changed")
        by_nrb = {b.acc_number: b.biuro_whitelist_state for b in self.client.bank_ids}
        self.assertEqual(by_nrb[new], "listed")
        self.assertEqual(by_nrb[old], "not_listed")
        self.assertIn("Bank accounts on the white list", self.last_note().body)
        self.assertTrue(self.alerts())
        # the next day the removed account is still not listed: a warning, no alert
        self.age_evidence()
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "warning")
        self.assertIn(old, self.evidence(self.client, "whitelist")[0].summary)
        self.assertEqual(len(self.alerts()), 1)

    def test_gus_activity_ended(self):
        self.company.end_date = "2026-11-20"
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_gus_state, "changed")
        today = self.evidence(self.client, "gus")[0]
        self.assertIn("Activity: active → ended on 2026-11-20", today.changes)
        self.assertTrue(self.alerts())
        self.age_evidence()
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_gus_state, "warning")

    def test_beneficial_owners_changed(self):
        self.company.beneficial_owners = [
            owner("JAN", "KOWALSKI", 60.0),
            owner("PIOTR", "ZIELIŃSKI", 40.0, citizenship=("DE", "NIEMCY")),
        ]
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_crbr_state, "changed")
        owners = self.client.biuro_beneficial_owner_ids
        self.assertEqual(
            sorted(owners.mapped("name")), ["JAN KOWALSKI", "PIOTR ZIELIŃSKI"]
        )
        piotr = owners.filtered(lambda o: o.name == "PIOTR ZIELIŃSKI")
        self.assertEqual(piotr.residence_country_id, self.env.ref("base.de"))
        self.assertIn("ANNA NOWAK", self.evidence(self.client, "crbr")[0].changes)
        self.assertTrue(self.alerts())

    def test_declared_owners_differ_from_crbr(self):
        self.env["biuro.beneficial.owner"].create(
            {"partner_id": self.client.id, "name": "Jan Kowalski", "source": "declared"}
        )
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_crbr_state, "warning")
        self.assertIn("ANNA NOWAK", self.evidence(self.client, "crbr")[0].summary)
        # declared owners are never replaced by CRBR's
        self.assertIn(
            "declared", self.client.biuro_beneficial_owner_ids.mapped("source")
        )

    def test_vies_no_longer_valid(self):
        self.company.vies_valid = False
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_vies_state, "not_found")
        self.assertIn(
            "valid → not valid", self.evidence(self.client, "vies")[0].changes
        )
        self.assertTrue(self.alerts())

    def test_no_accountant_no_activity_but_a_note(self):
        self.client.biuro_accountant_id = False
        self.company.vat_status = "Zwolniony"
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "changed")
        self.assertFalse(self.alerts())
        self.assertIn("VAT exempt", self.last_note().body)


@tagged("post_install", "-at_install")
class TestFirstCheck(VerifyCase):
    def test_first_check_of_a_client_typed_by_hand(self):
        """Data typed by the office that the registry contradicts is a change;
        data the office left empty is filled silently."""
        gus = self.make_fake_client(NIP_GUS, biuro_vat_status="zwolniony")
        jdg = self.make_fake_client(NIP_JDG)
        (gus | jdg).action_biuro_verify()
        self.assertEqual(gus.biuro_verify_whitelist_state, "changed")
        self.assertEqual(gus.biuro_vat_status, "czynny")
        self.assertEqual(jdg.biuro_verify_whitelist_state, "ok")
        self.assertEqual(jdg.biuro_vat_status, "zwolniony")
        self.assertEqual(gus.biuro_regon, "000331501")
        self.assertEqual(gus.biuro_verify_crbr_state, "not_found")
