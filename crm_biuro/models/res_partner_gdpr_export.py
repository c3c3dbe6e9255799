import io
import json
import zipfile

from odoo import fields, models
from odoo.osv import expression
from odoo.tools import html2plaintext

# relational fields of res.partner that are exported as files of their own, or that
# only hold technical links
SKIPPED_FIELDS = {"message_ids", "activity_ids", "website_message_ids"}


def jsonable(value):
    if isinstance(value, models.BaseModel):
        return [{"id": record.id, "name": record.display_name} for record in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


class ResPartner(models.Model):
    """GDPR (RODO) right of access: everything the office holds about a client or a
    person, as JSON files in one ZIP archive."""

    _inherit = "res.partner"

    def _biuro_gdpr_values(self, records, skip=()):
        """Every stored field of every record, relations (one2many ones too, e.g. the
        bank accounts) by name; files are listed elsewhere (attachments), not
        embedded."""
        result = []
        user = self.env.user
        names = [
            name
            for name, field in records._fields.items()
            if field.store
            and field.type != "binary"
            and name not in SKIPPED_FIELDS
            and name not in skip
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

    def _biuro_gdpr_related(self, model_name, partners):
        """Records of a model pointing to the partners by any many2one field (for
        the models of optional addons, whose fields we do not know in advance)."""
        if model_name not in self.env:
            return self.env["res.partner"].browse()
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

    def _biuro_gdpr_messages(self, partners):
        Message = self.env["mail.message"].sudo()
        # on their timelines, written by them, or sent to them
        messages = Message.search(
            [
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
                    for tracking in message.sudo().tracking_value_ids
                ],
                "attachments": message.attachment_ids.mapped("name"),
            }
            for message in messages
        ]

    def _biuro_gdpr_files(self):
        """{file name: JSON-able data} of everything held about the partner."""
        self.ensure_one()
        self._biuro_check_gdpr_manager()
        partner = self.sudo().with_context(active_test=False)
        scope = partner._biuro_gdpr_scope()
        client = partner.commercial_partner_id

        def records(model, field="partner_id"):
            return (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([(field, "in", (client | scope).ids)])
            )

        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "in", scope.ids)])
        )
        files = {
            "partner.json": self._biuro_gdpr_values(partner)[0],
            "contacts.json": self._biuro_gdpr_values(scope - partner),
            "messages.json": self._biuro_gdpr_messages(scope),
            "activities.json": self._biuro_gdpr_values(
                self.env["mail.activity"]
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
            ),
            "contracts.json": self._biuro_gdpr_values(records("biuro.contract")),
            "inspections.json": self._biuro_gdpr_values(
                records("biuro.tax.inspection")
            ),
            "obligations.json": self._biuro_gdpr_values(records("biuro.obligation")),
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
                "access": self._biuro_gdpr_values(
                    self._biuro_gdpr_related("biuro.portal.access", scope | client)
                ),
            },
            "verifications.json": self._biuro_gdpr_values(
                self._biuro_gdpr_verifications(client | scope)
            ),
            "bank_accounts.json": self._biuro_gdpr_values(
                self._biuro_gdpr_related("res.partner.bank", scope)
            ),
            "beneficial_owners.json": self._biuro_gdpr_values(
                self._biuro_gdpr_related("biuro.beneficial.owner", client | scope)
            ),
            "mail_routing.json": self._biuro_gdpr_mail_routing(scope),
            "followers.json": [
                {
                    "model": follower.res_model,
                    "res_id": follower.res_id,
                    "record": self.env[follower.res_model]
                    .sudo()
                    .browse(follower.res_id)
                    .exists()
                    .display_name
                    if follower.res_model in self.env
                    else None,
                    "partner": follower.partner_id.display_name,
                    "subtypes": follower.subtype_ids.mapped("name"),
                }
                for follower in self.env["mail.followers"]
                .sudo()
                .search([("partner_id", "in", scope.ids)])
            ],
        }
        files["index.json"] = {
            "subject": partner.display_name,
            "exported_on": jsonable(fields.Datetime.now()),
            "exported_by": self.env.user.name,
            "files": sorted(files),
        }
        return files

    def _biuro_gdpr_mail_routing(self, partners):
        """The e-mail routing of crm_biuro_mail: known senders, the client's domains
        and the unassigned e-mails they sent, when that addon is installed."""
        result = {
            model: self._biuro_gdpr_values(self._biuro_gdpr_related(model, partners))
            for model in ("biuro.mail.sender", "biuro.mail.domain")
        }
        if "biuro.mail.unassigned" in self.env:
            emails = partners._biuro_personal_emails(partners._biuro_personal_terms())
            unassigned = (
                self.env["biuro.mail.unassigned"]
                .sudo()
                .search([("sender_email", "in", list(emails))])
            )
            result["biuro.mail.unassigned"] = self._biuro_gdpr_values(unassigned)
        return result

    def _biuro_gdpr_verifications(self, partners):
        """Registry verification evidence, when the verification addon is installed."""
        if "biuro_verification_ids" in partners._fields:
            return partners.sudo().biuro_verification_ids
        return self._biuro_gdpr_related("biuro.verification", partners)

    def _biuro_gdpr_zip(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self._biuro_gdpr_files().items():
                archive.writestr(
                    name, json.dumps(data, ensure_ascii=False, indent=2, default=str)
                )
        return buffer.getvalue()
