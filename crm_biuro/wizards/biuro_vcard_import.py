import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..vcard_import import VCardError, parse_vcards


class BiuroVcardImport(models.TransientModel):
    """Import a vCard file with many contacts (an address book exported from a
    phone, Outlook or Gmail): one partner per card, as contacts of a client when
    one is chosen. All or nothing: a broken file creates no contact."""

    _name = "biuro.vcard.import"
    _description = "Import contacts from a vCard file"

    file = fields.Binary(string="vCard file (.vcf)", required=True)
    filename = fields.Char()
    parent_id = fields.Many2one(
        "res.partner",
        string="Contacts of the client",
        domain=[("biuro_client", "=", True), ("is_company", "=", True)],
        default=lambda self: self._default_parent(),
        help="Leave empty to import independent contacts.",
    )
    skip_existing = fields.Boolean(
        string="Skip contacts whose e-mail already exists", default=True
    )

    @api.model
    def _default_parent(self):
        if self.env.context.get("active_model") != "res.partner":
            return False
        partner = self.env["res.partner"].browse(self.env.context.get("active_id"))
        partner = partner.exists().commercial_partner_id
        return partner if partner.biuro_client else False

    def _biuro_contact_vals(self, contact, countries):
        vals = {
            "name": contact["name"],
            "email": contact["email"] or False,
            "phone": contact["phone"] or False,
            "mobile": contact["mobile"] or False,
            "function": contact["function"] or False,
            "street": contact.get("street") or False,
            "zip": contact.get("zip") or False,
            "city": contact.get("city") or False,
            "comment": contact["note"] or False,
        }
        country = countries.get((contact.get("country") or "").lower())
        if country:
            vals["country_id"] = country
        if self.parent_id:
            vals["parent_id"] = self.parent_id.id
            # a contact takes its company's address; a card with its own address
            # keeps it (as another address of the client)
            has_address = any(contact.get(key) for key in ("street", "zip", "city"))
            vals["type"] = "other" if has_address else "contact"
        return vals

    def action_import(self):
        self.ensure_one()
        try:
            contacts = parse_vcards(base64.b64decode(self.file or b""))
        except VCardError as error:
            raise UserError(
                _(
                    "This is not a vCard file that can be imported: %(reason)s",
                    reason=error,
                )
            ) from error
        Partner = self.env["res.partner"]
        existing = set()
        if self.skip_existing:
            emails = [c["email"].lower() for c in contacts if c["email"]]
            existing = (
                {
                    email.lower()
                    for email in Partner.search([("email", "in", emails)]).mapped(
                        "email"
                    )
                    if email
                }
                if emails
                else set()
            )
        countries = {}
        for country in self.env["res.country"].search([]):
            countries[country.code.lower()] = country.id
            countries[country.name.lower()] = country.id
        vals_list = [
            self._biuro_contact_vals(contact, countries)
            for contact in contacts
            if not (contact["email"] and contact["email"].lower() in existing)
        ]
        partners = Partner.create(vals_list)
        skipped = len(contacts) - len(partners)
        message = _(
            "%(count)s contacts imported, %(skipped)s skipped (e-mail already known).",
            count=len(partners),
            skipped=skipped,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {
                    "type": "ir.actions.act_window",
                    "name": _("Imported contacts"),
                    "res_model": "res.partner",
                    "view_mode": "list,form",
                    "views": [(False, "list"), (False, "form")],
                    "domain": [("id", "in", partners.ids)],
                },
            },
        }
