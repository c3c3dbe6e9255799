from datetime import timedelta

from odoo import _, api, fields, models

# Statutory clocks (domain-pl.md §5.10):
# - kontrola podatkowa: starts no earlier than 7 and no later than 30 days after the
#   notice (Prawo przedsiębiorców art. 48, Ordynacja podatkowa art. 282b);
# - KCS: declarations may be corrected within 14 days of the authorisation
#   (ustawa o KAS art. 62 ust. 4);
# - ZUS: objections to the protocol within 14 days of receiving it (ustawa o sus
#   art. 89).
EARLIEST_START_DAYS = 7
LATEST_START_DAYS = 30
KCS_CORRECTION_DAYS = 14
ZUS_OBJECTION_DAYS = 14
REMINDER_DAYS_PARAM = "crm_biuro.inspection_reminder_days"


class BiuroTaxInspection(models.Model):
    _name = "biuro.tax.inspection"
    _description = "Tax or ZUS inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "biuro.client.record.mixin",
    ]
    _order = "notice_date desc, id desc"
    _rec_name = "display_name"

    inspection_type = fields.Selection(
        [
            ("vat", "VAT"),
            ("pit", "PIT"),
            ("cit", "CIT"),
            ("zus", "ZUS"),
            ("kcs", "Customs and fiscal (KCS)"),
            ("other", "Other"),
        ],
        string="Subject",
        required=True,
        default="vat",
        tracking=True,
    )
    procedure = fields.Selection(
        [
            ("kontrola_podatkowa", "Tax inspection"),
            ("czynnosci_sprawdzajace", "Verification activities"),
            ("kontrola_celno_skarbowa", "Customs and fiscal inspection"),
            ("kontrola_zus", "ZUS inspection"),
        ],
        required=True,
        default="kontrola_podatkowa",
        tracking=True,
    )
    authority = fields.Char(help="e.g. Naczelnik Urzędu Skarbowego Kraków-Śródmieście")
    notice_date = fields.Date(
        string="Notice or authorisation date",
        tracking=True,
        help="Date the notice of the inspection (or, for KCS, the authorisation) was "
        "delivered: the statutory clocks run from it.",
    )
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    period_from = fields.Date(string="Period from")
    period_to = fields.Date(string="Period to")
    protocol_date = fields.Date(
        string="Protocol or result date",
        tracking=True,
        help="Date the protocol (or the result of the inspection) was delivered.",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In progress"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    result = fields.Html()
    amount = fields.Monetary(string="Amount assessed", aggregator="sum")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    earliest_start_date = fields.Date(compute="_compute_clocks", store=True)
    latest_start_date = fields.Date(compute="_compute_clocks", store=True)
    correction_deadline = fields.Date(
        string="Correction deadline (KCS)", compute="_compute_clocks", store=True
    )
    objection_deadline = fields.Date(
        string="Objection deadline (ZUS)", compute="_compute_clocks", store=True
    )

    @api.depends("partner_id", "procedure", "notice_date")
    def _compute_display_name(self):
        procedures = dict(self._fields["procedure"]._description_selection(self.env))
        for inspection in self:
            inspection.display_name = " – ".join(
                filter(
                    None,
                    [
                        procedures.get(inspection.procedure),
                        inspection.partner_id.name,
                        inspection.notice_date and str(inspection.notice_date),
                    ],
                )
            )

    @api.depends("procedure", "notice_date", "protocol_date")
    def _compute_clocks(self):
        for inspection in self:
            notice = inspection.notice_date
            procedure = inspection.procedure
            with_notice = procedure in ("kontrola_podatkowa", "kontrola_zus")
            inspection.earliest_start_date = (
                notice + timedelta(days=EARLIEST_START_DAYS)
                if notice and with_notice
                else False
            )
            inspection.latest_start_date = (
                notice + timedelta(days=LATEST_START_DAYS)
                if notice and with_notice
                else False
            )
            inspection.correction_deadline = (
                notice + timedelta(days=KCS_CORRECTION_DAYS)
                if notice and procedure == "kontrola_celno_skarbowa"
                else False
            )
            inspection.objection_deadline = (
                inspection.protocol_date + timedelta(days=ZUS_OBJECTION_DAYS)
                if inspection.protocol_date and procedure == "kontrola_zus"
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        inspections._biuro_post_on_client_timeline()
        return inspections

    def _biuro_timeline_label(self):
        return _("New inspection:")

    def _deadlines(self):
        """(field name, label) of the clocks that call for the accountant's action."""
        return [
            ("earliest_start_date", _("Inspection may start from")),
            ("latest_start_date", _("Inspection must start by")),
            ("correction_deadline", _("Last day to correct declarations (KCS)")),
            ("objection_deadline", _("Last day to object to the ZUS protocol")),
        ]

    @api.model
    def _cron_biuro_inspection_deadlines(self, today=None):
        """Daily: an activity for the client's accountant N days before each clock,
        once per clock and date (rerunning creates nothing new)."""
        today = today or fields.Date.context_today(self)
        days = int(
            # sudo: reads one setting of the office (a number of days), set by admins
            self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 3)
        )
        horizon = today + timedelta(days=days)
        open_inspections = self.search([("state", "in", ("planned", "in_progress"))])
        for inspection in open_inspections:
            for field_name, label in inspection._deadlines():
                deadline = inspection[field_name]
                if not deadline or not today <= deadline <= horizon:
                    continue
                summary = f"{label}: {deadline}"
                if inspection.activity_ids.filtered(
                    lambda a, s=summary: a.summary == s
                ):
                    continue
                user = (
                    inspection.partner_id.biuro_accountant_id
                    or inspection.user_id
                    or self.env.user
                )
                inspection.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=deadline,
                    summary=summary,
                    user_id=user.id,
                )
