from odoo import api, fields, models


class BiuroDocumentCategory(models.Model):
    _name = "biuro.document.category"
    _description = "Document category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key for integrations (e.g. sales_invoices).")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    # An empty code means "no key": categories without a code are not duplicates
    # of one another (decision documented in readme/SECURITY.md), and an empty
    # string is stored as NULL so that "" and NULL are the same "no code".
    _sql_constraints = [
        ("code_uniq", "unique(code)", "The category code must be unique."),
        ("code_not_blank", "CHECK (code <> '')", "An empty code is stored as no code."),
    ]

    @api.model
    def _normalize_code(self, vals):
        if "code" in vals:
            vals["code"] = (vals["code"] or "").strip() or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalize_code(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalize_code(dict(vals)))
