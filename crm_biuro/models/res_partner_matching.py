from odoo import api, fields, models

from .. import matching


class ResPartner(models.Model):
    """The name key the "Possible duplicates" list compares, stored and indexed so
    that the list is one SQL join however many partners the office has (the e-mail
    domain is read from the stored normalised e-mail, see biuro.client.duplicate)."""

    _inherit = "res.partner"

    biuro_name_key = fields.Char(
        string="Name key",
        compute="_compute_biuro_name_key",
        store=True,
        index=True,
        help="The name without legal form, punctuation, case and diacritics.",
    )

    @api.depends("name")
    def _compute_biuro_name_key(self):
        for partner in self:
            partner.biuro_name_key = matching.name_key(partner.name) or False
