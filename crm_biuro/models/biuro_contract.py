from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

CONTRACT_TYPES = [
    ("bookkeeping", "Bookkeeping"),
    ("payroll", "Payroll"),
    ("tax_advisory", "Tax advisory"),
    ("audit", "Audit"),
    ("other", "Other"),
]
REMINDER_DAYS_PARAM = "crm_biuro.contract_reminder_days"


class BiuroContract(models.Model):
    """A contract between the office and a client (umowa o prowadzenie ksiąg…)."""

    _name = "biuro.contract"
    _description = "Client contract"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "biuro.client.record.mixin",
    ]
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Number", required=True, copy=False, readonly=True, default="/"
    )
    contract_type = fields.Selection(
        CONTRACT_TYPES,
        string="Type",
        required=True,
        default="bookkeeping",
        tracking=True,
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="End",
        tracking=True,
        help="Leave empty for a contract of indefinite term.",
    )
    terms = fields.Html()
    monthly_fee = fields.Monetary(tracking=True, aggregator="sum")
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    notice_days = fields.Integer(string="Notice period (days)", default=30)
    auto_renew = fields.Boolean(
        string="Renews automatically",
        help="At its end the contract is extended by its own length (a year when that "
        "cannot be told) instead of expiring.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    reminder_sent_for = fields.Date(
        copy=False,
        help="End date for which the renewal reminder was already scheduled.",
    )

    # company_id and name are required (NOT NULL): no empty value slips through
    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "This contract number is already used in the company.",
        ),
    ]

    @api.constrains("name", "company_id")
    def _check_number_unique(self):
        """A translated message (also over XML-RPC) before the unique constraint
        refuses a number already used; the constraint stays the guarantee. Reads
        with SQL: flushing these records would hit the constraint first."""
        self._check_no_double_number(
            [(contract.company_id.id, contract.name) for contract in self], self.ids
        )

    def _check_no_double_number(self, keys, exclude=()):
        double = next((key for i, key in enumerate(keys) if key in keys[:i]), None)
        if double is None and keys:
            self.env.cr.execute(
                SQL(
                    """
                SELECT company_id, name FROM biuro_contract
                 WHERE (company_id, name) IN %s AND NOT (id = ANY(%s))
                 LIMIT 1
                """,
                    tuple(keys),
                    list(exclude),
                )
            )
            double = self.env.cr.fetchone()
        if double:
            raise ValidationError(
                _(
                    "The contract number %(number)s is already used in the company.",
                    number=double[1],
                )
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    _(
                        "The contract %(contract)s ends (%(end)s) before it starts "
                        "(%(start)s).",
                        contract=contract.name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )

    @api.constrains("state", "contract_type", "date_start", "date_end", "partner_id")
    def _check_single_bookkeeping(self):
        """One active bookkeeping contract per client at any time: two would mean
        two offices keeping the same books."""
        for contract in self.filtered(
            lambda c: c.state == "active" and c.contract_type == "bookkeeping"
        ):
            others = self.search(
                [
                    ("id", "!=", contract.id),
                    ("partner_id", "=", contract.partner_id.id),
                    ("contract_type", "=", "bookkeeping"),
                    ("state", "=", "active"),
                    ("company_id", "=", contract.company_id.id),
                ]
            )
            for other in others:
                if contract._overlaps(other):
                    raise ValidationError(
                        _(
                            "%(client)s already has an active bookkeeping contract "
                            "%(other)s for the same period.",
                            client=contract.partner_id.display_name,
                            other=other.name,
                        )
                    )

    def _overlaps(self, other):
        far = fields.Date.to_date("9999-12-31")
        return self.date_start <= (other.date_end or far) and other.date_start <= (
            self.date_end or far
        )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("biuro.contract") or "/"
        # the rights first: the check below must not tell strangers what exists
        self.check_access("create")
        self._check_no_double_number(
            [
                (vals.get("company_id") or self.env.company.id, vals["name"])
                for vals in vals_list
            ]
        )
        contracts = super().create(vals_list)
        contracts._biuro_post_on_client_timeline()
        return contracts

    def _biuro_timeline_label(self):
        return _("New contract:")

    def _biuro_contract_report(self):
        """Hook: the report that prints the contract as a document (the agreement
        the client signs), offered to the client's owner in the portal. None here;
        crm_biuro_billing adds the accounting services agreement."""
        return self.env["ir.actions.report"]

    def action_activate(self):
        self.write({"state": "active"})
        return True

    def action_terminate(self):
        self.write({"state": "terminated"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    @api.model
    def _cron_biuro_contracts(self, today=None):
        """Daily: remind the client's accountant before a contract ends, renew the
        auto-renewing ones and expire the others. Idempotent on rerun."""
        today = today or fields.Date.context_today(self)
        days = int(
            # sudo: reads one setting of the office (a number of days), set by admins
            self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 30)
        )
        ending = self.search(
            [
                ("state", "=", "active"),
                ("date_end", "!=", False),
                ("date_end", "<=", today + relativedelta(days=days)),
            ]
        )
        for contract in ending.filtered(lambda c: c.date_end < today):
            if contract.auto_renew:
                contract._renew()
            else:
                contract.state = "expired"
        for contract in ending.filtered(
            lambda c: (
                c.state == "active"
                and c.date_end >= today
                and c.reminder_sent_for != c.date_end
            )
        ):
            contract._schedule_end_reminder()

    def _renew(self):
        self.ensure_one()
        length = relativedelta(self.date_end, self.date_start)
        if not (length.years or length.months or length.days):
            length = relativedelta(years=1)
        else:
            length += relativedelta(days=1)
        new_end = self.date_end + length
        self.message_post(
            body=_("Renewed automatically until %(end)s.", end=new_end),
            subtype_xmlid="mail.mt_note",
        )
        self.date_end = new_end

    def _schedule_end_reminder(self):
        self.ensure_one()
        user = self.partner_id.biuro_accountant_id or self.user_id or self.env.user
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_end,
            summary=_(
                "Contract %(contract)s ends on %(end)s",
                contract=self.name,
                end=self.date_end,
            ),
            user_id=user.id,
        )
        self.reminder_sent_for = self.date_end
