from odoo import models

TEAM_VISIBILITY_PARAM = "crm_biuro.team_visibility"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _biuro_team_restricted(self):
        """Whether the user sees only the clients they work on.

        True for an office user (not a manager) while the setting "Accountants see
        only their clients" is on. Portal users, managers and the superuser (the
        mail gateway, crons) are never restricted.
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

    def _biuro_my_clients_domain(self, path):
        """The records whose client (reached through ``path``, "" for the client
        itself) the user works on: accountant in charge or in the team."""
        self.ensure_one()
        prefix = f"{path}." if path else ""
        return [
            "|",
            (f"{prefix}biuro_accountant_id", "=", self.id),
            (f"{prefix}biuro_assistant_ids", "in", [self.id]),
        ]
