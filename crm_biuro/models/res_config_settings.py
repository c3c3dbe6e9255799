from odoo import fields, models

from .res_users import TEAM_VISIBILITY_PARAM


class ResConfigSettings(models.TransientModel):
    """Settings → Accounting office (administrators only, as every setting)."""

    _inherit = "res.config.settings"

    biuro_team_visibility = fields.Boolean(
        string="Accountants see only their clients",
        config_parameter=TEAM_VISIBILITY_PARAM,
        help="Office users who are not managers see only the clients where they are "
        "the accountant in charge or in the team, and only those clients' contracts, "
        "documents, obligations, inspections and messages. Managers see all.",
    )

    def set_values(self):
        super().set_values()
        # the record rules read the setting and Odoo caches them per user: writing
        # the parameter clears that cache already; done here too so that the
        # switch applies at once even when the value is stored elsewhere later
        self.env.registry.clear_cache()
        return True
