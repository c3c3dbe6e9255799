from odoo import api, models


class MergePartnerAutomatic(models.TransientModel):
    """A merge does not double a client's e-mail domain."""

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _biuro_merge_unique_records(self):
        return super()._biuro_merge_unique_records() + [
            ("biuro.mail.domain", "partner_id", ("name",), lambda record: 0),
        ]
