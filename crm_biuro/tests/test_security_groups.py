from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    """The office's two groups: a manager is always a user, and a person without the
    groups does not see the app at all."""

    def test_manager_implies_user(self):
        manager = new_test_user(
            self.env, "biuro_mgr", groups="crm_biuro.group_biuro_manager"
        )
        self.assertTrue(manager.has_group("crm_biuro.group_biuro_user"))

    def test_app_menu_hidden_without_the_group(self):
        root = self.env.ref("crm_biuro.menu_biuro_root")
        outsider = new_test_user(self.env, "biuro_outsider", groups="base.group_user")
        user = new_test_user(
            self.env, "biuro_user", groups="crm_biuro.group_biuro_user"
        )
        visible = self.env["ir.ui.menu"].with_user(outsider)._visible_menu_ids()
        self.assertNotIn(root.id, visible)
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        self.assertIn(root.id, visible)
