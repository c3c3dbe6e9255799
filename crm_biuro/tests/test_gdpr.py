import base64
import io
import json
import zipfile
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import NIP_A, PESEL_OK
from .common_accounting import BiuroAccountingCase

# a 1x1 PNG
IMAGE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)
PERSONAL = (
    "Kowalska",
    "Kowalski",
    "janina@kowalska-uslugi.pl",
    "piotr.kowalski@gmail.com",
    "600 100 200",
    "601 300 400",
    "Słoneczna",
    "31-100",
    "Zakopane",
    PESEL_OK,
    "kowalska-uslugi.pl",
    "Klientka prosi o kontakt po 16",
)


class GdprCase(BiuroAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(
            "Janina Kowalska Usługi",
            NIP_A,
            biuro_legal_form="jdg",
            email="janina@kowalska-uslugi.pl",
            phone="600 100 200",
            street="ul. Słoneczna 3",
            zip="31-100",
            city="Zakopane",
            website="https://kowalska-uslugi.pl",
            comment="Klientka prosi o kontakt po 16",
            image_1920=IMAGE,
        )
        cls.client.sudo().biuro_pesel = PESEL_OK
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Piotr Kowalski",
                "parent_id": cls.client.id,
                "email": "piotr.kowalski@gmail.com",
                "mobile": "601 300 400",
                "function": "Pełnomocnik",
                "biuro_contact_role": "owner",
            }
        )
        cls.portal_user = cls.env["res.users"].create(
            {
                "login": "piotr.kowalski@gmail.com",
                "partner_id": cls.contact.id,
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        # a later change of name: the old name stays in the tracking of the timeline
        # (each precommit run stands for the commit of a transaction)
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.client.name = "Janina Kowalska Usługi Księgowe"
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.client.message_post(
            body="Proszę o fakturę, Piotr Kowalski",
            author_id=cls.contact.id,
            email_from='"Piotr Kowalski" <piotr.kowalski@gmail.com>',
            message_type="email",
            attachments=[("skan-dowodu-kowalski.pdf", b"%PDF-1.4 dowod")],
        )
        cls.note = cls.env["ir.attachment"].create(
            {
                "name": "umowa-kowalska.pdf",
                "raw": b"%PDF-1.4 umowa",
                "res_model": "res.partner",
                "res_id": cls.client.id,
            }
        )
        cls.invoice = cls.make_invoice(cls.client, date(2026, 3, 10), 1000.0)
        cls.contract = cls.env["biuro.contract"].create(
            {"partner_id": cls.client.id, "date_start": date(2026, 1, 1)}
        )
        cls.document = cls.env["biuro.document"].create(
            {
                "partner_id": cls.client.id,
                "name": "Faktury zakupowe 03/2026",
                "file": base64.b64encode(b"faktury"),
                "file_name": "faktury-03.pdf",
            }
        )
        cls.contract.message_post(
            body="Akceptuję aneks",
            author_id=cls.contact.id,
            email_from="piotr.kowalski@gmail.com",
            message_type="email",
        )
        cls.client.activity_schedule(
            "mail.mail_activity_data_todo", summary="Zadzwonić do pani Kowalskiej"
        )


@tagged("post_install", "-at_install")
class TestGdprAnonymize(GdprCase):
    """Anonimizuj: no personal data left; accounting records stay."""

    def _anonymize(self, user, partner, lang="en_US"):
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(user)
            .with_context(active_model="res.partner", active_id=partner.id, lang=lang)
            .create({})
        )
        self.assertEqual(wizard.partner_id, partner)
        wizard.confirm = True
        return wizard.action_anonymize()

    def _all_text(self, records):
        """Every stored value of the records, as one string to search."""
        values = []
        for record in records.sudo():
            for name, field in record._fields.items():
                if field.store and field.type not in ("one2many", "many2many"):
                    values.append(str(record[name]))
        return " ".join(values)

    def test_anonymise_client_and_contacts(self):
        self._anonymize(self.office_manager, self.client)
        client, contact = self.client.sudo(), self.contact.sudo()
        self.assertEqual(client.name, "Deleted client")
        self.assertEqual(contact.name, "Deleted person")
        for partner in client | contact:
            for field in (
                "email",
                "phone",
                "mobile",
                "street",
                "zip",
                "city",
                "website",
                "comment",
                "function",
                "image_1920",
                "biuro_pesel",
            ):
                self.assertFalse(partner[field], f"{partner.name}: {field}")
        self.assertEqual(client.biuro_anonymized_uid, self.office_manager)
        self.assertTrue(client.biuro_anonymized_date)
        partners_text = self._all_text(client | contact)
        messages = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", (client | contact).ids),
                ("author_id", "in", (client | contact).ids),
            ]
        )
        self.assertTrue(messages)
        messages_text = self._all_text(messages) + self._all_text(
            messages.sudo().tracking_value_ids
        )
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (client | contact).ids),
            ]
        )
        self.assertFalse(attachments)
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "=like", "%kowalsk%")])
        )
        for text in PERSONAL:
            self.assertNotIn(text, partners_text)
            self.assertNotIn(text, messages_text)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", client.id)]
            )
        )
        # the portal account is closed and renamed
        portal = self.portal_user.sudo().with_context(active_test=False)
        self.assertFalse(portal.active)
        self.assertNotIn("kowalski", portal.login)
        # invoices, contracts and documents stay (legal duty), under the new name
        self.assertEqual(self.invoice.state, "posted")
        self.assertEqual(self.invoice.amount_total, 1000.0)
        self.assertEqual(self.invoice.partner_id, client)
        self.assertEqual(self.invoice.invoice_partner_display_name, "Deleted client")
        self.assertTrue(self.contract.exists())
        self.assertTrue(self.document.file)
        self.assertEqual(client.biuro_nip, NIP_A)
        # the act itself is logged on the timeline: who and when
        log = client.message_ids[0]
        self.assertIn(
            f"Personal data anonymised by {self.office_manager.name} on", log.body
        )
        self.assertEqual(log.author_id, self.office_manager.partner_id)

    def test_anonymised_name_is_translated(self):
        self._anonymize(self.office_manager, self.client, lang="pl_PL")
        self.assertEqual(self.client.sudo().name, "Usunięty klient")
        self.assertEqual(self.contact.sudo().name, "Usunięta osoba")

    def test_only_managers_anonymise(self):
        with self.assertRaises(AccessError):
            self._anonymize(self.office_user, self.client)
        with self.assertRaises(AccessError):
            self.client.with_user(self.office_user)._biuro_anonymize()
        self.assertEqual(self.client.name, "Janina Kowalska Usługi Księgowe")

    def test_confirmation_is_required(self):
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(self.office_manager)
            .create({"partner_id": self.client.id})
        )
        self.assertEqual(wizard.contact_count, 1)
        with self.assertRaises(UserError):
            wizard.action_anonymize()
        self.assertEqual(self.client.name, "Janina Kowalska Usługi Księgowe")

    def test_staff_cannot_be_anonymised(self):
        with self.assertRaises(UserError):
            self.office_user.partner_id.with_user(
                self.office_manager
            )._biuro_anonymize()


