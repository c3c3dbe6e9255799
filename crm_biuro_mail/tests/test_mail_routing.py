import base64
import os
from email.utils import make_msgid

from lxml import html

from odoo.tests import tagged

from .common import BiuroMailCase


@tagged("post_install", "-at_install")
class TestMailRouting(BiuroMailCase):
    """Real RFC 822 messages fed to message_process land where they should."""

    def test_exact_sender_match_client(self):
        raw = self.build_mail("biuro@alfa.pl", subject="Exact client")
        thread_id = self.process(raw)
        self.assertEqual(thread_id, self.client_a.id)
        message = self.emails_of(self.client_a)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "Exact client")
        self.assertEqual(message.author_id, self.client_a)
        self.assertFalse(self.unassigned("Exact client"))

    def test_contact_match_case_insensitive(self):
        raw = self.build_mail(
            self.address("Anna Nowak", "ANNA.NOWAK@Alfa.PL"), subject="From a contact"
        )
        self.process(raw)
        message = self.emails_of(self.client_a)
        self.assertEqual(len(message), 1)
        # the contact who wrote is the author, not the company
        self.assertEqual(message.author_id, self.anna)
        # the sender does not become a follower of the client: later e-mails of
        # the client must not be copied to every earlier sender
        self.assertNotIn(self.anna, self.client_a.message_partner_ids)

    def test_contact_with_public_mailbox_matches_by_address(self):
        self.process(self.build_mail("jan.kowalski@gmail.com", subject="Gmail contact"))
        self.assertEqual(self.emails_of(self.client_b).author_id, self.jan)

    def test_domain_match(self):
        # nobody has this address, but alfa.pl is a domain of the client (from its
        # website and its contacts' e-mails)
        raw = self.build_mail(
            self.address("Księgowa Alfa", "kadry@alfa.pl"), subject="Domain"
        )
        self.process(raw)
        message = self.emails_of(self.client_a)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "Domain")
        self.assertFalse(message.author_id)
        self.assertIn("kadry@alfa.pl", message.email_from)

    def test_subdomain_match(self):
        self.process(self.build_mail("faktury@mail.alfa.pl", subject="Subdomain"))
        self.assertEqual(self.emails_of(self.client_a).subject, "Subdomain")

    def test_public_domain_goes_to_unassigned(self):
        self.process(self.build_mail("obcy.nadawca@gmail.com", subject="Public"))
        record = self.unassigned("Public")
        self.assertEqual(len(record), 1)
        self.assertEqual(record.reason, "public_domain")
        self.assertEqual(record.state, "pending")
        self.assertEqual(record.sender_email, "obcy.nadawca@gmail.com")
        self.assertEqual(len(self.emails_of(record)), 1)
        for client in (self.client_a, self.client_b, self.client_c, self.client_d):
            self.assertFalse(self.emails_of(client))

    def test_unknown_domain_goes_to_unassigned(self):
        self.process(self.build_mail("ktos@nieznana-firma.pl", subject="Unknown"))
        record = self.unassigned("Unknown")
        self.assertEqual(record.reason, "no_match")
        self.assertEqual(record.sender_domain, "nieznana-firma.pl")

    def test_two_candidate_clients_by_domain(self):
        self.process(
            self.build_mail("prezes@grupa-holding.pl", subject="Two by domain")
        )
        record = self.unassigned("Two by domain")
        self.assertEqual(record.reason, "ambiguous")
        self.assertEqual(record.candidate_partner_ids, self.client_c | self.client_d)
        self.assertFalse(self.emails_of(self.client_c) | self.emails_of(self.client_d))

    def test_two_candidate_clients_by_address(self):
        # the same person keeps the books of two clients
        for client in (self.client_c, self.client_d):
            self.env["res.partner"].create(
                {"name": "Ewa", "email": "ewa@biuro-ewa.pl", "parent_id": client.id}
            )
        self.process(self.build_mail("ewa@biuro-ewa.pl", subject="Two by address"))
        record = self.unassigned("Two by address")
        self.assertEqual(record.reason, "ambiguous")
        self.assertEqual(record.candidate_partner_ids, self.client_c | self.client_d)

    def test_reply_to_existing_thread_keeps_its_record(self):
        notary = self.env["res.partner"].create({"name": "Kancelaria Notarialna"})
        original = notary.message_post(
            body="Proszę o akt notarialny", message_type="comment"
        )
        raw = self.build_mail(
            "anna.nowak@alfa.pl",
            subject="Re: akt",
            to=self.catchall,
            headers={"In-Reply-To": original.message_id},
        )
        self.process(raw)
        reply = self.emails_of(notary)
        self.assertEqual(reply.subject, "Re: akt")
        self.assertEqual(reply.parent_id, original)
        # not copied on the client of the sender
        self.assertFalse(self.emails_of(self.client_a))
        self.assertFalse(self.unassigned("Re: akt"))

    def test_reply_to_client_mailbox_goes_to_its_thread(self):
        # a sender no client matches answers a message of client B's timeline,
        # writing to the client mailbox: the reply joins that timeline, once
        original = self.client_b.message_post(body="Prośba o dokumenty")
        raw = self.build_mail(
            "zastepca@gmail.com",
            subject="Re: dokumenty",
            headers={"In-Reply-To": original.message_id},
        )
        self.process(raw)
        reply = self.emails_of(self.client_b)
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.parent_id, original)
        self.assertFalse(self.unassigned("Re: dokumenty"))

    def test_attachments_kept(self):
        pdf = b"%PDF-1.4 faktura"
        raw = self.build_mail(
            "anna.nowak@alfa.pl",
            subject="Attachments",
            attachments=[
                ("faktura_03.pdf", pdf, "application/pdf"),
                (
                    "wyciąg.csv",
                    b"data;kwota\n2025-03-01;100\n",
                    "text/csv",
                ),
            ],
        )
        self.process(raw)
        message = self.emails_of(self.client_a)
        attachments = message.attachment_ids.sorted("name")
        self.assertEqual(attachments.mapped("name"), ["faktura_03.pdf", "wyciąg.csv"])
        self.assertEqual(base64.b64decode(attachments[0].datas), pdf)
        self.assertEqual(set(attachments.mapped("res_model")), {"res.partner"})
        self.assertEqual(set(attachments.mapped("res_id")), {self.client_a.id})

    def test_ten_megabyte_message(self):
        payload = os.urandom(10 * 1024 * 1024)
        raw = self.build_mail(
            "anna.nowak@alfa.pl",
            subject="Big scan",
            attachments=[("skan.zip", payload, "application/zip")],
        )
        self.assertGreater(len(raw), 10 * 1024 * 1024)
        self.process(raw)
        attachment = self.emails_of(self.client_a).attachment_ids
        self.assertEqual(attachment.file_size, len(payload))

    def test_bounce_is_not_posted(self):
        sent = self.client_a.message_post(
            body="Przypomnienie", partner_ids=self.anna.ids, message_type="comment"
        )
        bounce = (
            f"From: MAILER-DAEMON@mx.alfa.pl\r\n"
            f"To: {self.mailbox}\r\n"
            f"Subject: Undelivered Mail Returned to Sender\r\n"
            f"Message-ID: {make_msgid(domain='mx.alfa.pl')}\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;"
            ' boundary="B"\r\n'
            "\r\n--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.alfa.pl\r\n\r\n"
            "Final-Recipient: rfc822; anna.nowak@alfa.pl\r\nAction: failed\r\n"
            "Status: 5.1.1\r\n"
            "\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            f"Message-ID: {sent.message_id}\r\nSubject: Przypomnienie\r\n"
            "\r\n--B--\r\n"
        ).encode()
        self.process(bounce)
        self.assertEqual(self.anna.message_bounce, 1)
        self.assertFalse(self.emails_of(self.client_a))
        self.assertFalse(
            self.env["biuro.mail.unassigned"].search([("name", "ilike", "Undelivered")])
        )

    def test_non_ascii_subject_and_names(self):
        subject = "Zażółć gęślą jaźń — deklaracja VAT-7"
        raw = self.build_mail(
            self.address("Józef Żółkiewski", "jozef@alfa.pl"), subject=subject
        )
        self.assertIn(b"=?utf-8?", raw)  # really RFC 2047 encoded words on the wire
        self.process(raw)
        message = self.emails_of(self.client_a)
        self.assertEqual(message.subject, subject)
        self.assertIn("Józef Żółkiewski", message.email_from)

    def test_non_ascii_unassigned_encoded_words(self):
        raw = (
            "From: =?iso-8859-2?q?Ma=B3gorzata_=A3=B1cka?= <gosia@wp.pl>\r\n"
            f"To: {self.mailbox}\r\n"
            "Subject: =?utf-8?b?UHJvxZtiYSBvIGtvbnRha3Q=?=\r\n"
            f"Message-ID: {make_msgid(domain='wp.pl')}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
            "Treść wiadomości.\r\n"
        ).encode()
        self.process(raw)
        record = self.unassigned("Prośba o kontakt")
        self.assertEqual(record.reason, "public_domain")
        self.assertIn("Małgorzata Łącka", record.email_from)

    def test_malformed_headers(self):
        raw = (
            "From: Anna Nowak <anna.nowak@alfa.pl\r\n"  # unclosed angle bracket
            f"To: {self.mailbox}\r\n"
            "Subject: =?utf-8?q?broken=ZZ?= headers\r\n"
            "Date: yesterday at noon\r\n"
            f"Message-ID: {make_msgid(domain='alfa.pl')}\r\n"
            "X-Garbage:\r\n"
            "Content-Type: text/plain; charset=no-such-charset\r\n\r\n"
            "Body.\r\n"
        ).encode()
        self.process(raw)
        # the address is still readable: the e-mail reaches the client
        message = self.emails_of(self.client_a)
        self.assertEqual(len(message), 1)
        self.assertIn("headers", message.subject)

    def test_malformed_sender_goes_to_unassigned(self):
        raw = (
            "From: <<<>>>\r\n"
            f"To: {self.mailbox}\r\n"
            "Subject: No sender\r\n"
            f"Message-ID: {make_msgid(domain='nowhere.example.com')}\r\n"
            "\r\nBody.\r\n"
        ).encode()
        self.process(raw)
        record = self.unassigned("No sender")
        self.assertEqual(record.reason, "no_match")
        self.assertFalse(record.sender_email)

    def test_other_alias_routing_untouched(self):
        # mail that does not reach the client mailbox keeps Odoo's routing: here
        # the catchall, which bounces a direct write
        raw = self.build_mail(
            "anna.nowak@alfa.pl", subject="To catchall", to=self.catchall
        )
        self.process(raw)
        self.assertFalse(self.emails_of(self.client_a))
        self.assertFalse(self.unassigned("To catchall"))

    def test_match_query_count(self):
        """Matching costs a constant number of indexed queries, whatever the number
        of partners (the bench routes 1,000 messages against 100,000 contacts);
        one of them reads the office's own addresses (never a client's)."""
        Partner = self.env["res.partner"]
        Partner._biuro_mail_match("warmup@alfa.pl")
        self.env.invalidate_all()
        with self.assertQueryCount(7):
            self.assertEqual(
                Partner._biuro_mail_match("kadry@alfa.pl")["client"], self.client_a
            )
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            self.assertEqual(
                Partner._biuro_mail_match("Anna.Nowak@alfa.pl")["author"], self.anna
            )


@tagged("post_install", "-at_install")
class TestClientEmailsOnDashboard(BiuroMailCase):
    """Routed e-mails count on the client and the 10 latest show on its dashboard."""

    def test_email_count_and_latest_ten(self):
        for number in range(12):
            self.process(
                self.build_mail("biuro@alfa.pl", subject=f"Dokumenty nr {number:02d}")
            )
        client = self.client_a.with_user(self.user)
        self.assertEqual(client.biuro_email_count, 12)
        tree = html.fromstring(str(client.biuro_dashboard_html))
        box = tree.xpath("//ul[@name='biuro_emails']")[0].text_content()
        shown = [n for n in range(12) if f"Dokumenty nr {n:02d}" in box]
        # the ten latest; the two oldest are only behind the "E-mails" button
        self.assertEqual(shown, list(range(2, 12)))
        action = client.action_biuro_open_emails()
        self.assertEqual(self.env["mail.message"].search_count(action["domain"]), 12)
