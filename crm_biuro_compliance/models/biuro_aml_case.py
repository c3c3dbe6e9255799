from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.crm_biuro_verify.models import trust

from ..services.crbr_comparison import compare_case
from . import params

RISK_LEVELS = [("low", "Low"), ("standard", "Standard"), ("high", "High")]
RISK_RANK = {"low": 0, "standard": 1, "high": 2}
MEASURES = [
    ("simplified", "Simplified"),
    ("standard", "Standard"),
    ("enhanced", "Enhanced"),
]
MEASURES_BY_RISK = {"low": "simplified", "standard": "standard", "high": "enhanced"}
CASE_STATES = [
    ("draft", "Draft"),
    ("in_review", "In review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
AUTHORITY_SOURCES = [
    ("register", "Public register (KRS, CEIDG)"),
    ("power_of_attorney", "Power of attorney"),
    ("resolution", "Resolution or appointment"),
    ("other", "Other"),
]
COMPARISON_STATES = [
    ("not_compared", "Not compared"),
    ("match", "Matches CRBR"),
    ("discrepancy", "Discrepancy"),
]
RISK_FACTORS = ("risk_client", "risk_service", "risk_channel", "risk_geography")


class BiuroAmlCase(models.Model):
    """The office's AML/KYC file on one client (art. 33-37, 43, 46 of the AML act):
    the risk assessment, the measures applied, the people identified, the UBOs
    compared with CRBR (art. 61a) and the approval. One open case per client."""

    _name = "biuro.aml.case"
    _description = "AML case"
    _inherit = ["mail.thread", "mail.activity.mixin", "biuro.workflow.mixin"]
    _order = "next_review_date, id"
    # set by the buttons (approval checks) and the CRBR comparison only
    _biuro_workflow_fields = {
        "state": "draft",
        "approver_id": False,
        "approval_date": False,
        "last_review_date": False,
        "ubo_comparison_state": "not_compared",
        "crbr_compared_on": False,
        "crbr_signature": False,
    }
    _rec_names_search = ["partner_id"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        # AML records are kept for years after the relationship: never cascade
        ondelete="restrict",
        domain=[("biuro_client", "=", True), ("parent_id", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="AML officer",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Who prepares the case; reminders about it go to this person.",
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        CASE_STATES, default="draft", required=True, tracking=True, index=True
    )
    risk_client = fields.Selection(
        RISK_LEVELS, string="Client risk", default="standard", required=True
    )
    risk_client_reason = fields.Char(string="Why (client)")
    risk_service = fields.Selection(
        RISK_LEVELS, string="Service risk", default="standard", required=True
    )
    risk_service_reason = fields.Char(string="Why (service)")
    risk_channel = fields.Selection(
        RISK_LEVELS, string="Channel risk", default="standard", required=True
    )
    risk_channel_reason = fields.Char(string="Why (channel)")
    risk_geography = fields.Selection(
        RISK_LEVELS, string="Geographic risk", default="standard", required=True
    )
    risk_geography_reason = fields.Char(string="Why (geography)")
    risk_level = fields.Selection(
        RISK_LEVELS,
        string="Risk level",
        compute="_compute_risk_level",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        help="The highest of the four factors unless the AML officer decides "
        "otherwise (say why in the chatter).",
    )
    measures = fields.Selection(
        MEASURES,
        string="Due diligence measures",
        compute="_compute_measures",
        store=True,
        readonly=False,
        tracking=True,
    )
    relationship_purpose = fields.Text(string="Purpose of the relationship")
    relationship_nature = fields.Text(string="Nature of the relationship")
    source_of_funds = fields.Text(
        help="Required under enhanced measures and whenever it is justified."
    )
    authority_source = fields.Selection(
        AUTHORITY_SOURCES,
        string="Authority verified through",
        help="How the authority of the person acting for the client was verified.",
    )
    authority_note = fields.Char(string="Authority details")
    person_ids = fields.One2many("biuro.aml.person", "case_id", string="People")
    pep = fields.Boolean(
        string="PEP involved",
        compute="_compute_pep",
        store=True,
        help="One of the client's people is a politically exposed person.",
    )
    approver_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False, tracking=True
    )
    approval_date = fields.Date(readonly=True, copy=False, tracking=True)
    last_review_date = fields.Date(readonly=True, copy=False)
    next_review_date = fields.Date(
        compute="_compute_next_review_date",
        store=True,
        index=True,
        help="The last review plus the review period of the risk level "
        "(Settings → Accounting office).",
    )
    review_alert_sent_for = fields.Date(copy=False)
    discrepancy_ids = fields.One2many(
        "biuro.aml.discrepancy", "case_id", string="Discrepancies with CRBR"
    )
    open_discrepancy_count = fields.Integer(
        compute="_compute_open_discrepancy_count", store=True
    )
    crbr_owner_ids = fields.Many2many(
        "biuro.beneficial.owner",
        string="Owners in CRBR",
        compute="_compute_crbr_owner_ids",
        help="As read by the last registry check (crm_biuro_verify).",
    )
    ubo_comparison_state = fields.Selection(
        COMPARISON_STATES,
        string="UBOs vs. CRBR",
        default="not_compared",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    crbr_compared_on = fields.Datetime(readonly=True, copy=False)
    crbr_signature = fields.Char(
        readonly=True, copy=False, help="The CRBR owners at the last comparison."
    )
    relationship_end_date = fields.Date(
        compute="_compute_relationship_end_date",
        store=True,
        readonly=False,
        help="The end of the last contract once no contract runs any more; "
        "the retention period counts from it.",
    )
    retention_until = fields.Date(
        string="Keep until",
        compute="_compute_retention_until",
        store=True,
        index=True,
        help="The case is kept this long after the relationship ended "
        "(art. 49 of the AML act), then listed for deletion.",
    )

    @api.depends(*RISK_FACTORS)
    def _compute_risk_level(self):
        for case in self:
            levels = [case[f] or "standard" for f in RISK_FACTORS]
            case.risk_level = max(levels, key=RISK_RANK.__getitem__)

    @api.depends("risk_level")
    def _compute_measures(self):
        for case in self:
            case.measures = MEASURES_BY_RISK[case.risk_level or "standard"]

    @api.depends("person_ids.pep")
    def _compute_pep(self):
        for case in self:
            case.pep = any(case.person_ids.mapped("pep"))

    @api.depends("risk_level", "last_review_date")
    def _compute_next_review_date(self):
        for case in self:
            if not case.last_review_date:
                case.next_review_date = False
                continue
            months = params.get_int(
                self.env, f"review_months_{case.risk_level or 'standard'}"
            )
            case.next_review_date = case.last_review_date + relativedelta(months=months)

    @api.depends("partner_id.biuro_beneficial_owner_ids")
    def _compute_crbr_owner_ids(self):
        for case in self:
            case.crbr_owner_ids = case.partner_id.biuro_beneficial_owner_ids.filtered(
                lambda o: o.source == "crbr"
            )

    @api.depends("discrepancy_ids.state", "discrepancy_ids.active")
    def _compute_open_discrepancy_count(self):
        for case in self:
            case.open_discrepancy_count = len(
                case.discrepancy_ids.filtered(lambda d: d.state == "open")
            )

    @api.depends(
        "partner_id.biuro_contract_ids.state", "partner_id.biuro_contract_ids.date_end"
    )
    def _compute_relationship_end_date(self):
        for case in self:
            # sudo: contracts are read to date the end of the relationship only
            contracts = case.partner_id.sudo().biuro_contract_ids.filtered(
                lambda c, case=case: c.company_id == case.company_id
            )
            running = contracts.filtered(lambda c: c.state in ("draft", "active"))
            ends = [c.date_end for c in contracts if c.date_end]
            if contracts and not running and ends:
                case.relationship_end_date = max(ends)
            else:
                case.relationship_end_date = False

    @api.depends("relationship_end_date")
    def _compute_retention_until(self):
        years = params.get_int(self.env, "retention_years")
        for case in self:
            end = case.relationship_end_date
            case.retention_until = end + relativedelta(years=years) if end else False

    @api.depends("partner_id")
    def _compute_display_name(self):
        for case in self:
            case.display_name = _("AML case: %s", case.partner_id.display_name or "")

    def _check_one_open_case(self, rows, force=False):
        """``rows``: [(partner_id, company_id, excluded case ids)] of the cases
        about to be open. Checked before writing, so that the message below is
        what the user reads, not the database index's."""
        for partner_id, company_id, exclude in rows:
            others = self.with_context(active_test=True).search_count(
                [
                    ("id", "not in", exclude),
                    ("partner_id", "=", partner_id),
                    ("company_id", "=", company_id),
                    ("state", "!=", "rejected"),
                ]
            )
            if others or force:
                raise ValidationError(
                    _(
                        "%(client)s already has an open AML case: review that one "
                        "instead of opening another.",
                        client=self.env["res.partner"].browse(partner_id).display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rows = []
        seen = set()
        for vals in vals_list:
            if vals.get("state", "draft") == "rejected" or not vals.get("active", True):
                continue
            key = (
                vals.get("partner_id"),
                vals.get("company_id") or self.env.company.id,
            )
            if key in seen:
                # two open cases of one client in the same call
                self._check_one_open_case([(key[0], key[1], [])], force=True)
            seen.add(key)
            rows.append((key[0], key[1], []))
        self._check_one_open_case(rows)
        return super().create(vals_list)

    def write(self, vals):
        if {"partner_id", "company_id", "state", "active"} & set(vals):
            rows = []
            for case in self:
                state = vals.get("state", case.state)
                active = vals.get("active", case.active)
                if state == "rejected" or not active:
                    continue
                rows.append(
                    (
                        vals.get("partner_id", case.partner_id.id),
                        vals.get("company_id", case.company_id.id),
                        self.ids,
                    )
                )
            self._check_one_open_case(rows)
        return super().write(vals)

    def init(self):
        # the same rule at the database level, for concurrent transactions
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS biuro_aml_case_one_open
               ON biuro_aml_case (partner_id, company_id)
               WHERE active AND state != 'rejected'"""
        )

    # ------------------------------------------------------------------ actions
    def action_submit(self):
        for case in self:
            if case.state != "draft":
                raise UserError(_("Only a draft case can be submitted for review."))
        self._biuro_workflow_write({"state": "in_review"})
        return True

    def action_approve(self):
        today = fields.Date.context_today(self)
        for case in self:
            case._check_ready_for_approval()
            case._biuro_workflow_write(
                {
                    "state": "approved",
                    "approver_id": self.env.user.id,
                    "approval_date": today,
                    "last_review_date": today,
                    "review_alert_sent_for": False,
                }
            )
        return True

    def _check_ready_for_approval(self):
        self.ensure_one()
        problems = []
        if self.state != "in_review":
            problems.append(_("the case is not in review"))
        if not self.relationship_purpose:
            problems.append(_("the purpose of the relationship is missing"))
        if not self.person_ids:
            problems.append(_("nobody is identified"))
        if self.measures == "enhanced" and not self.source_of_funds:
            problems.append(_("enhanced measures need the source of funds"))
        if self.open_discrepancy_count:
            problems.append(
                _("%s discrepancies with CRBR are open", self.open_discrepancy_count)
            )
        if problems:
            raise UserError(
                _(
                    "%(case)s cannot be approved: %(problems)s.",
                    case=self.display_name,
                    problems="; ".join(problems),
                )
            )

    def action_reject(self):
        for case in self:
            if case.state not in ("draft", "in_review"):
                raise UserError(_("Only a case being prepared can be rejected."))
        self._biuro_workflow_write({"state": "rejected"})
        return True

    def action_start_review(self):
        """A periodic or event-driven review: the approved case goes back to
        review; it is approved again at its end (which sets the next review)."""
        for case in self:
            if case.state != "approved":
                raise UserError(_("Only an approved case can be reviewed."))
        self._biuro_workflow_write({"state": "in_review"})
        return True

    def action_compare_crbr(self):
        self.check_access("write")
        # the comparison writes its findings (trusted), on cases the caller may write
        with trust.trusted():
            for case in self:
                compare_case(case)
        return True

    # -------------------------------------------------------------- scheduled
    @api.model
    def _cron_review_alerts(self):
        """An activity for the AML officer when a review falls due within the
        notice period (once per review date)."""
        today = fields.Date.context_today(self)
        horizon = today + relativedelta(days=params.get_int(self.env, "alert_days"))
        cases = self.search(
            [
                ("state", "=", "approved"),
                ("next_review_date", "<=", horizon),
            ]
        ).filtered(lambda c: c.review_alert_sent_for != c.next_review_date)
        activity_type = self.env.ref(
            "crm_biuro_compliance.mail_activity_type_compliance"
        )
        for case in cases:
            case.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=min(case.next_review_date, horizon),
                summary=_("AML review due on %s", case.next_review_date),
                user_id=(case.user_id or case.approver_id or self.env.user).id,
            )
            case.review_alert_sent_for = case.next_review_date
        return True
