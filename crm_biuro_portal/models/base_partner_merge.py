from odoo import api, models

from .biuro_portal_access import LEVEL_RANK


class MergePartnerAutomatic(models.TransientModel):
    """A merge does not double a portal access: one row per person and client, the
    active and higher one staying."""

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _biuro_merge_unique_records(self):
        def progress(access):
            return (access.active, LEVEL_RANK.get(access.level, 0))

        return super()._biuro_merge_unique_records() + [
            ("biuro.portal.access", "partner_id", ("client_id",), progress),
            ("biuro.portal.access", "client_id", ("partner_id",), progress),
        ]
