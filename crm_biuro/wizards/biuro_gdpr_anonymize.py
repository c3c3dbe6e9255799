from odoo import _, api, fields, models
from odoo.exceptions import UserError


class BiuroGdprAnonymize(models.TransientModel):
    """Confirmation before the irreversible GDPR anonymisation ("Anonimizuj")."""

    _name = "biuro.gdpr.anonymize"
    _description = "Anonymise a client or a person"

    partner_id = fields.Many2one(
        "res.partner", string="Client or person", required=True
    )
    contact_count = fields.Integer(
        string="Contacts anonymised with it", compute="_compute_contact_count"
    )
    confirm = fields.Boolean(
        string="I understand that this cannot be undone",
        help="Names, e-mails, phones, addresses, PESEL, notes, attachments, bank "
        "accounts and e-mail routing of the partner and its contacts are erased and "
        "the client becomes inactive; invoices and accounting records stay, and so do "
        "the registry verifications and beneficial owners, kept 5 years under the "
        "anti-money laundering act (AML).",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_id"] = self.env.context.get("active_id")
        return values

    @api.depends("partner_id")
    def _compute_contact_count(self):
        for wizard in self:
            scope = wizard.partner_id._biuro_gdpr_scope() if wizard.partner_id else []
            wizard.contact_count = max(len(scope) - 1, 0)

    def action_anonymize(self):
        self.ensure_one()
        if not self.confirm:
            raise UserError(
                _("Confirm that you understand the anonymisation is final.")
            )
        self.partner_id._biuro_anonymize()
        return {"type": "ir.actions.act_window_close"}
