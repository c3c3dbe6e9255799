import io
import json
import zipfile

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import html2plaintext

from .res_partner_gdpr import CLIENT_RECORD_MODELS

# relational fields of res.partner that are exported as files of their own, or that
# only hold technical links
SKIPPED_FIELDS = {"message_ids", "activity_ids", "website_message_ids"}
# raw registry answers (the registry checks of crm_biuro_verify): they name third
# parties (CRBR: PESEL and dates of birth of other people) and never leave
RAW_FIELDS = {"payload", "snapshot"}
# records listed in files of their own, or records of the client rather than of a
# person: a partner's relational fields to them are not exported with the partner
# (the other addons add theirs: _biuro_gdpr_own_file_models)
OWN_FILE_MODELS = set(CLIENT_RECORD_MODELS) | {
    "account.move.line",
    "account.payment",
    "mail.message",
    "mail.activity",
    "mail.followers",
}
# the models whose messages and followers may be exported: a client's own partner
# record and its records (never Discuss chats, HR or other records of the office)
CLIENT_MODELS = ("res.partner", *CLIENT_RECORD_MODELS)


def row_model(row):
    """The model of the record a message or a follower is on."""
    return row.res_model if row._name == "mail.followers" else row.model


def jsonable(value):
    if isinstance(value, models.BaseModel):
        return [{"id": record.id, "name": record.display_name} for record in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


class ResPartner(models.Model):
    """GDPR (RODO) right of access: what the office holds about a client or a person,
    as JSON files in one ZIP archive. A client's export holds the client's records;
    a person's export holds that person's data only (not the employer's contracts,
    inspections, invoices or obligations, nor other people's access); messages are
    those on clients' records the manager may read; raw registry answers never
    leave."""

    _inherit = "res.partner"

    def _biuro_gdpr_values(self, records, skip=()):
        """Every stored field of every record, relations (one2many ones too, e.g. the
        bank accounts) by name; files are listed elsewhere (attachments), not
        embedded; fields of groups the user is not in, and raw registry answers,
        are left out."""
        result = []
        user = self.env.user
        own_file_models = self._biuro_gdpr_own_file_models()
        names = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type != "binary"
            and name not in SKIPPED_FIELDS
            and name not in RAW_FIELDS
            and name not in skip
            and not (
                field.type in ("one2many", "many2many")
                and field.comodel_name in own_file_models
            )
            and (not field.groups or user.has_groups(field.groups))
        ]
        for record in records:
            values = {"model": record._name}
            for name in names:
                value = record[name]
                if records._fields[name].type == "many2one":
                    value = (
                        {"id": value.id, "name": value.display_name} if value else None
                    )
                else:
                    value = jsonable(value)
                values[name] = value
            result.append(values)
        return result

    @api.model
    def _biuro_gdpr_own_file_models(self):
        """Hook: the models exported in files of their own (or records of a client
        rather than of a person); the other addons add their models."""
        return set(OWN_FILE_MODELS)

    def _biuro_gdpr_related(self, model_name, partners):
        """Records of a model pointing to the partners by any many2one field (for
        the models of optional addons, whose fields we do not know in advance)."""
        if model_name not in self.env:
            return self.env["res.partner"].browse()
        # sudo: callers checked the manager and the subject; only records pointing
        # to the subject's own partners are returned
        Model = self.env[model_name].sudo().with_context(active_test=False)
        links = [
            name
            for name, field in Model._fields.items()
            if field.type == "many2one"
            and field.comodel_name == "res.partner"
            and field.store
        ]
        if not links:
            return Model.browse()
        return Model.search(
            expression.OR([[(name, "in", partners.ids)] for name in links])
        )

    def _biuro_gdpr_record_clients(self, model, ids):
        """{id: client} the client each record of a client model belongs to (for a
        partner record, its commercial partner)."""
        # sudo: callers checked the manager; this only reads whose records they are
        records = self.env[model].sudo().with_context(active_test=False).browse(ids)
        records = records.exists()
        if model == "res.partner":
            return {record.id: record.commercial_partner_id for record in records}
        field = CLIENT_RECORD_MODELS[model]
        return {record.id: record[field].commercial_partner_id for record in records}

    def _biuro_gdpr_on_client_records(self, rows, partners, clients):
        """The rows (messages, followers: with model and res_id / res_model) that are
        on the partners' own records or on records of a client: any client for a
        person, only the client itself for a client's export."""
        by_model = {}
        for row in rows:
            model = row_model(row)
            if model in CLIENT_MODELS and model in self.env and row.res_id:
                by_model.setdefault(model, set()).add(row.res_id)
        owners = {
            model: self._biuro_gdpr_record_clients(model, list(ids))
            for model, ids in by_model.items()
        }

        def allowed(row):
            model = row_model(row)
            if model not in owners:
                return False
            if model == "res.partner" and row.res_id in partners.ids:
                return True
            client = owners[model].get(row.res_id)
            if not client or not client.biuro_client:
                return False
            return not clients or client in clients

        return rows.filtered(allowed)

    def _biuro_gdpr_messages(self, partners, clients=None):
        """The messages written by or sent to the partners, or on their timelines,
        on clients' records (see _biuro_gdpr_on_client_records), and only those the
        caller may read."""
        # sudo: the search only gathers candidates; what is exported is filtered
        # below to clients' records and to the caller's own read access
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [
                ("model", "in", CLIENT_MODELS),
                "|",
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("author_id", "in", partners.ids),
                ("partner_ids", "in", partners.ids),
            ],
            order="date, id",
        )
        messages = self._biuro_gdpr_on_client_records(messages, partners, clients)
        # sudo: read below only what the manager may read (filtered just before)
        messages = messages.with_env(self.env)._filtered_access("read").sudo()
        return [
            {
                "id": message.id,
                "date": jsonable(message.date),
                "model": message.model,
                "res_id": message.res_id,
                "record_name": message.record_name,
                "message_type": message.message_type,
                "subtype": message.subtype_id.name,
                "author": message.author_id.display_name,
                "email_from": message.email_from,
                "subject": message.subject,
                "body": html2plaintext(message.body or ""),
                "tracking": [
                    {
                        "field": tracking.field_id.name,
                        "old": tracking.old_value_char or tracking.old_value_text,
                        "new": tracking.new_value_char or tracking.new_value_text,
                    }
                    for tracking in message.tracking_value_ids._filter_has_field_access(
                        self.env
                    )
                ],
                "attachments": message.attachment_ids.mapped("name"),
            }
            for message in messages
        ]

    def _biuro_gdpr_followers(self, partners, clients=None):
        """What the partners follow, among the clients' records the caller may
        read."""
        followers = (
            self.env["mail.followers"]
            # sudo: candidates only, filtered below like the messages
            .sudo()
            .search(
                [("partner_id", "in", partners.ids), ("res_model", "in", CLIENT_MODELS)]
            )
        )
        followers = self._biuro_gdpr_on_client_records(followers, partners, clients)
        result = []
        for follower in followers:
            # as the caller: only what the manager may read is named
            record = self.env[follower.res_model].browse(follower.res_id).exists()
            if not record or not record.has_access("read"):
                continue
            result.append(
                {
                    "model": follower.res_model,
                    "res_id": follower.res_id,
                    "record": record.display_name,
                    "partner": follower.partner_id.display_name,
                    "subtypes": follower.subtype_ids.mapped("name"),
                }
            )
        return result

    def _biuro_gdpr_export_scope(self):
        """The subject and its contacts (see _biuro_gdpr_scope), without the staff
        of the office and its own companies."""
        # sudo: callers checked the manager; users and companies are read to leave
        # them out
        scope = self._biuro_gdpr_scope().sudo()
        # sudo: same check; the office's companies, to leave them out
        Company = self.env["res.company"].sudo().with_context(active_test=False)
        office = Company.search([]).partner_id
        return scope.filtered(
            lambda partner: (
                partner not in office
                and not partner.with_context(active_test=False).user_ids.filtered(
                    lambda user: not user.share
                )
            )
        )

    def _biuro_gdpr_files(self):
        """{file name: JSON-able data} of everything held about the partner."""
        self.ensure_one()
        self._biuro_check_gdpr_subject()
        # sudo: the manager and the subject were checked just above; what is read
        # is the subject's own records, and messages and followers are filtered to
        # what the manager may read
        partner = self.sudo().with_context(active_test=False)
        scope = partner._biuro_gdpr_export_scope()
        is_client = partner.biuro_client and partner == partner.commercial_partner_id
        # a client's export: its records; a person's: that person's only
        clients = partner if is_client else None

        def records(model, field="partner_id"):
            found = (
                self.env[model]
                # sudo: subject checked; its own records, in the manager's companies
                .sudo()
                .with_context(active_test=False)
                .search([(field, "in", scope.ids)])
            )
            # within the manager's limits: the companies they work in
            if "company_id" in found._fields and not self.env.su:
                companies = self.env.user.company_ids
                found = found.filtered(
                    lambda record: (
                        not record.company_id or record.company_id in companies
                    )
                )
            return found

        attachments = (
            self.env["ir.attachment"]
            # sudo: subject checked above; the files on the subject's own records
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)])
        )
        access = self._biuro_gdpr_access_rows(partner, scope, is_client)
        files = {
            "partner.json": self._biuro_gdpr_values(partner)[0],
            "contacts.json": self._biuro_gdpr_values(scope - partner),
            "messages.json": self._biuro_gdpr_messages(scope, clients),
            "activities.json": self._biuro_gdpr_values(
                self.env["mail.activity"]
                # sudo: subject checked above; the activities on its records
                .sudo()
                .search(
                    [("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)]
                )
            ),
            "attachments.json": [
                {
                    "name": attachment.name,
                    "mimetype": attachment.mimetype,
                    "size": attachment.file_size,
                    "date": jsonable(attachment.create_date),
                }
                for attachment in attachments
            ],
            "documents.json": self._biuro_gdpr_values(
                records("biuro.document"), skip=("file",)
            )
            + self._biuro_gdpr_uploads(scope, is_client),
            "contracts.json": self._biuro_gdpr_values(records("biuro.contract")),
            "inspections.json": self._biuro_gdpr_values(
                records("biuro.tax.inspection")
            ),
            "obligations.json": self._biuro_gdpr_values(records("biuro.obligation")),
            # a sole trader's tax profile over time and its suspensions are data
            # about that person too
            "tax_profile.json": self._biuro_gdpr_values(records("biuro.tax.profile")),
            "suspensions.json": self._biuro_gdpr_values(
                records("biuro.client.suspension")
            ),
            "invoices.json": [
                {
                    "name": move.name,
                    "type": move.move_type,
                    "date": jsonable(move.invoice_date),
                    "amount_total": move.amount_total,
                    "currency": move.currency_id.name,
                    "state": move.state,
                    "payment_state": move.payment_state,
                }
                for move in records("account.move", "commercial_partner_id").filtered(
                    lambda m: m.is_invoice(include_receipts=True)
                )
            ],
            "portal_access.json": {
                "users": [
                    {
                        "login": user.login,
                        "active": user.active,
                        "portal": user.share,
                        "last_login": jsonable(user.login_date),
                        "created": jsonable(user.create_date),
                    }
                    for user in scope.with_context(active_test=False).user_ids
                ],
                "access": self._biuro_gdpr_values(access),
            },
            "verifications.json": self._biuro_gdpr_values(
                self._biuro_gdpr_verifications(scope)
            ),
            "bank_accounts.json": self._biuro_gdpr_values(
                self._biuro_gdpr_related("res.partner.bank", scope)
            ),
            "beneficial_owners.json": self._biuro_gdpr_values(
                self._biuro_gdpr_beneficial_owners(scope)
            ),
            "mail_routing.json": self._biuro_gdpr_mail_routing(scope),
            "followers.json": self._biuro_gdpr_followers(scope, clients),
        }
        files["index.json"] = {
            "subject": partner.display_name,
            "exported_on": jsonable(fields.Datetime.now()),
            "exported_by": self.env.user.name,
            "files": sorted(files),
        }
        return files

    def _biuro_gdpr_uploads(self, partners, is_client):
        """A person's own documents: those the person uploaded (the portal), listed
        by what tells the upload (not the office's note on a client's document). A
        client's documents are all in its export already."""
        users = partners.with_context(active_test=False).user_ids
        if is_client or not users:
            return []
        documents = (
            self.env["biuro.document"]
            # sudo: the subject was checked by the caller; the person's own uploads, in
            # the manager's companies
            .sudo()
            .with_context(active_test=False)
            .search([("uploaded_by", "in", users.ids)])
        )
        if not self.env.su:
            documents = documents.filtered(
                lambda document: document.company_id in self.env.user.company_ids
            )
        return [
            {
                "model": document._name,
                "id": document.id,
                "name": document.name,
                "file_name": document.file_name,
                "period": jsonable(document.period),
                "category": document.category_id.name or "",
                "client": document.partner_id.display_name,
                "uploaded_by": document.uploaded_by.login,
                "uploaded_on": jsonable(document.create_date),
            }
            for document in documents
        ]

    def _biuro_gdpr_access_rows(self, partner, scope, is_client):
        """Hook: the portal access rows of the export (crm_biuro_portal): a
        client's own rows, or the person's own rows. None here."""
        return self.env["res.partner"].browse()

    def _biuro_gdpr_mail_routing(self, partners):
        """Hook: {model: values} of the e-mail routing of the partners
        (crm_biuro_mail). None here."""
        return {}

    def _biuro_gdpr_verifications(self, partners):
        """Hook: the registry verification evidence of the partners
        (crm_biuro_verify; exported without the raw answers, see RAW_FIELDS).
        None here."""
        return self.env["res.partner"].browse()

    def _biuro_gdpr_beneficial_owners(self, partners):
        """Hook: the beneficial owners recorded of the partners (crm_biuro_verify).
        None here."""
        return self.env["res.partner"].browse()

    def _biuro_gdpr_zip(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self._biuro_gdpr_files().items():
                archive.writestr(
                    name, json.dumps(data, ensure_ascii=False, indent=2, default=str)
                )
        return buffer.getvalue()
