from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class BiuroBillingPortalAccount(PortalAccount):
    """The portal's invoice pages say when a company is blocked for non-payment (an
    invoice unpaid after the final demand), so its people know why the office has
    stopped its work."""

    def _prepare_my_invoices_values(self, *args, **kwargs):
        values = super()._prepare_my_invoices_values(*args, **kwargs)
        # the companies of the invoices this person may read (their record rules)
        groups = request.env["account.move"]._read_group(
            self._get_invoices_domain(), ["commercial_partner_id"]
        )
        companies = request.env["res.partner"].union(*(p for (p,) in groups))
        values["biuro_blocked_clients"] = companies._biuro_blocked_for_portal()
        return values

    def _invoice_get_page_view_values(self, invoice, access_token, **kwargs):
        values = super()._invoice_get_page_view_values(invoice, access_token, **kwargs)
        # the invoice was checked by Odoo's page (rights or its access token)
        values["biuro_blocked_clients"] = (
            invoice.commercial_partner_id._biuro_blocked_for_portal()
        )
        return values
