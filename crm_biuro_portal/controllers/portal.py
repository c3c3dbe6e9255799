from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import content_disposition, request
from odoo.tools import groupby

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.biuro_portal_access import LEVEL_RANK, MANAGE_LEVELS, UPLOAD_LEVELS

LATEST_INVOICES = 5
LATEST_PERIODS = 6
DONE_MESSAGES = ("invited", "changed", "revoked")


class BiuroClientPortal(CustomerPortal):
    """The client companies of the signed-in person under /my/clients.

    Every page starts from the person's own access row for the company in the URL
    (`_biuro_access_or_404`): an id of a company without an active row answers 404,
    whatever exists behind it, and office users (who get no rows) always get 404.
    Records are then read with the portal user's rights (the record rules of this
    addon); sudo is used only to render rows already found that way and to stream
    a document's own file."""

    # --- /my home ----------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "biuro_client_count" in counters:
            Access = request.env["biuro.portal.access"]
            values["biuro_client_count"] = (
                Access.search_count(self._biuro_my_access_domain())
                if Access.has_access("read")
                else 0
            )
        return values

    # --- helpers -----------------------------------------------------------------

    def _biuro_my_access_domain(self):
        if not request.env.user.share:
            # office staff use the back office; rows of internal people are ignored
            return [(0, "=", 1)]
        # `client_id.biuro_client` also leaves out archived clients
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("client_id.biuro_client", "=", True),
        ]

    def _biuro_uploaded_files(self, field="files"):
        """The files of the posted form as (name, bytes), each read to one byte more
        than the upload limit allows: enough to tell a file is too large without
        reading a huge one whole."""
        max_mb, _extensions = request.env[
            "biuro.document"
        ]._biuro_portal_upload_limits()
        return [
            (upload.filename, upload.read(int(max_mb * 1024 * 1024) + 1))
            for upload in request.httprequest.files.getlist(field)
            if upload.filename
        ]

    def _biuro_access_or_404(self, client_id, levels=None):
        """The current person's active row for `client_id`: 404 without one, 403
        when its level does not allow the page."""
        Access = request.env["biuro.portal.access"]
        if not Access.has_access("read"):
            raise NotFound()
        access = Access.search(
            self._biuro_my_access_domain() + [("client_id", "=", client_id)], limit=1
        )
        if not access:
            raise NotFound()
        if levels and access.level not in levels:
            raise Forbidden()
        return access

    def _biuro_layout_values(self, access, page_name):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": page_name,
                "biuro_access": access,
                "biuro_client": access.client_id,
                "biuro_can_upload": access.level in UPLOAD_LEVELS,
                "biuro_can_manage": access.level in MANAGE_LEVELS,
            }
        )
        return values

    def _biuro_document_periods(self, client, limit=None):
        """[(first day of month, number of documents)], newest first."""
        return request.env["biuro.document"]._read_group(
            [("partner_id", "=", client.id)],
            ["period:month"],
            ["__count"],
            order="period:month desc",
            limit=limit,
        )

    def _biuro_invoice_domain(self, client):
        return [
            ("commercial_partner_id", "=", client.id),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    # --- /my/clients -------------------------------------------------------------

    @http.route(
        ["/my/clients", "/my/clients/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_biuro_clients(self, page=1, **kw):
        Access = request.env["biuro.portal.access"]
        domain = self._biuro_my_access_domain()
        total = Access.search_count(domain) if Access.has_access("read") else 0
        pager = portal_pager(
            url="/my/clients", total=total, page=page, step=self._items_per_page
        )
        accesses = (
            Access.search(
                domain,
                order="client_id",
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if total
            else Access
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "biuro_clients",
                "accesses": accesses,
                "pager": pager,
                "default_url": "/my/clients",
            }
        )
        return request.render("crm_biuro_portal.portal_my_biuro_clients", values)

    @http.route(["/my/clients/<int:client_id>"], type="http", auth="user", website=True)
    def portal_my_biuro_client(self, client_id, **kw):
        access = self._biuro_access_or_404(client_id)
        client = access.client_id
        env = request.env
        Move = env["account.move"]
        Access = env["biuro.portal.access"]
        people = Access
        if access.level in MANAGE_LEVELS:
            # sudo: rows found with the owner's rights, rendered with sudo for the
            # names and e-mails of the people
            people = Access.search([("client_id", "=", client.id)]).sudo()
        values = self._biuro_layout_values(access, "biuro_client")
        values.update(
            {
                "contracts": env["biuro.contract"].search(
                    [("partner_id", "=", client.id)]
                ),
                # the owner may download the contract as the signed document
                "contract_pdf": access.level in MANAGE_LEVELS
                and bool(env["biuro.contract"]._biuro_contract_report()),
                "invoices": Move.search(
                    self._biuro_invoice_domain(client),
                    order="invoice_date desc, id desc",
                    limit=LATEST_INVOICES,
                )
                if Move.has_access("read")
                else Move,
                "periods": self._biuro_document_periods(client, LATEST_PERIODS),
                "people": people,
            }
        )
        return request.render("crm_biuro_portal.portal_my_biuro_client", values)

    @http.route(
        ["/my/clients/<int:client_id>/contracts/<int:contract_id>/pdf"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_biuro_contract_pdf(self, client_id, contract_id, **kw):
        """The contract as the document the client signs (when an addon prints one),
        for the company's owner only."""
        access = self._biuro_access_or_404(client_id, MANAGE_LEVELS)
        contract = request.env["biuro.contract"].search(
            [("id", "=", contract_id), ("partner_id", "=", access.client_id.id)]
        )
        report = contract._biuro_contract_report()
        if not contract or not report:
            raise NotFound()
        # sudo: the contract was found with the owner's own rights, among those of a
        # company they own; the office's report is rendered for that contract only
        report = report.sudo()
        pdf, _kind = report._render_qweb_pdf(report.report_name, contract.ids)
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(f"{contract.name}.pdf")),
            ],
        )

    # --- documents ---------------------------------------------------------------

    def _biuro_documents_values(self, access, page=1, period=None, category=None):
        env = request.env
        Document = env["biuro.document"]
        client = access.client_id
        domain = [("partner_id", "=", client.id)]
        url_args = {}
        month = Document._biuro_parse_month(period) if period else False
        if month:
            domain.append(("period", "=", month))
            url_args["period"] = month.strftime("%Y-%m")
        categories = env["biuro.document.category"].search([])
        category_id = int(category) if str(category or "").isdigit() else 0
        if category_id in categories.ids:
            domain.append(("category_id", "=", category_id))
            url_args["category"] = category_id
        url = f"/my/clients/{client.id}/documents"
        pager = portal_pager(
            url=url,
            url_args=url_args,
            total=Document.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        documents = Document.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        max_mb, extensions = Document._biuro_portal_upload_limits()
        values = self._biuro_layout_values(access, "biuro_documents")
        values.update(
            {
                "document_groups": [
                    (month_, Document.concat(*docs))
                    for month_, docs in groupby(documents, key=lambda d: d.period)
                ],
                "categories": categories,
                "periods": self._biuro_document_periods(client),
                "filter_period": url_args.get("period", ""),
                "filter_category": category_id,
                "pager": pager,
                "default_url": url,
                "upload_max_mb": f"{max_mb:g}",
                "upload_extensions": ", ".join(extensions),
                "upload_accept": ",".join(f".{ext}" for ext in extensions),
                "upload_period": fields.Date.context_today(Document).strftime("%Y-%m"),
                "upload_category": 0,
                "upload_errors": [],
            }
        )
        return values

    @http.route(
        [
            "/my/clients/<int:client_id>/documents",
            "/my/clients/<int:client_id>/documents/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_biuro_documents(
        self, client_id, page=1, period=None, category=None, uploaded=None, **kw
    ):
        access = self._biuro_access_or_404(client_id)
        values = self._biuro_documents_values(access, page, period, category)
        if str(uploaded or "").isdigit():
            values["uploaded"] = int(uploaded)
        return request.render("crm_biuro_portal.portal_my_biuro_documents", values)

    @http.route(
        ["/my/clients/<int:client_id>/documents/upload"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_documents_upload(
        self, client_id, category_id=None, period=None, **kw
    ):
        access = self._biuro_access_or_404(client_id, UPLOAD_LEVELS)
        Document = request.env["biuro.document"]
        files = self._biuro_uploaded_files()
        try:
            with request.env.cr.savepoint():
                documents = Document._biuro_portal_upload(
                    access, category_id, period, files
                )
        except UserError as error:
            values = self._biuro_documents_values(access)
            values.update(
                {
                    "upload_errors": str(error).splitlines(),
                    "upload_category": int(category_id)
                    if str(category_id or "").isdigit()
                    else 0,
                    "upload_period": period or values["upload_period"],
                }
            )
            return request.render(
                "crm_biuro_portal.portal_my_biuro_documents",
                values,
                status=403 if isinstance(error, AccessError) else 400,
            )
        return request.redirect(
            f"/my/clients/{access.client_id.id}/documents?uploaded={len(documents)}"
        )

    @http.route(
        ["/my/clients/<int:client_id>/documents/<int:document_id>/download"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_biuro_document_download(self, client_id, document_id, **kw):
        access = self._biuro_access_or_404(client_id)
        document = request.env["biuro.document"].search(
            [("id", "=", document_id), ("partner_id", "=", access.client_id.id)],
            limit=1,
        )
        if not document:
            raise NotFound()
        # sudo: the portal user may read the document (searched above with their
        # rights); its file is behind ir.attachment, closed to portal users
        document_sudo = document.sudo()
        binary = request.env["ir.binary"]
        attachment = document_sudo._biuro_own_attachment()
        if document_sudo.file_name and document_sudo.with_context(bin_size=True).file:
            stream = binary._get_stream_from(
                document_sudo, "file", filename=document_sudo.file_name
            )
        elif attachment:
            # only a file attached to this very document, never the attachment
            # of another record that `attachment_id` may point at
            stream = binary._get_stream_from(attachment, filename=attachment.name)
        else:
            raise NotFound()
        return stream.get_response(as_attachment=True)

    # --- access management (owners) ----------------------------------------------

    def _biuro_access_values(self, access, errors=None, form=None, done=None):
        Access = request.env["biuro.portal.access"]
        values = self._biuro_layout_values(access, "biuro_access")
        levels = Access._fields["level"]._description_selection(request.env)
        # sudo: rows found with the owner's rights; names and e-mails
        people = Access.search([("client_id", "=", access.client_id.id)]).sudo()
        values.update(
            {
                "people": people,
                # the rows the owner may change: below their level, not their own
                "manageable_ids": people.filtered(
                    lambda row: (
                        row.id != access.id
                        and LEVEL_RANK[row.level] < LEVEL_RANK[access.level]
                    )
                ).ids,
                "grantable_levels": [
                    (key, label)
                    for key, label in levels
                    if LEVEL_RANK[key] <= LEVEL_RANK[access.level]
                ],
                "access_errors": errors or [],
                "invite_form": form or {},
                "done": done if done in DONE_MESSAGES else None,
            }
        )
        return values

    def _biuro_access_change(self, access, change, form=None, done=None):
        """Run `change` (a call of biuro.portal.access, which checks the person's
        rights again) and show its errors on the access page."""
        try:
            with request.env.cr.savepoint():
                change()
        except UserError as error:
            values = self._biuro_access_values(
                access, errors=str(error).splitlines(), form=form
            )
            return request.render(
                "crm_biuro_portal.portal_my_biuro_access",
                values,
                status=403 if isinstance(error, AccessError) else 400,
            )
        return request.redirect(f"/my/clients/{access.client_id.id}/access?done={done}")

    def _biuro_target_or_404(self, access, access_id):
        target = request.env["biuro.portal.access"].search(
            [("id", "=", access_id), ("client_id", "=", access.client_id.id)], limit=1
        )
        if not target:
            raise NotFound()
        return target

    @http.route(
        ["/my/clients/<int:client_id>/access"], type="http", auth="user", website=True
    )
    def portal_my_biuro_access(self, client_id, done=None, **kw):
        access = self._biuro_access_or_404(client_id, MANAGE_LEVELS)
        return request.render(
            "crm_biuro_portal.portal_my_biuro_access",
            self._biuro_access_values(access, done=done),
        )

    @http.route(
        ["/my/clients/<int:client_id>/access/invite"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_access_invite(
        self, client_id, email="", name="", level="", **kw
    ):
        access = self._biuro_access_or_404(client_id, MANAGE_LEVELS)
        return self._biuro_access_change(
            access,
            lambda: request.env["biuro.portal.access"].invite(
                access.client_id.id, email, name, level
            ),
            form={"email": email, "name": name, "level": level},
            done="invited",
        )

    @http.route(
        ["/my/clients/<int:client_id>/access/<int:access_id>/level"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_access_level(self, client_id, access_id, level="", **kw):
        access = self._biuro_access_or_404(client_id, MANAGE_LEVELS)
        target = self._biuro_target_or_404(access, access_id)
        return self._biuro_access_change(
            access, lambda: target.action_change_level(level), done="changed"
        )

    @http.route(
        ["/my/clients/<int:client_id>/access/<int:access_id>/revoke"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_biuro_access_revoke(self, client_id, access_id, **kw):
        access = self._biuro_access_or_404(client_id, MANAGE_LEVELS)
        target = self._biuro_target_or_404(access, access_id)
        return self._biuro_access_change(access, target.action_revoke, done="revoked")
