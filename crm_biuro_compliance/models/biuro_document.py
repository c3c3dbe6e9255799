from odoo import fields, models


class BiuroDocument(models.Model):
    _inherit = "biuro.document"

    biuro_mandate_id = fields.Many2one(
        "biuro.mandate",
        string="Power of attorney",
        index="btree_not_null",
        # the signed file stays a client document when the power is deleted
        ondelete="set null",
    )
