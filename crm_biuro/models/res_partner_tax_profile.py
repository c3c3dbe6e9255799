from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..obligation_rules import (
    SUPPORTED_FROM,
    ClientProfile,
    Lifecycle,
    ProfileVersion,
    required_declaration_codes,
)
from .tax_profile_fields import key_field
from .tax_profile_keys import (
    PARTNER_PROFILE_FIELDS,
    PROFILE_KEYS,
    default_date_from,
    engine_values,
    partner_field,
)

# What a history row records (the profile and the declarations it calls for).
HISTORY_FIELDS = frozenset({*PARTNER_PROFILE_FIELDS, "biuro_declaration_ids"})
LIFECYCLE_FIELDS = frozenset(
    {
        "biuro_activity_start",
        "biuro_activity_end",
        "biuro_vat_registered_from",
        "biuro_vat_deregistered_on",
        "biuro_first_tax_year_end",
        "biuro_suspension_ids",
    }
)
# Changing any of these changes which declarations a client owes and when.
REGENERATING_FIELDS = HISTORY_FIELDS | LIFECYCLE_FIELDS | {"biuro_state"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # the engine inputs beyond the original eight (see tax_profile_keys.py)
    biuro_tax_year_end_month = key_field("tax_year_end_month", tracking=True)
    biuro_quarterly_advances = key_field("quarterly_advances", tracking=True)
    biuro_related_party_transactions = key_field(
        "related_party_transactions", tracking=True
    )
    biuro_zus_due_day = key_field("zus_due_day", tracking=True)
    biuro_zus_payer_kind = key_field("zus_payer_kind", tracking=True)
    biuro_small_taxpayer = key_field("small_taxpayer", tracking=True)
    biuro_health_contribution = key_field("health_contribution", tracking=True)
    biuro_imports_services = key_field("imports_services", tracking=True)
    biuro_intra_eu_acquisitions = key_field("intra_eu_acquisitions", tracking=True)
    biuro_vat_ue_mode = key_field("vat_ue_mode", tracking=True)
    biuro_oss = key_field("oss", tracking=True)
    biuro_ioss = key_field("ioss", tracking=True)
    biuro_ppk = key_field("ppk", tracking=True)
    biuro_zus_iwa = key_field("zus_iwa", tracking=True)
    biuro_withholding_tax_payer = key_field("withholding_tax_payer", tracking=True)
    biuro_pit_non_resident_payer = key_field("pit_non_resident_payer", tracking=True)
    biuro_pit8c_payer = key_field("pit8c_payer", tracking=True)
    biuro_flat_rate_tax_payer = key_field("flat_rate_tax_payer", tracking=True)
    biuro_pfron = key_field("pfron", tracking=True)
    biuro_cit_income_exempt = key_field("cit_income_exempt", tracking=True)
    biuro_ngo_in_entrepreneurs_register = key_field(
        "ngo_in_entrepreneurs_register", tracking=True
    )
    biuro_large_taxpayer = key_field("large_taxpayer", tracking=True)
    biuro_jpk_books_exempt = key_field("jpk_books_exempt", tracking=True)
    biuro_jpk_books_from = key_field("jpk_books_from", tracking=True)
    # the client's lifecycle: nothing is owed for a period it was not active in
    biuro_activity_start = fields.Date(string="Activity started on", tracking=True)
    biuro_activity_end = fields.Date(
        string="Activity ended on",
        tracking=True,
        help="End of the activity or of the liquidation.",
    )
    biuro_vat_registered_from = fields.Date(string="VAT registered from", tracking=True)
    biuro_vat_deregistered_on = fields.Date(string="VAT deregistered on", tracking=True)
    biuro_first_tax_year_end = fields.Date(
        string="First tax year ends on",
        tracking=True,
        help="A company's first tax year may last up to 23 months (CIT act art. 8 "
        "ust. 2): no annual return is due before its end.",
    )
    biuro_suspension_ids = fields.One2many(
        "biuro.client.suspension", "partner_id", string="Suspensions"
    )
    biuro_tax_profile_ids = fields.One2many(
        "biuro.tax.profile", "partner_id", string="Tax profile history"
    )
    biuro_profile_date_from = fields.Date(
        string="Profile change in force from",
        compute="_compute_biuro_profile_date_from",
        readonly=False,
        help="The changes of the tax profile saved now apply from this date; "
        "obligations of earlier periods keep the profile they had.",
    )

    @api.depends(*HISTORY_FIELDS)
    def _compute_biuro_profile_date_from(self):
        today = fields.Date.context_today(self)
        for partner in self:
            origin = partner._origin
            changed = [
                key
                for key in PROFILE_KEYS
                if origin and partner[partner_field(key)] != origin[partner_field(key)]
            ]
            partner.biuro_profile_date_from = default_date_from(
                changed, today, int(origin.biuro_tax_year_end_month or 12)
            )

    @api.constrains(*(LIFECYCLE_FIELDS - {"biuro_suspension_ids"}))
    def _check_biuro_lifecycle(self):
        """The engine refuses impossible lifecycles: say why, in words."""
        for partner in self:
            start, end = partner.biuro_activity_start, partner.biuro_activity_end
            if start and end and end < start:
                raise ValidationError(_("The activity cannot end before it starts."))
            registered = partner.biuro_vat_registered_from
            deregistered = partner.biuro_vat_deregistered_on
            if registered and deregistered and deregistered < registered:
                raise ValidationError(
                    _("The VAT deregistration cannot precede the registration.")
                )
            first_end = partner.biuro_first_tax_year_end
            if first_end:
                partner._check_biuro_first_tax_year(start, first_end)

    def _check_biuro_first_tax_year(self, start, end):
        # CIT act art. 8 ust. 2: up to 23 months, over 12 only when begun in the
        # second half of a calendar year; a tax year ends at the end of a month
        if not start:
            raise ValidationError(
                _("The end of the first tax year needs the activity start.")
            )
        if end + relativedelta(days=1) != (end + relativedelta(days=1)).replace(day=1):
            raise ValidationError(_("A tax year ends on the last day of a month."))
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if not 1 <= months <= 23 or (months > 12 and start.month < 7):
            raise ValidationError(
                _(
                    "The first tax year may last up to 12 months, or up to 23 "
                    "months when the activity started in the second half of a "
                    "year (CIT act art. 8 ust. 2)."
                )
            )

    # --- CRUD ---------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("biuro_profile_date_from", None)
        partners = super().create(vals_list)
        clients = partners.filtered("biuro_client")
        clients._biuro_ensure_profile_history()
        clients._biuro_active_clients()._biuro_regenerate_obligations()
        return partners

    def write(self, vals):
        date_from = vals.pop("biuro_profile_date_from", False)
        changed = HISTORY_FIELDS & set(vals)
        recording = (
            self.filtered("biuro_client")
            if changed and not self.env.context.get("biuro_profile_sync")
            else self.browse()
        )
        # the history keeps the values in force until now before they change
        recording._biuro_ensure_profile_history()
        res = super().write(vals)
        for partner in recording:
            partner._biuro_record_profile_change(changed, date_from)
        if REGENERATING_FIELDS & set(vals) and not self.env.context.get(
            "biuro_profile_sync"
        ):
            # a profile change regenerates the future, untouched obligations
            self._biuro_active_clients()._biuro_regenerate_obligations(
                announce=bool(changed)
            )
        return res

    def _biuro_active_clients(self):
        return self.filtered(lambda p: p.biuro_client and p.biuro_state == "active")

    # --- history ------------------------------------------------------------------

    def _biuro_ensure_profile_history(self):
        """A first row with the current values for clients without a history (new
        clients, and those from before the history existed)."""
        Profile = self.env["biuro.tax.profile"]
        for partner in self.filtered(lambda p: not p.biuro_tax_profile_ids):
            Profile.with_context(biuro_profile_sync=True).create(
                {
                    **Profile._values_of_partner(partner),
                    "partner_id": partner.id,
                    "date_from": partner.biuro_activity_start
                    and max(partner.biuro_activity_start, SUPPORTED_FROM)
                    or SUPPORTED_FROM,
                }
            )

    def _biuro_record_profile_change(self, changed, date_from=False):
        """Record the new values of the `changed` fields from `date_from` (default:
        the first day of the next period): the row in force then is copied with
        them, and later rows take them too, so the latest row stays the client's
        current values."""
        self.ensure_one()
        keys = [key for key in PROFILE_KEYS if partner_field(key) in changed]
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(date_from) or default_date_from(
            keys, today, int(self.biuro_tax_year_end_month or 12)
        )
        Profile = self.env["biuro.tax.profile"].with_context(biuro_profile_sync=True)
        new_values = {key: self[partner_field(key)] for key in keys}
        if "biuro_declaration_ids" in changed:
            new_values["declaration_ids"] = [(6, 0, self.biuro_declaration_ids.ids)]
        rows = self.biuro_tax_profile_ids.sorted("date_from")
        in_force = rows.filtered(lambda row: row.date_from <= date_from)[-1:]
        later = rows.filtered(lambda row: row.date_from > date_from)
        if in_force.date_from == date_from:
            in_force.with_context(biuro_profile_sync=True).write(new_values)
        else:
            base = Profile._values_of_row(in_force) if in_force else {}
            Profile.create(
                {
                    **base,
                    **new_values,
                    "partner_id": self.id,
                    "date_from": date_from,
                }
            )
        later.with_context(biuro_profile_sync=True).write(new_values)

    def _biuro_profile_in_force_since(self):
        """The first day of the history row in force today (False: no history)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        rows = self.biuro_tax_profile_ids.filtered(lambda row: row.date_from <= today)
        return max(rows.mapped("date_from"), default=False)

    def _biuro_sync_from_history(self):
        """After a row was edited on its own: the client's fields show the latest
        row again."""
        Profile = self.env["biuro.tax.profile"]
        for partner in self:
            latest = partner.biuro_tax_profile_ids.sorted("date_from")[-1:]
            if not latest:
                continue
            values = Profile._values_of_row(latest)
            partner.with_context(biuro_profile_sync=True).write(
                {partner_field(key): values[key] for key in PROFILE_KEYS}
                | {"biuro_declaration_ids": values["declaration_ids"]}
            )

    # --- what the engine gets -----------------------------------------------------

    def _biuro_obligation_profile_values(self):
        """Engine profile values kept by other addons (HOOK_KEYS), merged into every
        version of the client's profile. crm_biuro keeps none; crm_biuro_compliance
        adds the KSeF dates of its KSeF profile."""
        self.ensure_one()
        return {}

    def _biuro_tax_profile(self):
        """The client's current tax profile as the plain-Python rule engine sees
        it."""
        self.ensure_one()
        return ClientProfile.from_values(
            {
                **engine_values(lambda key: self[partner_field(key)]),
                **self._biuro_obligation_profile_values(),
            }
        )

    def _biuro_profile_versions(self):
        """The client's profile history as the engine's ProfileVersions. The
        declarations the hook's data calls for (the KSeF dates) are added to every
        version: they are not chosen on the client's form."""
        self.ensure_one()
        extra = self._biuro_obligation_profile_values()
        rows = self.biuro_tax_profile_ids.sorted("date_from")
        history = [
            (row.date_from, row._engine_values(), row.declaration_ids) for row in rows
        ] or [
            (
                SUPPORTED_FROM,
                engine_values(lambda key: self[partner_field(key)]),
                self.biuro_declaration_ids,
            )
        ]
        versions = []
        for date_from, values, declarations in history:
            own = ClientProfile.from_values(values)
            profile = ClientProfile.from_values({**values, **extra})
            hook_codes = set(required_declaration_codes(profile)) - set(
                required_declaration_codes(own)
            )
            codes = frozenset(declarations.mapped("code")) | hook_codes
            versions.append(ProfileVersion(date_from, profile, codes))
        return versions

    def _biuro_profile_version_on(self, day):
        """The ProfileVersion in force on `day` (the first one before it)."""
        versions = self._biuro_profile_versions()
        return next((v for v in reversed(versions) if v.date_from <= day), versions[0])

    def _biuro_lifecycle(self):
        self.ensure_one()
        return Lifecycle(
            activity_start=self.biuro_activity_start or None,
            activity_end=self.biuro_activity_end or None,
            vat_registered_from=self.biuro_vat_registered_from or None,
            vat_deregistered_on=self.biuro_vat_deregistered_on or None,
            # a suspension not yet resumed lasts as far as the calendar goes
            suspensions=tuple(
                (s.date_start, s.date_end or date.max)
                for s in self.biuro_suspension_ids.sorted("date_start")
            ),
            first_tax_year_end=self.biuro_first_tax_year_end or None,
        )
