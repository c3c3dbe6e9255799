from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        """A client created by an accountant who sees only their own clients is
        theirs until someone assigns it: otherwise the record rules would hide
        the client from its own creator the moment it is saved."""
        user = self.env.user
        if not self.env.su and user._biuro_team_restricted():
            for vals in vals_list:
                if vals.get("biuro_client") and not vals.get("biuro_accountant_id"):
                    vals["biuro_accountant_id"] = user.id
        return super().create(vals_list)
