"""The demo client's uploads, made the way the portal makes them.

Called once from the demo data (``demo/portal_demo.xml``, noupdate) as the demo portal
user: the documents go through the same method the portal's upload form calls, with
the same checks (own active access row, level, file types and sizes), and land in the
office as new documents on the client's timeline.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class BiuroDemoPortal(models.AbstractModel):
    _name = "biuro.demo.portal"
    _description = "Demo portal uploads (demo data only)"

    @api.model
    def _upload_last_month_documents(self, client_xmlid):
        client = self.env.ref(client_xmlid)
        access = self.env["biuro.portal.access"]._biuro_own_access(client)
        last_month = fields.Date.context_today(self) - relativedelta(months=1)
        uploads = (
            ("crm_biuro.document_category_purchase_invoices", "faktury-zakupowe.pdf"),
            ("crm_biuro.document_category_bank_statements", "wyciag-bankowy.pdf"),
        )
        for category_xmlid, file_name in uploads:
            self.env["biuro.document"]._biuro_portal_upload(
                access,
                str(self.env.ref(category_xmlid).id),
                f"{last_month:%Y-%m}",
                [(f"{last_month:%m-%Y}-{file_name}", PDF)],
            )
