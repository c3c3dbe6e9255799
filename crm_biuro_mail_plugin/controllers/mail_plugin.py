import base64
import binascii

from markupsafe import Markup

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.mail_plugin.controllers import mail_plugin


class MailPluginController(mail_plugin.MailPluginController):
    """The mail plugin (Outlook / Gmail add-ins) looks a sender up: an office
    client, or a contact of one, or an unknown address of a client's e-mail
    domain, is shown as "Klient CRM: <client>"; "Log email" on it files the
    e-mail on the client's timeline, as an e-mail (it counts in "E-mails")."""

    def _biuro_client_of(self, partner):
        """The office client of ``partner`` if the user may read it."""
        client = partner.commercial_partner_id
        if not client.biuro_client:
            return client.browse()
        return client._filtered_access("read")

    def _biuro_client_data(self, client):
        states = dict(client._fields["biuro_state"]._description_selection(client.env))
        return {
            "id": client.id,
            "name": client.name,
            "nip": client.biuro_nip or "",
            "state": states.get(client.biuro_state, ""),
            "accountant": client.biuro_accountant_id.name or "",
            "label": _("CRM client: %(client)s", client=client.name),
        }

    def _get_contact_data(self, partner):
        values = super()._get_contact_data(partner)
        client = self._biuro_client_of(partner) if partner else partner
        if client:
            values["biuro_client"] = self._biuro_client_data(client)
            # the add-ins show the title under the name: the client is seen at once
            values["partner"]["title"] = values["biuro_client"]["label"]
        return values

    def _find_existing_company(self, email):
        """An unknown sender of a client's e-mail domain belongs to that client
        (crm_biuro_mail's matching, the same as for mail to the office)."""
        match = request.env["res.partner"]._biuro_mail_match(email)
        client = match["client"].with_env(request.env)._filtered_access("read")
        if client:
            return client
        return super()._find_existing_company(email)

    @http.route()
    def log_mail_content(self, model, res_id, message, attachments=None):
        """A mail logged on a client or on one of its contacts goes to the
        client's timeline, as an e-mail; anything else as in Odoo."""
        if model == "res.partner" and isinstance(res_id, int):
            partner = request.env["res.partner"].browse(res_id).exists()
            client = self._biuro_client_of(partner) if partner else partner
            if client:
                client.check_access("write")
                return self._biuro_log_on_client(client, message, attachments)
        return super().log_mail_content(model, res_id, message, attachments)

    def _biuro_log_on_client(self, client, message, attachments):
        try:
            files = [
                (name, base64.b64decode(content)) for name, content in attachments or []
            ]
        except (TypeError, ValueError, binascii.Error) as error:
            raise UserError(_("The attachments of the e-mail are invalid.")) from error
        # an internal e-mail: filed for the office, nobody is notified
        client.message_post(
            body=Markup(message),
            attachments=files,
            message_type="email",
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _translation_modules_whitelist(self):
        return super()._translation_modules_whitelist() + ["crm_biuro_mail_plugin"]
