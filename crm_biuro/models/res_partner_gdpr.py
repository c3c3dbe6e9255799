import html
import re

from markupsafe import Markup
from markupsafe import escape as markup_escape

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import email_normalize, format_datetime

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
        """The partners and all their contacts (nested ones too), archived ones
        included, and the portal people who hold access only to clients of the scope
        (crm_biuro_portal creates them without a parent company)."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        scope = Partner.search([("id", "child_of", self.ids)]) if self.ids else Partner
        if "biuro.portal.access" in self.env:
            Access = self.env["biuro.portal.access"].sudo()
            Access = Access.with_context(active_test=False)
            holders = Access.search([("client_id", "in", scope.ids)]).partner_id
            for holder in holders - scope:
                if holder.parent_id:
                    continue
                elsewhere = Access.with_context(active_test=True).search_count(
                    [("partner_id", "=", holder.id), ("client_id", "not in", scope.ids)]
                )
                if not elsewhere:
                    scope |= holder
        return self.with_context(active_test=False).browse(scope.ids).exists()

    def _biuro_anonymize(self):
        """Irreversibly remove the personal data of the partners and their contacts,
        and log who did it and when on their timeline."""
        self._biuro_check_gdpr_manager()
        scope = self._biuro_gdpr_scope().sudo()
        scope._biuro_check_anonymizable()
        terms = scope._biuro_personal_terms()
        emails = scope._biuro_personal_emails(terms)
        # timelines where the office may have named the people: their own, their
        # company's and those of the clients they had portal access to
        timelines = scope | scope.commercial_partner_id | scope._biuro_access_clients()
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
            if partner.biuro_client:
                # no more registry checks or obligations collecting data again
                vals["biuro_state"] = "inactive"
            partner.write(vals)
        scope._biuro_anonymize_banks()
        scope._biuro_anonymize_portal_access()
        scope._biuro_anonymize_users()
        scope._biuro_anonymize_mail_routing(emails)
        scope._biuro_anonymize_messages(terms, emails, timelines)
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)]
        ).unlink()
        self.env["mail.followers"].sudo().search(
            [("partner_id", "in", scope.ids)]
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
        # an archived staff account no longer works: it does not protect the person
        staff = self.with_context(active_test=False).user_ids.filtered(
            lambda user: user.active and not user.share
        )
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

    def _biuro_access_clients(self):
        """Clients the people had portal access to (crm_biuro_portal)."""
        if "biuro.portal.access" not in self.env:
            return self.browse()
        Access = self.env["biuro.portal.access"].sudo().with_context(active_test=False)
        return Access.search([("partner_id", "in", self.ids)]).client_id

    def _biuro_anonymize_portal_access(self):
        """Access rows to or of the scope are closed (crm_biuro_portal); run after
        the names are erased, so the revocation notes do not name the people."""
        if "biuro.portal.access" not in self.env:
            return
        self.env["biuro.portal.access"].sudo().search(
            ["|", ("client_id", "in", self.ids), ("partner_id", "in", self.ids)]
        ).write({"active": False})

    def _biuro_anonymize_banks(self):
        """Bank accounts go, unless a record (invoice, payment...) points to them (then
        only the holder's name goes); the account module logs every change of a bank
        account on the partner, so those logs are removed too."""
        Message = self.env["mail.message"].sudo()
        last = Message.search([], order="id desc", limit=1).id or 0
        Bank = self.env["res.partner.bank"].sudo().with_context(active_test=False)
        banks = Bank.search([("partner_id", "in", self.ids)])
        kept = Bank.browse()
        links = (
            self.env["ir.model.fields"]
            .sudo()
            .search(
                [
                    ("ttype", "=", "many2one"),
                    ("relation", "=", "res.partner.bank"),
                    ("store", "=", True),
                    ("model", "!=", "res.partner.bank"),
                ]
            )
        )
        for link in links:
            if link.model not in self.env or link.name not in self.env[link.model]:
                continue
            Model = self.env[link.model].sudo().with_context(active_test=False)
            if Model._transient or Model._abstract:
                continue
            kept |= Model.search([(link.name, "in", banks.ids)])[link.name]
        gone = banks - kept
        if gone:
            # base archives a bank account on unlink (entries may point to it); no
            # record points to these, and an archived one would keep the number
            for model, field in (
                ("mail.message", "model"),
                ("mail.followers", "res_model"),
                ("mail.activity", "res_model"),
            ):
                self.env[model].sudo().search(
                    [(field, "=", "res.partner.bank"), ("res_id", "in", gone.ids)]
                ).unlink()
            models.Model.unlink(gone)
        kept.with_context(tracking_disable=True, mail_notrack=True).write(
            {"acc_holder_name": False}
        )
        Message.search(
            [
                ("id", ">", last),
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", self.ids),
                "&",
                ("model", "=", "res.partner.bank"),
                ("res_id", "in", banks.ids),
            ]
        ).unlink()
        # older changes of the holder's name or number logged on their timelines
        self.env["mail.tracking.value"].sudo().search(
            [
                ("mail_message_id.model", "in", ("res.partner", "res.partner.bank")),
                ("mail_message_id.res_id", "in", self.ids + kept.ids),
                ("field_id.model", "=", "res.partner.bank"),
                ("field_id.name", "in", ("acc_holder_name", "acc_number")),
            ]
        ).unlink()

    def _biuro_anonymize_mail_routing(self, emails):
        """The e-mail routing of crm_biuro_mail: known senders, the client's domains
        and the unassigned e-mails they sent."""
        if "biuro.mail.sender" in self.env:
            domain = [("partner_id", "in", self.ids)]
            if emails:
                domain = expression.OR([domain, [("email", "in", list(emails))]])
            self.env["biuro.mail.sender"].sudo().search(domain).unlink()
        if "biuro.mail.domain" in self.env:
            self.env["biuro.mail.domain"].sudo().search(
                [("partner_id", "in", self.ids)]
            ).unlink()
        if "biuro.mail.unassigned" in self.env and emails:
            self.env["biuro.mail.unassigned"].sudo().search(
                [("sender_email", "in", list(emails))]
            ).unlink()

    def _biuro_anonymize_users(self):
        """Portal accounts of the anonymised people are closed for good, with their
        devices and API keys."""
        users = self.with_context(active_test=False).user_ids
        for model in ("res.device.log", "res.users.apikeys"):
            if model in self.env and users:
                self.env[model].sudo().search([("user_id", "in", users.ids)]).unlink()
        for user in users:
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
            terms.update(partner.sudo().bank_ids.mapped("acc_number"))
            if not (partner.is_company or partner.biuro_client):
                terms.add(partner.vat)
        return {term for term in terms if term and len(term) >= 5}

    @staticmethod
    def _biuro_personal_emails(terms):
        emails = {email_normalize(term) for term in terms if "@" in term}
        return {email for email in emails if email}

    def _biuro_anonymize_messages(self, terms, emails, timelines):
        """What the people wrote, every message anywhere that names their e-mail,
        and the messages on the timelines where they may be named, lose their
        content."""
        Message = self.env["mail.message"].sudo()
        # ilike is only a prefilter: jan@firma.pl is also in dejan@firma.pl
        authored = Message.search([("author_id", "in", self.ids)])
        if emails:
            authored |= Message.search(
                expression.OR([[("email_from", "ilike", email)] for email in emails])
            ).filtered(lambda m: email_normalize(m.email_from or "") in emails)
            patterns = [
                re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-])", re.IGNORECASE)
                for email in emails
            ]
            mentioning = Message.search(
                expression.OR([[("body", "ilike", email)] for email in emails])
            ).filtered(
                lambda m: any(
                    pattern.search(html.unescape(str(m.body or "")))
                    for pattern in patterns
                )
            )
        else:
            mentioning = Message.browse()
        timeline = Message.search(
            [("model", "=", "res.partner"), ("res_id", "in", timelines.ids)]
        )
        # as typed, and as stored in HTML bodies (escaped), in any case
        lowered = set()
        for term in terms:
            lowered |= {term, html.escape(term), str(markup_escape(term))}
        lowered = {term.lower() for term in lowered}

        def names_someone(message):
            text = f"{message.body or ''} {message.subject or ''}".lower()
            return any(term in text for term in lowered)

        naming = timeline.filtered(names_someone)
        authored.write({"email_from": False, "reply_to": False})
        (authored | mentioning | naming).write(
            {
                "subject": False,
                "body": Markup("<p>%s</p>") % _("Content removed (personal data)."),
            }
        )
        self._biuro_anonymize_attachments(authored.attachment_ids)
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

    def _biuro_anonymize_attachments(self, authored):
        """Files attached to the people themselves, and the files they sent when
        they were only on a timeline or in a composer; the documents of the client
        (biuro.document) and the invoices are accounting records and stay (legal
        duty)."""
        Attachment = self.env["ir.attachment"].sudo()
        attachments = Attachment.search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ) | authored.sudo().filtered(
            lambda a: a.res_model in (False, "res.partner", "mail.compose.message")
        )
        documents = self.env["biuro.document"].sudo().with_context(active_test=False)
        kept = documents.search([("attachment_id", "in", attachments.ids)])
        (attachments - kept.attachment_id).unlink()
