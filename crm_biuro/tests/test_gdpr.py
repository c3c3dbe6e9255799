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
        # sudo: test setup writes the PESEL (a managers-only field) as the superuser
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
        wizard.action_preview()
        wizard.confirm = True
        return wizard.action_anonymize()

    def _all_text(self, records):
        """Every stored value of the records, as one string to search."""
        values = []
        # sudo: the test reads back, past the user's rights, what the erasure left
        for record in records.sudo():
            for name, field in record._fields.items():
                if field.store and field.type not in ("one2many", "many2many"):
                    values.append(str(record[name]))
        return " ".join(values)

    def test_anonymise_client_and_contacts(self):
        self._anonymize(self.office_manager, self.client)
        # sudo: the test reads back, past the user's rights, what the erasure left
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
            # sudo: the test reads every tracked value, for left-over terms
            messages.sudo().tracking_value_ids
        )
        # the files on the client's timeline are accounting records (the client
        # e-mailed them to the office): they stay, on the client
        attachments = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (client | contact).ids),
            ]
        )
        self.assertEqual(
            sorted(attachments.mapped("name")),
            ["skan-dowodu-kowalski.pdf", "umowa-kowalska.pdf"],
        )
        self.assertEqual(attachments.mapped("res_id"), [client.id] * 2)
        for text in PERSONAL:
            self.assertNotIn(text, partners_text)
            self.assertNotIn(text, messages_text)
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", client.id)]
            )
        )
        # the portal account is closed and renamed
        # sudo: the test reads the portal login back, archived ones included
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
        # sudo: the test reads back the names the erasure wrote
        self.assertEqual(self.client.sudo().name, "Usunięty klient")
        # sudo: the test reads back the names the erasure wrote
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
        # neither without the preview, nor after it without the confirmation
        wizard.confirm = True
        with self.assertRaises(UserError):
            wizard.action_anonymize()
        wizard.action_preview()
        self.assertFalse(wizard.confirm)
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
                "bank_accounts.json",
                "beneficial_owners.json",
                "contacts.json",
                "contracts.json",
                "documents.json",
                "followers.json",
                "index.json",
                "inspections.json",
                "invoices.json",
                "mail_routing.json",
                "messages.json",
                "obligations.json",
                "partner.json",
                "portal_access.json",
                "suspensions.json",
                "tax_profile.json",
                "verifications.json",
            ],
        )
        # the profile history: the client's first row at least, with its values
        self.assertTrue(files["tax_profile.json"])
        self.assertEqual(
            {row["partner_id"]["id"] for row in files["tax_profile.json"]},
            {self.client.id},
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


class GdprReviewCase(GdprCase):
    """The helpers of the review's tests, shared with the tests of the other addons
    that extend the requests (crm_biuro_portal, crm_biuro_mail, crm_biuro_verify)."""

    def _anonymize(self, partner):
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(self.office_manager)
            .with_context(lang="en_US")
            .create({"partner_id": partner.id})
        )
        wizard.action_preview()
        wizard.confirm = True
        wizard.action_anonymize()

    def _timeline_text(self, partners):
        messages = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )
        texts = [f"{m.body} {m.subject}" for m in messages]
        texts += [
            f"{t.old_value_char} {t.new_value_char}"
            # sudo: the test reads every tracked value, for left-over terms
            for t in messages.sudo().tracking_value_ids
        ]
        return " ".join(texts)

    def _export_files(self, partner):
        files = partner.with_user(self.office_manager)._biuro_gdpr_files()
        return json.loads(json.dumps(files, default=str))


