from odoo import api, models

# fields of res.users whose change may close a portal login (groups come as
# groups_id, or as the reified in_group_*/sel_groups_* fields of the user form)
LOGIN_FIELDS = ("active", "groups_id")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _biuro_login_vals(self, vals):
        return any(
            key in LOGIN_FIELDS or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        )

    def write(self, vals):
        if not self._biuro_login_vals(vals):
            return super().write(vals)
        opened = self.filtered(lambda user: user.active and user._is_portal())
        result = super().write(vals)
        closed = opened.filtered(lambda user: not user.active or not user._is_portal())
        closed._biuro_close_portal_access()
        return result

    def unlink(self):
        self._biuro_close_portal_access()
        return super().unlink()

    def _biuro_close_portal_access(self):
        """A login that is closed (archived, or out of the portal group as Odoo's
        "Revoke access" does) closes its person's access rows too: reopening the
        login later gives back no company until the office grants it again."""
        if not self:
            return
        rows = (
            self.env["biuro.portal.access"]
            # sudo: whoever may archive a user or change its groups (an administrator,
            # Odoo's portal wizard, the user closing their own account) closes its rows
            .sudo()
            .search([("partner_id", "in", self.partner_id.ids)])
        )
        rows.write({"active": False, "revoked_by_office": True})
