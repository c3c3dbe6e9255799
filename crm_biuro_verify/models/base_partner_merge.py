from odoo import api, models

from . import trust


class MergePartnerAutomatic(models.TransientModel):
    """A merge carries the registries' verdicts of the merged clients over to the
    survivor: existing values, not a user's input, so they are written as the
    service's (trust.trusted) and the verdict guards let them through."""

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _update_values(self, src_partners, dst_partner):
        with trust.trusted():
            return super()._update_values(src_partners, dst_partner)

    @api.model
    def _merge_bank_accounts(self, src_partners, dst_partner):
        with trust.trusted():
            return super()._merge_bank_accounts(src_partners, dst_partner)

    @api.model
    def _biuro_merge_unique_records(self):
        """One registry check per registry and day: the later one stays."""
        return super()._biuro_merge_unique_records() + [
            (
                "biuro.verification",
                "partner_id",
                ("registry", "check_date"),
                lambda record: record.id,
            ),
        ]
