from odoo import http
from odoo.http import content_disposition, request


class BiuroContacts(http.Controller):
    @http.route("/crm_biuro/vcard", type="http", auth="user")
    def download_vcard(self, partner_ids="", **kwargs):
        """The chosen contacts in one .vcf file (Odoo's own route zips one file per
        contact when there are several)."""
        ids = [int(pid) for pid in partner_ids.split(",") if pid.strip().isdigit()]
        partners = request.env["res.partner"].browse(ids).exists()
        if not partners:
            return request.not_found()
        partners.check_access("read")
        content = partners._biuro_vcard_content()
        filename = "%s.vcf" % (partners.name if len(partners) == 1 else "contacts")
        return request.make_response(
            content,
            [
                ("Content-Type", "text/vcard; charset=utf-8"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
