from odoo import fields, models


class BiuroDeclarationType(models.Model):
    """A kind of declaration or report a client may owe (JPK_V7M, ZUS DRA, CIT-8…).

    The `code` is what the rest of the product keys on (suggestions from the tax
    profile, the obligations calendar), so it is unique and never translated.
    """

    _name = "biuro.declaration.type"
    _description = "Declaration type"
    _order = "sequence, code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Annual")],
        required=True,
        default="monthly",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    # code is required (NOT NULL, and blank refused): no empty value slips through
    _sql_constraints = [
        ("code_uniq", "unique(code)", "The declaration code must be unique."),
        (
            "code_not_blank",
            "CHECK (btrim(code) <> '')",
            "The declaration code must not be empty.",
        ),
    ]

    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = f"{declaration.code} – {declaration.name}"
