import codecs
import logging

from odoo import api, models
from odoo.fields import Command

_logger = logging.getLogger(__name__)

UNASSIGNED = "biuro.mail.unassigned"


def _known_charset(charset):
    try:
        codecs.lookup(str(charset))
    except LookupError:
        return False
    return True


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_parse_extract_payload(
        self, message, message_dict, save_original=False
    ):
        """Clients' mail programs sometimes declare a charset that does not exist;
        the standard parser then raises and the e-mail is lost. Read such parts as
        UTF-8 (undecodable bytes replaced) instead."""
        try:
            return super()._message_parse_extract_payload(
                message, message_dict, save_original=save_original
            )
        except LookupError:
            for part in message.walk():
                charset = part.get_param("charset")
                if charset and not _known_charset(charset):
                    _logger.info(
                        "Unknown charset %r in mail with Message-Id %s, read as UTF-8",
                        charset,
                        message_dict.get("message_id"),
                    )
                    part.set_param("charset", "utf-8")
            return super()._message_parse_extract_payload(
                message, message_dict, save_original=save_original
            )

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        """Send mail for the office's client mailbox to the matching client.

        Odoo routes first (replies go to their record, aliases to their model); only
        the routes that would create a new "unassigned e-mail" (the client mailbox
        alias, or an incoming mail server whose model is that one) are redirected to
        the client found by the sender, or tagged with why no client was found."""
        routes = super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
        return [
            self._biuro_client_route(message, message_dict, route)
            if route and route[0] == UNASSIGNED and not route[1]
            else route
            for route in routes
        ]

    @api.model
    def _biuro_client_route(self, message, message_dict, route):
        route_model, _thread, values, user_id, alias = route
        reply_route = self._biuro_reply_route(message, message_dict, user_id)
        if reply_route:
            return reply_route
        match = self.env["res.partner"]._biuro_mail_match(
            message_dict.get("email_from")
        )
        client = match["client"]
        if client:
            if match["author"]:
                # the contact who wrote, rather than any partner with that address
                message_dict["author_id"] = match["author"].id
            new_route = self.env["res.partner"]._routing_check_route(
                message,
                message_dict,
                ("res.partner", client.id, {}, user_id, alias),
                raise_exception=False,
            )
            if new_route:
                _logger.info(
                    "Routing mail with Message-Id %s to client %s",
                    message_dict.get("message_id"),
                    client.id,
                )
                return new_route
        values = dict(values or {})
        values["reason"] = match["reason"] if not client else "no_match"
        if match["candidates"]:
            values["candidate_partner_ids"] = [Command.set(match["candidates"].ids)]
        return (route_model, False, values, user_id, alias)

    @api.model
    def _biuro_reply_route(self, message, message_dict, user_id):
        """A reply sent to the client mailbox goes to the thread it answers, like
        any reply: Odoo treats mail to an alias of another model as a forward, but
        for the client mailbox the thread is the better home (no copy elsewhere)."""
        parent = self.sudo()._get_parent_message(message_dict)
        if not parent or not parent.model or not parent.res_id:
            return False
        if parent.model not in self.env:
            return False
        route = self.env[parent.model]._routing_check_route(
            message,
            message_dict,
            (parent.model, parent.res_id, {}, user_id, None),
            raise_exception=False,
        )
        if route and route[1]:
            message_dict["parent_id"] = parent.id
            _logger.info(
                "Routing mail with Message-Id %s as a reply to %s,%s",
                message_dict.get("message_id"),
                parent.model,
                parent.res_id,
            )
            return route
        return False