@tagged("post_install", "-at_install")
class TestGdprReview(GdprReviewCase):
    """Review findings: banks, exact e-mails, client state; the portal people and
    the other addons' data are tested in those addons."""

    def test_bank_accounts(self):
        Bank = self.env["res.partner.bank"]
        unused = Bank.create(
            {
                "partner_id": self.contact.id,
                "acc_number": "PL61109010140000071219812874",
                "acc_holder_name": "Piotr Kowalski",
            }
        )
        used = Bank.create(
            {
                "partner_id": self.client.id,
                "acc_number": "PL27114020040000300201355387",
                "acc_holder_name": "Janina Kowalska",
            }
        )
        # a change of the holder is logged on the partner with the old name
        used.acc_holder_name = "Janina Kowalska-Nowak"
        # a vendor bill paid to that account: the account must stay
        self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.client.id,
                "partner_bank_id": used.id,
            }
        )
        self._anonymize(self.client)
        self.assertFalse(unused.exists())
        self.assertFalse(
            Bank.with_context(active_test=False).search(
                [("acc_number", "=", "PL61109010140000071219812874")]
            )
        )
        self.assertTrue(used.exists())
        self.assertFalse(used.acc_holder_name)
        text = self._timeline_text(self.client | self.contact)
        self.assertNotIn("Kowalsk", text)
        self.assertNotIn("PL61109010140000071219812874", text)
        self.assertFalse(
            self.env["mail.tracking.value"]
            # sudo: the test searches every tracked value for the erased bank account
            .sudo()
            .search(
                [
                    ("field_id.model", "=", "res.partner.bank"),
                    ("mail_message_id.model", "=", "res.partner"),
                    ("mail_message_id.res_id", "in", (self.client | self.contact).ids),
                ]
            )
        )

    def test_email_match_is_exact(self):
        lookalike = self.contract.message_post(
            body="Pisz do apiotr.kowalski@gmail.com",
            email_from="apiotr.kowalski@gmail.com",
            message_type="email",
        )
        mention = self.contract.message_post(
            body="Kopia do PIOTR.KOWALSKI@gmail.com, proszę",
            message_type="comment",
        )
        self._anonymize(self.contact)
        self.assertEqual(lookalike.email_from, "apiotr.kowalski@gmail.com")
        self.assertIn("apiotr.kowalski@gmail.com", lookalike.body)
        self.assertNotIn("kowalski", mention.body.lower())

    def test_scope_nested_contacts_and_archived_staff(self):
        nested = self.env["res.partner"].create(
            {"name": "Zofia Kowalska", "parent_id": self.contact.id}
        )
        staff = self.env["res.users"].create(
            {
                "name": "Adam Kowalski",
                "login": "adam.kowalski",
                "groups_id": [Command.set(self.env.ref("base.group_user").ids)],
            }
        )
        staff.partner_id.parent_id = self.client
        staff.active = False
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(self.office_manager)
            .create({"partner_id": self.client.id})
        )
        self.assertEqual(wizard.contact_count, 3)
        self._anonymize(self.client)
        self.assertEqual(nested.name, "Deleted person")
        self.assertEqual(staff.partner_id.name, "Deleted person")
        # an active staff account still blocks
        staff2 = self.env["res.users"].create(
            {
                "name": "Ewa Kowalska",
                "login": "ewa.kowalska",
                "groups_id": [Command.set(self.env.ref("base.group_user").ids)],
            }
        )
        staff2.partner_id.parent_id = self.contact
        with self.assertRaises(UserError):
            self._anonymize(self.contact)

    def test_client_becomes_inactive(self):
        self.client.biuro_state = "active"
        self._anonymize(self.client)
        self.assertEqual(self.client.biuro_state, "inactive")

    def test_named_on_client_timeline(self):
        named = self.client.message_post(body="dzwonił PIOTR KOWALSKI w sprawie ZUS")
        other = self.client.message_post(body="Faktura wysłana")
        self._anonymize(self.contact)
        self.assertNotIn("kowalski", named.body.lower())
        self.assertEqual(self.client.name, "Janina Kowalska Usługi Księgowe")
        self.assertIn("Faktura wysłana", other.body)

    def test_export_banks_followers_and_received_messages(self):
        self.env["res.partner.bank"].create(
            {
                "partner_id": self.contact.id,
                "acc_number": "PL61109010140000071219812874",
            }
        )
        self.contract.message_subscribe(self.contact.ids)
        self.contract.message_post(
            body="Wiadomość do pana Piotra",
            partner_ids=self.contact.ids,
            message_type="comment",
        )
        files = self._export_files(self.contact)
        self.assertEqual(
            [row["acc_number"] for row in files["bank_accounts.json"]],
            ["PL61109010140000071219812874"],
        )
        self.assertEqual(
            files["partner.json"]["bank_ids"][0]["name"][:4],
            "PL61",
        )
        self.assertIn(
            "biuro.contract", [row["model"] for row in files["followers.json"]]
        )
        self.assertIn(
            "Wiadomość do pana Piotra",
            [message["body"] for message in files["messages.json"]],
        )
