from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

from .. import identifiers, legal_forms
from ..obligation_rules import required_declaration_codes
from .biuro_client_record_mixin import office_env
from .tax_profile_keys import PARTNER_PROFILE_FIELDS

BIURO_STATES = [
    ("potential", "Potential"),
    ("active", "Active"),
    ("inactive", "Inactive"),
    ("blocked", "Blocked"),
]
LEGAL_FORMS = legal_forms.SELECTION
BOOKS_TYPES = [
    ("kpir", "Tax book of revenue and expenses (KPiR)"),
    ("ryczalt", "Revenue records (lump sum)"),
    ("full", "Full accounting books"),
    ("none", "No books"),
]
TAX_FORMS = [
    ("skala", "Tax scale"),
    ("liniowy", "Flat tax"),
    ("ryczalt", "Lump sum on revenue"),
    ("karta", "Tax card"),
    ("cit", "CIT"),
    ("cit_estonski", "Estonian CIT"),
]
VAT_STATUSES = [
    ("czynny", "Active VAT payer"),
    ("zwolniony", "VAT exempt"),
    ("niezarejestrowany", "Not registered for VAT"),
]
VAT_PERIODS = [("monthly", "Monthly"), ("quarterly", "Quarterly")]
ZUS_SCHEMES = [
    ("ulga_na_start", "Start-up relief"),
    ("preferencyjny", "Preferential ZUS"),
    ("maly_zus_plus", "Small ZUS Plus"),
    ("duzy", "Full ZUS"),
    ("none", "No ZUS contributions"),
]
CONTACT_ROLES = [
    ("owner", "Owner"),
    ("accountant", "Accountant"),
    ("contact", "Contact"),
    ("hr", "HR and payroll"),
    ("other", "Other"),
]
PAYMENT_STATES = [
    ("overdue", "Overdue"),
    ("current", "Not yet due"),
    ("paid", "Paid"),
    ("none", "No invoices"),
]
UNPAID = ("not_paid", "partial")
# The fields that make the client's tax profile, as the rule engine's ClientProfile
# sees them: listed in one place, tax_profile_keys.py.
TAX_PROFILE_FIELDS = PARTNER_PROFILE_FIELDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    biuro_client = fields.Boolean(
        string="Office client",
        index=True,
        tracking=True,
        help="The partner is a client of the accounting office.",
    )
    biuro_state = fields.Selection(
        BIURO_STATES,
        string="Client status",
        default="potential",
        tracking=True,
        index=True,
    )
    biuro_legal_form = fields.Selection(LEGAL_FORMS, string="Legal form", tracking=True)
    biuro_nip = fields.Char(
        string="NIP",
        compute="_compute_biuro_nip",
        store=True,
        index=True,
        help="The 10-digit Polish tax id: the Tax ID field without separators.",
    )
    biuro_regon = fields.Char(string="REGON", tracking=True, index=True)
    biuro_krs = fields.Char(string="KRS", tracking=True, index=True)
    biuro_pesel = fields.Char(
        string="PESEL",
        groups="crm_biuro.group_biuro_manager",
        help="Personal id of the owner of a sole proprietorship (visible to managers).",
    )
    biuro_books_type = fields.Selection(BOOKS_TYPES, string="Books", tracking=True)
    biuro_tax_form = fields.Selection(
        TAX_FORMS, string="Income tax form", tracking=True
    )
    biuro_vat_status = fields.Selection(
        VAT_STATUSES, string="VAT status", tracking=True
    )
    biuro_vat_period = fields.Selection(
        VAT_PERIODS, string="VAT period", default="monthly", tracking=True
    )
    biuro_vat_ue = fields.Boolean(string="EU VAT (VAT-UE)", tracking=True)
    biuro_zus_scheme = fields.Selection(ZUS_SCHEMES, string="ZUS scheme", tracking=True)
    biuro_employer = fields.Boolean(
        string="Has employees",
        tracking=True,
        help="The client employs people: PIT-4R and PIT-11 are due.",
    )
    biuro_declaration_ids = fields.Many2many(
        "biuro.declaration.type",
        "res_partner_biuro_declaration_rel",
        "partner_id",
        "declaration_type_id",
        string="Required declarations",
    )
    biuro_accountant_id = fields.Many2one(
        "res.users",
        string="Accountant in charge",
        tracking=True,
        index=True,
        domain=[("share", "=", False)],
    )
    biuro_assistant_ids = fields.Many2many(
        "res.users",
        "res_partner_biuro_assistant_rel",
        "partner_id",
        "user_id",
        string="Team",
        domain=[("share", "=", False)],
        help="Office staff working on this client.",
    )
    biuro_contact_role = fields.Selection(CONTACT_ROLES, string="Role at the client")
    biuro_payment_state = fields.Selection(
        PAYMENT_STATES,
        string="Payment status",
        compute="_compute_biuro_invoicing",
        search="_search_biuro_payment_state",
    )
    biuro_invoice_count = fields.Integer(
        string="Invoice count", compute="_compute_biuro_invoicing"
    )
    biuro_invoiced_total = fields.Monetary(
        string="Total invoiced",
        compute="_compute_biuro_invoicing",
        currency_field="biuro_company_currency_id",
    )
    biuro_invoice_average = fields.Monetary(
        string="Average invoice",
        compute="_compute_biuro_invoicing",
        currency_field="biuro_company_currency_id",
    )
    biuro_company_currency_id = fields.Many2one(
        "res.currency", compute="_compute_biuro_company_currency_id"
    )
    biuro_last_message_date = fields.Datetime(
        string="Last activity", compute="_compute_biuro_last_message_date"
    )

    # --- computes -----------------------------------------------------------------

    def _creation_message(self):
        # Odoo names the model in the context's language, and that is empty while
        # data is installed or imported: the client's timeline would open with
        # "Contact utworzono". Written in the office's language, like our own notes.
        return super(
            ResPartner, self.with_env(office_env(self.env))
        )._creation_message()

    @api.depends("vat", "country_id")
    def _compute_biuro_nip(self):
        for partner in self:
            partner.biuro_nip = (
                identifiers.nip_from_vat(partner.vat, partner.country_id.code) or False
            )

    def _compute_biuro_company_currency_id(self):
        self.biuro_company_currency_id = self.env.company.currency_id

    def _biuro_invoice_domain(self):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
        ]

    def _compute_biuro_invoicing(self):
        """One grouped query for all partners on screen (no N+1 in the client list)."""
        stats = {}
        ids = self.commercial_partner_id.ids
        if ids:
            groups = (
                self.env["account.move"]
                # sudo: aggregates only (count, totals, payment state) of the invoices
                # of partners the user reads; staff need not have invoicing rights
                .sudo()
                ._read_group(
                    self._biuro_invoice_domain(),
                    ["commercial_partner_id", "payment_state"],
                    ["__count", "amount_total_signed:sum", "invoice_date_due:min"],
                )
            )
            today = fields.Date.context_today(self)
            for partner, payment_state, count, total, first_due in groups:
                entry = stats.setdefault(
                    partner.id,
                    {"count": 0, "total": 0.0, "overdue": False, "open": False},
                )
                entry["count"] += count
                entry["total"] += total
                if payment_state in UNPAID:
                    entry["open"] = True
                    if first_due and first_due < today:
                        entry["overdue"] = True
        for partner in self:
            entry = stats.get(partner.commercial_partner_id.id)
            if not entry:
                partner.biuro_payment_state = "none"
                partner.biuro_invoice_count = 0
                partner.biuro_invoiced_total = 0.0
                partner.biuro_invoice_average = 0.0
                continue
            if entry["overdue"]:
                state = "overdue"
            elif entry["open"]:
                state = "current"
            else:
                state = "paid"
            partner.biuro_payment_state = state
            partner.biuro_invoice_count = entry["count"]
            partner.biuro_invoiced_total = entry["total"]
            partner.biuro_invoice_average = entry["total"] / entry["count"]

    def _search_biuro_payment_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(_("Unsupported search on the payment status."))
        values = {value} if isinstance(value, str) else set(value or [])
        # sudo: only partner ids leave this search (the same aggregates as the
        # compute above), no invoice is returned to the caller
        moves = self.env["account.move"].sudo()
        base = [("move_type", "=", "out_invoice"), ("state", "=", "posted")]
        today = fields.Date.context_today(self)
        unpaid = base + [("payment_state", "in", UNPAID)]
        overdue = set(
            moves.search(unpaid + [("invoice_date_due", "<", today)])
            .mapped("commercial_partner_id")
            .ids
        )
        open_ = set(moves.search(unpaid).mapped("commercial_partner_id").ids)
        invoiced = set(moves.search(base).mapped("commercial_partner_id").ids)
        by_state = {
            "overdue": overdue,
            "current": open_ - overdue,
            "paid": invoiced - open_,
        }
        ids = set()
        for state in values - {"none"}:
            ids |= by_state.get(state, set())
        positive = operator in ("=", "in")
        if "none" in values:
            # "no invoices" is the complement of the invoiced set
            domain = expression.OR(
                [
                    [("commercial_partner_id", "not in", list(invoiced))],
                    [("commercial_partner_id", "in", list(ids))],
                ]
            )
            return domain if positive else ["!"] + domain
        return [("commercial_partner_id", "in" if positive else "not in", list(ids))]

    def _compute_biuro_last_message_date(self):
        dates = {}
        if self.ids:
            groups = (
                self.env["mail.message"]
                # sudo: one date per partner the user reads, no message content
                .sudo()
                ._read_group(
                    [
                        ("model", "=", "res.partner"),
                        ("res_id", "in", self.ids),
                        ("message_type", "in", ("comment", "email")),
                    ],
                    ["res_id"],
                    ["date:max"],
                )
            )
            dates = dict(groups)
        for partner in self:
            partner.biuro_last_message_date = dates.get(partner.id, False)

    # --- constraints and onchanges -------------------------------------------------

    @api.constrains("vat", "country_id")
    def _check_biuro_nip(self):
        for partner in self:
            country = partner.country_id.code
            if not identifiers.looks_polish_vat(partner.vat, country):
                continue
            nip = identifiers.nip_from_vat(partner.vat, country)
            if not identifiers.is_valid_nip(nip):
                raise ValidationError(
                    _(
                        "Invalid NIP %(value)s for %(partner)s: a NIP has 10 digits "
                        "and a valid check digit.",
                        value=partner.vat,
                        partner=partner.display_name,
                    )
                )

    @api.constrains("vat", "country_id", "biuro_nip", "biuro_client", "parent_id")
    def _check_biuro_nip_unique(self):
        """Name the existing client before the unique index of init() refuses the
        row. The index is the guarantee (concurrent imports, raw SQL); this check only
        turns it into a clear message. It reads with SQL on purpose: an ORM search
        would first flush this very record and hit the index with a bare error."""
        clients = self.filtered(
            lambda p: p.biuro_client and p.biuro_nip and not p.parent_id
        )
        seen = {}
        for partner in clients:
            if partner.biuro_nip in seen:
                self._biuro_raise_duplicate(partner.biuro_nip, seen[partner.biuro_nip])
            seen[partner.biuro_nip] = partner.display_name
        if not seen:
            return
        self.env.cr.execute(
            """
            SELECT biuro_nip, name, company_id FROM res_partner
             WHERE biuro_nip = ANY(%s) AND biuro_client AND parent_id IS NULL
               AND NOT (id = ANY(%s))
             LIMIT 1
            """,
            (list(seen), clients.ids),
        )
        row = self.env.cr.fetchone()
        if row:
            nip, name, company_id = row
            # The index spans every company and archived clients too: name the
            # other client only when the caller's companies may read it (the
            # multi-company rule of res.partner, evaluated without the ORM for the
            # reason above, and for the real user even in a sudo environment).
            self._biuro_raise_duplicate(
                nip, name if self._biuro_company_readable(company_id) else None
            )

    def _biuro_company_readable(self, company_id):
        """Whether a partner of `company_id` passes Odoo's multi-company partner
        rule for the current user: no company, or a company that is one of the
        user's companies or a parent of one."""
        if not company_id:
            return True
        # the companies of the user, not of the (possibly sudo) context
        company_ids = self.env.user._get_company_ids()
        # sudo: only the ancestry (parent_path) of the user's own companies is read
        companies = self.env["res.company"].sudo().browse(company_ids)
        return company_id in (companies | companies.parent_ids).ids

    def _biuro_raise_duplicate(self, nip, client_name):
        if not client_name:
            raise ValidationError(
                _(
                    "A client with NIP %(nip)s already exists in the office (in a "
                    "company or archive you cannot see); ask a manager.",
                    nip=nip,
                )
            )
        raise ValidationError(
            _(
                "A client with NIP %(nip)s already exists: %(client)s",
                nip=nip,
                client=client_name,
            )
        )

    @api.constrains("biuro_accountant_id", "biuro_assistant_ids")
    def _check_biuro_staff(self):
        """The accountant and the team are office staff: a portal or public user
        set over RPC or by the mass update would receive the client's tasks."""
        for partner in self:
            # sudo: only whether the chosen users are internal is looked at
            staff = (partner.biuro_accountant_id | partner.biuro_assistant_ids).sudo()
            outsiders = staff.filtered("share")
            if outsiders:
                raise ValidationError(
                    _(
                        "Only office staff can be in charge of a client: "
                        "%(users)s is not an internal user.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    @api.constrains("biuro_regon")
    def _check_biuro_regon(self):
        for partner in self.filtered("biuro_regon"):
            if not identifiers.is_valid_regon(partner.biuro_regon):
                raise ValidationError(
                    _(
                        "Invalid REGON %(value)s for %(partner)s: a REGON has 9 or "
                        "14 digits and a valid check digit.",
                        value=partner.biuro_regon,
                        partner=partner.display_name,
                    )
                )

    @api.constrains("biuro_krs")
    def _check_biuro_krs(self):
        for partner in self.filtered("biuro_krs"):
            if not identifiers.is_valid_krs(partner.biuro_krs):
                raise ValidationError(
                    _(
                        "Invalid KRS number %(value)s: a KRS number has 10 digits.",
                        value=partner.biuro_krs,
                    )
                )

    @api.constrains("biuro_pesel")
    def _check_biuro_pesel(self):
        # sudo: the manager-only PESEL is read to validate what is being written,
        # and only named back in the error to the one who wrote it
        for partner in self.sudo().filtered("biuro_pesel"):
            if not identifiers.is_valid_pesel(partner.biuro_pesel):
                raise ValidationError(
                    _(
                        "Invalid PESEL %(value)s: a PESEL has 11 digits, a valid "
                        "date of birth and a valid check digit.",
                        value=partner.biuro_pesel,
                    )
                )

    @api.onchange(*TAX_PROFILE_FIELDS)
    def _onchange_biuro_tax_profile(self):
        """Propose the declarations of the profile while the user fills it in; the
        user may still add or remove any of them."""
        if self.biuro_client:
            self.biuro_declaration_ids = self._biuro_suggested_declarations()

    # --- CRUD ---------------------------------------------------------------------

    def init(self):
        res = super().init()
        # The database guarantees one client company per NIP, whatever the entry path
        # (form, import, XML-RPC, concurrent transactions) and whatever the company.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS res_partner_biuro_nip_client_uniq
                ON res_partner (biuro_nip)
             WHERE biuro_client AND biuro_nip IS NOT NULL AND parent_id IS NULL
            """
        )
        return res

    @api.model
    def _biuro_normalize_vals(self, vals):
        normalizers = {
            "biuro_regon": identifiers.normalize_regon,
            "biuro_krs": identifiers.normalize_krs,
            "biuro_pesel": identifiers.normalize_pesel,
        }
        for field, normalize in normalizers.items():
            if vals.get(field):
                vals[field] = normalize(vals[field])
        return vals

    def _biuro_flush_nips(self):
        # Earlier changes reach the database first, so that the duplicate check of
        # _check_biuro_nip_unique sees them with plain SQL (see its docstring).
        self.env["res.partner"].flush_model(
            ["vat", "country_id", "biuro_nip", "biuro_client", "parent_id"]
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._biuro_normalize_vals(vals)
        self._biuro_flush_nips()
        return super().create(vals_list)

    def write(self, vals):
        if {"vat", "country_id", "biuro_client", "parent_id"} & set(vals):
            self._biuro_flush_nips()
        return super().write(self._biuro_normalize_vals(vals))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_client_by_non_manager(self):
        if self.filtered("biuro_client") and not self.env.user.has_group(
            "crm_biuro.group_biuro_manager"
        ):
            raise AccessError(
                _("Only managers of the accounting office may delete clients.")
            )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        return super()._search(
            self._biuro_normalize_nip_domain(domain), offset, limit, order
        )

    @api.model
    def _biuro_normalize_nip_domain(self, domain):
        """Let `biuro_nip` be searched with any formatting ("PL 526-025-02-74") from
        the UI, imports and XML-RPC alike: its operand is reduced to digits."""
        result = []
        for leaf in domain or []:
            if (
                isinstance(leaf, (list, tuple))
                and len(leaf) == 3
                and leaf[0] == "biuro_nip"
                and isinstance(leaf[2], str)
            ):
                digits = identifiers.digits_of(leaf[2])
                leaf = (leaf[0], leaf[1], digits or leaf[2])
            result.append(leaf)
        return result

    # --- actions ------------------------------------------------------------------

    def _biuro_suggested_declarations(self):
        codes = required_declaration_codes(self._biuro_tax_profile())
        return self.env["biuro.declaration.type"].search([("code", "in", codes)])

    def action_biuro_suggest_declarations(self):
        """The declarations of the profile, for as long as that profile has been in
        force (the history row of today, see res_partner_tax_profile.py)."""
        for partner in self:
            partner.write(
                {
                    "biuro_declaration_ids": [
                        (6, 0, partner._biuro_suggested_declarations().ids)
                    ],
                    "biuro_profile_date_from": partner._biuro_profile_in_force_since(),
                }
            )
        return True

    def action_biuro_archive(self):
        self.action_archive()
        return {"type": "ir.actions.act_window_close"}
