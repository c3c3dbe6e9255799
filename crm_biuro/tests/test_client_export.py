import io
import json
from datetime import date

import vobject
from openpyxl import load_workbook
from PyPDF2 import PdfReader

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import NIP_A, NIP_B, REGON_9, BiuroCase

EXPORT_FIELDS = [
    "name",
    "biuro_nip",
    "biuro_regon",
    "biuro_legal_form",
    "biuro_state",
    "biuro_vat_status",
    "biuro_accountant_id/name",
]


def pdf_text(pdf):
    # wkhtmltopdf places words apart; the text is compared with single spaces
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@tagged("post_install", "-at_install")
class TestClientExport(BiuroCase):
    """Odoo's export with the office's fields, one vCard file for many contacts and
    the PDF client card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(
            "Źródło Wiedzy sp. z o.o.",
            NIP_A,
            biuro_regon=REGON_9,
            biuro_legal_form="spzoo",
            biuro_state="active",
            biuro_vat_status="czynny",
            biuro_books_type="full",
            biuro_tax_form="cit",
            biuro_accountant_id=cls.user.id,
            email="biuro@zrodlo-wiedzy.pl",
            phone="+48 12 111 22 33",
            street="ul. Świętokrzyska 7",
            city="Łódź",
            zip="90-001",
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Grażyna Żółkiewska",
                "parent_id": cls.client.id,
                "email": "grazyna@zrodlo-wiedzy.pl",
                "mobile": "+48 600 700 800",
                "function": "Główna księgowa",
                "biuro_contact_role": "accountant",
            }
        )
        cls.other = cls.make_client("Ćma i Syn s.c.", NIP_B, biuro_legal_form="sc")

    def test_export_data_with_office_fields(self):
        # like every user made from Odoo's default user template
        self.user.groups_id += self.env.ref("base.group_allow_export")
        clients = (self.client | self.other).with_user(self.user)
        rows = clients.export_data(EXPORT_FIELDS)["datas"]
        self.assertEqual(
            rows,
            [
                [
                    "Źródło Wiedzy sp. z o.o.",
                    NIP_A,
                    REGON_9,
                    "Limited liability company (sp. z o.o.)",
                    "Active",
                    "Active VAT payer",
                    self.user.name,
                ],
                [
                    "Ćma i Syn s.c.",
                    NIP_B,
                    "",
                    "Civil partnership (s.c.)",
                    "Potential",
                    "",
                    "",
                ],
            ],
        )

    def test_vcard_of_several_contacts_in_one_file(self):
        partners = (self.client | self.contact | self.other).with_user(self.user)
        content = partners._biuro_vcard_content().decode("utf-8")
        cards = list(vobject.readComponents(content))
        self.assertEqual(len(cards), 3)
        self.assertEqual(
            [card.fn.value for card in cards],
            ["Źródło Wiedzy sp. z o.o.", "Grażyna Żółkiewska", "Ćma i Syn s.c."],
        )
        self.assertEqual({card.version.value for card in cards}, {"3.0"})
        client, contact, other = cards
        self.assertEqual(client.email.value, "biuro@zrodlo-wiedzy.pl")
        self.assertEqual(client.tel.value, "+48 12 111 22 33")
        self.assertEqual(client.adr.value.street, "ul. Świętokrzyska 7")
        self.assertEqual(client.adr.value.city, "Łódź")
        self.assertEqual(client.note.value, f"NIP: {NIP_A}")
        self.assertEqual(contact.org.value, ["Źródło Wiedzy sp. z o.o."])
        self.assertEqual(contact.title.value, "Główna księgowa")
        self.assertEqual(contact.tel.value, "+48 600 700 800")
        # the contact's card carries its firm's NIP; no placeholder avatar anywhere
        self.assertEqual(contact.note.value, f"NIP: {NIP_A}")
        self.assertNotIn("photo", client.contents)
        self.assertEqual(other.note.value, f"NIP: {NIP_B}")

    def test_vcard_action_downloads_from_the_route(self):
        action = (self.client | self.contact).action_biuro_export_vcard()
        ids = f"{self.client.id},{self.contact.id}"
        self.assertEqual(
            action,
            {
                "type": "ir.actions.act_url",
                "url": f"/crm_biuro/vcard?partner_ids={ids}",
                "target": "download",
            },
        )

    def test_client_card_pdf(self):
        """A real PDF from wkhtmltopdf, its text read back.

        The report's stylesheets are not served here: wkhtmltopdf would ask the test
        server for them and wait on this test's transaction, and with the styles
        Debian's wkhtmltopdf (unpatched Qt) draws the page as a picture, with no text
        to read back. The unreachable report URL makes it render the bare HTML."""
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        contracts = self.env["biuro.contract"].create(
            [
                {
                    "partner_id": self.client.id,
                    "contract_type": "bookkeeping",
                    "date_start": date(2026, 1, 1),
                    "monthly_fee": 1200,
                },
                {
                    "partner_id": self.client.id,
                    "contract_type": "payroll",
                    "date_start": date(2026, 3, 1),
                    "monthly_fee": 300,
                },
                {
                    "partner_id": self.client.id,
                    "contract_type": "audit",
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 6, 30),
                },
            ]
        )
        contracts[:2].action_activate()
        report = self.env["ir.actions.report"].with_user(self.user)
        # wkhtmltopdf warns about the unreachable URL and the header options that the
        # unpatched Qt ignores
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_type = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(
                "crm_biuro.action_report_biuro_client_card", self.client.ids
            )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in (
            "Client card",
            NIP_A,
            REGON_9,
            "Limited liability company (sp. z o.o.)",
            "Active",
            "Full accounting books",
            "CIT",
            "Active VAT payer",
            "Grażyna Żółkiewska",
            "grazyna@zrodlo-wiedzy.pl",
            contracts[0].name,
            contracts[1].name,
            "Payroll",
        ):
            self.assertIn(expected, text)
        # only the active contracts are on the card; no registry checks yet
        self.assertNotIn(contracts[2].name, text)
        self.assertNotIn("Latest verifications", text)

    def test_client_card_is_an_office_report(self):
        report = self.env.ref("crm_biuro.action_report_biuro_client_card")
        self.assertEqual(report.groups_id, self.env.ref("crm_biuro.group_biuro_user"))
        self.assertEqual(report.binding_model_id.model, "res.partner")


@tagged("post_install", "-at_install")
class TestClientExportHttp(HttpCase):
    """The downloads as the browser gets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.user = new_test_user(
            cls.env,
            "biuro_http",
            # like every user made from Odoo's default user template
            groups="base.group_user,base.group_allow_export,crm_biuro.group_biuro_user",
            lang="en_US",
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Żabka Rachunkowa sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "vat": NIP_A,
                "biuro_legal_form": "spzoo",
                "email": "kontakt@zabka-rachunkowa.pl",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Bożena Świątek", "parent_id": cls.client.id}
        )

    def test_vcard_route(self):
        self.authenticate("biuro_http", "biuro_http")
        response = self.url_open(
            f"/crm_biuro/vcard?partner_ids={self.client.id},{self.contact.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/vcard; charset=utf-8")
        self.assertIn("contacts.vcf", response.headers["Content-Disposition"])
        cards = list(vobject.readComponents(response.content.decode("utf-8")))
        self.assertEqual(
            [card.fn.value for card in cards],
            ["Żabka Rachunkowa sp. z o.o.", "Bożena Świątek"],
        )

    def test_xlsx_export_of_the_client_list(self):
        self.authenticate("biuro_http", "biuro_http")
        params = {
            "model": "res.partner",
            "fields": [
                {"name": "name", "label": "Nazwa"},
                {"name": "biuro_nip", "label": "NIP"},
                {"name": "biuro_legal_form", "label": "Forma prawna"},
            ],
            "ids": self.client.ids,
            "domain": [],
            "groupby": [],
            "context": {"lang": "en_US"},
            "import_compat": False,
        }
        response = self.url_open(
            "/web/export/xlsx",
            data={
                "data": json.dumps(params),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(
            [[cell.value for cell in row] for row in sheet.iter_rows()],
            [
                ["Nazwa", "NIP", "Forma prawna"],
                [
                    "Żabka Rachunkowa sp. z o.o.",
                    NIP_A,
                    "Limited liability company (sp. z o.o.)",
                ],
            ],
        )
