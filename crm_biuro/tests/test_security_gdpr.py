"""Security of the GDPR (RODO) tools, as roles x operations (review findings F5 and
F6 of docs/reviews/security-2026-12.md): who may export or anonymise whom, what an
export discloses, and what an erasure of one person leaves of the client's records.
"""

import base64
import io
import json
import xmlrpc.client
import zipfile
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import NIP_A, NIP_B
from .common_accounting import BiuroAccountingCase

STREET = "ul. Marszałkowska 140"
COMPANY_PHONE = "+48 22 111 22 33"
SHARED_MAILBOX = "biuro@alfa-handel.pl"
P_NAME = "Paweł Nowicki"
P_EMAIL = "pawel.nowicki@alfa-handel.pl"
P_MOBILE = "600 700 800"
MARKER = "[personal data removed]"


def marshal(value):
    """What an XML-RPC client receives (raises on None anywhere inside)."""
    return xmlrpc.client.dumps((value,), allow_none=False)


class GdprSecurityCase(BiuroAccountingCase):
    @contextmanager
    def assertRaisesMsg(self, exception, pattern):
        """assertRaises (rolled back in a savepoint) with the message checked."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a = cls.make_client(
            "Alfa Handel sp. z o.o.",
            NIP_A,
            street=STREET,
            zip="00-073",
            city="Warszawa",
            phone=COMPANY_PHONE,
            email=SHARED_MAILBOX,
        )
        # a contact created under the company: Odoo copies the company's address
        # and NIP onto it; the company's phone is typed in as well
        cls.person = cls.env["res.partner"].create(
            {
                "name": P_NAME,
                "parent_id": cls.client_a.id,
                "email": P_EMAIL,
                "mobile": P_MOBILE,
                "phone": COMPANY_PHONE,
            }
        )
        cls.portal_user = cls.env["res.users"].create(
            {
                "login": P_EMAIL,
                "partner_id": cls.person.id,
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        # the person who reads the company's shared mailbox
        cls.mailbox_person = cls.env["res.partner"].create(
            {
                "name": "Katarzyna Wrona",
                "parent_id": cls.client_a.id,
                "email": SHARED_MAILBOX,
            }
        )
        cls.client_b = cls.make_client("Beta Usługi sp. z o.o.", NIP_B)
        cls.inspection = cls.env["biuro.tax.inspection"].create(
            {"partner_id": cls.client_a.id, "authority": "US Warszawa-Śródmieście"}
        )
        cls.contract = cls.env["biuro.contract"].create(
            {"partner_id": cls.client_a.id, "date_start": date(2026, 1, 1)}
        )
        cls.invoice = cls.make_invoice(cls.client_a, date(2026, 3, 10), 1200.0)

    def _zip(self, partner, user=None):
        wizard = (
            self.env["biuro.gdpr.export"]
            .with_user(user or self.office_manager)
            .create({"partner_id": partner.id})
        )
        wizard.action_export()
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.data)))
        raw = {name: archive.read(name).decode() for name in archive.namelist()}
        return {name: json.loads(text) for name, text in raw.items()}, " ".join(
            raw.values()
        )


@tagged("post_install", "-at_install")
class TestSecurityGdprRoles(GdprSecurityCase):
    """Roles x operations: only managers export or anonymise, and only clients,
    their contacts and portal people."""

    def _wizards(self, user):
        Export = self.env["biuro.gdpr.export"].with_user(user)
        Anonymize = self.env["biuro.gdpr.anonymize"].with_user(user)
        return Export, Anonymize

    def test_office_user_and_portal_user_are_refused(self):
        for user in (self.office_user, self.portal_user, self.outsider):
            Export, Anonymize = self._wizards(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Export.create({"partner_id": self.person.id})
                with self.assertRaises(AccessError):
                    Anonymize.create({"partner_id": self.person.id})
                with self.assertRaises(AccessError):
                    Anonymize.with_context(
                        active_model="res.partner", active_id=self.person.id
                    ).default_get(["partner_id"])
                for method in (
                    "_biuro_gdpr_zip",
                    "_biuro_anonymize",
                    "_biuro_anonymize_preview",
                ):
                    with self.assertRaises(AccessError):
                        getattr(self.person.with_user(user), method)()
        # nor by calling the buttons of a manager's wizard
        export = self.env["biuro.gdpr.export"].with_user(self.office_manager)
        export = export.create({"partner_id": self.person.id})
        anonymize = self.env["biuro.gdpr.anonymize"].with_user(self.office_manager)
        anonymize = anonymize.create({"partner_id": self.person.id})
        for user in (self.office_user, self.portal_user):
            with self.assertRaises(AccessError):
                export.with_user(user).action_export()
            with self.assertRaises(AccessError):
                anonymize.with_user(user).action_preview()
            with self.assertRaises(AccessError):
                anonymize.with_user(user).action_anonymize()
        self.assertEqual(self.person.name, P_NAME)

    def test_archive_is_its_creators_only(self):
        """Another manager (of another company, say) does not read an archive made
        by someone else, nor their anonymisation wizard."""
        other = new_test_user(
            self.env,
            "gdpr_other_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager",
        )
        export = self.env["biuro.gdpr.export"].with_user(self.office_manager)
        export = export.create({"partner_id": self.person.id})
        export.action_export()
        anonymize = self.env["biuro.gdpr.anonymize"].with_user(self.office_manager)
        anonymize = anonymize.create({"partner_id": self.person.id})
        for wizard in (export, anonymize):
            with self.assertRaises(AccessError):
                wizard.with_user(other).read(["partner_id"])
        self.assertFalse(
            self.env["biuro.gdpr.export"].with_user(other).search([]),
        )
        with self.assertRaises(AccessError):
            anonymize.with_user(other).action_preview()

    def test_manager_subjects(self):
        """Allowed: a client, its contact, a portal person. Refused with a clear
        error: the admin's and other staff's partners, the office's company, a
        partner that is none of these; a client of a company the manager is not
        in is not readable to them."""
        admin = self.env.ref("base.user_admin").partner_id
        staff = self.office_user.partner_id
        office = self.env.company.partner_id
        supplier = self.env["res.partner"].create({"name": "Dostawca prądu S.A."})
        other_company = self.env["res.company"].create({"name": "Biuro Kraków"})
        elsewhere = self.make_client(
            "Gamma sp. z o.o.", False, company_id=other_company.id
        )
        manager = self.office_manager
        for partner in (self.client_a, self.person, self.mailbox_person):
            with self.subTest(partner=partner.name):
                files = partner.with_user(manager)._biuro_gdpr_files()
                self.assertEqual(files["partner.json"]["id"], partner.id)
                counts = partner.with_user(manager)._biuro_anonymize_preview()
                self.assertTrue(counts["field_count"])
        for partner in (admin, staff, office, supplier):
            with self.subTest(partner=partner.name):
                with self.assertRaises(UserError):
                    partner.with_user(manager)._biuro_gdpr_files()
                with self.assertRaises(UserError):
                    partner.with_user(manager)._biuro_anonymize_preview()
                with self.assertRaises(UserError):
                    partner.with_user(manager)._biuro_anonymize()
        with self.assertRaises(AccessError):
            elsewhere.with_user(manager)._biuro_gdpr_files()
        with self.assertRaises(AccessError):
            elsewhere.with_user(manager)._biuro_anonymize()
        self.assertEqual(admin.name, self.env.ref("base.user_admin").name)
        self.assertEqual(supplier.name, "Dostawca prądu S.A.")
        self.assertEqual(elsewhere.name, "Gamma sp. z o.o.")

    def test_refusal_is_translated(self):
        admin = self.env.ref("base.user_admin").partner_id
        manager = self.office_manager
        with self.assertRaisesMsg(UserError, "użytkownikiem biura"):
            admin.with_user(manager).with_context(lang="pl_PL")._biuro_gdpr_files()

    def test_answers_marshal_over_xmlrpc(self):
        manager = self.office_manager
        Export = self.env["biuro.gdpr.export"].with_user(manager)
        Anonymize = self.env["biuro.gdpr.anonymize"].with_user(manager)
        # default_get without an active record: no None inside
        marshal(Export.with_context(active_model="res.partner").default_get([]))
        marshal(Anonymize.with_context(active_model="res.partner").default_get([]))
        export = Export.create({"partner_id": self.person.id})
        marshal(export.action_export())
        wizard = Anonymize.create({"partner_id": self.person.id})
        marshal(wizard.action_preview())
        wizard.confirm = True
        marshal(wizard.action_anonymize())


@tagged("post_install", "-at_install")
class TestSecurityGdprExport(GdprSecurityCase):
    """F5: an export discloses the subject's data only."""

    def test_manager_cannot_export_the_admin(self):
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesMsg(UserError, "is a user of the office"):
            self._zip(admin.partner_id)

    def test_no_discuss_chat_or_unreadable_message(self):
        # the portal person chats with the office; writes on a supplier's record;
        # and writes on a client of a company the manager is not in
        channel = self.env["discuss.channel"].create(
            {"name": "Czat", "channel_type": "group"}
        )
        channel.add_members(partner_ids=self.person.ids)
        channel.message_post(
            body="Prywatna rozmowa na czacie", author_id=self.person.id
        )
        supplier = self.env["res.partner"].create({"name": "Dostawca"})
        supplier.message_post(body="Notatka dostawcy", author_id=self.person.id)
        other_company = self.env["res.company"].create({"name": "Biuro Kraków"})
        elsewhere = self.make_client(
            "Gamma sp. z o.o.", False, company_id=other_company.id
        )
        elsewhere.message_post(body="Wiadomość u Gammy", author_id=self.person.id)
        self.client_a.message_post(
            body="Wiadomość od Pawła", author_id=self.person.id, message_type="email"
        )
        files, text = self._zip(self.person)
        bodies = [message["body"] for message in files["messages.json"]]
        self.assertIn("Wiadomość od Pawła", bodies)
        for secret in ("Prywatna rozmowa", "Notatka dostawcy", "Wiadomość u Gammy"):
            self.assertNotIn(secret, text)
        self.assertNotIn(
            "discuss.channel", {message["model"] for message in files["messages.json"]}
        )

    def test_person_export_holds_no_records_of_the_employer(self):
        # (the portal's access rows: crm_biuro_portal's TestGdprPortalExport)
        # a document of A the office filed, and one P uploaded through the portal
        Document = self.env["biuro.document"]
        filed = Document.create(
            {"partner_id": self.client_a.id, "name": "Umowa najmu", "note": "Poufne"}
        )
        uploaded = Document.create(
            {
                "partner_id": self.client_a.id,
                "name": "Faktury 04/2026",
                "file_name": "faktury-04.pdf",
                "uploaded_by": self.portal_user.id,
                "note": "Brakuje faktury od dostawcy",
            }
        )
        files, text = self._zip(self.person)
        self.assertEqual(files["partner.json"]["name"], P_NAME)
        # the person's own upload, by what tells the upload only
        self.assertEqual(
            [(row["id"], row["file_name"]) for row in files["documents.json"]],
            [(uploaded.id, "faktury-04.pdf")],
        )
        self.assertNotIn(filed.name, text)
        self.assertNotIn("Brakuje faktury", text)
        for name in (
            "inspections.json",
            "contracts.json",
            "invoices.json",
            "obligations.json",
            "tax_profile.json",
            "suspensions.json",
            "verifications.json",
            "beneficial_owners.json",
        ):
            self.assertEqual(files[name], [], name)
        for secret in (
            self.invoice.name,
            self.contract.name,
            "US Warszawa-Śródmieście",
            "Anna Współpracownik",
            "Katarzyna Wrona",
        ):
            self.assertNotIn(secret, text)
        self.assertEqual(
            [user["login"] for user in files["portal_access.json"]["users"]], [P_EMAIL]
        )
        # the client's own export still holds the client's records
        files, text = self._zip(self.client_a)
        self.assertEqual(
            sorted(row["name"] for row in files["documents.json"]),
            ["Faktury 04/2026", "Umowa najmu"],
        )
        self.assertEqual(len(files["inspections.json"]), 1)
        self.assertEqual(
            [row["name"] for row in files["contracts.json"]], [self.contract.name]
        )
        self.assertEqual(
            [row["name"] for row in files["invoices.json"]], [self.invoice.name]
        )


