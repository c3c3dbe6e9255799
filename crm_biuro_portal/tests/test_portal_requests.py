import re
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PDF, PortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalRequests(PortalHttpCase):
    """Document requests in the portal: the card shows open requests first, each
    level sees them, owners and accountants upload against an item and write
    messages, read-only people only read, and the ids of another company's
    request or item are refused with nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.alfa = cls.make_company("Alfa Handel sp. z o.o.", with_records=False)
        cls.beta = cls.make_company("Beta Usługi sp. z o.o.", with_records=False)
        cls.users = {
            "owner": cls.make_person("req_owner", [(cls.alfa, "owner")]),
            "accountant": cls.make_person(
                "req_accountant", [(cls.alfa, "accountant")], email="ksiegowa@alfa.test"
            ),
            "readonly": cls.make_person("req_readonly", [(cls.alfa, "readonly")]),
        }
        cls.beta_owner = cls.make_person("req_beta", [(cls.beta, "owner")])
        cls.sales = cls.env.ref("crm_biuro.document_category_sales_invoices")
        cls.request = cls.make_request(cls.alfa, "Dokumenty za 11/2026")
        cls.foreign = cls.make_request(cls.beta, "Dokumenty Beta za 11/2026")
        cls.draft = cls.make_request(cls.alfa, "Projekt prośby", send=False)

    @classmethod
    def make_request(cls, client, name, send=True, lines=2, due=None):
        request = cls.env["biuro.document.request"].create(
            {
                "name": name,
                "partner_id": client.id,
                "period": date(2026, 11, 1),
                "due_date": due or fields.Date.today() + timedelta(days=5),
                "note": "Prosimy o faktury i wyciąg.",
                "line_ids": [
                    (0, 0, {"name": f"Pozycja {i}", "category_id": cls.sales.id})
                    for i in range(1, lines + 1)
                ],
            }
        )
        if send:
            request.action_send()
        return request

    def login(self, user):
        self.authenticate(user.login, user.login)

    def csrf(self):
        return re.search(r'csrf_token: "([^"]+)"', self.url_open("/my").text).group(1)

    def base(self, client=None, request=None):
        client = client or self.alfa
        return f"/my/clients/{client.id}/requests/{(request or self.request).id}"

    def upload(self, url, name="faktura.pdf"):
        return self.url_open(
            url,
            data={"csrf_token": self.csrf()},
            files=[("files", (name, PDF))],
            allow_redirects=False,
        )

    def documents(self):
        self.env.invalidate_all()
        return self.env["biuro.document"].search(
            [("partner_id", "in", (self.alfa | self.beta).ids)]
        )

    def test_card_shows_open_requests_first(self):
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                page = self.url_open(f"/my/clients/{self.alfa.id}").text
                self.assertIn(self.request.name, page)
                self.assertNotIn(self.draft.name, page)
                self.assertNotIn(self.foreign.name, page)
                self.assertLess(
                    page.index("o_biuro_open_requests"), page.index("o_biuro_nip")
                )

    def test_request_page_per_level(self):
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                response = self.url_open(self.base())
                self.assertEqual(response.status_code, 200)
                self.assertIn("Pozycja 2", response.text)
                can = level != "readonly"
                self.assertEqual("o_biuro_request_upload" in response.text, can)
                self.assertEqual("o_biuro_request_message_form" in response.text, can)

    def test_upload_against_an_item_per_level(self):
        line = self.request.line_ids[0]
        url = f"{self.base()}/lines/{line.id}/upload"
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                before = self.documents()
                response = self.upload(url, f"faktura-{level}.pdf")
                created = self.documents() - before
                if level == "readonly":
                    self.assertEqual(response.status_code, 403)
                    self.assertFalse(created)
                    continue
                self.assertEqual(response.status_code, 303)
                self.assertIn("uploaded=1", response.headers["Location"])
                self.assertEqual(created.file_name, f"faktura-{level}.pdf")
                self.assertEqual(created.request_id, self.request)
                self.assertEqual(created.request_line_id, line)
                self.assertEqual(created.period, date(2026, 11, 1))
                self.assertEqual(created.category_id, self.sales)
                self.assertEqual(created.uploaded_by, user)
        self.assertEqual(line.state, "received")
        self.assertEqual(self.request.state, "open", "one item is still missing")
        self.login(self.users["accountant"])
        page = self.url_open(self.base()).text
        self.assertIn("faktura-owner.pdf", page)

    def test_last_item_completes_the_request(self):
        self.login(self.users["accountant"])
        for line in self.request.line_ids:
            response = self.upload(f"{self.base()}/lines/{line.id}/upload")
            self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.request.state, "done")
        # a complete request is still shown, but takes nothing more
        page = self.url_open(self.base())
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_biuro_request_upload", page.text)
        before = self.documents()
        line = self.request.line_ids[0]
        response = self.upload(f"{self.base()}/lines/{line.id}/upload")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.documents(), before)

    def test_foreign_ids_are_refused(self):
        self.login(self.users["owner"])
        foreign_line = self.foreign.line_ids[0]
        own_line = self.request.line_ids[0]
        before = self.documents()
        cases = [
            # another company's request under one's own company
            (self.base(request=self.foreign), 404),
            (f"{self.base(request=self.foreign)}/lines/{foreign_line.id}/upload", 404),
            # another company's item under one's own request
            (f"{self.base()}/lines/{foreign_line.id}/upload", 404),
            # another company altogether
            (self.base(self.beta, self.foreign), 404),
            (
                f"{self.base(self.beta, self.foreign)}/lines/{foreign_line.id}/upload",
                404,
            ),
            (f"{self.base(self.beta, self.request)}/lines/{own_line.id}/upload", 404),
            # a draft, not sent yet
            (self.base(request=self.draft), 404),
            (
                f"{self.base(request=self.draft)}/lines/{self.draft.line_ids[0].id}/upload",
                404,
            ),
            (f"{self.base(request=self.foreign)}/message", 404),
        ]
        for url, status in cases:
            with self.subTest(url=url):
                if url.endswith(("/upload", "/message")):
                    response = self.upload(url)
                else:
                    response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, status)
        self.assertEqual(self.documents(), before)
        self.assertEqual(self.foreign.line_ids.mapped("state"), ["missing", "missing"])
        # a readonly person of Alfa gets 403 before any id is looked at
        self.login(self.users["readonly"])
        response = self.upload(f"{self.base()}/lines/{foreign_line.id}/upload")
        self.assertEqual(response.status_code, 403)

    def test_message_on_the_request(self):
        person = self.users["accountant"]
        self.login(person)
        response = self.url_open(
            f"{self.base()}/message",
            data={"csrf_token": self.csrf(), "message": "Wyciąg wyślę w piątek."},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        message = self.request.message_ids.filtered(
            lambda m: "Wyciąg wyślę w piątek." in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, person.partner_id)
        self.assertEqual(message.message_type, "comment")
        # the office reads it on the client's timeline
        note = self.alfa.with_user(self.office_user).message_ids.filtered(
            lambda m: "Wyciąg wyślę w piątek." in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(f'data-oe-id="{self.request.id}"', note.body)
        # the portal shows it, to every level
        self.login(self.users["readonly"])
        self.assertIn("Wyciąg wyślę w piątek.", self.url_open(self.base()).text)
        response = self.url_open(
            f"{self.base()}/message",
            data={"csrf_token": self.csrf(), "message": "Ja też"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        self.env.invalidate_all()
        self.assertFalse(
            self.request.message_ids.filtered(lambda m: "Ja też" in (m.body or ""))
        )

    def test_reminders_go_to_owners_and_accountants(self):
        recipients = self.request._biuro_request_recipients()
        self.assertIn(self.users["accountant"].partner_id, recipients)
        self.assertNotIn(self.users["readonly"].partner_id, recipients)
        self.assertNotIn(self.beta_owner.partner_id, recipients)

    def test_model_refuses_foreign_lines(self):
        """The upload method itself refuses an item of another company's request,
        whatever route calls it."""
        access = self.env["biuro.portal.access"].search(
            [("partner_id", "=", self.users["owner"].partner_id.id)]
        )
        Document = self.env["biuro.document"].with_user(self.users["owner"])
        with self.assertRaisesRegex(Exception, "does not take documents"):
            Document._biuro_portal_upload(
                access.with_user(self.users["owner"]),
                str(self.sales.id),
                "2026-11",
                [("x.pdf", PDF)],
                request_line=self.foreign.line_ids[0],
            )

    def test_card_query_count(self):
        """The card costs the same with 1 and with 10 open requests."""
        one = self.make_company("Jedna Prośba sp. z o.o.", with_records=False)
        ten = self.make_company("Dziesięć Próśb sp. z o.o.", with_records=False)
        self.make_request(one, "Prośba 1")
        for i in range(10):
            self.make_request(ten, f"Prośba {i}")
        person = self.make_person("req_count", [(one, "owner"), (ten, "owner")])
        self.login(person)
        counts = {}
        for company in (one, ten):
            url = f"/my/clients/{company.id}"
            for _warm_up in range(2):
                self.url_open(url)
            self.env.flush_all()
            before = self.cr.sql_log_count
            response = self.url_open(url)
            counts[company.name] = self.cr.sql_log_count - before
            self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("o_biuro_request_row"), 10)
        self.assertEqual(len(set(counts.values())), 1, counts)

    def test_request_page_query_count(self):
        """The request page costs the same with 1 and with 10 expected items."""
        small = self.make_request(self.alfa, "Mała prośba", lines=1)
        large = self.make_request(self.alfa, "Duża prośba", lines=10)
        self.login(self.users["owner"])
        counts = {}
        for doc_request in (small, large):
            url = self.base(request=doc_request)
            for _warm_up in range(2):
                self.url_open(url)
            self.env.flush_all()
            before = self.cr.sql_log_count
            response = self.url_open(url)
            counts[doc_request.name] = self.cr.sql_log_count - before
            self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count('o_biuro_request_line"'), 10)
        self.assertEqual(len(set(counts.values())), 1, counts)

    def test_forms_need_the_csrf_token(self):
        self.login(self.users["owner"])
        line = self.request.line_ids[0]
        before = self.documents()
        messages = len(self.request.message_ids)
        # Odoo refuses them before the route runs (and logs a warning)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"{self.base()}/lines/{line.id}/upload",
                data={"csrf_token": "forged"},
                files=[("files", ("faktura.pdf", PDF))],
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 400)
            response = self.url_open(
                f"{self.base()}/message",
                data={"message": "Bez tokenu"},
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 400)
        self.assertEqual(self.documents(), before)
        self.assertEqual(len(self.request.message_ids), messages)
