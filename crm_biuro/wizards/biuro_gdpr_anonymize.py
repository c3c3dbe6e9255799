from odoo import _, api, fields, models
from odoo.exceptions import UserError

PREVIEW_FIELDS = frozenset(
    {"state", "message_count", "field_count", "record_count", "attachment_count"}
)


class BiuroGdprAnonymize(models.TransientModel):
    """Confirmation before the irreversible GDPR anonymisation ("Anonimizuj"): a dry
    run first shows how much would change, then the manager confirms."""

    _name = "biuro.gdpr.anonymize"
    _description = "Anonymise a client or a person"

    partner_id = fields.Many2one(
        "res.partner", string="Client or person", required=True
    )
    contact_count = fields.Integer(
        string="Contacts anonymised with it", compute="_compute_contact_count"
    )
    state = fields.Selection(
        [("draft", "Not previewed yet"), ("preview", "Previewed")],
        string="Step",
        default="draft",
        required=True,
        readonly=True,
    )
    message_count = fields.Integer(string="Messages to redact", readonly=True)
    field_count = fields.Integer(string="Fields cleared", readonly=True)
    record_count = fields.Integer(string="Records touched", readonly=True)
    attachment_count = fields.Integer(string="Files deleted", readonly=True)
    confirm = fields.Boolean(
        string="I understand that this cannot be undone",
        help="Names, e-mails, phones, addresses, PESEL, notes, the person's own files, "
        "bank accounts and e-mail routing of the partner and its contacts are erased "
        "and the client becomes inactive; in messages only the personal data is "
        "replaced by a marker. Invoices, documents and the files on a client's "
        "timeline (accounting records) stay, and so do the registry verifications and "
        "beneficial owners, kept 5 years under the anti-money laundering act (AML).",
    )

    @api.model
    def default_get(self, fields_list):
        self.env["res.partner"]._biuro_check_gdpr_manager()
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_id"):
            values["partner_id"] = context["active_id"]
        return values

    @api.depends("partner_id")
    def _compute_contact_count(self):
        for wizard in self:
            scope = wizard.partner_id._biuro_gdpr_scope() if wizard.partner_id else []
            wizard.contact_count = max(len(scope) - 1, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_no_preview_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_no_preview_values(vals)
        # a preview is of one partner: another partner needs its own preview
        if "partner_id" in vals:
            vals = dict(vals, state="draft", confirm=False)
        return super().write(vals)

    @api.model
    def _check_no_preview_values(self, vals):
        """The preview's step and counts are the dry run's (action_preview), never
        a caller's: written by hand over RPC they would skip the preview."""
        if PREVIEW_FIELDS & set(vals):
            raise UserError(_("Only the preview fills in its step and counts."))

    def action_preview(self):
        """The dry run: counts what the anonymisation would change, writes nothing
        but these counts on the wizard."""
        self.env["res.partner"]._biuro_check_gdpr_manager()
        self.ensure_one()
        counts = self.partner_id._biuro_anonymize_preview()
        # past this model's write, which refuses these values from callers
        super().write(dict(counts, state="preview", confirm=False))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "name": _("Anonymisation preview"),
        }

    def action_anonymize(self):
        self.env["res.partner"]._biuro_check_gdpr_manager()
        self.ensure_one()
        if self.state != "preview":
            raise UserError(
                _("Preview what the anonymisation changes before confirming it.")
            )
        if not self.confirm:
            raise UserError(
                _("Confirm that you understand the anonymisation is final.")
            )
        self.partner_id._biuro_anonymize()
        return {"type": "ir.actions.act_window_close"}
