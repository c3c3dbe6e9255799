from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.crm_biuro_portal.models.biuro_portal_access import MANAGE_LEVELS


class BiuroDocument(models.Model):
    _inherit = "biuro.document"

    biuro_mandate_id = fields.Many2one(
        "biuro.mandate",
        string="Power of attorney",
        index="btree_not_null",
        # the signed file stays a client document when the power is deleted
        ondelete="set null",
    )

    @api.model
    def _biuro_portal_upload_signed(self, access, mandate, files):
        """The company's owner uploads the signed power of attorney ``mandate``
        (found with the owner's rights): one new document, linked to it, through
        the portal upload (its limits and checks), and a note on the mandate."""
        # sudo: reading the row only, to check just below that it is the caller's
        # own active owner row for the mandate's company
        access_sudo = access.sudo()
        if (
            not access_sudo.active
            or access_sudo.partner_id != self.env.user.partner_id
            or access_sudo.level not in MANAGE_LEVELS
            or mandate.partner_id != access_sudo.client_id
        ):
            raise AccessError(
                self.env._("Only the company's owner can send a signed document.")
            )
        if len(files) > 1:
            files = files[:1]
        category = self.env.ref("crm_biuro_compliance.document_category_mandates")
        today = fields.Date.context_today(self)
        documents = self._biuro_portal_upload(
            access, str(category.id), today.strftime("%Y-%m"), files
        )
        # sudo: the documents were just created by the portal upload for this
        # company, and the mandate was found with the owner's rights above
        documents.sudo().write({"biuro_mandate_id": mandate.id})
        mandate_sudo = mandate.sudo()  # sudo: same check as above
        mandate_sudo.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Signed document sent in the portal by %(person)s: %(file)s",
                person=self.env.user.name,
                # sudo: the name of the document the caller has just uploaded
                file=documents[:1].sudo().name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return documents
