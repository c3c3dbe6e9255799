from odoo import api, fields, models

LINE_STATES = [("missing", "Missing"), ("received", "Received")]


class BiuroDocumentRequestLine(models.Model):
    """One expected item of a request; the client uploads against it."""

    _name = "biuro.document.request.line"
    _description = "Expected document of a request"
    _order = "sequence, id"

    request_id = fields.Many2one(
        "biuro.document.request", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Expected document", required=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "biuro.document.category", string="Category", required=True
    )
    document_ids = fields.One2many(
        "biuro.document", "request_line_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_state", store=True)
    state = fields.Selection(
        LINE_STATES, compute="_compute_state", store=True, index=True
    )
    partner_id = fields.Many2one(related="request_id.partner_id", store=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True)

    @api.depends("document_ids", "document_ids.state")
    def _compute_state(self):
        for line in self:
            kept = line.document_ids.filtered(lambda d: d.state != "rejected")
            line.document_count = len(kept)
            line.state = "received" if kept else "missing"
