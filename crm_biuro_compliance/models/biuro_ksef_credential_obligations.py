from odoo import api, models


class BiuroKsefCredential(models.Model):
    """Its end of validity is a deadline-engine input: the client's obligations
    follow."""

    _inherit = "biuro.ksef.credential"

    @api.model_create_multi
    def create(self, vals_list):
        credentials = super().create(vals_list)
        credentials.partner_id._biuro_regenerate_after_ksef_change()
        return credentials

    def write(self, vals):
        res = super().write(vals)
        if {"valid_to", "credential_type"} & set(vals):
            self.partner_id._biuro_regenerate_after_ksef_change()
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        partners._biuro_regenerate_after_ksef_change()
        return res
