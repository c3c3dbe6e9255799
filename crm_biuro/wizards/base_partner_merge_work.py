from odoo import api, models

# Of two doubles, the one that got further stays.
REQUEST_PROGRESS = {"cancelled": 0, "draft": 1, "open": 2, "done": 3}


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """A merge does not double the monthly work items (one per client and month)
    nor the standing document requests (one per client, month and template)."""

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _biuro_merge_unique_records(self):
        return super()._biuro_merge_unique_records() + [
            (
                "biuro.work.item",
                "partner_id",
                ("month",),
                lambda item: (item.progress, item.state == "done"),
            ),
            (
                "biuro.document.request",
                "partner_id",
                # requests made by hand have a key of their own: never doubles
                ("period", "merge_key"),
                lambda request: (
                    REQUEST_PROGRESS.get(request.state, 0),
                    len(request.document_ids),
                ),
            ),
        ]
