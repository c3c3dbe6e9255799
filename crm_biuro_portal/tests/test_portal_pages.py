from lxml import html

from odoo.tests import tagged

from .common import PortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalPages(PortalHttpCase):
    """One person, three companies, three levels: the /my card, the list, the
    company cards; and the cost of /my/clients."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.alfa = cls.make_company("Alfa Owner sp. z o.o.")
        cls.beta = cls.make_company("Beta Accountant sp. z o.o.")
        cls.gamma = cls.make_company("Gamma Readonly S.A.")
        cls.gamma.biuro_state = "blocked"
        cls.person = cls.make_person(
            "three_companies",
            [(cls.alfa, "owner"), (cls.beta, "accountant"), (cls.gamma, "readonly")],
        )

    def rows(self, url, css_class):
        tree = html.fromstring(self.url_open(url).content)
        return tree.xpath(f'//tr[contains(concat(" ", @class, " "), " {css_class} ")]')

    def test_home_counter_and_list(self):
        self.authenticate(self.person.login, self.person.login)
        home = self.url_open("/my").text
        self.assertIn('href="/my/clients"', home)
        self.assertIn('data-placeholder_count="biuro_client_count"', home)
        self.assertIn("My companies", home)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["biuro_client_count", "invoice_count"]}
        )
        self.assertEqual(counters["biuro_client_count"], 3)
        self.assertTrue(counters["invoice_count"])

        listed = {}
        for row in self.rows("/my/clients", "o_biuro_client_row"):
            name = row.xpath(".//a/text()")[0]
            listed[name] = (
                row.xpath(".//span[@data-level]/@data-level")[0],
                " ".join(row.xpath(".//span[@data-level]//text()")).strip(),
                " ".join(row.xpath("./td[3]//text()")).split(),
            )
        self.assertEqual(
            listed,
            {
                self.alfa.name: ("owner", "Owner", ["Active"]),
                self.beta.name: ("accountant", "Accountant", ["Active"]),
                self.gamma.name: ("readonly", "Read-only", ["Blocked"]),
            },
        )

        for company, level in (
            (self.alfa, "owner"),
            (self.beta, "accountant"),
            (self.gamma, "readonly"),
        ):
            with self.subTest(level=level):
                card = self.url_open(f"/my/clients/{company.id}").text
                self.assertEqual("o_biuro_access_link" in card, level == "owner")
                self.assertEqual("Who has access" in card, level == "owner")
                self.assertIn(self.records[company.id]["contract"].name, card)
                documents = self.url_open(f"/my/clients/{company.id}/documents").text
                self.assertEqual(
                    "o_biuro_upload_submit" in documents, level != "readonly"
                )
                self.assertEqual(
                    "o_biuro_readonly_note" in documents, level == "readonly"
                )

        invoices = self.url_open("/my/invoices").text
        for company in (self.alfa, self.beta, self.gamma):
            self.assertIn(self.records[company.id]["invoice"].name, invoices)

    def test_documents_by_period_and_category(self):
        Document = self.env["biuro.document"]
        other_category = self.env.ref("crm_biuro.document_category_sales_invoices")
        Document.create(
            [
                {
                    "name": "March sales",
                    "partner_id": self.alfa.id,
                    "category_id": other_category.id,
                    "period": "2026-03-01",
                },
                {
                    "name": "Hidden from the portal",
                    "partner_id": self.alfa.id,
                    "category_id": other_category.id,
                    "period": "2026-03-01",
                    "portal_visible": False,
                },
            ]
        )
        self.authenticate(self.person.login, self.person.login)
        base = f"/my/clients/{self.alfa.id}/documents"

        def names(url):
            return [
                row.xpath(".//td[1]/text()")[0]
                for row in self.rows(url, "o_biuro_document_row")
            ]

        page = self.url_open(base).text
        self.assertEqual(page.count("o_biuro_period_row"), 2)  # 03/2026 and 02/2026
        self.assertNotIn("Hidden from the portal", page)
        self.assertEqual(names(base), ["March sales", f"Statement {self.alfa.name}"])
        self.assertEqual(
            names(f"{base}?period=2026-02"), [f"Statement {self.alfa.name}"]
        )
        self.assertEqual(names(f"{base}?category={other_category.id}"), ["March sales"])
        self.assertEqual(
            names(f"{base}?period=2026-02&category={other_category.id}"), []
        )
        card = self.url_open(f"/my/clients/{self.alfa.id}").text
        self.assertIn(f"{base}?period=2026-03", card)

    def test_pages_in_polish(self):
        lang = self.env.ref("base.lang_pl")
        if not lang.active:
            self.skipTest("pl_PL is not loaded in this database")
        self.person.lang = "pl_PL"
        self.authenticate(self.person.login, self.person.login)
        home = self.url_open("/my").text
        self.assertIn("Moje firmy", home)
        page = self.url_open("/my/clients").text
        for word in ("Właściciel", "Księgowy", "Tylko odczyt", "Moje firmy"):
            self.assertIn(word, page)
        page = self.url_open(f"/my/clients/{self.alfa.id}/documents").text
        self.assertIn("Wyślij dokumenty do biura", page)

    def test_my_clients_query_count(self):
        """The list costs the same for 1 and for 20 companies (no query per row)."""
        one = self.make_person("one_company", [(self.alfa, "readonly")])
        companies = [
            self.make_company(f"Firma Numer {i:02d}", with_records=False)
            for i in range(20)
        ]
        many = self.make_person(
            "twenty_companies", [(company, "readonly") for company in companies]
        )
        counts = {}
        for user in (one, many):
            self.authenticate(user.login, user.login)
            for _warm_up in range(3):
                self.url_open("/my/clients")
            self.env.flush_all()
            before = self.cr.sql_log_count
            response = self.url_open("/my/clients")
            counts[user.login] = self.cr.sql_log_count - before
            self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text.count("o_biuro_client_row"), 20)
        self.assertEqual(counts["one_company"], counts["twenty_companies"], counts)
        with self.assertQueryCount(12):
            self.url_open("/my/clients")
