from odoo import _, api, fields, models

from .biuro_month_mixin import first_of_month


class BiuroDocument(models.Model):
    """A document of a client for a month: an invoice batch, a bank statement, a
    letter from the tax office…"""

    _name = "biuro.document"
    _description = "Client document"
    _inherit = ["mail.thread", "biuro.client.record.mixin", "biuro.month.mixin"]
    _biuro_month_field = "period"
    _order = "period desc, id desc"

    name = fields.Char(required=True, tracking=True)
    category_id = fields.Many2one(
        "biuro.document.category", string="Category", tracking=True, index=True
    )
    period = fields.Date(
        required=True,
        default=lambda self: first_of_month(fields.Date.context_today(self)),
        help="The month the document belongs to (stored as its first day).",
    )
    attachment_id = fields.Many2one("ir.attachment", string="Attachment", copy=False)
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    state = fields.Selection(
        [("new", "New"), ("processed", "Processed"), ("rejected", "Rejected")],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    uploaded_by = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    portal_visible = fields.Boolean(
        string="Visible in the portal",
        default=True,
        help="The client's portal users see this document.",
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._biuro_post_on_client_timeline()
        return documents

    def _biuro_timeline_label(self):
        return _("New document:")

    def action_processed(self):
        self.write({"state": "processed"})
        return True

    def action_rejected(self):
        self.write({"state": "rejected"})
        return True
