from odoo import api, fields, models

from ..mail_address import normalize_email


class BiuroMailSender(models.Model):
    """A sender address assigned to a client by hand: later mail from it goes
    straight to that client."""

    _name = "biuro.mail.sender"
    _description = "Remembered e-mail sender"
    _order = "email"
    _rec_name = "email"

    email = fields.Char(string="E-mail", required=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        ("email_uniq", "unique(email)", "This sender is already assigned to a client."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("email"):
                vals["email"] = normalize_email(vals["email"]) or vals["email"]
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("email"):
            vals["email"] = normalize_email(vals["email"]) or vals["email"]
        return super().write(vals)

    @api.model
    def _biuro_remember(self, email, client):
        """Map ``email`` to ``client``, replacing an earlier choice."""
        email = normalize_email(email)
        if not email:
            return self
        sender = self.sudo().search([("email", "=", email)], limit=1)
        if sender:
            sender.partner_id = client
            return sender
        return self.sudo().create({"email": email, "partner_id": client.id})
