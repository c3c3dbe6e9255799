from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """``biuro_team_restricted``: the team-visibility rules of the office's
        records (security/crm_biuro_team_security.xml and the sister addons') are
        ``[(1, '=', 1)] if not biuro_team_restricted else [...]``.

        Rule domains are cached per user; writing the setting (a system
        parameter) clears that cache, so a change applies at once."""
        context = super()._eval_context()
        context["biuro_team_restricted"] = self.env.user._biuro_team_restricted()
        return context
