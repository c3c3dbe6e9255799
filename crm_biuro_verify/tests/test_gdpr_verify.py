"""The registry checks and beneficial owners in crm_biuro's personal data requests
(the hooks _biuro_gdpr_verifications, _biuro_gdpr_beneficial_owners and
_biuro_gdpr_own_file_models), and an anonymised client leaving the daily checks."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import PESEL_OK
from odoo.addons.crm_biuro.tests.test_gdpr import GdprReviewCase
from odoo.addons.crm_biuro.tests.test_security_gdpr import GdprSecurityCase

from ..services.run import active_clients_domain


@tagged("post_install", "-at_install")
class TestGdprVerifyErasure(GdprReviewCase):
    def test_anonymised_client_leaves_the_daily_checks(self):
        self.client.biuro_state = "active"
        self._anonymize(self.client)
        self.assertEqual(self.client.biuro_state, "inactive")
        self.assertNotIn(
            self.client, self.env["res.partner"].search(active_clients_domain())
        )

    def test_beneficial_owners_exported_and_kept(self):
        owner = self.env["biuro.beneficial.owner"].create(
            {"partner_id": self.client.id, "name": "Janina Kowalska"}
        )
        files = self._export_files(self.client)
        self.assertEqual(
            [row["name"] for row in files["beneficial_owners.json"]],
            ["Janina Kowalska"],
        )
        self._anonymize(self.client)
        # AML: the office keeps its customer due diligence records for 5 years
        self.assertTrue(owner.exists())


@tagged("post_install", "-at_install")
class TestGdprVerifyExport(GdprSecurityCase):
    def test_raw_registry_answers_never_leave(self):
        # sudo: test setup, written as the superuser before the tested user acts
        self.env["biuro.verification"].sudo().create(
            {
                "partner_id": self.client_a.id,
                "registry": "crbr",
                "check_date": date(2026, 3, 1),
                "state": "ok",
                "payload": f"<Beneficjent><PESEL>{PESEL_OK}</PESEL></Beneficjent>",
                "snapshot": {"pesel": PESEL_OK},
            }
        )
        files, text = self._zip(self.client_a)
        self.assertEqual(len(files["verifications.json"]), 1)
        self.assertNotIn("payload", files["verifications.json"][0])
        self.assertNotIn("snapshot", files["verifications.json"][0])
        self.assertNotIn(PESEL_OK, text)
        files, text = self._zip(self.person)
        self.assertEqual(files["verifications.json"], [])
        # the partner's own file does not repeat them (a file of their own)
        self.assertNotIn("biuro_verification_ids", files["partner.json"])
