from odoo import models

TEAM_VISIBILITY_PARAM = "crm_biuro.team_visibility"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _biuro_team_restricted(self):
        """Whether the user sees only the clients they work on.

        True for an office user (not a manager) while the setting "Accountants see
        only their clients" is on. Record rules of the client's records read it
        through ``biuro_team_restricted`` in their evaluation context (see
        ir_rule.py); portal users, managers and the superuser are never restricted.
        """
        self.ensure_one()
        if self.share or not self.has_group("crm_biuro.group_biuro_user"):
            return False
        if self.has_group("crm_biuro.group_biuro_manager"):
            return False
        # sudo: reads one of this addon's settings (office users may not read
        # system parameters), not user data
        value = self.env["ir.config_parameter"].sudo().get_param(TEAM_VISIBILITY_PARAM)
        return value not in (False, "", "False", "0")
