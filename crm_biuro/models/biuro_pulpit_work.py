from odoo import _, api, fields, models


class BiuroPulpit(models.AbstractModel):
    """The Pulpit's tiles of the monthly work and the document requests."""

    _inherit = "biuro.pulpit"

    @api.model
    def _biuro_pulpit_tiles(self):
        tiles = super()._biuro_pulpit_tiles()
        today = fields.Date.to_string(self._biuro_pulpit_today())
        tiles += [
            {
                "key": "work_items_late",
                "name": _("Monthly work late"),
                "model": "biuro.work.item",
                "domain": [("state", "!=", "done"), ("due_date", "<", today)],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_work_item_action",
                "icon": "fa-tasks",
                "level": "danger",
                "sequence": 25,
            },
            {
                "key": "document_requests_open",
                "name": _("Open document requests"),
                "model": "biuro.document.request",
                "domain": [("state", "=", "open")],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_document_request_action",
                "icon": "fa-inbox",
                "level": "info",
                "sequence": 45,
            },
            {
                "key": "document_requests_overdue",
                "name": _("Document requests overdue"),
                "model": "biuro.document.request",
                "domain": [("state", "=", "open"), ("due_date", "<", today)],
                "client_field": "partner_id",
                "action": "crm_biuro.biuro_document_request_action",
                "context": {"group_by": "partner_id"},
                "icon": "fa-clock-o",
                "level": "warning",
                "sequence": 46,
            },
        ]
        return tiles
