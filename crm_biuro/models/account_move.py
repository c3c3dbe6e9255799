from odoo import _, models

from .biuro_client_record_mixin import post_on_client_timeline


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # the client's timeline shows every invoice the office issues to it
        for invoice in posted.filtered(
            lambda m: (
                m.move_type == "out_invoice" and m.commercial_partner_id.biuro_client
            )
        ):
            post_on_client_timeline(
                # sudo: the user just posted this invoice; the note only links it
                # on its client's timeline (a client of another company included)
                invoice.commercial_partner_id.sudo(),
                _("Invoice issued:"),
                invoice,
            )
        return posted
