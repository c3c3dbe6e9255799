from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..obligation_rules import SUPPORTED_FROM
from .res_partner import (
    BOOKS_TYPES,
    LEGAL_FORMS,
    TAX_FORMS,
    VAT_PERIODS,
    VAT_STATUSES,
    ZUS_SCHEMES,
)
from .tax_profile_fields import key_field
from .tax_profile_keys import PROFILE_KEYS, engine_values, partner_field


class BiuroTaxProfile(models.Model):
    """The client's tax profile in force from `date_from` until the next row.

    The client's form shows and edits the latest row (its biuro_* fields); each
    change there is recorded here from the date the user gives, and obligations of
    a period are generated from the row in force in that period, so a change never
    rewrites the past."""

    _name = "biuro.tax.profile"
    _description = "Tax profile of a client from a date"
    _order = "partner_id, date_from desc"
    _rec_name = "date_from"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    # the client's company: whoever sees the client sees its history
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )
    date_from = fields.Date(string="In force from", required=True, index=True)
    legal_form = fields.Selection(LEGAL_FORMS, string="Legal form")
    books_type = fields.Selection(BOOKS_TYPES, string="Books")
    tax_form = fields.Selection(TAX_FORMS, string="Income tax form")
    vat_status = fields.Selection(VAT_STATUSES, string="VAT status")
    vat_period = fields.Selection(VAT_PERIODS, string="VAT period")
    vat_ue = fields.Boolean(string="EU VAT (VAT-UE)")
    zus_scheme = fields.Selection(ZUS_SCHEMES, string="ZUS scheme")
    employer = fields.Boolean(string="Has employees")
    tax_year_end_month = key_field("tax_year_end_month")
    quarterly_advances = key_field("quarterly_advances")
    related_party_transactions = key_field("related_party_transactions")
    zus_due_day = key_field("zus_due_day")
    zus_payer_kind = key_field("zus_payer_kind")
    small_taxpayer = key_field("small_taxpayer")
    health_contribution = key_field("health_contribution")
    imports_services = key_field("imports_services")
    intra_eu_acquisitions = key_field("intra_eu_acquisitions")
    vat_ue_mode = key_field("vat_ue_mode")
    oss = key_field("oss")
    ioss = key_field("ioss")
    ppk = key_field("ppk")
    zus_iwa = key_field("zus_iwa")
    withholding_tax_payer = key_field("withholding_tax_payer")
    pit_non_resident_payer = key_field("pit_non_resident_payer")
    pit8c_payer = key_field("pit8c_payer")
    flat_rate_tax_payer = key_field("flat_rate_tax_payer")
    pfron = key_field("pfron")
    cit_income_exempt = key_field("cit_income_exempt")
    ngo_in_entrepreneurs_register = key_field("ngo_in_entrepreneurs_register")
    large_taxpayer = key_field("large_taxpayer")
    jpk_books_exempt = key_field("jpk_books_exempt")
    jpk_books_from = key_field("jpk_books_from")
    declaration_ids = fields.Many2many(
        "biuro.declaration.type",
        "biuro_tax_profile_declaration_rel",
        "profile_id",
        "declaration_type_id",
        string="Required declarations",
    )

    _sql_constraints = [
        (
            "partner_date_uniq",
            "unique (partner_id, date_from)",
            "The client already has a tax profile from this date.",
        ),
    ]

    @api.constrains("date_from")
    def _check_date_from(self):
        for profile in self:
            if profile.date_from < SUPPORTED_FROM:
                raise ValidationError(
                    _(
                        "A tax profile starts on %(date)s at the earliest: the "
                        "deadlines of earlier periods are not modelled.",
                        date=SUPPORTED_FROM,
                    )
                )

    def _engine_values(self):
        self.ensure_one()
        return engine_values(lambda key: self[key])

    @api.model
    def _values_of_partner(self, partner):
        """A row's values copied from the client's current fields."""
        values = {key: partner[partner_field(key)] for key in PROFILE_KEYS}
        values["declaration_ids"] = [(6, 0, partner.biuro_declaration_ids.ids)]
        return values

    @api.model
    def _values_of_row(self, row):
        values = {key: row[key] for key in PROFILE_KEYS}
        values["declaration_ids"] = [(6, 0, row.declaration_ids.ids)]
        return values

    # A row edited on its own (not through the client's form): the client's fields
    # show the latest row again and the obligations follow.

    @api.model_create_multi
    def create(self, vals_list):
        rows = super().create(vals_list)
        rows._after_direct_edit()
        return rows

    def write(self, vals):
        res = super().write(vals)
        self._after_direct_edit()
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        if not self.env.context.get("biuro_profile_sync"):
            partners._biuro_sync_from_history()
            partners._biuro_active_clients()._biuro_regenerate_obligations(
                announce=True
            )
        return res

    def _after_direct_edit(self):
        if self.env.context.get("biuro_profile_sync"):
            return
        self.partner_id._biuro_sync_from_history()
        self.partner_id._biuro_active_clients()._biuro_regenerate_obligations(
            announce=True
        )
