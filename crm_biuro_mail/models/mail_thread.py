import codecs
import logging

from odoo import api, models
from odoo.fields import Command
from odoo.tools.mail import unfold_references

_logger = logging.getLogger(__name__)

UNASSIGNED = "biuro.mail.unassigned"
# Records of a client, besides its own res.partner records (the company and its
# contacts): a reply to the client mailbox may join their thread, and incoming
# mail on them is internal to the office. They belong to the client through
# ``partner_id``.
CLIENT_RECORD_MODELS = (
    "biuro.contract",
    "biuro.document",
    "biuro.obligation",
    "biuro.tax.inspection",
)


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
        routes = [
            self._biuro_client_route(message, message_dict, route)
            if route and route[0] == UNASSIGNED and not route[1]
            else route
            for route in routes
        ]
        # a route refused by the mailbox's contact policy was bounced already
        return [route for route in routes if route]

    @api.model
    def _biuro_client_route(self, message, message_dict, route):
        """The route of an e-mail to the client mailbox: a reply joins its thread
        (when the mailbox may post there), otherwise the matching client's
        timeline, otherwise the unassigned e-mails.

        The headers (From, Message-ID, References) are the sender's to forge:
        they choose the thread and nothing else. The route runs as the gateway's
        own user, never as a user found from the From address."""
        route_model, _thread, values, _user_id, alias = route
        user_id = self.env.uid
        reply_route = self._biuro_reply_route(message, message_dict, user_id, alias)
        if reply_route is False:
            return False
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
            if new_route is False:
                return False
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
    def _biuro_reply_route(self, message, message_dict, user_id, alias):
        """A reply sent to the client mailbox goes to the thread it answers: Odoo
        treats mail to an alias of another model as a forward, but for the client
        mailbox the thread is the better home (no copy elsewhere).

        Only threads the mailbox serves (a client, a client's contact or record,
        an unassigned e-mail), found the way Odoo's own routing finds them:
        References (or In-Reply-To), without the ``reply_to``-tagged ids of
        mailings whose replies must create new records.

        :return: the route, None to route by sender, or False when the thread's
            contact policy refused (and bounced) the e-mail."""
        references = message_dict.get("references") or message_dict.get("in_reply_to")
        message_ids = [
            ref.strip()
            for ref in unfold_references(references or "")
            if "reply_to" not in ref
        ][-32:]
        if not message_ids:
            return None
        parent = (
            self.env["mail.message"]
            # sudo: which message is answered, by Message-ID, as Odoo's routing
            # does; the thread found is checked against the mailbox's reach below
            .sudo()
            .search([("message_id", "in", message_ids)], limit=1, order="id desc")
        )
        if not parent or not parent.model or not parent.res_id:
            return None
        if parent.message_type == "user_notification":
            return None
        if not self._biuro_mailbox_record(parent.model, parent.res_id):
            _logger.info(
                "Mail with Message-Id %s answers %s,%s, which the client mailbox "
                "does not serve: routed by its sender",
                message_dict.get("message_id"),
                parent.model,
                parent.res_id,
            )
            return None
        route = self.env[parent.model]._routing_check_route(
            message,
            message_dict,
            (parent.model, parent.res_id, {}, user_id, alias),
            raise_exception=False,
        )
        if route is False:
            return False
        if route and route[1]:
            message_dict["parent_id"] = parent.id
            _logger.info(
                "Routing mail with Message-Id %s as a reply to %s,%s",
                message_dict.get("message_id"),
                parent.model,
                parent.res_id,
            )
            return route
        return None

    # --- what the client mailbox serves ------------------------------------------

    @api.model
    def _biuro_mailbox_record(self, model, res_id):
        """True when the record is one the client mailbox may file mail on: a
        client (or its contact), a record of a client, an unassigned e-mail."""
        if model == UNASSIGNED:
            return True
        if model != "res.partner" and model not in CLIENT_RECORD_MODELS:
            return False
        if model not in self.env:
            return False
        # sudo: only which client the record belongs to is read
        record = self.env[model].sudo().browse(res_id).exists()
        if not record:
            return False
        if model == "res.partner":
            client = record.commercial_partner_id
            if record.with_context(active_test=False).user_ids.filtered(
                lambda user: not user.share
            ):
                return False  # a staff member's own partner
        else:
            client = record.partner_id
        return bool(client.biuro_client)

    def _biuro_mail_internal(self):
        """True when incoming mail on this record is internal to the office: the
        record is a client, a client's contact or record, or an unassigned
        e-mail. Portal users never read it (nor its attachments)."""
        return len(self) == 1 and self._biuro_mailbox_record(self._name, self.id)

    # the decorator is not inherited: without it XML-RPC callers get a record
    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        if self.env.context.get("from_alias") and self._biuro_mail_internal():
            # the client timeline is the office's: portal users do not read it
            kwargs["is_internal"] = True
        return super().message_post(**kwargs)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """Incoming mail on client records notifies the office's users only:
        a portal person following the client gets no copy of third-party mail."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not recipients or not self.env.context.get("from_alias"):
            return recipients
        if not self._biuro_mail_internal():
            return recipients
        return [recipient for recipient in recipients if not recipient.get("share")]
