import base64
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NIP_A, BiuroCase

VCF = """BEGIN:VCARD
VERSION:3.0
FN:Anna Nowak
N:Nowak;Anna;;;
ORG:Piekarnia Kłos sp. z o.o.
TITLE:Główna księgowa
EMAIL;TYPE=INTERNET:anna.nowak@piekarnia-klos.pl
TEL;TYPE=CELL:+48 601 200 300
TEL;TYPE=WORK:+48 22 100 20 30
ADR;TYPE=WORK:;;ul. Polna 5;Kraków;;30-001;Polska
END:VCARD
BEGIN:VCARD
VERSION:2.1
N:Kłos;Jan
EMAIL:jan@piekarnia-klos.pl
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Ewa Znana
EMAIL:ewa.znana@piekarnia-klos.pl
END:VCARD
"""


@tagged("post_install", "-at_install")
class TestVcardImport(BiuroCase):
    """Issue 17.8: one vCard file with many contacts, next to the export."""

    def wizard(self, content, **vals):
        return (
            self.env["biuro.vcard.import"]
            .with_user(self.user)
            .create({"file": base64.b64encode(content.encode()), **vals})
        )

    def test_import_many_contacts_of_a_client(self):
        client = self.make_client("Piekarnia Kłos sp. z o.o.", vat=NIP_A)
        known = self.env["res.partner"].create(
            {"name": "Ewa Znana", "email": "ewa.znana@piekarnia-klos.pl"}
        )
        wizard = self.wizard(VCF).with_context(
            active_model="res.partner", active_id=client.id
        )
        self.assertEqual(
            self.env["biuro.vcard.import"]
            .with_context(active_model="res.partner", active_id=client.id)
            ._default_parent(),
            client,
        )
        wizard.parent_id = client
        action = wizard.action_import()
        self.assertIn("2", action["params"]["message"])
        imported = self.env["res.partner"].search(action["params"]["next"]["domain"])
        self.assertEqual(sorted(imported.mapped("name")), ["Anna Nowak", "Jan Kłos"])
        anna = imported.filtered(lambda p: p.name == "Anna Nowak")
        self.assertEqual(anna.parent_id, client)
        self.assertEqual(anna.mobile, "+48 601 200 300")
        self.assertEqual(anna.phone, "+48 22 100 20 30")
        self.assertEqual(anna.function, "Główna księgowa")
        self.assertEqual(
            (anna.street, anna.zip, anna.city), ("ul. Polna 5", "30-001", "Kraków")
        )
        self.assertNotIn(known, imported)
        # the export reads back what the import wrote
        content = imported._biuro_vcard_content().decode()
        self.assertEqual(content.count("BEGIN:VCARD"), 2)
        # both actions are offered on the client list
        actions = self.env["ir.actions.actions"].get_bindings("res.partner")["action"]
        ids = {a["id"] for a in actions}
        self.assertIn(self.env.ref("crm_biuro.action_biuro_vcard_import").id, ids)
        self.assertIn(self.env.ref("crm_biuro.action_biuro_export_vcard").id, ids)

    def test_broken_file_creates_nothing(self):
        count = self.env["res.partner"].search_count([])
        for content in (
            "to nie jest vCard",
            "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.pl\nEND:VCARD\n",
        ):
            with (
                self.subTest(content=content),
                self.assertRaisesMsg(
                    UserError, "not a vCard file that can be imported"
                ),
            ):
                self.wizard(content).action_import()
        self.assertEqual(self.env["res.partner"].search_count([]), count)


@tagged("post_install", "-at_install")
class TestPresentationPdfs(BiuroCase):
    """Issue 17.8: PDFs of the client list and of each report."""

    def render(self, xmlid, ids):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user)
            ._render_qweb_html(xmlid, ids)
        )
        return html.decode()

    def test_client_list_pdf(self):
        clients = self.make_client(
            "Tartak Modrzew sp. z o.o.", vat=NIP_A, city="Nowy Targ"
        )
        clients |= self.make_client("Biuro Podróży Wrzos", vat=False, city="Zakopane")
        html = self.render("crm_biuro.action_report_biuro_client_list", clients.ids)
        for text in ("Tartak Modrzew", "Zakopane", NIP_A):
            self.assertIn(text, html)
        report = self.env.ref("crm_biuro.action_report_biuro_client_list")
        self.assertEqual(report.report_type, "qweb-pdf")

    def test_each_report_has_its_pdf(self):
        region = self.env["res.country.state"].create(
            {"name": "Województwo testowe", "code": "TST", "country_id": self.poland.id}
        )
        client = self.make_client(
            "Tartak Modrzew sp. z o.o.", vat=NIP_A, state_id=region.id
        )
        for kind in ("top", "profitability", "geography"):
            with self.subTest(report=kind):
                wizard = self.env["biuro.report.wizard"].create(
                    {
                        "report": kind,
                        "date_from": date(2026, 1, 1),
                        "date_to": date(2026, 12, 31),
                    }
                )
                action = wizard.action_open()
                lines = self.env["biuro.client.report"].search(action["domain"])
                self.assertIn(client, lines.partner_id)
                html = self.render(
                    "crm_biuro.action_report_biuro_client_report", lines.ids
                )
                self.assertIn("Tartak Modrzew", html)
                self.assertIn(action["name"].split(":")[0], html)
                if kind == "geography":
                    self.assertIn('name="biuro_regions"', html)
                    self.assertIn(region.name, html)
        activity = self.env["biuro.report.activity"].search(
            [("partner_id", "=", client.id)]
        )
        html = self.render(
            "crm_biuro.action_report_biuro_report_activity", activity.ids
        )
        self.assertIn("Tartak Modrzew", html)
