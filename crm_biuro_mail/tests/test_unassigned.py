from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BiuroMailCase


@tagged("post_install", "-at_install")
class TestUnassigned(BiuroMailCase):
    """Assigning an unassigned e-mail moves it to the client and remembers the
    sender."""

    def receive_unassigned(self, sender, subject, attachments=()):
        self.process(self.build_mail(sender, subject=subject, attachments=attachments))
        record = self.unassigned(subject)
        self.assertEqual(record.state, "pending")
        return record

    def test_assign_moves_message_and_remembers_sender(self):
        record = self.receive_unassigned(
            "Piotr Zieliński <piotr.z@gmail.com>",
            "Pytanie o PIT",
            attachments=[("pit.pdf", b"%PDF pit", "application/pdf")],
        )
        message = self.emails_of(record)
        attachment = message.attachment_ids
        self.assertEqual(len(attachment), 1)

        record.with_user(self.user).write({"partner_id": self.client_b.id})
        record.with_user(self.user).action_assign()

        self.assertEqual(record.state, "assigned")
        self.assertEqual(self.emails_of(self.client_b), message)
        self.assertFalse(self.emails_of(record))
        self.assertEqual(
            (attachment.res_model, attachment.res_id), ("res.partner", self.client_b.id)
        )
        sender = self.env["biuro.mail.sender"].search(
            [("email", "=", "piotr.z@gmail.com")]
        )
        self.assertEqual(sender.partner_id, self.client_b)

        # the next e-mail of that sender goes straight to the client
        self.process(self.build_mail("PIOTR.Z@gmail.com", subject="Drugie pytanie"))
        self.assertFalse(self.unassigned("Drugie pytanie"))
        self.assertIn("Drugie pytanie", self.emails_of(self.client_b).mapped("subject"))

    def test_assign_adds_sender_as_contact(self):
        record = self.receive_unassigned(
            "Ewa Wiśniewska <ewa.w@nowa-firma.pl>", "Nowy kontakt"
        )
        record.with_user(self.user).write(
            {"partner_id": self.client_a.id, "add_contact": True}
        )
        record.with_user(self.user).action_assign()
        contact = self.client_a.child_ids.filtered(
            lambda p: p.email_normalized == "ewa.w@nowa-firma.pl"
        )
        self.assertEqual(contact.name, "Ewa Wiśniewska")
        self.assertEqual(self.emails_of(self.client_a).author_id, contact)
        # the new contact brings its domain to the client
        self.assertIn("nowa-firma.pl", self.client_a.biuro_email_domains)

    def test_pending_mail_of_same_sender_follows(self):
        first = self.receive_unassigned("ktos@nieznana.pl", "Pierwszy")
        second = self.receive_unassigned("ktos@nieznana.pl", "Drugi")
        first.partner_id = self.client_a
        first.action_assign()
        self.assertEqual(second.state, "assigned")
        self.assertEqual(second.partner_id, self.client_a)
        self.assertEqual(
            set(self.emails_of(self.client_a).mapped("subject")), {"Pierwszy", "Drugi"}
        )

    def test_assign_requires_a_client(self):
        record = self.receive_unassigned("ktos@nieznana.pl", "Bez klienta")
        with self.assertRaisesRegex(UserError, "Client: choose a client"):
            record.action_assign()
        not_client = self.env["res.partner"].create({"name": "Not a client"})
        record.partner_id = not_client
        with self.assertRaisesRegex(UserError, "Bez klienta"):
            record.action_assign()
        self.assertEqual(record.state, "pending")

    def test_assign_twice_refused(self):
        record = self.receive_unassigned("ktos@nieznana.pl", "Dwa razy")
        record.partner_id = self.client_a
        record.action_assign()
        with self.assertRaisesRegex(UserError, "already assigned"):
            record.action_assign()

    def test_outsider_cannot_assign(self):
        record = self.receive_unassigned("ktos@nieznana.pl", "Obcy")
        with self.assertRaises(AccessError):
            record.with_user(self.outsider).write({"partner_id": self.client_a.id})
        with self.assertRaises(AccessError):
            record.with_user(self.outsider).action_assign()
