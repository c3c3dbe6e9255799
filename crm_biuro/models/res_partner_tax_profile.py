from odoo import api, fields, models

from ..obligation_rules import SUPPORTED_FROM, ClientProfile
from .engine_history_shim import Lifecycle, ProfileVersion
from .biuro_tax_profile import TAX_YEAR_END_MONTHS, ZUS_DUE_DAYS
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
    biuro_tax_year_end_month = fields.Selection(
        TAX_YEAR_END_MONTHS,
        string="Tax year ends in month",
        default="12",
        tracking=True,
        help="A CIT payer may have a tax year other than the calendar year (CIT "
        "act art. 8): its CIT-8 is due three months after that year's end.",
    )
    biuro_quarterly_advances = fields.Boolean(
        string="Quarterly income-tax advances",
        tracking=True,
        help="PIT, lump-sum or CIT advances are paid per quarter, not per month.",
    )
    biuro_related_party_transactions = fields.Boolean(
        string="Transfer-pricing duty (TPR, local file)",
        tracking=True,
        help="Transactions with related parties above the thresholds: the local "
        "file and the TPR information are due.",
    )
    biuro_zus_due_day = fields.Selection(
        ZUS_DUE_DAYS,
        string="ZUS due day",
        tracking=True,
        help="Leave empty to derive it from the legal form: the 15th for payers "
        "with legal personality, the 20th for the others. Budget units pay by "
        "the 5th.",
    )
    # the client's lifecycle: nothing is owed for a period it was not active in
    biuro_activity_start = fields.Date(string="Activity started on", tracking=True)
    biuro_activity_end = fields.Date(
        string="Activity ended on",
        tracking=True,
        help="End of the activity or of the liquidation.",
    )
    biuro_vat_registered_from = fields.Date(
        string="VAT registered from", tracking=True
    )
    biuro_vat_deregistered_on = fields.Date(
        string="VAT deregistered on", tracking=True
    )
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
                {
                    partner_field(key): values[key]
                    for key in PROFILE_KEYS
                }
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
        """The client's profile history as the engine's ProfileVersions."""
        self.ensure_one()
        extra = self._biuro_obligation_profile_values()
        rows = self.biuro_tax_profile_ids.sorted("date_from")
        if not rows:
            return [
                ProfileVersion(
                    SUPPORTED_FROM,
                    self._biuro_tax_profile(),
                    frozenset(self.biuro_declaration_ids.mapped("code")),
                )
            ]
        return [
            ProfileVersion(
                row.date_from,
                ClientProfile.from_values({**row._engine_values(), **extra}),
                frozenset(row.declaration_ids.mapped("code")),
            )
            for row in rows
        ]

    def _biuro_lifecycle(self):
        self.ensure_one()
        return Lifecycle(
            activity_start=self.biuro_activity_start or None,
            activity_end=self.biuro_activity_end or None,
            vat_registered_from=self.biuro_vat_registered_from or None,
            vat_deregistered_on=self.biuro_vat_deregistered_on or None,
            suspensions=tuple(
                (s.date_start, s.date_end or None)
                for s in self.biuro_suspension_ids.sorted("date_start")
            ),
            first_tax_year_end=self.biuro_first_tax_year_end or None,
        )