@tagged("post_install", "-at_install")
class TestGdprExport(GdprCase):
    """Eksport danych osobowych: a ZIP with every kind of record held."""

    def _export(self, user, partner):
        wizard = (
            self.env["biuro.gdpr.export"]
            .with_user(user)
            .with_context(active_model="res.partner", active_id=partner.id)
            .create({})
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(
            f"/web/content/biuro.gdpr.export/{wizard.id}/data/", action["url"]
        )
        archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.data)))
        return {name: json.loads(archive.read(name)) for name in archive.namelist()}

    def test_zip_holds_every_kind_of_record(self):
        files = self._export(self.office_manager, self.client)
        self.assertEqual(
            sorted(files),
            [
                "activities.json",
                "attachments.json",
                "contacts.json",
                "contracts.json",
                "documents.json",
                "index.json",
                "inspections.json",
                "invoices.json",
                "messages.json",
                "obligations.json",
                "partner.json",
                "portal_access.json",
                "verifications.json",
            ],
        )
        partner = files["partner.json"]
        self.assertEqual(partner["name"], "Janina Kowalska Usługi Księgowe")
        self.assertEqual(partner["email"], "janina@kowalska-uslugi.pl")
        self.assertEqual(partner["biuro_pesel"], PESEL_OK)
        self.assertEqual(partner["country_id"]["name"], "Poland")
        self.assertEqual(
            [contact["name"] for contact in files["contacts.json"]], ["Piotr Kowalski"]
        )
        bodies = [message["body"] for message in files["messages.json"]]
        self.assertIn("Proszę o fakturę, Piotr Kowalski", bodies)
        self.assertIn("Akceptuję aneks", bodies)
        tracked = [
            tracking
            for message in files["messages.json"]
            for tracking in message["tracking"]
        ]
        self.assertIn(
            {
                "field": "name",
                "old": "Janina Kowalska Usługi",
                "new": "Janina Kowalska Usługi Księgowe",
            },
            tracked,
        )
        self.assertEqual(
            [activity["summary"] for activity in files["activities.json"]],
            ["Zadzwonić do pani Kowalskiej"],
        )
        self.assertEqual(
            sorted(attachment["name"] for attachment in files["attachments.json"]),
            ["skan-dowodu-kowalski.pdf", "umowa-kowalska.pdf"],
        )
        self.assertEqual(
            [document["name"] for document in files["documents.json"]],
            ["Faktury zakupowe 03/2026"],
        )
        self.assertNotIn("file", files["documents.json"][0])
        self.assertEqual(
            [contract["name"] for contract in files["contracts.json"]],
            [self.contract.name],
        )
        self.assertEqual(
            [invoice["name"] for invoice in files["invoices.json"]], [self.invoice.name]
        )
        self.assertEqual(files["invoices.json"][0]["amount_total"], 1000.0)
        self.assertEqual(
            files["portal_access.json"]["users"][0]["login"], "piotr.kowalski@gmail.com"
        )
        self.assertEqual(files["inspections.json"], [])
        self.assertEqual(files["verifications.json"], [])
        self.assertEqual(files["index.json"]["exported_by"], self.office_manager.name)

    def test_export_of_one_person(self):
        files = self._export(self.office_manager, self.contact)
        self.assertEqual(files["partner.json"]["name"], "Piotr Kowalski")
        self.assertEqual(files["contacts.json"], [])
        # what the person wrote, and what happened on the person's own timeline
        self.assertEqual(
            sorted(message["body"] for message in files["messages.json"]),
            [
                "Akceptuję aneks",
                "Contact created",
                "Portal Access Granted (piotr.kowalski@gmail.com)",
                "Proszę o fakturę, Piotr Kowalski",
            ],
        )

    def test_only_managers_export_personal_data(self):
        with self.assertRaises(AccessError):
            self.env["biuro.gdpr.export"].with_user(self.office_user).create(
                {"partner_id": self.client.id}
            )
        with self.assertRaises(AccessError):
            self.client.with_user(self.office_user)._biuro_gdpr_zip()
