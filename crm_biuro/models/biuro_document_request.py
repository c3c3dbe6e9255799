from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .biuro_client_record_mixin import office_env
from .biuro_month_mixin import first_of_month

REMIND_BEFORE_PARAM = "crm_biuro.document_request_remind_before_days"
REMIND_AFTER_PARAM = "crm_biuro.document_request_remind_after_days"
DEFAULT_REMIND_BEFORE = 3
DEFAULT_REMIND_AFTER = 3
# standing requests per run of the scheduled job
CRON_BATCH = 200
REQUEST_STATES = [
    ("draft", "Draft"),
    ("open", "Sent"),
    ("done", "Complete"),
    ("cancelled", "Cancelled"),
]


class BiuroDocumentRequest(models.Model):
    """The office asks a client for the documents of a period: a list of expected
    items, a due date, a message. The client uploads against each item in the
    portal; e-mail reminders go out before and after the due date."""

    _name = "biuro.document.request"
    _description = "Document request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "biuro.client.record.mixin",
        "biuro.month.mixin",
    ]
    _biuro_month_field = "period"
    _order = "due_date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    period = fields.Date(
        required=True,
        index=True,
        default=lambda self: first_of_month(
            fields.Date.context_today(self) - relativedelta(months=1)
        ),
        help="The month the documents belong to (stored as its first day).",
    )
    due_date = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=7),
    )
    note = fields.Text(string="Message to the client", help="Shown in the portal.")
    state = fields.Selection(
        REQUEST_STATES, default="draft", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Accountant",
        index=True,
        domain=[("share", "=", False)],
        tracking=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many(
        "biuro.document.request.line",
        "request_id",
        string="Expected documents",
        copy=True,
    )
    document_ids = fields.One2many("biuro.document", "request_id", string="Documents")
    missing_count = fields.Integer(
        string="Missing", compute="_compute_missing_count", store=True
    )
    template_id = fields.Many2one(
        "biuro.document.request.template", index=True, readonly=True, copy=False
    )
    # what makes a request unique for a client and month: its standing template,
    # or for a request made by hand the request itself (the partner merge uses it)
    merge_key = fields.Char(compute="_compute_merge_key")
    reminder_before_date = fields.Date(
        string="Reminded before the due date", readonly=True, copy=False
    )
    reminder_after_date = fields.Date(
        string="Last reminder after the due date", readonly=True, copy=False
    )

    # A client gets one standing request a month per template (the monthly job
    # relies on it); requests made by hand have no template and are not limited.
    _sql_constraints = [
        (
            "standing_uniq",
            (
                "EXCLUDE (partner_id WITH =, period WITH =, template_id WITH =) "
                "WHERE (template_id IS NOT NULL)"
            ),
            "This client already has this month's standing request.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        for request in self:
            if not request.user_id:
                request.user_id = request.partner_id.biuro_accountant_id

    @api.depends("template_id")
    def _compute_merge_key(self):
        for request in self:
            request.merge_key = (
                f"template-{request.template_id.id}"
                if request.template_id
                else f"request-{request.id}"
            )

    @api.depends("line_ids.state")
    def _compute_missing_count(self):
        for request in self:
            request.missing_count = len(
                request.line_ids.filtered(lambda line: line.state == "missing")
            )

    def _biuro_timeline_label(self):
        return self.env._("New document request:")

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._biuro_post_on_client_timeline()
        return requests

    def write(self, vals):
        result = super().write(vals)
        if {"state", "period", "partner_id"} & set(vals):
            self._biuro_refresh_work_items()
        return result

    def _biuro_refresh_work_items(self):
        # sudo: the caller changed these requests; the "documents received" step
        # of the client's work item of that month follows
        self.env["biuro.work.item"].sudo()._biuro_refresh_for(
            {(request.partner_id.id, request.period) for request in self}
        )

    # --- lifecycle ----------

    def action_send(self):
        """Open the request to the client, who is told by e-mail."""
        for request in self:
            if request.state != "draft":
                continue
            if not request.line_ids:
                raise UserError(
                    self.env._(
                        "Add at least one expected document to %(request)s.",
                        request=request.display_name,
                    )
                )
            request.state = "open"
            request._biuro_notify_client("new")
        return True

    def action_done(self):
        self.filtered(lambda r: r.state in ("draft", "open")).state = "done"
        return True

    def action_cancel(self):
        self.filtered(lambda r: r.state != "cancelled").state = "cancelled"
        return True

    def action_reopen(self):
        self.filtered(lambda r: r.state in ("done", "cancelled")).state = "open"
        return True

    def _biuro_check_complete(self):
        """An open request whose every expected item was received is complete."""
        self.filtered(
            lambda r: r.state == "open" and r.line_ids and not r.missing_count
        ).write({"state": "done"})

    # --- e-mails to the client ----------

    def _biuro_request_recipients(self):
        """Who at the client gets the request's e-mails: the client company's
        address (the portal addon adds the owners and accountants of its portal)."""
        self.ensure_one()
        return self.partner_id.filtered("email")

    def _biuro_notify_client(self, kind):
        """One e-mail to the client's people about this request: `kind` is "new",
        "before" (due soon) or "after" (overdue). Written in the client's language,
        posted on the request's thread (the office's timeline of it)."""
        self.ensure_one()
        partners = self._biuro_request_recipients()
        lang = self.partner_id.lang or office_env(self.env).lang
        request = self.with_context(lang=lang) if lang else self
        env = request.env
        due = self.due_date.strftime("%d.%m.%Y")
        subjects = {
            "new": env._("We ask for documents: %(request)s", request=self.name),
            "before": env._(
                "Reminder: documents due on %(date)s (%(request)s)",
                date=due,
                request=self.name,
            ),
            "after": env._(
                "Documents overdue since %(date)s (%(request)s)",
                date=due,
                request=self.name,
            ),
        }
        intro = {
            "new": env._(
                "The accounting office asks for the documents below by %(date)s.",
                date=due,
            ),
            "before": env._(
                "A reminder: the documents below are due on %(date)s.", date=due
            ),
            "after": env._(
                "The documents below were due on %(date)s and have not arrived yet.",
                date=due,
            ),
        }
        missing = self.line_ids.filtered(lambda line: line.state == "missing")
        body = Markup("<p>%s</p>") % intro[kind]
        if missing:
            body += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % line.name for line in missing
            )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        body += Markup("<p>%s</p>") % env._("You can send them in the client portal.")
        # sudo: the job (or the office user who sends the request) notifies the
        # client's own people of their request; nothing of it is returned
        request.sudo().message_post(
            subject=subjects[kind],
            body=body,
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )

    @api.model
    def _biuro_param_days(self, key, default):
        # sudo: reads one setting of the office (a number of days), set by admins
        raw = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return max(int(raw), 0) if raw not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _cron_reminders(self):
        """Daily: open requests due within N days get one reminder; overdue ones
        one every M days after the due date (system parameters)."""
        today = fields.Date.context_today(self)
        before = self._biuro_param_days(REMIND_BEFORE_PARAM, DEFAULT_REMIND_BEFORE)
        after = self._biuro_param_days(REMIND_AFTER_PARAM, DEFAULT_REMIND_AFTER)
        soon = self.search(
            [
                ("state", "=", "open"),
                ("reminder_before_date", "=", False),
                ("due_date", ">=", today),
                ("due_date", "<=", today + timedelta(days=before)),
            ]
        )
        for request in soon:
            request._biuro_notify_client("before")
            request.reminder_before_date = today
        if after:
            overdue = self.search(
                [
                    ("state", "=", "open"),
                    ("due_date", "<=", today - timedelta(days=after)),
                ]
            ).filtered(
                lambda r: (
                    not r.reminder_after_date
                    or r.reminder_after_date <= today - timedelta(days=after)
                )
            )
            for request in overdue:
                request._biuro_notify_client("after")
                request.reminder_after_date = today
        return True

    # --- the monthly standing request ----------

    @api.model
    def _cron_standing_requests(self):
        """Monthly: each active client's request for the documents of the month
        before, from every standing template of its office, sent at once.
        Idempotent: a client that already has it gets nothing new. Returns the
        number of requests made."""
        today = fields.Date.context_today(self)
        period = first_of_month(today) - relativedelta(months=1)
        templates = self.env["biuro.document.request.template"].search(
            [("standing", "=", True)]
        )
        clients = self.env["res.partner"].search(
            [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        )
        existing = {
            (r.partner_id.id, r.template_id.id)
            for r in self.search(
                [("period", "=", period), ("template_id", "in", templates.ids)]
            )
        }
        vals_list = []
        for template in templates:
            company = template.company_id
            for client in clients:
                if (client.id, template.id) in existing or (
                    company and client.company_id and client.company_id != company
                ):
                    continue
                vals_list.append(template._biuro_request_vals(client, period))
        if self.env.context.get("ir_cron_progress_id"):
            # as a scheduled job, in batches: Odoo runs it again while some remain
            vals_list, rest = vals_list[:CRON_BATCH], vals_list[CRON_BATCH:]
            self.env["ir.cron"]._notify_progress(
                done=len(vals_list), remaining=len(rest)
            )
        requests = self.create(vals_list)
        requests.action_send()
        return len(requests)
