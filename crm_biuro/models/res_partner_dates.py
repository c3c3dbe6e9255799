from odoo import fields, models


class ResPartner(models.Model):
    """Dates of the clients' people shown on the office calendar."""

    _inherit = "res.partner"

    biuro_birthday = fields.Date(
        string="Birthday",
        help="Shown on the office calendar of important dates every year.",
    )
