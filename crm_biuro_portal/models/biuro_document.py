import base64
import os
from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .biuro_portal_access import UPLOAD_LEVELS

MAX_SIZE_PARAM = "crm_biuro_portal.upload_max_size_mb"
EXTENSIONS_PARAM = "crm_biuro_portal.upload_extensions"
DEFAULT_MAX_SIZE_MB = 10
# What clients send to an accounting office: scans and PDFs of invoices, JPK and
# e-invoice XML, spreadsheets, office documents, bank exports, archives.
DEFAULT_EXTENSIONS = (
    "pdf,jpg,jpeg,png,tif,tiff,heic,xml,csv,txt,xls,xlsx,ods,doc,docx,odt,zip,7z,"
    "mt940,sta"
)


class BiuroDocument(models.Model):
    _inherit = "biuro.document"

    # the office's note on a document is internal: portal people read their
    # documents over JSON-RPC too (issue #11, point 8)
    note = fields.Text(groups="base.group_user")

    def _biuro_timeline_label(self):
        if self.env.context.get("biuro_portal_upload"):
            return self.env._("Uploaded in the portal:")
        return super()._biuro_timeline_label()

    @api.model
    def _biuro_portal_upload_limits(self):
        """(maximum size of a file in MB, accepted extensions), from the system
        parameters the office may change."""
        # sudo: two system parameters, closed to portal users, read only
        params = self.env["ir.config_parameter"].sudo()
        try:
            max_mb = float(params.get_param(MAX_SIZE_PARAM, DEFAULT_MAX_SIZE_MB))
        except ValueError:
            max_mb = DEFAULT_MAX_SIZE_MB
        raw = params.get_param(EXTENSIONS_PARAM) or DEFAULT_EXTENSIONS
        extensions = sorted(
            {ext.strip().lower().lstrip(".") for ext in raw.split(",") if ext.strip()}
        )
        return max_mb, extensions

    @api.model
    def _biuro_parse_month(self, value):
        """The first day of the month typed in the portal ("2026-03")."""
        for pattern in ("%Y-%m", "%Y-%m-%d"):
            try:
                return datetime.strptime(str(value or "").strip(), pattern).date()
            except ValueError:
                continue
        return False

    @api.model
    def _biuro_portal_upload(
        self, access, category_id, period, files, request_line=None
    ):
        """Create one document per uploaded file for the company of `access` (the
        current portal user's row), in state "new", announced on the client's
        timeline. `files` is a list of (file name, content). Nothing is created when
        anything is wrong: a UserError lists every problem, one per line.

        With `request_line` (an item of an open document request of that very
        company) the documents are linked to it and its request."""
        # sudo: the row is checked just below to be the caller's own, active one
        access = access.sudo()
        user = self.env.user
        if (
            not user.share
            or not access.active
            or access.partner_id != user.partner_id
            or access.level not in UPLOAD_LEVELS
        ):
            raise AccessError(
                self.env._("You cannot upload documents for this company.")
            )
        request_vals = self._biuro_request_line_vals(access, request_line)
        errors = []
        category = self.env["biuro.document.category"]
        if str(category_id or "").isdigit():
            category = category.browse(int(category_id)).exists().filtered("active")
        if not category:
            errors.append(self.env._("Choose the category of the documents."))
        month = self._biuro_parse_month(period)
        if not month:
            errors.append(self.env._("Choose the month the documents belong to."))
        if not files:
            errors.append(self.env._("Choose at least one file."))
        max_mb, extensions = self._biuro_portal_upload_limits()
        max_bytes = int(max_mb * 1024 * 1024)
        max_label = f"{max_mb:g}"
        cleaned = []
        for filename, content in files:
            name = os.path.basename((filename or "").replace("\\", "/")).strip()
            extension = os.path.splitext(name)[1].lower().lstrip(".")
            if extension not in extensions:
                errors.append(
                    self.env._(
                        "%(file)s: this type of file is not accepted. Accepted "
                        "types: %(types)s.",
                        file=name or "?",
                        types=", ".join(extensions),
                    )
                )
            elif len(content) > max_bytes:
                errors.append(
                    self.env._(
                        "%(file)s is too large: at most %(size)s MB per file.",
                        file=name,
                        size=max_label,
                    )
                )
            elif not content:
                errors.append(self.env._("%(file)s is empty.", file=name))
            cleaned.append((name, content))
        if errors:
            raise UserError("\n".join(errors))
        documents = (
            # sudo: portal users cannot create documents; the caller's own active row
            # allows uploads, and every value below was checked or set here
            self.sudo()
            .with_context(mail_create_nosubscribe=True, biuro_portal_upload=True)
            .create(
                [
                    {
                        "name": name,
                        "partner_id": access.client_id.id,
                        "category_id": category.id,
                        "period": month,
                        "file": base64.b64encode(content),
                        "file_name": name,
                        "state": "new",
                        "portal_visible": True,
                        "uploaded_by": user.id,
                        **request_vals,
                    }
                    for name, content in cleaned
                ]
            )
        )
        return documents.with_env(self.env)

    @api.model
    def _biuro_request_line_vals(self, access, request_line):
        """The link of the uploaded documents to `request_line`, after checking it
        is an item of an open request of the company of `access`."""
        if not request_line:
            return {}
        # sudo: only to compare the line's company and state with the caller's row
        # (already checked to be the caller's own)
        line = request_line.sudo()
        if (
            line.request_id.partner_id != access.client_id
            or line.request_id.state != "open"
        ):
            raise AccessError(
                self.env._("This request does not take documents any more.")
            )
        return {"request_id": line.request_id.id, "request_line_id": line.id}

    def _biuro_own_attachment(self):
        """The attachment of `attachment_id` when it is this document's own file (an
        attachment of this very document), else nothing: a document must not
        become a way to download any other record's file."""
        self.ensure_one()
        # sudo: attachments are closed to portal users; only the document's own
        # is returned, the caller has checked the document itself
        attachment = self.sudo().attachment_id
        if (
            attachment
            and attachment.res_model == self._name
            and attachment.res_id == self.id
        ):
            return attachment
        return attachment.browse()
