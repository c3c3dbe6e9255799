from odoo import models
from odoo.tools import SQL


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _get_forbidden_access(self, operation):
        """Portal people read no internal message by id either. Odoo hides
        internal messages from their searches, but refuses reading them only
        for messages of type "comment": a note posted by code (type
        "notification", subtype "Note") on a client could be read by guessing its
        id. Here any message marked internal or with an internal subtype is
        refused to non-internal users, whatever its type."""
        forbidden = super()._get_forbidden_access(operation)
        if self.env.su or self.env.user._is_internal():
            return forbidden
        rest = self - forbidden
        if not rest:
            return forbidden
        rows = self.env.execute_query(
            SQL(
                """ SELECT message.id
                      FROM mail_message AS message
                 LEFT JOIN mail_message_subtype AS subtype
                        ON message.subtype_id = subtype.id
                     WHERE message.id = ANY(%s)
                       AND (message.is_internal IS TRUE OR subtype.internal IS TRUE)
                """,
                rest.ids,
            )
        )
        return forbidden + self.browse(id_ for [id_] in rows)
