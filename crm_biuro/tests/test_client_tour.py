from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestClientTour(HttpCase):
    def test_create_client_in_the_browser(self):
        self.start_tour(
            "/odoo/action-crm_biuro.action_biuro_clients",
            "crm_biuro_client_tour",
            login="admin",
        )
        client = self.env["res.partner"].search(
            [("biuro_nip", "=", "5260250274"), ("biuro_client", "=", True)]
        )
        self.assertEqual(client.name, "Tourowa Księgowość sp. z o.o.")
        self.assertEqual(client.biuro_tax_form, "liniowy")
        self.assertEqual(client.biuro_state, "active")
        self.assertIn("JPK_V7M", client.biuro_declaration_ids.mapped("code"))
        contact = client.child_ids.filtered(lambda c: c.name == "Jan Tourowy")
        self.assertEqual(contact.biuro_contact_role, "owner")
        contract = client.biuro_contract_ids
        self.assertEqual(contract.monthly_fee, 900)
        previews = client.message_ids.mapped("preview")
        self.assertTrue(any(contract.name in preview for preview in previews))
        # sudo: the test reads back, past the user's rights, what the code wrote
        tracked = client.message_ids.sudo().tracking_value_ids.filtered(
            lambda t: t.field_id.name == "biuro_state"
        )
        # the timeline is written in the language of the user who made the change
        admin = self.env.ref("base.user_admin")
        labels = dict(
            client._fields["biuro_state"]._description_selection(
                self.env(context={"lang": admin.lang})
            )
        )
        self.assertEqual(tracked.new_value_char, labels["active"])
