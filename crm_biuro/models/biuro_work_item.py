from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .biuro_month_mixin import first_of_month

WORK_STATES = [("todo", "To do"), ("in_progress", "In progress"), ("done", "Done")]
# an obligation counts as handed in once filed (declarations) or done (payments)
CLOSED_OBLIGATION_STATES = ("done", "filed")
# clients per run of the scheduled job
CRON_BATCH = 500


class BiuroWorkItem(models.Model):
    """The office's work for one client and one month: a checklist (documents
    received, invoices booked, bank reconciled, payroll, declarations filed, report
    sent), whose progress and stage show on the kanban of the month. Generated
    with the obligations (`_biuro_generate`), due by the earliest obligation of
    the month."""

    _name = "biuro.work.item"
    _description = "Monthly work for a client"
    _inherit = ["mail.thread", "biuro.month.mixin"]
    _biuro_month_field = "month"
    _order = "month desc, due_date, partner_id, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: first_of_month(fields.Date.context_today(self)),
        help="The month of the work (stored as its first day).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assignee",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many("biuro.work.item.line", "work_item_id", string="Steps")
    state = fields.Selection(
        WORK_STATES,
        string="Stage",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_state",
        store=True,
        readonly=False,
        precompute=True,
        group_expand="_group_expand_states",
    )
    progress = fields.Integer(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        aggregator="avg",
    )
    due_date = fields.Date(
        index=True,
        tracking=True,
        help="The due date of the earliest obligation of the month.",
    )
    is_late = fields.Boolean(
        string="Late", compute="_compute_is_late", search="_search_is_late"
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "client_month_uniq",
            "unique nulls not distinct (partner_id, month)",
            "This client already has a work item for this month.",
        ),
    ]

    @api.depends("partner_id", "month")
    def _compute_display_name(self):
        for item in self:
            month = item.month.strftime("%m/%Y") if item.month else ""
            item.display_name = " – ".join(filter(None, [item.partner_id.name, month]))

    @api.depends("partner_id")
    def _compute_user_id(self):
        for item in self:
            if not item.user_id:
                item.user_id = item.partner_id.biuro_accountant_id

    @api.depends("line_ids.done")
    def _compute_state(self):
        for item in self:
            done = item.line_ids.filtered("done")
            if item.line_ids and done == item.line_ids:
                item.state = "done"
            elif done:
                item.state = "in_progress"
            else:
                item.state = "todo"

    @api.depends("line_ids.done")
    def _compute_progress(self):
        for item in self:
            total = len(item.line_ids)
            done = len(item.line_ids.filtered("done"))
            item.progress = round(100 * done / total) if total else 0

    @api.depends("state", "due_date")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.is_late = bool(
                item.state != "done" and item.due_date and item.due_date < today
            )

    def _search_is_late(self, operator, value):
        today = fields.Date.context_today(self)
        late = [("state", "!=", "done"), ("due_date", "<", today)]
        if (operator == "=") == bool(value):
            return late
        return ["|", ("state", "=", "done"), "|", ("due_date", "=", False)] + [
            ("due_date", ">=", today)
        ]

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in WORK_STATES]

    # --- generation ----------

    @api.model
    def _biuro_checks_for(self, client, company, cache):
        """The steps of `client`'s checklist (`cache`: the steps of each office,
        searched once per office)."""
        if company not in cache:
            cache[company] = self.env["biuro.work.check"].search(
                [("company_id", "in", [False, company.id])]
            )
        return cache[company].filtered(lambda check: check._applies_to_client(client))

    @api.model
    def _biuro_generate(self, clients, month):
        """The work items of `clients` for `month`: the missing ones created with
        the checklist of each client's profile, steps added since then appended to
        unfinished ones. Idempotent. Returns the items of that month."""
        month = first_of_month(month)
        self.check_access("create")
        existing = self.search(
            [("partner_id", "in", clients.ids), ("month", "=", month)]
        )
        by_client = {item.partner_id: item for item in existing}
        to_create, new_lines, checks_of = [], [], {}
        for client in clients:
            item = by_client.get(client)
            company = item.company_id if item else self.env.company
            checks = self._biuro_checks_for(client, company, checks_of)
            if not item:
                to_create.append(
                    {
                        "partner_id": client.id,
                        "month": month,
                        "company_id": company.id,
                        "line_ids": [
                            fields.Command.create(
                                {"check_id": check.id, "sequence": check.sequence}
                            )
                            for check in checks
                        ],
                    }
                )
            elif item.state != "done":
                new_lines += [
                    {
                        "work_item_id": item.id,
                        "check_id": check.id,
                        "sequence": check.sequence,
                    }
                    for check in checks - item.line_ids.check_id
                ]
        self.env["biuro.work.item.line"].create(new_lines)
        items = existing | self.with_context(mail_create_nolog=True).create(to_create)
        items._biuro_refresh()
        return items

    @api.model
    def _cron_generate(self):
        """Monthly: the work items of this month for every active client. As a
        scheduled job, the clients without one go in batches (Odoo runs the job
        again at once while some remain)."""
        month = first_of_month(fields.Date.context_today(self))
        domain = [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        Partner = self.env["res.partner"]
        if not self.env.context.get("ir_cron_progress_id"):
            self._biuro_generate(Partner.search(domain), month)
            return True
        pending = Partner.search(
            domain + [("biuro_work_item_ids", "not any", [("month", "=", month)])]
        )
        batch = pending[:CRON_BATCH]
        self._biuro_generate(batch, month)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(pending) - len(batch)
        )
        return True

    def action_generate_this_month(self):
        """The button of the kanban: this month's items for the active clients."""
        return self._cron_generate()

    # --- automatic steps ----------

    def _biuro_refresh(self):
        """Due dates from the obligations of each item's month, and the automatic
        steps ticked (or unticked, when they were ticked automatically) as the
        month's obligations and document requests stand. A constant number of
        queries for any number of items."""
        if not self:
            return
        months = self.mapped("month")
        obligations = self.env["biuro.obligation"].search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("period_end", ">=", min(months)),
                ("period_end", "<", max(months) + relativedelta(months=1)),
                ("state", "!=", "cancelled"),
            ]
        )
        of_month = {}
        for obligation in obligations:
            key = (obligation.partner_id.id, first_of_month(obligation.period_end))
            of_month.setdefault(key, []).append(obligation)
        requests_done = self._biuro_requests_done()
        for item in self:
            month_obligations = of_month.get((item.partner_id.id, item.month), [])
            due = min((o.due_date for o in month_obligations), default=False)
            if due and item.due_date != due:
                item.due_date = due
            filed = bool(month_obligations) and all(
                o.state in CLOSED_OBLIGATION_STATES for o in month_obligations
            )
            status = {
                "obligations_filed": filed,
                "documents_received": requests_done.get(item.id, False),
            }
            for line in item.line_ids.filtered("auto_source"):
                wanted = status.get(line.auto_source, False)
                if wanted and not line.done:
                    line.write({"done": True, "done_auto": True})
                elif not wanted and line.done and line.done_auto:
                    line.write({"done": False, "done_auto": False})

    def _biuro_requests_done(self):
        """{item id: whether the client has document requests for the item's month
        and every one of them is complete}."""
        requests = self.env["biuro.document.request"].search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("period", "in", self.mapped("month")),
                ("state", "!=", "cancelled"),
            ]
        )
        states = {}
        for request in requests:
            key = (request.partner_id.id, request.period)
            states.setdefault(key, set()).add(request.state)
        return {
            item.id: states.get((item.partner_id.id, item.month)) == {"done"}
            for item in self
        }

    @api.model
    def _biuro_refresh_for(self, pairs):
        """Refresh the items of the (client id, month) `pairs`."""
        pairs = {(partner, first_of_month(month)) for partner, month in pairs if month}
        if not pairs:
            return
        items = self.search(
            [
                ("partner_id", "in", list({partner for partner, _m in pairs})),
                ("month", "in", list({month for _p, month in pairs})),
            ]
        )
        items.filtered(lambda i: (i.partner_id.id, i.month) in pairs)._biuro_refresh()
