from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
        (
            "email_uniq",
            "unique nulls not distinct (email)",
            "This sender is already assigned to a client.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._biuro_normalize_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._biuro_normalize_vals(vals)
        return super().write(vals)

    @api.model
    def _biuro_normalize_vals(self, vals):
        if "email" in vals:
            email = normalize_email(vals["email"])
            if not email:
                raise ValidationError(
                    _(
                        "Remembered sender: %(value)s is not an e-mail address.",
                        value=vals["email"] or "-",
                    )
                )
            vals["email"] = email

    @api.model
    def _biuro_remember(self, email, client):
        """Map ``email`` to ``client``, replacing an earlier choice. The office's
        own addresses (staff, the office's domains) are never remembered: a staff
        member forwarding one client's e-mail must not send all their later mail
        there."""
        email = normalize_email(email)
        if not email:
            return self
        if self.env["res.partner"]._biuro_is_office_address(email):
            return self
        # sudo: the caller moved an e-mail onto ``client`` with write access
        # to both (biuro.mail.unassigned._biuro_assign); users only read senders
        sender = self.sudo().search([("email", "=", email)], limit=1)
        if sender:
            # another company's choice is not the user's to overwrite
            if sender.partner_id.with_env(self.env).has_access("write"):
                sender.partner_id = client
            return sender
        # sudo: as above
        return self.sudo().create({"email": email, "partner_id": client.id})
