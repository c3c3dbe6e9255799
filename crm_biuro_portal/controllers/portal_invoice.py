from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class BiuroPortalAccount(PortalAccount):
    """/my/invoices keeps Odoo's pages; the record rules of this addon limit them to
    the invoices of the client companies the person has access to."""

    def _get_overdue_invoices_domain(self, partner_id=None):
        # Odoo counts the overdue invoices addressed to the person themselves; here
        # invoices are addressed to the companies, and the rules already keep only
        # those the person may see.
        domain = super()._get_overdue_invoices_domain(partner_id)
        if partner_id:
            return domain
        return [leaf for leaf in domain if leaf[0] != "partner_id"]

    @http.route()
    def portal_my_invoice_detail(
        self, invoice_id, access_token=None, report_type=None, download=False, **kw
    ):
        # A signed-in person asking for an invoice they may not read gets a 404 (Odoo
        # would redirect to /my). Links with an access token keep Odoo's behaviour.
        if not access_token and not request.env.user._is_public():
            invoice = request.env["account.move"].browse(invoice_id).exists()
            if not invoice or not invoice.has_access("read"):
                raise NotFound()
        return super().portal_my_invoice_detail(
            invoice_id,
            access_token=access_token,
            report_type=report_type,
            download=download,
            **kw,
        )
