from odoo import api, models


class BiuroKsefProfile(models.Model):
    """Its dates are deadline-engine inputs: the client's obligations follow."""

    _inherit = "biuro.ksef.profile"

    @api.model_create_multi
    def create(self, vals_list):
        profiles = super().create(vals_list)
        profiles.partner_id._biuro_regenerate_after_ksef_change()
        return profiles

    def write(self, vals):
        res = super().write(vals)
        if {"issue_start", "exemption_end", "partner_id"} & set(vals):
            self.partner_id._biuro_regenerate_after_ksef_change()
        return res
