from markupsafe import Markup

from odoo import models
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_biuro.models.biuro_client_record_mixin import office_env

from .biuro_portal_access import UPLOAD_LEVELS

MAX_MESSAGE_LENGTH = 5000


class BiuroDocumentRequest(models.Model):
    """Document requests in the portal: the e-mails go to the company's owners and
    accountants, who answer with messages on the request."""

    _inherit = "biuro.document.request"

    def _biuro_request_recipients(self):
        recipients = super()._biuro_request_recipients()
        Access = self.env["biuro.portal.access"]
        # sudo: the job or an office user notifies the client's own portal people
        accesses = Access.sudo().search(
            [("client_id", "=", self.partner_id.id), ("level", "in", UPLOAD_LEVELS)]
        )
        return recipients | accesses.partner_id.filtered("email")

    def biuro_portal_post_message(self, body):
        """A message of the current portal person on this request (an owner or
        accountant of its company): public on the request, and told on the
        client's timeline for the office. Returns the message id."""
        self.ensure_one()
        access = self.env["biuro.portal.access"]._biuro_own_access(
            # sudo: only the request's company, to find the caller's own row
            self.sudo().partner_id
        )
        if not access or access.level not in UPLOAD_LEVELS:
            raise AccessError(self.env._("You cannot write messages for this company."))
        # the request itself must be visible to the caller (record rules)
        self.check_access("read")
        text = (body or "").strip()
        if not text:
            raise UserError(self.env._("Write a message first."))
        if len(text) > MAX_MESSAGE_LENGTH:
            raise UserError(
                self.env._(
                    "A message has at most %(count)s characters.",
                    count=MAX_MESSAGE_LENGTH,
                )
            )
        # sudo: portal people cannot post on office records; the caller's own row
        # allows it (checked above), the text is posted as plain text in their name
        request = self.sudo().with_context(mail_create_nosubscribe=True)
        message = request.message_post(
            body=Markup("<p>%s</p>") % text,
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # the office's language, read with the sudo env above (the office's
        # company is closed to portal people)
        office = office_env(request.env)
        label = office._(
            "Message in the portal from %(person)s on", person=self.env.user.name
        )
        link = Markup('<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>') % (
            self._name,
            self.id,
            request.name,
        )
        # sudo: as above; a note on the client's timeline quoting the message
        request.partner_id.sudo().with_context(
            mail_create_nosubscribe=True
        ).message_post(
            body=Markup("%s %s:<blockquote>%s</blockquote>") % (label, link, text),
            subtype_xmlid="mail.mt_note",
        )
        return message.id
