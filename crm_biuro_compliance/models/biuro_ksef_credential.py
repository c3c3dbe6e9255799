from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import params

# KSeF tokens stop working on this day; certificates replace them
TOKEN_END = date(2026, 12, 31)
CREDENTIAL_TYPES = [
    ("token", "Token"),
    ("certificate", "Certificate"),
]
CERTIFICATE_KINDS = [
    ("auth", "Type 1: authentication"),
    ("offline", "Type 2: offline invoices"),
]


class BiuroKsefCredential(models.Model):
    """A credential the office uses for a client's KSeF: what it is, its serial
    and end of validity, where its key is kept. Never the secret itself."""

    _name = "biuro.ksef.credential"
    _description = "KSeF credential (metadata)"
    _order = "valid_to, id"

    profile_id = fields.Many2one(
        "biuro.ksef.profile", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="profile_id.partner_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="profile_id.company_id", store=True, index=True
    )
    credential_type = fields.Selection(
        CREDENTIAL_TYPES, string="Type", required=True, default="certificate"
    )
    certificate_kind = fields.Selection(CERTIFICATE_KINDS, string="Certificate")
    serial = fields.Char(string="Serial or token id", required=True)
    subject = fields.Char(help="The person or the entity of the certificate.")
    valid_to = fields.Date(string="Valid until", index=True)
    key_location = fields.Char(
        string="Key kept in", help="Where the private key is, e.g. HSM, safe, laptop."
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested by", domain=[("share", "=", False)]
    )
    alert_sent_for = fields.Date(copy=False)

    @api.onchange("credential_type")
    def _onchange_credential_type(self):
        if self.credential_type == "token" and not self.valid_to:
            self.valid_to = TOKEN_END

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("credential_type") == "token" and not vals.get("valid_to"):
                vals["valid_to"] = TOKEN_END
        return super().create(vals_list)

    @api.constrains("credential_type", "valid_to", "certificate_kind")
    def _check_validity(self):
        for cred in self:
            if cred.credential_type == "token" and (
                not cred.valid_to or cred.valid_to > TOKEN_END
            ):
                raise ValidationError(
                    _("KSeF tokens stop working on 31 December 2026.")
                )
            if cred.credential_type == "certificate" and not (
                cred.certificate_kind and cred.valid_to
            ):
                raise ValidationError(
                    _("A certificate needs its type and its end of validity.")
                )

    @api.model
    def _cron_credential_alerts(self):
        """An activity for the client's accountant before a token or certificate
        stops working (once per end date)."""
        today = fields.Date.context_today(self)
        horizon = fields.Date.add(today, days=params.get_int(self.env, "alert_days"))
        creds = self.search(
            [("valid_to", "!=", False), ("valid_to", "<=", horizon)]
        ).filtered(lambda c: c.alert_sent_for != c.valid_to)
        activity_type = self.env.ref(
            "crm_biuro_compliance.mail_activity_type_compliance"
        )
        labels = dict(self._fields["credential_type"]._description_selection(self.env))
        for cred in creds:
            user = cred.partner_id.biuro_accountant_id or cred.requested_by_id
            # on the client: the accountant sees it on the client's dashboard
            cred.partner_id.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=max(today, cred.valid_to),
                summary=_(
                    "KSeF %(kind)s %(serial)s stops working on %(date)s",
                    kind=labels[cred.credential_type].lower(),
                    serial=cred.serial,
                    date=cred.valid_to,
                ),
                user_id=(user or self.env.user).id,
            )
            cred.alert_sent_for = cred.valid_to
        return True
