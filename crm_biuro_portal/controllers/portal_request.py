from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.biuro_portal_access import UPLOAD_LEVELS
from .portal import BiuroClientPortal

OPEN_STATES = ("open", "done")


class BiuroRequestPortal(BiuroClientPortal):
    """Document requests of a client company under /my/clients/<id>/requests.

    As on the other pages of the company, the person's own access row comes first
    (404 without one, 403 below the level a form needs); the request and its item
    are then searched with the person's rights *within that company*, so the id of
    another company's request or item answers 404 and writes nothing."""

    def _biuro_open_requests(self, client):
        return request.env["biuro.document.request"].search(
            [("partner_id", "=", client.id), ("state", "=", "open")],
            order="due_date, id",
        )

    @http.route()
    def portal_my_biuro_client(self, client_id, **kw):
        response = super().portal_my_biuro_client(client_id, **kw)
        client = response.qcontext["biuro_client"]
        response.qcontext["biuro_requests"] = self._biuro_open_requests(client)
        return response

    def _biuro_request_or_404(self, access, request_id):
        found = request.env["biuro.document.request"].search(
            [
                ("id", "=", request_id),
                ("partner_id", "=", access.client_id.id),
                ("state", "in", OPEN_STATES),
            ],
            limit=1,
        )
        if not found:
            raise NotFound()
        return found

    def _biuro_request_values(self, access, doc_request, errors=None, line_id=0):
        env = request.env
        max_mb, extensions = env["biuro.document"]._biuro_portal_upload_limits()
        lines = doc_request.line_ids
        # documents of all items at once (one query), as the portal user may see them
        documents = env["biuro.document"].search(
            [("request_line_id", "in", lines.ids)], order="id"
        )
        messages = env["mail.message"].search(
            [
                ("model", "=", doc_request._name),
                ("res_id", "=", doc_request.id),
                ("message_type", "=", "comment"),
                ("subtype_id", "=", env.ref("mail.mt_comment").id),
            ],
            order="date, id",
        )
        values = self._biuro_layout_values(access, "biuro_request")
        values.update(
            {
                "doc_request": doc_request,
                "request_lines": lines,
                "documents_of": {
                    line.id: documents.filtered(
                        lambda d, line=line: d.request_line_id == line
                    )
                    for line in lines
                },
                # sudo: messages found with the person's rights; the authors' names
                "request_messages": messages.sudo(),
                "can_upload_request": values["biuro_can_upload"]
                and doc_request.state == "open",
                "upload_max_mb": f"{max_mb:g}",
                "upload_extensions": ", ".join(extensions),
                "upload_accept": ",".join(f".{ext}" for ext in extensions),
                "upload_errors": errors or [],
                "upload_line_id": line_id,
            }
        )
        return values

    @http.route(
        ["/my/clients/<int:client_id>/requests/<int:request_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_biuro_request(
        self, client_id, request_id, uploaded=None, posted=None, **kw
    ):
        access = self._biuro_access_or_404(client_id)
        doc_request = self._biuro_request_or_404(access, request_id)
        values = self._biuro_request_values(access, doc_request)
        if str(uploaded or "").isdigit():
            values["uploaded"] = int(uploaded)
        values["posted"] = bool(posted)
        return request.render("crm_biuro_portal.portal_my_biuro_request", values)

    @http.route(
        [
            "/my/clients/<int:client_id>/requests/<int:request_id>/lines/<int:line_id>/upload"
        ],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_request_upload(self, client_id, request_id, line_id, **kw):
        access = self._biuro_access_or_404(client_id, UPLOAD_LEVELS)
        doc_request = self._biuro_request_or_404(access, request_id)
        line = request.env["biuro.document.request.line"].search(
            [("id", "=", line_id), ("request_id", "=", doc_request.id)], limit=1
        )
        if not line:
            raise NotFound()
        Document = request.env["biuro.document"]
        files = self._biuro_uploaded_files()
        try:
            with request.env.cr.savepoint():
                documents = Document._biuro_portal_upload(
                    access,
                    line.category_id.id,
                    doc_request.period.strftime("%Y-%m"),
                    files,
                    request_line=line,
                )
        except UserError as error:
            values = self._biuro_request_values(
                access, doc_request, str(error).splitlines(), line.id
            )
            return request.render(
                "crm_biuro_portal.portal_my_biuro_request",
                values,
                status=403 if isinstance(error, AccessError) else 400,
            )
        return request.redirect(
            f"/my/clients/{access.client_id.id}/requests/{doc_request.id}"
            f"?uploaded={len(documents)}"
        )

    @http.route(
        ["/my/clients/<int:client_id>/requests/<int:request_id>/message"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_request_message(self, client_id, request_id, message="", **kw):
        access = self._biuro_access_or_404(client_id, UPLOAD_LEVELS)
        doc_request = self._biuro_request_or_404(access, request_id)
        try:
            with request.env.cr.savepoint():
                doc_request.biuro_portal_post_message(message)
        except UserError as error:
            values = self._biuro_request_values(access, doc_request)
            values["message_errors"] = str(error).splitlines()
            values["message_text"] = message
            return request.render(
                "crm_biuro_portal.portal_my_biuro_request",
                values,
                status=403 if isinstance(error, AccessError) else 400,
            )
        return request.redirect(
            f"/my/clients/{access.client_id.id}/requests/{doc_request.id}?posted=1"
        )
