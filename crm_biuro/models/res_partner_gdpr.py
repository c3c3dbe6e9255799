from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import format_datetime

# What identifies or describes a person. The NIP, REGON and KRS stay: the invoices and
# the other accounting records the office must keep (Ordynacja podatkowa, ustawa o
# rachunkowości) carry them, and a company's identifiers are not personal data.
PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "website",
    "comment",
    "function",
    "title",
    "image_1920",
    "biuro_pesel",
    "biuro_contact_role",
)
# ...and of a contact person, also the personal tax id
CONTACT_PERSONAL_FIELDS = PERSONAL_FIELDS + ("vat",)
# tracked fields whose old values on the timeline would keep the personal data
TRACKED_PERSONAL_FIELDS = CONTACT_PERSONAL_FIELDS + (
    "name",
    "display_name",
    "complete_name",
    "contact_address_inline",
    "email_normalized",
    "phone_sanitized",
)


class ResPartner(models.Model):
    """GDPR (RODO) erasure: the client and its contacts are anonymised, not deleted,
    because invoices and other accounting records must stay for years (legal duty)
    and keep pointing to them."""

    _inherit = "res.partner"

    biuro_anonymized_date = fields.Datetime(
        string="Anonymised on", readonly=True, copy=False
    )
    biuro_anonymized_uid = fields.Many2one(
        "res.users", string="Anonymised by", readonly=True, copy=False
    )

    def _biuro_check_gdpr_manager(self):
        if not self.env.user.has_group("crm_biuro.group_biuro_manager"):
            raise AccessError(
                _(
                    "Only managers of the accounting office may handle personal data "
                    "requests."
                )
            )

    def _biuro_gdpr_scope(self):
        """The partners and all their contacts, archived ones included."""
        partners = self.with_context(active_test=False)
        return (partners | partners.child_ids).exists()

    def _biuro_anonymize(self):
        """Irreversibly remove the personal data of the partners and their contacts,
        and log who did it and when on their timeline."""
        self._biuro_check_gdpr_manager()
        scope = self._biuro_gdpr_scope().sudo()
        scope._biuro_check_anonymizable()
        terms = scope._biuro_personal_terms()
        now = fields.Datetime.now()
        # the anonymisation must not itself record the old values on the timeline
        quiet = scope.with_context(tracking_disable=True, mail_notrack=True)
        for partner in quiet:
            is_client = partner.is_company or partner.biuro_client
            personal = PERSONAL_FIELDS if is_client else CONTACT_PERSONAL_FIELDS
            vals = dict.fromkeys(personal, False)
            vals.update(
                name=_("Deleted client") if is_client else _("Deleted person"),
                biuro_anonymized_date=now,
                biuro_anonymized_uid=self.env.uid,
            )
            partner.write(vals)
        scope.bank_ids.write({"acc_holder_name": False})
        scope._biuro_anonymize_users()
        scope._biuro_anonymize_messages(terms)
        scope._biuro_anonymize_attachments()
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)]
        ).unlink()
        body = _(
            "Personal data anonymised by %(user)s on %(date)s. This cannot be undone.",
            user=self.env.user.name,
            date=format_datetime(self.env, now),
        )
        for partner in self.sudo() | self.sudo().commercial_partner_id:
            partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _biuro_check_anonymizable(self):
        staff = self.user_ids.filtered(lambda user: not user.share)
        if staff:
            raise UserError(
                _(
                    "%(partner)s is an internal user of the office: deactivate the "
                    "user before anonymising the contact.",
                    partner=staff[0].partner_id.display_name,
                )
            )
        companies = (
            self.env["res.company"].sudo().search([("partner_id", "in", self.ids)])
        )
        if companies:
            raise UserError(_("The office's own companies cannot be anonymised."))

    def _biuro_anonymize_users(self):
        """Portal accounts of the anonymised people are closed for good."""
        for user in self.with_context(active_test=False).user_ids:
            user.write(
                {
                    "active": False,
                    "login": f"anonymised-{user.id}",
                    "signature": False,
                }
            )

    def _biuro_personal_terms(self):
        """The personal values of the partners as they may appear in texts; read
        before they are erased. Short values would match anything and are left out."""
        terms = set()
        for partner in self:
            terms.update(
                [
                    partner.name,
                    partner.email,
                    partner.email_normalized,
                    partner.phone,
                    partner.mobile,
                    partner.street,
                    partner.website,
                    partner.biuro_pesel,
                ]
            )
            if not (partner.is_company or partner.biuro_client):
                terms.add(partner.vat)
        return {term for term in terms if term and len(term) >= 5}

    def _biuro_anonymize_messages(self, terms):
        """What the people wrote, and every message on their own timelines or
        anywhere else that names their e-mail, loses its content."""
        Message = self.env["mail.message"].sudo()
        emails = [term for term in terms if "@" in term]
        authored = Message.search(
            expression.OR(
                [[("author_id", "in", self.ids)]]
                + [[("email_from", "ilike", email)] for email in emails]
            )
        )
        mentioning = Message.search(
            expression.OR([[("body", "ilike", email)] for email in emails])
            if emails
            else expression.FALSE_DOMAIN
        )
        timeline = Message.search(
            [("model", "=", "res.partner"), ("res_id", "in", self.ids)]
        )
        naming = timeline.filtered(
            lambda message: any(
                term in (message.body or "") or term in (message.subject or "")
                for term in terms
            )
        )
        authored.write({"email_from": False, "reply_to": False})
        (authored | mentioning | naming).write(
            {
                "subject": False,
                "body": Markup("<p>%s</p>") % _("Content removed (personal data)."),
            }
        )
        authored.attachment_ids.unlink()
        # the messages on their own timelines still name the record they were on
        for partner in self:
            timeline.filtered(lambda m, p=partner: m.res_id == p.id).write(
                {"record_name": partner.name}
            )
        self._biuro_anonymize_tracking()
        self.env["mail.mail"].sudo().search(
            [("recipient_ids", "in", self.ids)]
        ).unlink()

    def _biuro_anonymize_tracking(self):
        """Old values of personal fields on their timelines, and their names kept by
        the tracking of fields pointing to them on other records (e.g. invoices)."""
        Tracking = self.env["mail.tracking.value"].sudo()
        Tracking.search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "in", self.ids),
                ("field_id.name", "in", TRACKED_PERSONAL_FIELDS),
            ]
        ).unlink()
        names = {partner.id: partner.name for partner in self}
        for side in ("old", "new"):
            trackings = Tracking.search(
                [
                    ("field_id.ttype", "=", "many2one"),
                    ("field_id.relation", "=", "res.partner"),
                    (f"{side}_value_integer", "in", self.ids),
                ]
            )
            for tracking in trackings:
                tracking[f"{side}_value_char"] = names[
                    tracking[f"{side}_value_integer"]
                ]

    def _biuro_anonymize_attachments(self):
        """Files attached to the people themselves; the documents of the client and the
        invoices are accounting records and stay (legal duty)."""
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ).unlink()
