from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Team visibility for the rules of the records that hang off a client.

        ``biuro_team_domain(path)``: every record while the user is not restricted
        (see res.users._biuro_team_restricted), else only the records whose client
        — reached through ``path``, e.g. "partner_id" — the user is the accountant
        of or in the team of. A sister addon's rule on its own client records is::

            <field name="domain_force">biuro_team_domain('partner_id')</field>

        without groups (a global rule: no group's rule can widen it). Rule domains
        are cached per user; writing the setting (a system parameter) clears that
        cache, so a change applies at once."""
        context = super()._eval_context()
        user = self.env.user
        restricted = user._biuro_team_restricted()
        context["biuro_team_restricted"] = restricted

        def biuro_team_domain(path):
            return user._biuro_my_clients_domain(path) if restricted else [(1, "=", 1)]

        context["biuro_team_domain"] = biuro_team_domain
        return context
