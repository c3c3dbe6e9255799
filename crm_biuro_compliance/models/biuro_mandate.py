from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import params

MANDATE_TYPES = [
    ("upl1", "UPL-1 (signing e-declarations)"),
    ("ppo1", "PPO-1 (general, tax matters)"),
    ("pps1", "PPS-1 (special, tax matters)"),
    ("zus_pel", "ZUS PEL"),
    ("ksef", "KSeF permission"),
    ("other", "Other"),
]
MANDATE_STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
    ("revoked", "Revoked"),
]
REVOCATION_FORMS = [
    ("opo1", "OPO-1"),
    ("ops1", "OPS-1"),
    ("upl1r", "UPL-1R"),
    ("pel_o", "PEL-O"),
    ("ksef", "Revoked in KSeF"),
    ("letter", "Letter"),
    ("other", "Other"),
]
LIVE = ("active", "expiring", "expired")


class BiuroMandate(models.Model):
    """A power of attorney a client gave to one of the office's people: UPL-1 to
    sign e-declarations, PPO-1/PPS-1 at the tax office, ZUS PEL, KSeF. The attorney
    is a natural person (an employee), never the office company."""

    _name = "biuro.mandate"
    _description = "Power of attorney"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "biuro.client.record.mixin",
        "biuro.workflow.mixin",
    ]
    _order = "partner_id, date_to, id"
    # activated and revoked by the buttons (revocation date and form checked), then
    # moved by the dates only
    _biuro_workflow_fields = {"state": "draft"}

    name = fields.Char(compute="_compute_name", store=True, string="Power of attorney")
    mandate_type = fields.Selection(
        MANDATE_TYPES, string="Type", required=True, default="upl1", tracking=True
    )
    attorney_id = fields.Many2one(
        "res.users",
        string="Attorney",
        required=True,
        domain=[("share", "=", False)],
        tracking=True,
        help="The office employee the power was given to (a natural person).",
    )
    scope = fields.Char(help="e.g. all declarations; VAT and JPK only; PUE ZUS.")
    date_from = fields.Date(
        string="Valid from", required=True, default=fields.Date.context_today
    )
    date_to = fields.Date(
        string="Valid until", tracking=True, help="Empty: until revoked."
    )
    state = fields.Selection(
        MANDATE_STATES,
        default="draft",
        required=True,
        tracking=True,
        index=True,
        readonly=True,
    )
    revocation_date = fields.Date(tracking=True)
    revocation_form = fields.Selection(REVOCATION_FORMS, tracking=True)
    file = fields.Binary(string="Signed file", attachment=True, copy=False)
    file_name = fields.Char()
    # computed rather than a One2many: the link field is an extension of
    # biuro.document, a model of crm_biuro; an inverse pointing into another
    # addon's extension breaks registries rebuilt without it (odoo-test-helper)
    document_ids = fields.Many2many(
        "biuro.document",
        string="Signed documents",
        compute="_compute_document_ids",
    )
    alert_sent_for = fields.Date(copy=False)

    @api.depends("mandate_type", "attorney_id", "partner_id")
    def _compute_name(self):
        labels = dict(self._fields["mandate_type"]._description_selection(self.env))
        for mandate in self:
            mandate.name = " – ".join(
                p
                for p in (
                    labels.get(mandate.mandate_type, "").split(" (")[0],
                    mandate.attorney_id.name,
                    mandate.partner_id.name,
                )
                if p
            )

    def _compute_document_ids(self):
        Document = self.env["biuro.document"]
        found = (
            Document.search([("biuro_mandate_id", "in", self.ids)])
            if self.ids
            else Document
        )
        for mandate in self:
            mandate.document_ids = found.filtered(
                lambda d, mandate=mandate: d.biuro_mandate_id == mandate
            )

    @api.constrains("date_from", "date_to", "revocation_date")
    def _check_dates(self):
        for mandate in self:
            if mandate.date_to and mandate.date_to < mandate.date_from:
                raise ValidationError(
                    _("%s ends before it starts.", mandate.display_name)
                )
            if mandate.revocation_date and mandate.revocation_date < mandate.date_from:
                raise ValidationError(
                    _("%s is revoked before it starts.", mandate.display_name)
                )

    def _biuro_timeline_label(self):
        return _("New power of attorney:")

    @api.model_create_multi
    def create(self, vals_list):
        mandates = super().create(vals_list)
        mandates._biuro_post_on_client_timeline()
        return mandates

    def _state_on(self, day):
        """The state the dates give on ``day`` (a draft stays a draft)."""
        self.ensure_one()
        if self.state in ("draft", "revoked"):
            return self.state
        if self.date_to and self.date_to < day:
            return "expired"
        notice = params.get_int(self.env, "alert_days")
        if self.date_to and (self.date_to - day).days <= notice:
            return "expiring"
        return "active"

    def _refresh_state(self):
        today = fields.Date.context_today(self)
        for mandate in self:
            state = mandate._state_on(today)
            if state != mandate.state:
                mandate._biuro_workflow_write({"state": state})

    def action_activate(self):
        for mandate in self:
            if mandate.state != "draft":
                raise UserError(_("Only a draft power of attorney can be activated."))
        self._biuro_workflow_write({"state": "active"})
        self._refresh_state()
        return True

    def action_revoke(self):
        for mandate in self:
            if mandate.state not in LIVE:
                raise UserError(
                    _("%s is not in force: nothing to revoke.", mandate.display_name)
                )
            if not (mandate.revocation_date and mandate.revocation_form):
                raise UserError(
                    _(
                        "Give the revocation date and form of %s first.",
                        mandate.display_name,
                    )
                )
        self._biuro_workflow_write({"state": "revoked"})
        return True

    @api.model
    def _cron_mandate_alerts(self):
        """Move powers of attorney to expiring/expired and give the client's
        accountant an activity on the client N days before the end (once per end
        date)."""
        mandates = self.search([("state", "in", LIVE)])
        mandates._refresh_state()
        activity_type = self.env.ref(
            "crm_biuro_compliance.mail_activity_type_compliance"
        )
        for mandate in mandates.filtered(
            lambda m: (
                m.state in ("expiring", "expired") and m.alert_sent_for != m.date_to
            )
        ):
            user = mandate.partner_id.biuro_accountant_id or mandate.attorney_id
            # on the client: the accountant sees it on the client's dashboard
            mandate.partner_id.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=mandate.date_to,
                summary=_(
                    "%(mandate)s ends on %(date)s",
                    mandate=mandate.display_name,
                    date=mandate.date_to,
                ),
                user_id=user.id,
            )
            mandate.alert_sent_for = mandate.date_to
        return True

    def _in_force_on(self, day):
        self.ensure_one()
        if self.state == "draft" or self.date_from > day:
            return False
        if self.date_to and self.date_to < day:
            return False
        return not (self.revocation_date and self.revocation_date <= day)
