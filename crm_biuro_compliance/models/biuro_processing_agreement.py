from odoo import _, api, fields, models

from . import params


class BiuroProcessingAgreement(models.Model):
    """The data processing agreement (umowa powierzenia, art. 28 GDPR) with a
    client: the office processes the personal data in the client's documents
    (its employees, its counterparties) on the client's behalf."""

    _name = "biuro.processing.agreement"
    _description = "Data processing agreement"
    _inherit = ["mail.thread", "biuro.client.record.mixin"]
    _order = "partner_id, date_signed desc, id desc"

    date_signed = fields.Date(
        string="Signed on", required=True, default=fields.Date.context_today
    )
    version = fields.Char(required=True, tracking=True)
    data_scope = fields.Text(
        string="Personal data entrusted",
        help="e.g. employees' payroll data, counterparties in invoices.",
    )
    file = fields.Binary(string="Signed file", attachment=True, copy=False)
    file_name = fields.Char()
    is_current = fields.Boolean(
        string="Current version",
        compute="_compute_is_current",
        help="Signed in the version of the agreement the office uses now "
        "(Settings → Accounting office).",
    )

    @api.depends("version")
    def _compute_is_current(self):
        current = params.agreement_version(self.env)
        for agreement in self:
            agreement.is_current = not current or agreement.version == current

    @api.depends("partner_id", "version")
    def _compute_display_name(self):
        for agreement in self:
            agreement.display_name = _(
                "Processing agreement %(version)s: %(client)s",
                version=agreement.version or "",
                client=agreement.partner_id.display_name or "",
            )

    def _biuro_timeline_label(self):
        return _("Processing agreement:")

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements._biuro_post_on_client_timeline()
        return agreements
