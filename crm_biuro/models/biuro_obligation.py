from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..obligation_rules import (
    RULES,
    Period,
    generate_obligations_for_history,
    obligations_for_period,
)
from .biuro_client_record_mixin import office_env
from .obligation_labels import legal_basis_text, part_label

REMINDER_DAYS_PARAM = "crm_biuro.obligation_reminder_days"
HORIZON_MONTHS = 3
# the monthly check of vat_ue_mode "when_reported" and the returns it decides on
EU_CHECK_CODE = "VAT_UE_CONFIRM"
EU_REPORTED_CODES = ("VAT_UE", "VAT8", "VAT9M")
UNIQUE_KEY = ("partner_id", "declaration_type_id", "period_start", "period_end", "part")


class BiuroObligation(models.Model):
    """One declaration or payment a client owes for a period, with its legal due
    date (shifted off weekends and holidays by the rule engine)."""

    _name = "biuro.obligation"
    _description = "Client obligation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, partner_id, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    declaration_type_id = fields.Many2one(
        "biuro.declaration.type", string="Declaration", required=True, index=True
    )
    code = fields.Char(related="declaration_type_id.code", store=True)
    part = fields.Char(
        help="Which act of the declaration this is, when one period has several "
        "deadlines (e.g. JPK_V7K records and declaration, PIT-11 to the office and "
        "to the employee).",
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    due_date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        [
            ("todo", "To do"),
            ("done", "Done"),
            ("filed", "Filed"),
            ("late", "Late"),
            ("cancelled", "Cancelled"),
        ],
        default="todo",
        required=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Accountant",
        index=True,
        domain=[("share", "=", False)],
        tracking=True,
    )
    filed_date = fields.Date(tracking=True)
    reference = fields.Char(help="e.g. the UPO number of the e-filed declaration.")
    note = fields.Text()
    reminder_scheduled = fields.Boolean(copy=False)
    generated = fields.Boolean(
        readonly=True,
        copy=False,
        help="Created by the deadline generator from the tax profile: a later "
        "profile change may move or drop it while nobody has worked on it. "
        "Obligations entered by hand or created on the client's report stay.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # `part` is empty for most declarations: NULLS NOT DISTINCT makes two
    # obligations without a part duplicates too (PostgreSQL 15+), and create/write
    # store an empty part as NULL only, so that "" and NULL are one value.
    _sql_constraints = [
        (
            "obligation_uniq",
            (
                "unique nulls not distinct "
                "(partner_id, declaration_type_id, period_start, period_end, part)"
            ),
            "This obligation already exists for the client and period.",
        ),
        (
            "part_not_blank",
            "CHECK (part <> '')",
            "An obligation without a part has no part at all (not an empty one).",
        ),
    ]

    legal_basis = fields.Char(
        compute="_compute_legal_basis",
        help="The article of law that sets this deadline (from the rule engine).",
    )
    days_late = fields.Integer(
        compute="_compute_days_late",
        help="Days past the due date of an obligation not yet done or filed.",
    )
    calendar_color = fields.Integer(compute="_compute_calendar_color")

    @api.depends(
        "declaration_type_id.short_name",
        "part",
        "period_start",
        "period_end",
        "partner_id",
    )
    @api.depends_context("lang")
    def _compute_display_name(self):
        # "Budmax sp. z o.o. — JPK_V7M za 11/2026": whose and what, in words
        for obligation in self:
            obligation.display_name = " — ".join(
                filter(
                    None,
                    [
                        obligation.partner_id.display_name,
                        obligation._declaration_and_period(),
                    ],
                )
            )

    def _declaration_and_period(self):
        """ "JPK_V7M za 11/2026", "PIT-11 do urzędu za 2026" in the user's language."""
        self.ensure_one()
        declaration = self.declaration_type_id
        name = declaration.short_name or declaration.code or ""
        what = " ".join(filter(None, [name, part_label(self.env, self.part)]))
        period = self._period_label()
        if not period:
            return what
        return self.env._(
            "%(declaration)s for %(period)s", declaration=what, period=period
        )

    def _period_label(self):
        start, end = self.period_start, self.period_end
        if not (start and end):
            return ""
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            return start.strftime("%m/%Y")
        if months == 3 and start.month % 3 == 1:
            quarter = (start.month + 2) // 3
            return self.env._(
                "Q%(quarter)s %(year)s",
                quarter=quarter,
                roman=("I", "II", "III", "IV")[quarter - 1],
                year=start.year,
            )
        if months == 12 and start.month == 1:
            return str(start.year)
        return f"{start.strftime('%m/%Y')}–{end.strftime('%m/%Y')}"

    @api.depends("code", "part", "declaration_type_id.legal_basis")
    @api.depends_context("lang")
    def _compute_legal_basis(self):
        for obligation in self:
            rule = RULES.get(obligation.code)
            part = rule and next(
                (p for p in rule.parts if p.name == (obligation.part or "")), None
            )
            obligation.legal_basis = (
                legal_basis_text(self.env, part.legal_basis)
                if part
                else obligation.declaration_type_id.legal_basis
            )

    @api.depends("state", "due_date")
    def _compute_days_late(self):
        today = fields.Date.context_today(self)
        for obligation in self:
            late = (
                obligation.state in ("todo", "late")
                and obligation.due_date
                and obligation.due_date < today
            )
            obligation.days_late = (today - obligation.due_date).days if late else 0

    @api.depends("state", "due_date")
    def _compute_calendar_color(self):
        # colour indexes of the web client: 4 blue, 1 red, 10 green, 0 none
        today = fields.Date.context_today(self)
        for obligation in self:
            if obligation.state in ("done", "filed"):
                obligation.calendar_color = 10
            elif obligation.state == "late" or (
                obligation.state == "todo" and obligation.due_date < today
            ):
                obligation.calendar_color = 1
            elif obligation.state == "todo":
                obligation.calendar_color = 4
            else:
                obligation.calendar_color = 0

    @api.model
    def _normalize_part(self, vals):
        if "part" in vals:
            vals["part"] = (vals["part"] or "").strip() or False
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_part(dict(vals)) for vals in vals_list]
        # the rights first: the check below must not tell strangers what exists
        self.check_access("create")
        self._check_no_double(
            [tuple(vals.get(name) or None for name in UNIQUE_KEY) for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._normalize_part(dict(vals)))

    @api.constrains(*UNIQUE_KEY)
    def _check_unique_key(self):
        self._check_no_double(
            [
                (
                    obligation.partner_id.id,
                    obligation.declaration_type_id.id,
                    obligation.period_start,
                    obligation.period_end,
                    obligation.part or None,
                )
                for obligation in self
            ],
            exclude=self.ids,
        )

    def _check_no_double(self, keys, exclude=()):
        """A translated message (also over XML-RPC and in imports) before the
        unique constraint refuses a double; the constraint stays the guarantee.
        `keys` are (partner, declaration, start, end, part) tuples. Reads with SQL:
        flushing the records being written would hit the constraint first."""
        keys = [key for key in keys if all(key[:4])]
        if not keys:
            return
        double = next((key for i, key in enumerate(keys) if key in keys[:i]), None)
        if double is None:
            rows = SQL(", ").join(
                SQL("(%s::int, %s::int, %s::date, %s::date, %s::varchar)", *key)
                for key in keys
            )
            self.env.cr.execute(
                SQL(
                    """
                SELECT k.* FROM (VALUES %s) AS k(partner, declaration, s, e, part)
                  JOIN biuro_obligation o
                    ON o.partner_id = k.partner
                   AND o.declaration_type_id = k.declaration
                   AND o.period_start = k.s AND o.period_end = k.e
                   AND o.part IS NOT DISTINCT FROM k.part
                 WHERE NOT (o.id = ANY(%s))
                 LIMIT 1
                """,
                    rows,
                    list(exclude),
                )
            )
            double = self.env.cr.fetchone()
        if double:
            declaration = self.env["biuro.declaration.type"].browse(double[1])
            raise ValidationError(
                _(
                    "This obligation already exists for the client and period: "
                    "%(obligation)s, %(start)s – %(end)s.",
                    obligation=" ".join(filter(None, [declaration.code, double[4]])),
                    start=fields.Date.to_string(fields.Date.to_date(double[2])),
                    end=fields.Date.to_string(fields.Date.to_date(double[3])),
                )
            )

    def _is_untouched(self):
        """Generated and never worked on: safe to move or drop on a profile change."""
        self.ensure_one()
        return self.state == "todo" and not self.filed_date and not self.reference

    # --- generation ---------------------------------------------------------------

    @api.model
    def _generate_for_clients(self, partners, start, end, changes=None):
        """Bring the clients' obligations between `start` and `end` in line with
        their profile history: create the missing ones, move the due date of
        untouched, not-yet-due ones, drop untouched future ones the profile no
        longer calls for. Done, filed, worked-on and past obligations are never
        changed. With a `changes` dict, what was done is listed per client id as
        (kind, text) pairs for the timeline. Returns the number created."""
        types = {t.code: t for t in self.env["biuro.declaration.type"].search([])}
        existing = self.search(
            [
                ("partner_id", "in", partners.ids),
                ("period_end", ">=", start - relativedelta(years=1)),
            ]
        )
        by_key = {o._generation_key(): o for o in existing}
        # untouched obligations due after the horizon are judged too: the engine is
        # asked as far as they go, but creates only within the horizon
        judged_end = max([end, *existing.mapped("due_date")])
        to_create, wanted = [], set()
        log = changes if changes is not None else {}
        for partner in partners:
            items = generate_obligations_for_history(
                partner._biuro_profile_versions(),
                partner._biuro_lifecycle(),
                start,
                judged_end,
            )
            for item in items:
                key = (partner.id, item.code, item.period_start, item.period_end)
                key += (item.part,)
                wanted.add(key)
                current = by_key.get(key)
                if current:
                    if (
                        current.due_date != item.due_date
                        and current.due_date >= start
                        and current._is_untouched()
                    ):
                        log.setdefault(partner.id, []).append(
                            ("moved", current._change_text(item.due_date))
                        )
                        current.due_date = item.due_date
                    continue
                if item.code not in types:  # declaration type archived meanwhile
                    continue
                if not (item.due_date <= end or item.period_end <= end):
                    continue  # beyond the horizon: a later run creates it
                to_create.append(
                    {
                        "partner_id": partner.id,
                        "declaration_type_id": types[item.code].id,
                        "part": item.part,
                        "period_start": item.period_start,
                        "period_end": item.period_end,
                        "due_date": item.due_date,
                        "user_id": partner.biuro_accountant_id.id,
                        "generated": True,
                    }
                )
        stale = existing.filtered(
            lambda o: (
                o.generated
                and o.due_date >= start
                and o._is_untouched()
                and o._generation_key() not in wanted
            )
        )
        for obligation in stale:
            log.setdefault(obligation.partner_id.id, []).append(
                ("dropped", obligation._change_text())
            )
        stale.unlink()
        created = self.create(to_create)
        for obligation in created:
            log.setdefault(obligation.partner_id.id, []).append(
                ("created", obligation._change_text())
            )
        return len(created)

    def _generation_key(self):
        self.ensure_one()
        return (
            self.partner_id.id,
            self.code,
            self.period_start,
            self.period_end,
            self.part or "",
        )

    def _change_text(self, new_due_date=None):
        """ "JPK_V7M za 11/2026, termin 25.12.2026" for the timeline, in the office's
        language (with the new date when it moves)."""
        obligation = self.with_env(office_env(self.env))
        env = obligation.env
        lang = env["res.lang"]._get_data(code=env.lang or "en_US")
        fmt = lang.date_format if lang else "%m/%d/%Y"
        if new_due_date:
            return env._(
                "%(obligation)s: %(old)s → %(new)s",
                obligation=obligation._declaration_and_period(),
                old=self.due_date.strftime(fmt),
                new=new_due_date.strftime(fmt),
            )
        return env._(
            "%(obligation)s, due %(date)s",
            obligation=obligation._declaration_and_period(),
            date=self.due_date.strftime(fmt),
        )

    @api.model
    def _cron_generate(self, months=HORIZON_MONTHS):
        """Monthly: obligations of the next months for every active client.
        Idempotent: a rerun creates nothing new."""
        today = fields.Date.context_today(self)
        clients = self.env["res.partner"].search(
            [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        )
        return self._generate_for_clients(
            clients, today, today + relativedelta(months=months)
        )

    @api.model
    def _cron_deadlines(self):
        """Daily: overdue obligations become late; the accountant gets an activity
        N days before each due date, once."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "todo"), ("due_date", "<", today)]).write(
            {"state": "late"}
        )
        days = int(
            # sudo: reads one setting of the office (a number of days), set by admins
            self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 3)
        )
        # some rules ask for an earlier reminder (KSeF dates: a month ahead)
        longest = max([days, *(rule.remind_days or 0 for rule in RULES.values())])
        upcoming = self.search(
            [
                ("state", "=", "todo"),
                ("reminder_scheduled", "=", False),
                ("due_date", ">=", today),
                ("due_date", "<=", today + timedelta(days=longest)),
            ]
        ).filtered(
            lambda o: (
                o.due_date <= today + timedelta(days=max(days, o._rule_remind_days()))
            )
        )
        for obligation in upcoming:
            obligation.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=obligation.due_date,
                summary=_(
                    "%(obligation)s of %(client)s is due on %(date)s",
                    obligation=obligation._declaration_and_period(),
                    client=obligation.partner_id.name,
                    date=obligation.due_date,
                ),
                user_id=(obligation.user_id or self.env.user).id,
            )
        upcoming.reminder_scheduled = True

    def _rule_remind_days(self):
        rule = RULES.get(self.code)
        return (rule.remind_days or 0) if rule else 0

    # --- EU transactions reported (vat_ue_mode "when_reported") -------------------

    def action_biuro_eu_reported(self):
        """The client reported EU transactions for the month of this check: its
        VAT-UE (VAT-8, VAT-9M) for that month are created, dated by the engine
        with the profile in force then, and the check is done."""
        for check in self.filtered(lambda o: o.code == EU_CHECK_CODE):
            check.check_access("write")
            version = check.partner_id._biuro_profile_version_on(check.period_start)
            period = Period(check.period_start, check.period_end)
            types = {
                t.code: t
                for t in self.env["biuro.declaration.type"].search(
                    [("code", "in", EU_REPORTED_CODES)]
                )
            }
            for code in EU_REPORTED_CODES:
                if code not in version.codes or code not in types:
                    continue
                for item in obligations_for_period(code, period, version.profile):
                    key = (check.partner_id.id, code, item.period_start)
                    key += (item.period_end, item.part)
                    if self.search_count(self._key_domain(key)):
                        continue
                    self.create(
                        {
                            "partner_id": check.partner_id.id,
                            "declaration_type_id": types[code].id,
                            "part": item.part,
                            "period_start": item.period_start,
                            "period_end": item.period_end,
                            "due_date": item.due_date,
                            "user_id": check.user_id.id,
                        }
                    )
            check.action_done()
        return True

    @api.model
    def _key_domain(self, key):
        partner, code, start, end, part = key
        return [
            ("partner_id", "=", partner),
            ("code", "=", code),
            ("period_start", "=", start),
            ("period_end", "=", end),
            ("part", "=", part or False),
        ]

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_todo(self):
        self.write({"state": "todo"})
        return True
