from odoo import api, fields, models

from ..obligation_rules import RULES
from .obligation_labels import legal_basis_text


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
    short_name = fields.Char(
        translate=True,
        help='The name the calendar shows, e.g. "JPK_V7M" or "CIT advance".',
    )
    legal_basis = fields.Char(
        compute="_compute_legal_basis",
        help="The articles of law that set the deadlines: the rule engine's for "
        "the declarations it knows, the one entered below for the others.",
    )
    custom_legal_basis = fields.Char(
        string="Legal basis (own declaration)",
        translate=True,
        help="For a declaration the rule engine does not know.",
    )
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

    @api.depends("code", "custom_legal_basis")
    @api.depends_context("lang")
    def _compute_legal_basis(self):
        for declaration in self:
            rule = RULES.get(declaration.code)
            if not rule:
                declaration.legal_basis = declaration.custom_legal_basis
                continue
            bases = dict.fromkeys(part.legal_basis for part in rule.parts)
            declaration.legal_basis = "; ".join(
                legal_basis_text(self.env, basis) for basis in bases
            )

    def _compute_display_name(self):
        for declaration in self:
            declaration.display_name = f"{declaration.code} – {declaration.name}"
