from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import PESEL_OK, BiuroCase


@tagged("post_install", "-at_install")
class TestPartnerAccess(BiuroCase):
    """Who may do what with clients: office user, office manager, and an employee
    outside the office groups (a per-user matrix, like project's access tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_legal_form="jdg", biuro_pesel=PESEL_OK)

    def test_pesel_readable_by_managers_only(self):
        self.assertEqual(self.client.with_user(self.manager).biuro_pesel, PESEL_OK)
        for user in (self.user, self.outsider):
            with self.assertRaises(AccessError, msg=user.login):
                self.client.with_user(user).read(["biuro_pesel"])
            with self.assertRaises(AccessError, msg=user.login):
                self.client.with_user(user).write({"biuro_pesel": PESEL_OK})

    def test_clients_deleted_by_managers_only(self):
        with self.assertRaisesMsg(AccessError, "Only managers"):
            self.client.with_user(self.user).unlink()
        self.client.with_user(self.manager).unlink()
        self.assertFalse(self.client.exists())

    def test_users_edit_the_tax_profile(self):
        self.client.with_user(self.user).write({"biuro_tax_form": "ryczalt"})
        self.assertEqual(self.client.biuro_tax_form, "ryczalt")

    def test_declaration_types_matrix(self):
        declarations = self.env["biuro.declaration.type"]
        self.assertTrue(declarations.with_user(self.user).search([]))
        with self.assertRaises(AccessError):
            declarations.with_user(self.user).create(
                {"code": "X1", "name": "X", "frequency": "annual"}
            )
        created = declarations.with_user(self.manager).create(
            {"code": "X2", "name": "Y", "frequency": "annual"}
        )
        created.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            declarations.with_user(self.outsider).search([])

    def test_mass_update_matrix(self):
        wizard_model = self.env["biuro.client.mass.update"]
        with self.assertRaises(AccessError):
            wizard_model.with_user(self.outsider).create(
                {"partner_ids": [(6, 0, self.client.ids)], "biuro_state": "active"}
            )
        wizard = wizard_model.with_user(self.user).create(
            {"partner_ids": [(6, 0, self.client.ids)], "biuro_state": "blocked"}
        )
        wizard.action_apply()
        self.assertEqual(self.client.biuro_state, "blocked")

    def test_app_menus_hidden_from_outsiders(self):
        clients_menu = self.env.ref("crm_biuro.menu_biuro_clients")
        menus = self.env["ir.ui.menu"]
        self.assertIn(clients_menu.id, menus.with_user(self.user)._visible_menu_ids())
        self.assertNotIn(
            clients_menu.id, menus.with_user(self.outsider)._visible_menu_ids()
        )
        config = self.env.ref("crm_biuro.menu_biuro_config")
        self.assertNotIn(config.id, menus.with_user(self.user)._visible_menu_ids())
        self.assertIn(config.id, menus.with_user(self.manager)._visible_menu_ids())

    def test_archive_and_restore(self):
        action = self.client.with_user(self.user).action_biuro_archive()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        clients = self.env["res.partner"].search([("biuro_client", "=", True)])
        self.assertNotIn(self.client, clients)
        self.client.action_unarchive()
        self.assertTrue(self.client.active)

    def test_office_user_without_billing_rights_opens_the_client_form(self):
        self.assertFalse(self.user.has_group("account.group_account_invoice"))
        form = Form(self.client.with_user(self.user))
        self.assertEqual(form.biuro_nip, self.client.biuro_nip)
        self.assertEqual(form.biuro_payment_state, "none")
