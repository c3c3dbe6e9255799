from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestPortalInvoice(BillingCase, HttpCase):
    """A posted monthly invoice is in the client's portal (Odoo's own invoice pages)
    for its owner and its accountant; a draft still under review is not, nor another
    client's. A company blocked for non-payment is flagged there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_person("Anna Alfa", cls.client_a, "owner", "alfa_portal_owner")
        cls.portal_person(
            "Piotr Alfa", cls.client_a, "accountant", "alfa_portal_accountant"
        )
        cls.portal_person("Ewa Beta", cls.client_b, "owner", "beta_portal_owner")

    @classmethod
    def portal_person(cls, name, client, level, login):
        contact = cls.env["res.partner"].create(
            {"name": name, "parent_id": client.id, "email": f"{login}@example.pl"}
        )
        new_test_user(
            cls.env,
            login,
            password=login,
            groups="base.group_portal",
            partner_id=contact.id,
        )
        if "biuro.portal.access" in cls.env:
            # with crm_biuro_portal, invoices are shown to the people the office
            # gave access to the company (Odoo's default grant is closed)
            cls.env["biuro.portal.access"].create(
                {"partner_id": contact.id, "client_id": client.id, "level": level}
            )
        return contact

    def test_client_owner_sees_the_posted_invoice_only(self):
        for client in self.client_a | self.client_b:
            self.make_contract(
                client, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
            )
        with freeze_time("2026-03-02"):
            run = self.run_month("2026-02-01")
        invoice = run.move_ids.filtered(lambda m: m.partner_id == self.client_a)
        other = run.move_ids - invoice
        self.authenticate("alfa_portal_owner", "alfa_portal_owner")
        draft = self.url_open(f"/my/invoices/{invoice.id}", allow_redirects=False)
        self.assertNotEqual(draft.status_code, 200)
        run.action_post_invoices()
        for login in ("alfa_portal_owner", "alfa_portal_accountant"):
            self.authenticate(login, login)
            page = self.url_open(f"/my/invoices/{invoice.id}")
            self.assertEqual(page.status_code, 200, login)
            self.assertIn(invoice.name, page.text, login)
            listing = self.url_open("/my/invoices")
            self.assertIn(invoice.name, listing.text, login)
            self.assertNotIn(other.name, listing.text, login)
            foreign = self.url_open(f"/my/invoices/{other.id}", allow_redirects=False)
            self.assertNotEqual(foreign.status_code, 200, login)

    def test_blocked_company_flagged_on_its_invoice_pages(self):
        self.client_a.email = "ksiegowosc@alfa.example.pl"
        with freeze_time("2026-01-03"):
            invoice = self.make_invoice(
                self.client_a, "2026-01-03", 450, due="2026-01-10"
            )
            other = self.make_invoice(
                self.client_b, "2026-01-03", 300, due="2026-12-31"
            )
        self.authenticate("alfa_portal_owner", "alfa_portal_owner")
        page = self.url_open("/my/invoices")
        self.assertIn(invoice.name, page.text)
        self.assertNotIn("o_biuro_blocked_alert", page.text)
        with freeze_time("2026-02-16"):
            # sudo: the reminder cron runs as the superuser (OdooBot)
            self.env["account.move"].sudo()._cron_biuro_reminders()
        self.assertTrue(self.client_a.biuro_payment_blocked)
        for url in ("/my/invoices", f"/my/invoices/{invoice.id}"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertIn("o_biuro_blocked_alert", page.text, url)
            self.assertIn(self.client_a.name, page.text, url)
        # another company's block is not shown to the people of this one
        self.authenticate("beta_portal_owner", "beta_portal_owner")
        page = self.url_open("/my/invoices")
        self.assertIn(other.name, page.text)
        self.assertNotIn("o_biuro_blocked_alert", page.text)
        self.assertNotIn(self.client_a.name, page.text)
