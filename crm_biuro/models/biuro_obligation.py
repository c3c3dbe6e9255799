from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..obligation_rules import generate_obligations

REMINDER_DAYS_PARAM = "crm_biuro.obligation_reminder_days"
HORIZON_MONTHS = 3
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

    @api.depends("declaration_type_id", "period_start", "period_end", "partner_id")
    def _compute_display_name(self):
        for obligation in self:
            period = (
                obligation.period_start.strftime("%m/%Y")
                if obligation.period_start
                and obligation.period_end
                and obligation.period_start.month == obligation.period_end.month
                else f"{obligation.period_start} – {obligation.period_end}"
            )
            obligation.display_name = " ".join(
                filter(None, [obligation.code, obligation.part, period])
            )

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
    def _generate_for_clients(self, partners, start, end):
        """Bring the clients' obligations between `start` and `end` in line with
        their tax profiles: create the missing ones, move the due date of untouched
        ones, drop untouched future ones the profile no longer calls for. Done and
        filed obligations are never changed. Returns the number created."""
        types = {t.code: t for t in self.env["biuro.declaration.type"].search([])}
        existing = self.search(
            [
                ("partner_id", "in", partners.ids),
                ("period_end", ">=", start - relativedelta(years=1)),
            ]
        )
        by_key = {
            (o.partner_id.id, o.code, o.period_start, o.period_end, o.part or ""): o
            for o in existing
        }
        to_create, wanted = [], set()
        for partner in partners:
            codes = partner.biuro_declaration_ids.mapped("code")
            profile = partner._biuro_tax_profile()
            for item in generate_obligations(profile, codes, start, end):
                key = (
                    partner.id,
                    item.code,
                    item.period_start,
                    item.period_end,
                    item.part,
                )
                wanted.add(key)
                current = by_key.get(key)
                if current:
                    if current.due_date != item.due_date and current._is_untouched():
                        current.due_date = item.due_date
                    continue
                if item.code not in types:  # declaration type archived meanwhile
                    continue
                to_create.append(
                    {
                        "partner_id": partner.id,
                        "declaration_type_id": types[item.code].id,
                        "part": item.part,
                        "period_start": item.period_start,
                        "period_end": item.period_end,
                        "due_date": item.due_date,
                        "user_id": partner.biuro_accountant_id.id,
                    }
                )
        stale = existing.filtered(
            lambda o: (
                o.due_date >= start
                and o._is_untouched()
                and (
                    o.partner_id.id,
                    o.code,
                    o.period_start,
                    o.period_end,
                    o.part or "",
                )
                not in wanted
            )
        )
        stale.unlink()
        self.create(to_create)
        return len(to_create)

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
        upcoming = self.search(
            [
                ("state", "=", "todo"),
                ("reminder_scheduled", "=", False),
                ("due_date", ">=", today),
                ("due_date", "<=", today + timedelta(days=days)),
            ]
        )
        for obligation in upcoming:
            obligation.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=obligation.due_date,
                summary=_(
                    "%(obligation)s of %(client)s is due on %(date)s",
                    obligation=obligation.display_name,
                    client=obligation.partner_id.name,
                    date=obligation.due_date,
                ),
                user_id=(obligation.user_id or self.env.user).id,
            )
        upcoming.reminder_scheduled = True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_todo(self):
        self.write({"state": "todo"})
        return True
