from odoo import models
from odoo.tools import SQL


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _get_forbidden_access(self, operation):
        """Odoo hides internal *comments* from portal and public users; internal
        e-mails stay readable to anyone who can read their record. E-mails the
        gateway files on a client are internal (the client timeline is the
        office's): hide internal e-mails from non-internal users too, so that a
        portal person cannot read them, nor get their attachments through the
        portal's message formatting, by id."""
        forbidden = super()._get_forbidden_access(operation)
        if self.env.user._is_internal():
            return forbidden
        rest = self - forbidden
        if not rest:
            return forbidden
        rest.flush_recordset(["is_internal", "message_type"])
        rows = self.env.execute_query(
            SQL(
                """SELECT id FROM mail_message
                    WHERE id = ANY(%s) AND is_internal IS TRUE
                      AND message_type = 'email'""",
                rest.ids,
            )
        )
        return forbidden + self.browse(id_ for [id_] in rows)

    def _author_to_store(self, store):
        """Besides the author's name and avatar, send whether the author is a client
        of the office (or a client's contact): the "CRM client" badge of the chatter
        and Discuss. One batch for all messages on screen."""
        res = super()._author_to_store(store)
        # sudo: mail.message: access to author is allowed (as in super)
        self.sudo().author_id._biuro_badge_to_store(store)
        return res
