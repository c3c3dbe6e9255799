from odoo import api, models

from .. import identifiers


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def autocomplete_by_vat(self, vat, query_country_id, timeout=15):
        """Typing a Polish NIP must not call a registry (IAP, then VIES) on every
        keystroke: the office adds clients by NIP through crm_biuro_verify's batched,
        rate-limited lookup instead. Foreign VAT ids keep Odoo's behaviour."""
        country = self.env["res.country"].browse(query_country_id).code
        if identifiers.nip_from_vat(vat, country):
            return []
        return super().autocomplete_by_vat(vat, query_country_id, timeout=timeout)
