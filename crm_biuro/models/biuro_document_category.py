from odoo import fields, models


class BiuroDocumentCategory(models.Model):
    _name = "biuro.document.category"
    _description = "Document category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key for integrations (e.g. sales_invoices).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The category code must be unique."),
    ]
