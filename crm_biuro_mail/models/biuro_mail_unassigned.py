from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import parse_contact_from_email

from ..mail_address import email_domain, normalize_email

REASONS = [
    ("no_match", "No client matches the sender"),
    ("ambiguous", "Several clients match the sender"),
    ("public_domain", "Public mailbox domain"),
    ("office", "Sent by the office (a staff address or the office's domain)"),
]


class BiuroMailUnassigned(models.Model):
    """An e-mail of the client mailbox that no client could be found for. A user
    assigns it to a client: the e-mail moves to the client's timeline and the
    sender is remembered for that client."""

    _name = "biuro.mail.unassigned"
    _description = "Unassigned e-mail"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _primary_email = "email_from"

    name = fields.Char(string="Subject", required=True, default="-")
    email_from = fields.Char(string="From")
    sender_email = fields.Char(
        string="Sender e-mail",
        compute="_compute_sender",
        store=True,
        index=True,
    )
    sender_domain = fields.Char(
        string="Sender domain", compute="_compute_sender", store=True
    )
    date = fields.Datetime(
        string="Received", default=fields.Datetime.now, required=True, index=True
    )
    reason = fields.Selection(REASONS, string="Why unassigned", default="no_match")
    candidate_partner_ids = fields.Many2many(
        "res.partner",
        "biuro_mail_unassigned_candidate_rel",
        "unassigned_id",
        "partner_id",
        string="Candidate clients",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        index=True,
        domain=[("biuro_client", "=", True)],
        tracking=True,
    )
    add_contact = fields.Boolean(
        string="Add sender as contact",
        help="Create a contact of the client with the sender's name and e-mail.",
    )
    state = fields.Selection(
        [("pending", "To assign"), ("assigned", "Assigned")],
        default="pending",
        required=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("email_from")
    def _compute_sender(self):
        for record in self:
            email = normalize_email(record.email_from)
            record.sender_email = email
            record.sender_domain = email_domain(email)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        values.setdefault("name", msg_dict.get("subject") or "-")
        values.setdefault("email_from", msg_dict.get("email_from"))
        if msg_dict.get("date"):
            values.setdefault("date", msg_dict["date"])
        return super().message_new(msg_dict, custom_values=values)

    def action_assign(self):
        """Move the e-mail to the client's timeline, remember the sender for that
        client (and add them as a contact if asked). Other pending e-mails of the
        same sender follow."""
        for record in self:
            record._biuro_assign()
        return True

    def _biuro_assign(self):
        self.ensure_one()
        client = self.partner_id
        if self.state != "pending":
            raise UserError(
                _(
                    "The e-mail %(subject)s is already assigned to %(client)s.",
                    subject=self.name,
                    client=self.partner_id.display_name,
                )
            )
        if not client or not client.biuro_client:
            raise UserError(
                _(
                    "Client: choose a client of the office for the e-mail "
                    "%(subject)s (from %(sender)s).",
                    subject=self.name,
                    sender=self.email_from or "-",
                )
            )
        # the user moves mail onto the client: they need the right to post there
        self.check_access("write")
        client.check_access("write")
        author = self.env["res.partner"]
        if self.add_contact and self.sender_email:
            if self.env["res.partner"]._biuro_is_office_address(self.sender_email):
                raise UserError(
                    _(
                        "Add sender as contact: %(sender)s is an address of the "
                        "office, not of the client %(client)s.",
                        sender=self.sender_email,
                        client=client.display_name,
                    )
                )
            author = self._biuro_sender_contact(client)
        siblings = self
        if self.sender_email:
            siblings |= self.search(
                [
                    ("sender_email", "=", self.sender_email),
                    ("state", "=", "pending"),
                    ("id", "!=", self.id),
                ]
            )
        messages = (
            self.env["mail.message"]
            # sudo: the e-mails of the unassigned records the user may write
            # (checked above), moved with their files onto a client the user
            # may write; mail.message rights do not express such a move
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", siblings.ids),
                    ("message_type", "=", "email"),
                ]
            )
        )
        attachments = messages.attachment_ids
        # the client timeline is internal to the office (see SECURITY.md)
        messages.write(
            {"model": "res.partner", "res_id": client.id, "is_internal": True}
        )
        if author:
            messages.filtered(lambda m: not m.author_id).author_id = author
        # sudo: the files of the e-mails moved above, on a client the user may write
        attachments.sudo().write({"res_model": "res.partner", "res_id": client.id})
        if self.sender_email:
            self.env["biuro.mail.sender"]._biuro_remember(self.sender_email, client)
        siblings.write({"partner_id": client.id, "state": "assigned"})

    def _biuro_sender_contact(self, client):
        """The sender as a contact of the client: the existing one if the client
        already has it, a new contact otherwise."""
        contact = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "=", client.id),
                ("email_normalized", "=", self.sender_email),
            ],
            limit=1,
        )
        if contact:
            return contact
        name, email = parse_contact_from_email(self.email_from or "")
        return self.env["res.partner"].create(
            {
                "name": name or email or self.sender_email,
                "email": email or self.sender_email,
                "parent_id": client.id,
                "type": "contact",
                "biuro_contact_role": "contact",
            }
        )

    def action_open_client(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
