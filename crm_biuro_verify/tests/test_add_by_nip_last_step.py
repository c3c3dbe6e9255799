from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import NIP_GUS, NIP_JDG, NIP_SPZOO, VerifyCase


@tagged("post_install", "-at_install")
class TestAddByNipLastStep(VerifyCase):
    """The wizard's last step (status, accountant, tax profile, declarations) and
    the same optional values of biuro_create_from_nip over XML-RPC."""

    def codes(self, client):
        return set(client.biuro_declaration_ids.mapped("code"))

    def test_created_client_is_active_with_its_declarations(self):
        Partner = self.Partner.with_user(self.user)
        client = Partner.browse(Partner.biuro_create_from_nip(NIP_SPZOO))
        self.assertEqual(client.biuro_state, "active")
        self.assertEqual(client.biuro_accountant_id, self.user)
        # a sp. z o.o. is a CIT payer with full books; active VAT and VAT-UE
        self.assertEqual(client.biuro_tax_form, "cit")
        self.assertEqual(client.biuro_books_type, "full")
        codes = self.codes(client)
        self.assertTrue({"JPK_V7M", "VAT_UE", "CIT8"} <= codes, codes)
        self.assertEqual(
            codes, set(client._biuro_suggested_declarations().mapped("code"))
        )

    def test_rpc_takes_the_last_step_values(self):
        other = new_test_user(
            self.env,
            "biuro_last_step_acc",
            groups="base.group_user,crm_biuro.group_biuro_user",
        )
        pit = self.env["biuro.declaration.type"].search([("code", "=", "PIT36")])
        Partner = self.Partner.with_user(self.user)
        client = Partner.browse(
            Partner.biuro_create_from_nip(
                NIP_JDG,
                {
                    "biuro_state": "potential",
                    "biuro_accountant_id": other.id,
                    "biuro_tax_form": "skala",
                    "biuro_vat_period": "quarterly",
                    "biuro_declaration_ids": pit.ids,
                },
            )
        )
        self.assertEqual(client.biuro_state, "potential")
        self.assertEqual(client.biuro_accountant_id, other)
        self.assertEqual(client.biuro_tax_form, "skala")
        self.assertEqual(client.biuro_vat_period, "quarterly")
        self.assertEqual(client.biuro_declaration_ids, pit)
        # the registries' part of the profile still applies
        self.assertEqual(client.biuro_legal_form, "jdg")

    def test_rpc_refuses_values_outside_the_allow_list(self):
        Partner = self.Partner.with_user(self.user)
        portal = new_test_user(
            self.env, "biuro_last_step_portal", groups="base.group_portal"
        )
        for values, message in (
            ({"biuro_pesel": "44051401458"}, "cannot be set"),
            ({"comment": "x"}, "cannot be set"),
            ({"biuro_state": "hacked"}, "not allowed"),
            ({"biuro_vat_ue": "yes"}, "not allowed"),
            ({"biuro_declaration_ids": [[6, 0, [1]]]}, "not allowed"),
            ({"biuro_declaration_ids": [999999]}, "not allowed"),
            ({"biuro_accountant_id": 999999}, "not allowed"),
            ({"biuro_accountant_id": portal.id}, "not allowed"),
            ("active", "must be a dictionary"),
        ):
            with self.subTest(values=values), self.assertRaisesMsg(UserError, message):
                Partner.biuro_create_from_nip(NIP_GUS, values)
        # nothing asked, nothing created for the refused values
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
        self.assertFalse(
            self.Partner.search(
                [("biuro_nip", "=", NIP_GUS), ("biuro_client", "=", True)]
            )
        )

    def test_wizard_last_step_is_proposed_and_editable(self):
        wizard = (
            self.env["biuro.client.from.nip"]
            .with_user(self.user)
            .create({"nip": NIP_SPZOO})
        )
        wizard.action_lookup()
        self.assertEqual(wizard.biuro_state, "active")
        self.assertEqual(wizard.accountant_id, self.user)
        self.assertEqual(wizard.legal_form, "spzoo")
        self.assertEqual(wizard.tax_form, "cit")
        self.assertTrue(
            {"JPK_V7M", "VAT_UE", "CIT8"} <= set(wizard.declaration_ids.mapped("code"))
        )
        # editing the profile proposes again; the user then removes one
        wizard.vat_ue = False
        wizard._onchange_biuro_profile()
        self.assertNotIn("VAT_UE", wizard.declaration_ids.mapped("code"))
        cit = wizard.declaration_ids.filtered(lambda d: d.code == "CIT8")
        wizard.declaration_ids -= cit
        wizard.biuro_state = "potential"
        wizard.employer = True
        client = self.Partner.browse(wizard.action_create()["res_id"])
        self.assertEqual(client.biuro_state, "potential")
        self.assertTrue(client.biuro_employer)
        self.assertFalse(client.biuro_vat_ue)
        self.assertEqual(client.biuro_declaration_ids, wizard.declaration_ids)
        self.assertNotIn("CIT8", self.codes(client))
