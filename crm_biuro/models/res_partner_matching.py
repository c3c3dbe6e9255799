from odoo import api, fields, models

from .. import matching


class ResPartner(models.Model):
    """The keys the "Possible duplicates" list compares, stored and indexed so that
    the list is one SQL join however many partners the office has."""

    _inherit = "res.partner"

    biuro_name_key = fields.Char(
        string="Name key",
        compute="_compute_biuro_name_key",
        store=True,
        index=True,
        help="The name without legal form, punctuation, case and diacritics.",
    )
    biuro_email_domain = fields.Char(
        string="E-mail domain",
        compute="_compute_biuro_email_domain",
        store=True,
        index=True,
        help="The domain of the e-mail address; empty for public mailboxes.",
    )

    @api.depends("name")
    def _compute_biuro_name_key(self):
        for partner in self:
            partner.biuro_name_key = matching.name_key(partner.name) or False

    @api.depends("email")
    def _compute_biuro_email_domain(self):
        for partner in self:
            partner.biuro_email_domain = matching.email_domain(partner.email) or False
