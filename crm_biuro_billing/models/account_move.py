from odoo import _, api, fields, models

UNPAID = ("not_paid", "partial")
# The office's side of an invoice (who bills it, the run, the dunning, the report
# figures): internal users only (the days overdue stay: the due date is the
# client's own information). Portal people read their company's posted invoices
# over JSON-RPC too, and must not learn the office's internals through them (issue
# #11, F7: the same rule crm_biuro_portal applies to a client's biuro_* fields).
OFFICE = "base.group_user"


class AccountMove(models.Model):
    _inherit = "account.move"

    biuro_billing_month = fields.Date(
        string="Billed month",
        index=True,
        copy=False,
        readonly=True,
        help="The month of office services this invoice bills (set by the monthly "
        "run, Rozlicz klientów).",
    )
    biuro_billing_run_id = fields.Many2one(
        "biuro.billing.run",
        string="Billing run",
        index="btree_not_null",
        copy=False,
        readonly=True,
        groups=OFFICE,
    )
    biuro_reminder_level_id = fields.Many2one(
        "biuro.reminder.level",
        string="Reminder level",
        copy=False,
        readonly=True,
        tracking=True,
        index="btree_not_null",
        groups=OFFICE,
    )
    biuro_reminder_date = fields.Date(
        string="Last reminder", copy=False, readonly=True, groups=OFFICE
    )
    biuro_days_overdue = fields.Integer(
        string="Days overdue", compute="_compute_biuro_days_overdue"
    )

    @api.depends("invoice_date_due", "payment_state")
    def _compute_biuro_days_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            due = move.invoice_date_due
            late = move.payment_state in UNPAID and due and due < today
            move.biuro_days_overdue = (today - due).days if late else 0

    @api.model
    def _biuro_overdue_domain(self, today):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", UNPAID),
            ("invoice_date_due", "<", today),
            ("partner_id.commercial_partner_id.biuro_client", "=", True),
        ]

    @api.model
    def _cron_biuro_reminders(self):
        """Daily: move every overdue invoice of a client to the reminder level its
        delay has reached (one e-mail per level, never twice)."""
        today = fields.Date.context_today(self)
        levels = self.env["biuro.reminder.level"].search([])
        overdue = self.search(self._biuro_overdue_domain(today))
        for move in overdue:
            days = (today - move.invoice_date_due).days
            level = self.env["biuro.reminder.level"]
            for candidate in levels:  # ordered by days: the last reached one wins
                company = candidate.company_id
                if candidate.days_overdue <= days and company in (
                    move.company_id,
                    self.env["res.company"],
                ):
                    level = candidate
            current = move.biuro_reminder_level_id
            if not level or (current and current.days_overdue >= level.days_overdue):
                continue
            move._biuro_remind(level, today)
        return True

    def _biuro_remind(self, level, today):
        self.ensure_one()
        self.write({"biuro_reminder_level_id": level.id, "biuro_reminder_date": today})
        if level.mail_template_id:
            self.message_post_with_source(
                level.mail_template_id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        if level.schedule_activity:
            client = self.partner_id.commercial_partner_id
            user = client.biuro_accountant_id or self.invoice_user_id or self.env.user
            self.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today,
                summary=_(
                    "Payment overdue %(days)s days: call %(client)s",
                    days=(today - self.invoice_date_due).days,
                    client=client.display_name,
                ),
                user_id=user.id,
            )


class AccountMoveBillingReport(models.Model):
    """What the billing reports group and average by (stored, so pivot and graph
    views can use them)."""

    _inherit = "account.move"

    biuro_accountant_id = fields.Many2one(
        related="partner_id.commercial_partner_id.biuro_accountant_id",
        string="Accountant in charge",
        store=True,
        index="btree_not_null",
        groups=OFFICE,
    )
    biuro_invoice_average = fields.Monetary(
        string="Average invoice",
        compute="_compute_biuro_invoice_average",
        store=True,
        aggregator="avg",
        currency_field="company_currency_id",
        groups=OFFICE,
    )
    biuro_days_to_pay = fields.Integer(
        string="Days to pay",
        compute="_compute_biuro_days_to_pay",
        store=True,
        aggregator="avg",
        help="Days from the invoice date to the payment that settled it.",
        groups=OFFICE,
    )

    @api.depends("amount_untaxed_signed")
    def _compute_biuro_invoice_average(self):
        for move in self:
            move.biuro_invoice_average = move.amount_untaxed_signed

    @api.depends("payment_state", "invoice_date")
    def _compute_biuro_days_to_pay(self):
        for move in self:
            days = 0
            if (
                move.move_type == "out_invoice"
                and move.invoice_date
                and move.payment_state in ("paid", "in_payment")
            ):
                receivable = move.line_ids.filtered(
                    lambda line: line.account_type == "asset_receivable"
                )
                dates = receivable.matched_credit_ids.credit_move_id.mapped("date")
                if dates:
                    days = max((max(dates) - move.invoice_date).days, 0)
            move.biuro_days_to_pay = days
