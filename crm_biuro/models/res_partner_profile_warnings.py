from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from ..obligation_rules import history_warnings, profile_warnings
from .res_partner_tax_profile import HISTORY_FIELDS, LIFECYCLE_FIELDS

_lt = LazyTranslate(__name__)

# The engine's warning codes (obligation_rules/checks.py) in the user's words; a
# test fails when the engine has a code without its text here.
WARNINGS = {
    "quarterly_vat_not_small": _lt(
        "Quarterly VAT is for a small taxpayer only (VAT act art. 99 ust. 2-3)."
    ),
    "quarterly_advances_not_small": _lt(
        "Quarterly advances are for a small taxpayer or a starting business "
        "(PIT act art. 44 ust. 3g; CIT act art. 25 ust. 1b)."
    ),
    "natural_person_cit": _lt("A natural person cannot pay CIT."),
    "company_without_full_books": _lt(
        "A CIT taxpayer keeps full books (UoR art. 2 ust. 1)."
    ),
    "karta_form": _lt("The tax card is for a sole trader or a civil partnership only."),
    "karta_books": _lt("A tax card taxpayer keeps no books."),
    "estonian_form": _lt(
        "Estonian CIT is open to sp. z o.o., S.A., P.S.A., sp.k. and S.K.A. (CIT act "
        "art. 28j ust. 1)."
    ),
    "tax_form_change_mid_year": _lt(
        "A tax form changes from 1 January (PIT act art. 9a ust. 2; lump-sum act "
        "art. 9 ust. 1); this change is dated otherwise."
    ),
    "vat_period_change_mid_quarter": _lt(
        "A VAT period changes from the first day of a quarter (VAT act art. 99 ust. 3)."
    ),
    "first_tax_year_end_month": _lt(
        "The first tax year ends where the chosen tax year ends (CIT act art. 8 "
        "ust. 2): its last month differs from the tax-year end month."
    ),
    "quarterly_vat_first_year": _lt(
        "No quarterly VAT in the first 12 months after VAT registration (VAT act "
        "art. 99 ust. 3a)."
    ),
}


class ResPartner(models.Model):
    """What the law does not allow in the client's profile or its history, said
    on the tax profile tab (warnings: the office may know better)."""

    _inherit = "res.partner"

    biuro_profile_warnings = fields.Html(
        string="Profile warnings",
        compute="_compute_biuro_profile_warnings",
        sanitize=False,
    )

    @api.depends(*HISTORY_FIELDS, *LIFECYCLE_FIELDS, "biuro_tax_profile_ids")
    @api.depends_context("lang")
    def _compute_biuro_profile_warnings(self):
        for partner in self:
            lines = []
            if partner.biuro_client:
                lines = [
                    self.env._(WARNINGS[code])
                    for code, _text in profile_warnings(partner._biuro_tax_profile())
                    if code in WARNINGS
                ]
                origin = partner._origin
                if origin.biuro_tax_profile_ids:
                    dated = history_warnings(
                        origin._biuro_profile_versions(), origin._biuro_lifecycle()
                    )
                    lines += [
                        f"{format_date(self.env, day)}: {self.env._(WARNINGS[code])}"
                        for day, code, _text in dated
                        if code in WARNINGS and self.env._(WARNINGS[code]) not in lines
                    ]
            partner.biuro_profile_warnings = (
                Markup("<ul>%s</ul>")
                % Markup("").join(Markup("<li>%s</li>") % line for line in lines)
                if lines
                else False
            )
