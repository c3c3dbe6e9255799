from odoo import api, fields, models


class BiuroDocument(models.Model):
    """A document uploaded against an item of a document request."""

    _inherit = "biuro.document"

    request_id = fields.Many2one(
        "biuro.document.request",
        string="Request",
        index=True,
        ondelete="set null",
        tracking=True,
    )
    request_line_id = fields.Many2one(
        "biuro.document.request.line",
        string="Requested item",
        index=True,
        ondelete="set null",
        domain="[('request_id', '=', request_id)]",
    )

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents._biuro_requests_check_complete()
        return documents

    def write(self, vals):
        result = super().write(vals)
        if {"state", "request_line_id"} & set(vals):
            self._biuro_requests_check_complete()
        return result

    def _biuro_requests_check_complete(self):
        requests = self.request_line_id.request_id | self.request_id
        if requests:
            # sudo: the caller created or changed these documents (a portal upload
            # included, checked by its route); their requests may now be complete
            requests.sudo()._biuro_check_complete()
