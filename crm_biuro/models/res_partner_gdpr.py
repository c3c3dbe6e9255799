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
    "biuro_birthday",
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
# The records of a client besides its partner record, and the field naming the client
CLIENT_RECORD_MODELS = {
    "biuro.contract": "partner_id",
    "biuro.tax.inspection": "partner_id",
    "biuro.document": "partner_id",
    "biuro.obligation": "partner_id",
    "account.move": "commercial_partner_id",
}
# a tag of an HTML body, and a quoted attribute value inside a tag
HTML_TAG = re.compile(r"(<[^>]*>)")
HTML_ATTRIBUTE_VALUE = re.compile(r"""(=\s*)("[^"]*"|'[^']*')""")
# the spaces between the words of a term, as typed or as stored in an HTML body
SPACES = r"(?:\s|&nbsp;|&#160;|&#xa0;)+"
# a phone, PESEL, tax id or bank account: written with or without separators
NUMBER = re.compile(r"^[A-Za-z]{0,2}[\d\s().+/-]+$")


def is_number(term):
    return bool(NUMBER.match(term)) and sum(c.isdigit() for c in term) >= 7


def term_key(term):
    """What two spellings of one value have in common: the case, and for a number
    its last nine digits (a phone with or without +48, spaces or dashes)."""
    if is_number(term):
        digits = "".join(c for c in term if c.isdigit())
        letters = "".join(c for c in term if c.isalpha()).lower()
        return letters + digits if letters else digits[-9:]
    return " ".join(term.lower().split())


def term_pattern(term):
    """A regular expression matching the term as it may be written in a text or an
    HTML body (escaped, with non-breaking spaces, a number with separators)."""
    if is_number(term):
        variants = ["".join(c for c in term if c.isalnum())]
        if term.startswith("+"):
            # +48 600 100 200 is also written 600 100 200
            variants.append(variants[0][-9:])
        return "|".join(
            r"[\s.-]?".join(re.escape(c) for c in variant) for variant in variants
        )
    variants = {
        term,
        html.escape(term),
        html.escape(term, quote=False),
        str(markup_escape(term)),
    }
    return "|".join(
        SPACES.join(re.escape(word) for word in variant.split())
        for variant in sorted(variants, key=len, reverse=True)
    )


