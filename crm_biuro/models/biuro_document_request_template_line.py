from odoo import fields, models


class BiuroDocumentRequestTemplateLine(models.Model):
    _name = "biuro.document.request.template.line"
    _description = "Expected document of a request template"
    _order = "sequence, id"

    template_id = fields.Many2one(
        "biuro.document.request.template",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Expected document", required=True, translate=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "biuro.document.category", string="Category", required=True
    )
    employer_only = fields.Boolean(
        help="Asked only of clients who employ people (payroll documents)."
    )