@tagged("post_install", "-at_install")
class TestSecurityGdprErasure(GdprSecurityCase):
    """F6: erasing one person leaves the client's records whole."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the review's scenario: an e-mail from P on A's timeline with an invoice...
        cls.email = cls.client_a.message_post(
            body=f"<p>W załączniku faktura za marzec.</p><p>Pozdrawiam, {P_NAME}"
            f"<br>tel. {P_MOBILE}, <a href='mailto:{P_EMAIL}'>{P_EMAIL}</a></p>",
            subject=f"Faktura od {P_NAME}",
            author_id=cls.person.id,
            email_from=f'"{P_NAME}" <{P_EMAIL}>',
            message_type="email",
            attachments=[("inv.pdf", b"%PDF-1.4 invoice")],
        )
        # ...and a note of the office on A naming A's street, NIP and phone
        cls.note = cls.client_a.with_user(cls.office_user).message_post(
            body=f"Nowy adres klienta: {STREET}, NIP PL{NIP_A}, tel. {COMPANY_PHONE}",
            subtype_xmlid="mail.mt_note",
        )
        cls.note_body = cls.note.body

    def _anonymize(self, partner, user=None):
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(user or self.office_manager)
            .with_context(lang="en_US")
            .create({"partner_id": partner.id})
        )
        wizard.action_preview()
        wizard.confirm = True
        wizard.action_anonymize()
        return wizard

    def test_review_scenario(self):
        self.assertEqual(self.person.street, STREET)
        inv = self.email.attachment_ids
        self.assertEqual(inv.name, "inv.pdf")
        self._anonymize(self.person)
        # the invoice the client e-mailed stays, on the client's timeline
        self.assertTrue(inv.exists())
        self.assertEqual((inv.res_model, inv.res_id), ("res.partner", self.client_a.id))
        self.assertEqual(inv.raw, b"%PDF-1.4 invoice")
        # the office's note about the company is intact
        self.assertEqual(self.note.body, self.note_body)
        # the person's data is redacted inside the e-mail, the rest stays
        body = str(self.email.body)
        self.assertIn("W załączniku faktura za marzec.", body)
        self.assertIn(MARKER, body)
        for term in (P_NAME, P_EMAIL, P_MOBILE, "Nowicki"):
            self.assertNotIn(term, body)
            self.assertNotIn(term, self.email.subject or "")
        self.assertEqual(self.email.subject, f"Faktura od {MARKER}")
        self.assertFalse(self.email.email_from)
        # the client is untouched
        client = self.client_a
        self.assertTrue(client.active)
        self.assertEqual(client.name, "Alfa Handel sp. z o.o.")
        self.assertEqual(client.street, STREET)
        self.assertEqual(client.phone, COMPANY_PHONE)
        self.assertEqual(client.email, SHARED_MAILBOX)
        self.assertFalse(client.biuro_anonymized_date)
        self.assertEqual(self.person.name, "Deleted person")
        self.assertFalse(self.person.street)

    def test_preview_counts_and_writes_nothing(self):
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(self.office_manager)
            .create({"partner_id": self.person.id})
        )
        messages = self.env["mail.message"].search_count([])
        body = self.email.body
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertGreaterEqual(wizard.message_count, 1)
        self.assertGreaterEqual(wizard.field_count, 5)
        self.assertGreaterEqual(wizard.record_count, 2)
        self.assertEqual(wizard.attachment_count, 0)
        self.assertEqual(self.person.name, P_NAME)
        self.assertEqual(self.email.body, body)
        self.assertTrue(self.portal_user.active)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        # the preview is of that person: changing the partner asks for a new one
        wizard.write({"partner_id": self.client_a.id, "confirm": True})
        self.assertEqual(wizard.state, "draft")
        with self.assertRaises(UserError):
            wizard.action_anonymize()
        self.assertEqual(self.client_a.name, "Alfa Handel sp. z o.o.")
        # nor can the step be written by hand (RPC) to skip the preview
        with self.assertRaises(UserError):
            wizard.write({"state": "preview"})
        with self.assertRaises(UserError):
            self.env["biuro.gdpr.anonymize"].with_user(self.office_manager).create(
                {"partner_id": self.client_a.id, "state": "preview", "confirm": True}
            )
        self.assertEqual(wizard.state, "draft")

    def test_shared_mailbox(self):
        """A person reading the company's mailbox: the mailbox is the company's,
        it stays in every message, and so do the messages quoting it."""
        email = self.client_a.message_post(
            body=f"<p>Proszę o odpowiedź na {SHARED_MAILBOX}. Katarzyna Wrona</p>",
            author_id=self.mailbox_person.id,
            email_from=f'"Katarzyna Wrona" <{SHARED_MAILBOX}>',
            message_type="email",
            attachments=[("wyciag-03.pdf", b"%PDF-1.4 wyciag")],
        )
        elsewhere = self.client_b.message_post(
            body=f"Klient Alfa pisze z adresu {SHARED_MAILBOX}, do przekazania"
        )
        elsewhere_body = elsewhere.body
        statement = email.attachment_ids
        self._anonymize(self.mailbox_person)
        self.assertIn(SHARED_MAILBOX, email.body)
        self.assertNotIn("Katarzyna Wrona", email.body)
        self.assertEqual(email.email_from, f'"{MARKER}" <{SHARED_MAILBOX}>')
        self.assertEqual(elsewhere.body, elsewhere_body)
        self.assertTrue(statement.exists())
        self.assertEqual(self.client_a.email, SHARED_MAILBOX)
        self.assertEqual(self.person.email, P_EMAIL)
        self.assertEqual(self.note.body, self.note_body)

    def test_email_quoted_elsewhere_is_redacted_not_blanked(self):
        quote = self.client_b.message_post(
            body=f"Kopia do {P_EMAIL} w sprawie umowy najmu lokalu"
        )
        self._anonymize(self.person)
        self.assertIn("w sprawie umowy najmu lokalu", quote.body)
        self.assertNotIn(P_EMAIL, quote.body)

    def test_person_files(self):
        """The person's own files go; a file a client's document or a message on
        another record uses is detached from the person onto that record."""
        Attachment = self.env["ir.attachment"]
        own, used, sent = Attachment.create(
            [
                {
                    "name": name,
                    "raw": b"%PDF-1.4",
                    "res_model": "res.partner",
                    "res_id": self.person.id,
                }
                for name in ("dowod-osobisty.pdf", "pit-11.pdf", "wyciag.pdf")
            ]
        )
        document = self.env["biuro.document"].create(
            {"partner_id": self.client_a.id, "name": "PIT-11", "attachment_id": used.id}
        )
        self.invoice.message_post(
            body="Wyciąg do faktury",
            author_id=self.person.id,
            attachment_ids=sent.ids,
        )
        self._anonymize(self.person)
        self.assertFalse(own.exists())
        self.assertEqual((used.res_model, used.res_id), ("biuro.document", document.id))
        self.assertEqual(document.attachment_id, used)
        self.assertEqual(
            (sent.res_model, sent.res_id), ("account.move", self.invoice.id)
        )

    def test_whole_client_keeps_accounting_files(self):
        inv = self.email.attachment_ids
        document = self.env["biuro.document"].create(
            {
                "partner_id": self.client_a.id,
                "name": "Faktury 03/2026",
                "file": base64.b64encode(b"faktury"),
                "file_name": "faktury-03.pdf",
            }
        )
        self._anonymize(self.client_a)
        self.assertTrue(inv.exists())
        self.assertTrue(document.file)
        self.assertEqual(self.invoice.state, "posted")
        self.assertEqual(self.client_a.name, "Deleted client")
        self.assertNotIn(STREET, self.note.body)

    def test_office_user_cannot_erase_one_person(self):
        with self.assertRaises(AccessError):
            self._anonymize(self.person, user=self.office_user)
        self.assertEqual(self.person.name, P_NAME)
        self.assertTrue(self.email.attachment_ids.exists())