class Redactor:
    """Replaces each occurrence of the personal terms in a text or an HTML body with
    a marker, and keeps the rest of the text as it was."""

    def __init__(self, terms, marker):
        by_length = sorted(terms, key=len, reverse=True)
        emails = [term for term in by_length if "@" in term]
        others = [term for term in by_length if "@" not in term]
        parts = []
        if emails:
            # jan@firma.pl is not in dejan@firma.pl, nor in jan@firma.pl.eu
            alternatives = "|".join(term_pattern(term) for term in emails)
            parts.append(rf"(?<![\w.+-])(?:{alternatives})(?![\w-])")
        if others:
            alternatives = "|".join(term_pattern(term) for term in others)
            parts.append(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self.pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        self.marker = marker
        self.marker_html = str(markup_escape(marker))

    def text(self, value):
        if not value or not self.pattern:
            return value
        return self.pattern.sub(lambda match: self.marker, value)

    def html(self, value):
        """Only in the text and in the attribute values (a mailto: link), never in
        the tags themselves, so the markup stays whole."""
        if not value or not self.pattern:
            return value
        parts = HTML_TAG.split(str(value))
        for index, part in enumerate(parts):
            if index % 2:
                parts[index] = HTML_ATTRIBUTE_VALUE.sub(
                    lambda match: (
                        match[1]
                        + self.pattern.sub(lambda found: self.marker_html, match[2])
                    ),
                    part,
                )
            else:
                parts[index] = self.pattern.sub(lambda found: self.marker_html, part)
        return Markup("".join(parts))


class ResPartner(models.Model):
    """GDPR (RODO) erasure: the client and its contacts are anonymised, not deleted,
    because invoices and other accounting records must stay for years (legal duty)
    and keep pointing to them. Erasing one person erases that person's data only:
    the terms are redacted inside the messages, values the person shares with its
    company are left alone, and no file of a client's records is deleted."""

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

    def _biuro_check_gdpr_subject(self):
        """A personal data request (export or erasure) is about a client (a company
        or a natural person), a contact of a client or a portal person, never about
        the office's staff or its own companies; and the manager must be able to read
        the partner (the companies they work in)."""
        self._biuro_check_gdpr_manager()
        # as the caller: the request stays within the manager's own access rights
        self.check_access("read")
        # sudo: the manager's right to handle the request is checked above; this only
        # reads who the partners are (users, office companies, portal rows)
        partners = self.sudo().with_context(active_test=False)
        # sudo: same check; the office's companies, to refuse their partners
        Company = self.env["res.company"].sudo().with_context(active_test=False)
        office = Company.search([]).partner_id
        for partner in partners:
            users = partner.user_ids
            if users.filtered(lambda user: not user.share):
                raise UserError(
                    _(
                        "%(partner)s is a user of the office: personal data requests "
                        "cover clients, their contacts and portal users only.",
                        partner=partner.display_name,
                    )
                )
            if partner in office or partner.commercial_partner_id in office:
                raise UserError(
                    _(
                        "%(partner)s belongs to one of the office's own companies: "
                        "personal data requests cover clients, their contacts and "
                        "portal users only.",
                        partner=partner.display_name,
                    )
                )
            portal = users.filtered(lambda user: user._is_portal())
            if not (
                partner.commercial_partner_id.biuro_client
                or portal
                or partner._biuro_access_clients()
            ):
                raise UserError(
                    _(
                        "%(partner)s is neither a client of the office, nor a contact "
                        "of a client, nor a portal user.",
                        partner=partner.display_name,
                    )
                )

    def _biuro_gdpr_scope(self):
        """The partners and all their contacts (nested ones too), archived ones
        included, and the partners the other addons add to the request (see
        _biuro_gdpr_scope_extra)."""
        # sudo: callers check the manager first; archived contacts and access rows
        # of other companies belong to the request too
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        scope = Partner.search([("id", "child_of", self.ids)]) if self.ids else Partner
        scope |= scope._biuro_gdpr_scope_extra()
        return self.with_context(active_test=False).browse(scope.ids).exists()

    def _biuro_gdpr_scope_extra(self):
        """Hook: partners outside these ones (a scope of a request, read as
        superuser) that belong to the request too, e.g. the portal people of
        crm_biuro_portal who hold access only to clients of the scope. None here."""
        return self.browse()

    # --- erasure ------------------------------------------------------------------

    def _biuro_anonymize(self):
        """Irreversibly remove the personal data of the partners and their contacts,
        and log who did it and when on their timeline."""
        plan = self._biuro_anonymize_plan()
        scope, terms, emails = plan["scope"], plan["terms"], plan["emails"]
        now = fields.Datetime.now()
        # the anonymisation must not itself record the old values on the timeline
        quiet = scope.with_context(tracking_disable=True, mail_notrack=True)
        for partner in quiet:
            vals = dict(plan["partners"][partner.id])
            vals.update(biuro_anonymized_date=now, biuro_anonymized_uid=self.env.uid)
            partner.write(vals)
        scope._biuro_anonymize_banks(*plan["banks"])
        for records in plan["archived"]:
            records.write({"active": False})
        scope._biuro_anonymize_users()
        for records in plan["routing"].values():
            records.unlink()
        scope._biuro_anonymize_attachments(plan["attachments"], plan["moved"])
        # searched again: closing the access and the accounts may have logged notes
        changes = scope._biuro_message_changes(terms, emails, plan["timelines"])
        for message, vals in changes.items():
            message.write(vals)
        scope._biuro_anonymize_tracking()
        scope._biuro_anonymize_mails(plan["mails"])
        plan["activities"].unlink()
        plan["followers"].unlink()
        # the messages on their own timelines still name the record they were on
        Message = self.env["mail.message"].sudo()  # sudo: manager checked in the plan
        for partner in scope:
            Message.search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
            ).write({"record_name": partner.name})
        body = _(
            "Personal data anonymised by %(user)s on %(date)s. This cannot be undone.",
            user=self.env.user.name,
            date=format_datetime(self.env, now),
        )
        # sudo: manager checked in the plan; the client may be archived
        for partner in self.sudo() | self.sudo().commercial_partner_id:
            partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _biuro_anonymize_preview(self):
        """The dry run shown before the confirmation: how many messages would be
        redacted, how many fields cleared and how many records touched (partners,
        bank accounts, logins, access rows, e-mail routing, files, activities,
        followers, queued e-mails). Nothing is written."""
        plan = self._biuro_anonymize_plan()
        changes = plan["scope"]._biuro_message_changes(
            plan["terms"], plan["emails"], plan["timelines"]
        )
        scope = plan["scope"]
        fields_cleared = 0
        for partner in scope:
            for name, value in plan["partners"][partner.id].items():
                if name in ("name", "biuro_state"):
                    fields_cleared += partner[name] != value
                elif partner[name]:
                    fields_cleared += 1
        banks = plan["banks"][0]
        records = (
            len(scope)
            + len(banks)
            + len(scope.with_context(active_test=False).user_ids)
            + sum(len(records) for records in plan["archived"])
            + sum(len(records) for records in plan["routing"].values())
            + len(plan["attachments"])
            + len(plan["moved"])
            + len(plan["activities"])
            + len(plan["followers"])
            + len(plan["mails"])
        )
        return {
            "message_count": len(changes),
            "field_count": fields_cleared,
            "record_count": records,
            "attachment_count": len(plan["attachments"]),
        }

    def _biuro_anonymize_plan(self):
        """Everything the anonymisation changes, read without writing anything (the
        dry run and the anonymisation itself share it)."""
        self._biuro_check_gdpr_subject()
        # sudo: the manager and the subject were checked just above
        scope = self._biuro_gdpr_scope().sudo()
        scope._biuro_check_anonymizable()
        terms = scope._biuro_personal_terms()
        emails = scope._biuro_personal_emails(terms)
        partners = {}
        for partner in scope:
            is_client = partner.is_company or partner.biuro_client
            personal = PERSONAL_FIELDS if is_client else CONTACT_PERSONAL_FIELDS
            vals = dict.fromkeys(personal, False)
            vals["name"] = _("Deleted client") if is_client else _("Deleted person")
            if partner.biuro_client:
                # no more registry checks or obligations collecting data again
                vals["biuro_state"] = "inactive"
            partners[partner.id] = vals
        authored = scope._biuro_authored_messages(emails)
        attachments, moved = scope._biuro_attachments_plan(authored)
        # sudo: manager and subject checked above; rows of every company
        env = self.env(su=True, context=dict(self.env.context, active_test=False))
        return {
            "scope": scope,
            "terms": terms,
            "emails": emails,
            # timelines where the office may have named the people: their own, their
            # company's and those of the clients they had portal access to
            "timelines": (
                scope | scope.commercial_partner_id | scope._biuro_access_clients()
            ),
            "partners": partners,
            "banks": scope._biuro_bank_accounts(),
            # closed after the names are erased, so that their notes name no one
            "archived": scope._biuro_gdpr_erase_archived(),
            "routing": scope._biuro_gdpr_erase_deleted(emails),
            "attachments": attachments,
            "moved": moved,
            "activities": env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)]
            ),
            "followers": env["mail.followers"].search(
                [("partner_id", "in", scope.ids)]
            ),
            "mails": env["mail.mail"].search([("recipient_ids", "in", scope.ids)]),
        }

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
            # sudo: the office's companies, whichever the manager works in
            self.env["res.company"].sudo().search([("partner_id", "in", self.ids)])
        )
        if companies:
            raise UserError(_("The office's own companies cannot be anonymised."))

    def _biuro_access_clients(self):
        """Hook: the clients the people had portal access to (crm_biuro_portal
        fills it in); their timelines may name the people. None here."""
        return self.browse()

    def _biuro_gdpr_erase_archived(self):
        """Hook: [records] of the other addons that the erasure of these people (the
        scope, read as superuser) closes by archiving them, e.g. portal access rows
        (crm_biuro_portal). Archived after the names are erased. None here."""
        return []

    def _biuro_gdpr_erase_deleted(self, emails):
        """Hook: {model: records} of the other addons that the erasure of these
        people (the scope, read as superuser, and their personal ``emails``)
        deletes, e.g. the e-mail routing of crm_biuro_mail. None here."""
        return {}

    def _biuro_bank_accounts(self):
        """(the bank accounts of the partners, those a record points to): these only
        lose the holder's name, the others go."""
        # sudo: callers checked the manager; archived accounts and records of any
        # company point to them
        Bank = self.env["res.partner.bank"].sudo().with_context(active_test=False)
        banks = Bank.search([("partner_id", "in", self.ids)])
        kept = Bank.browse()
        if not banks:
            return banks, kept
        links = (
            self.env["ir.model.fields"]
            # sudo: the technical list of fields, to find the records pointing to them
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
            # sudo: as above, any record pointing to the account keeps it
            Model = self.env[link.model].sudo().with_context(active_test=False)
            if Model._transient or Model._abstract:
                continue
            kept |= Model.search([(link.name, "in", banks.ids)])[link.name]
        return banks, kept & banks

    def _biuro_anonymize_banks(self, banks, kept):
        """Bank accounts go, unless a record (invoice, payment...) points to them (then
        only the holder's name goes); the account module logs every change of a bank
        account on the partner, so those logs are removed too."""
        # sudo: callers checked the manager; the bank logs are system records
        Message = self.env["mail.message"].sudo()
        last = Message.search([], order="id desc", limit=1).id or 0
        gone = banks - kept
        if gone:
            # base archives a bank account on unlink (entries may point to it); no
            # record points to these, and an archived one would keep the number
            for model, field in (
                ("mail.message", "model"),
                ("mail.followers", "res_model"),
                ("mail.activity", "res_model"),
            ):
                # sudo: the logs of the account itself, which goes
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
        # sudo: tracking values are readable by the system only
        self.env["mail.tracking.value"].sudo().search(
            [
                ("mail_message_id.model", "in", ("res.partner", "res.partner.bank")),
                ("mail_message_id.res_id", "in", self.ids + kept.ids),
                ("field_id.model", "=", "res.partner.bank"),
                ("field_id.name", "in", ("acc_holder_name", "acc_number")),
            ]
        ).unlink()

    def _biuro_anonymize_users(self):
        """Portal accounts of the anonymised people are closed for good, with their
        devices and API keys."""
        users = self.with_context(active_test=False).user_ids
        for model in ("res.device.log", "res.users.apikeys"):
            if model in self.env and users:
                # sudo: callers checked the manager; system tables of these users
                self.env[model].sudo().search([("user_id", "in", users.ids)]).unlink()
        for user in users:
            user.write(
                {
                    "active": False,
                    "login": f"anonymised-{user.id}",
                    "signature": False,
                }
            )

    def _biuro_raw_terms(self):
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
            # sudo: callers checked the manager (bank accounts of any company)
            terms.update(partner.sudo().bank_ids.mapped("acc_number"))
            if not (partner.is_company or partner.biuro_client):
                terms.add(partner.vat)
        terms.update(self._biuro_former_values())
        terms = {" ".join(term.split()) for term in terms if term}
        return {term for term in terms if len(term) >= 5}

    def _biuro_former_values(self):
        """What the partners were called (or reachable at) before: a renamed client's
        old name still stands in mail headers and messages written before."""
        trackings = (
            self.env["mail.tracking.value"]
            # sudo: callers checked the manager; tracking values are system records
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "res.partner"),
                    ("mail_message_id.res_id", "in", self.ids),
                    ("field_id.name", "in", TRACKED_PERSONAL_FIELDS),
                ]
            )
        )
        return set(trackings.mapped("old_value_char")) | set(
            trackings.mapped("new_value_char")
        )

    def _biuro_personal_terms(self):
        """The personal values of the partners as they may appear in texts; read
        before they are erased. Short values would match anything and are left out,
        and so are the values the partners share with partners outside them: the
        address, NIP and phone a contact has from its company, a mailbox shared with
        the company or another person."""
        terms = self._biuro_raw_terms()
        shared = self._biuro_shared_terms()
        return {term for term in terms if term_key(term) not in shared}

    def _biuro_shared_terms(self):
        """The keys (term_key) of the values held by the partners' companies and
        their other people, and of the e-mails of anyone else."""
        # sudo: callers checked the manager; only the partners' own values are kept
        # or left out with this, nothing of the others is returned to the caller
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        others = Partner.search(
            [
                ("id", "child_of", self.commercial_partner_id.ids),
                ("id", "not in", self.ids),
            ]
        )
        held = others._biuro_raw_terms() | set(others.mapped("vat"))
        emails = {
            email_normalize(email)
            for email in self.mapped("email") + self.mapped("email_normalized")
            if email and email_normalize(email)
        }
        if emails:
            owners = Partner.search(
                [("email_normalized", "in", list(emails)), ("id", "not in", self.ids)]
            )
            held |= set(owners.mapped("email_normalized"))
            users = (
                self.env["res.users"]
                # sudo: callers checked the manager; to leave shared e-mails out
                .sudo()
                .with_context(active_test=False)
                .search(
                    [("login", "in", list(emails)), ("partner_id", "not in", self.ids)]
                )
            )
            held |= set(users.mapped("login"))
        keys = {term_key(term) for term in held if term}
        # an e-mail shared in another spelling is shared too
        keys |= {email_normalize(term) for term in held if term and "@" in term}
        return {key for key in keys if key}

    @staticmethod
    def _biuro_personal_emails(terms):
        emails = {email_normalize(term) for term in terms if "@" in term}
        return {email for email in emails if email}

    def _biuro_authored_messages(self, emails):
        """What the people wrote: as the author, or sent from their own address."""
        # sudo: callers checked the manager; messages of every record
        Message = self.env["mail.message"].sudo()
        authored = Message.search([("author_id", "in", self.ids)])
        if emails:
            # ilike is only a prefilter: jan@firma.pl is also in dejan@firma.pl
            authored |= Message.search(
                expression.OR([[("email_from", "ilike", email)] for email in emails])
            ).filtered(lambda m: email_normalize(m.email_from or "") in emails)
        return authored

    def _biuro_client_records(self):
        """{model: records} of the clients' records (contracts, inspections,
        documents, obligations, invoices)."""
        result = {}
        for model, field in CLIENT_RECORD_MODELS.items():
            if model in self.env:
                # sudo: callers checked the manager; records of every company
                Model = self.env[model].sudo().with_context(active_test=False)
                result[model] = Model.search([(field, "in", self.ids)])
        return result

    def _biuro_message_changes(self, terms, emails, timelines):
        """{message: values}: the messages the people wrote or received, those
        anywhere quoting their e-mail, and those on the timelines (and the records of
        those clients) where they may be named, with each personal term replaced by
        a marker inside the text; the rest of each message stays. Nothing is
        written."""
        # sudo: callers checked the manager; messages of every record
        Message = self.env["mail.message"].sudo()
        messages = self._biuro_authored_messages(emails)
        messages |= Message.search([("partner_ids", "in", self.ids)])
        if emails:
            # a prefilter; only the exact e-mail is redacted below
            messages |= Message.search(
                expression.OR([[("body", "ilike", email)] for email in emails])
            )
        on_records = [[("model", "=", "res.partner"), ("res_id", "in", timelines.ids)]]
        clients = timelines.filtered(lambda p: p.is_company or p.biuro_client)
        for model, records in clients._biuro_client_records().items():
            if records:
                on_records.append(
                    [("model", "=", model), ("res_id", "in", records.ids)]
                )
        messages |= Message.search(expression.OR(on_records))
        redactor = Redactor(terms, _("[personal data removed]"))
        changes = {}
        for message in messages:
            vals = {}
            body = redactor.html(message.body)
            if body != message.body:
                vals["body"] = body
            for name in ("subject", "record_name"):
                value = redactor.text(message[name])
                if value != message[name]:
                    vals[name] = value
            for name in ("email_from", "reply_to"):
                value = message[name]
                if value and email_normalize(value) in emails:
                    vals[name] = False
                elif value and redactor.text(value) != value:
                    vals[name] = redactor.text(value)
            if vals:
                changes[message] = vals
        return changes

    def _biuro_anonymize_tracking(self):
        """Old values of personal fields on their timelines, and their names kept by
        the tracking of fields pointing to them on other records (e.g. invoices)."""
        # sudo: callers checked the manager; tracking values are system records
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

    def _biuro_attachments_plan(self, authored):
        """(files deleted, {file: (model, id)} files moved). Only files of a person
        themselves can go: those on the person's own record, and those they sent
        from a composer; a file a client's document points to, or that a message on
        another record (a client's timeline, an invoice) carries, is an accounting
        record kept by law: it stays, moved from the person to that record. The
        files of a client (company or natural person) all stay."""
        people = self.filtered(lambda p: not (p.is_company or p.biuro_client))
        # sudo: callers checked the manager; files of every record
        Attachment = self.env["ir.attachment"].sudo()
        candidates = Attachment.search(
            [("res_model", "=", "res.partner"), ("res_id", "in", people.ids)]
        )
        # sudo: as above; the files the people sent from a composer
        candidates |= authored.sudo().attachment_ids.filtered(
            lambda a: not a.res_model or a.res_model == "mail.compose.message"
        )
        moved = {}
        if not candidates:
            return Attachment, moved
        # sudo: callers checked the manager; documents of every company
        Document = self.env["biuro.document"].sudo().with_context(active_test=False)
        for document in Document.search([("attachment_id", "in", candidates.ids)]):
            moved[document.attachment_id] = ("biuro.document", document.id)
        carriers = (
            self.env["mail.message"]
            # sudo: callers checked the manager; messages of every record
            .sudo()
            .search([("attachment_ids", "in", candidates.ids)], order="id")
        )
        for message in carriers:
            if not message.model or not message.res_id:
                continue
            if message.model == "res.partner" and message.res_id in people.ids:
                continue
            for attachment in message.attachment_ids & candidates:
                moved.setdefault(attachment, (message.model, message.res_id))
        gone = candidates.filtered(lambda a: a not in moved)
        return gone, moved

    def _biuro_anonymize_attachments(self, gone, moved):
        """The files of the people go; the files clients' records need are detached
        from the people onto those records."""
        targets = {}
        for attachment, target in moved.items():
            targets.setdefault(target, attachment.browse())
            targets[target] |= attachment
        for (model, res_id), attachments in targets.items():
            attachments.write({"res_model": model, "res_id": res_id})
        gone.unlink()

    def _biuro_anonymize_mails(self, mails):
        """The outgoing copies of e-mails to the people (address and body) go; the
        message each was sent from stays on its record (redacted), whereas Odoo
        would delete it with a copy that was not a notification."""
        mails.filtered(lambda mail: not mail.is_notification).write(
            {"is_notification": True}
        )
        mails.unlink()
