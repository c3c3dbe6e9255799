from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.crm_biuro_portal.controllers.portal import BiuroClientPortal
from odoo.addons.crm_biuro_portal.models.biuro_portal_access import MANAGE_LEVELS


class BiuroCompliancePortal(BiuroClientPortal):
    """The company card shows the powers of attorney and KSeF permissions the
    office holds for the company; its owner uploads a signed document for one."""

    def _biuro_compliance_values(self, access):
        env = request.env
        client = access.client_id
        Mandate = env["biuro.mandate"]
        # the portal user's own rights: the record rule of biuro.mandate
        mandates = (
            Mandate.search([("partner_id", "=", client.id)], order="date_to, id")
            if Mandate.has_access("read")
            else Mandate
        )
        permissions = (
            env["biuro.ksef.permission"]
            # sudo: the person's active access row to this company was checked by
            # _biuro_access_or_404; only this company's grants are shown, read-only
            .sudo()
            .search(
                [
                    ("partner_id", "=", client.id),
                    ("company_id", "=", client.company_id.id or env.company.id),
                ]
            )
        )
        return {
            # sudo: the mandates were found with the user's rights; rendered as such
            "biuro_mandates": mandates.sudo(),
            "biuro_ksef_permissions": permissions,
            "biuro_can_sign": access.level in MANAGE_LEVELS,
        }

    @http.route()
    def portal_my_biuro_client(self, client_id, **kw):
        response = super().portal_my_biuro_client(client_id, **kw)
        access = self._biuro_access_or_404(client_id)
        response.qcontext.update(self._biuro_compliance_values(access))
        if str(kw.get("signed") or "").isdigit():
            response.qcontext["biuro_signed"] = int(kw["signed"])
        return response

    @http.route(
        ["/my/clients/<int:client_id>/mandates/<int:mandate_id>/upload"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_mandate_upload(self, client_id, mandate_id, **kw):
        access = self._biuro_access_or_404(client_id)
        mandate = (
            request.env["biuro.mandate"].search(
                [("id", "=", mandate_id), ("partner_id", "=", access.client_id.id)],
                limit=1,
            )
            if request.env["biuro.mandate"].has_access("read")
            else None
        )
        if not mandate:
            raise NotFound()
        Document = request.env["biuro.document"]
        files = self._biuro_uploaded_files("file")
        try:
            with request.env.cr.savepoint():
                Document._biuro_portal_upload_signed(access, mandate, files)
        except UserError as error:
            response = super().portal_my_biuro_client(client_id)
            response.qcontext.update(self._biuro_compliance_values(access))
            response.qcontext["biuro_sign_errors"] = str(error).splitlines()
            response.status_code = 403 if isinstance(error, AccessError) else 400
            return response
        return request.redirect(
            f"/my/clients/{access.client_id.id}?signed={mandate.id}#biuro_mandates"
        )
