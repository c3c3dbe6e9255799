from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestPortalInvoice(BillingCase, HttpCase):
    """A posted monthly invoice is in the client's portal (Odoo's own invoice pages);
    a draft still under review is not, nor another client's."""

    def test_client_owner_sees_the_posted_invoice_only(self):
        owner_contact = self.env["res.partner"].create(
            {
                "name": "Anna Alfa",
                "parent_id": self.client_a.id,
                "email": "anna@alfa.example.pl",
            }
        )
        new_test_user(
            self.env,
            "alfa_portal_owner",
            password="alfa_portal_owner",
            groups="base.group_portal",
            partner_id=owner_contact.id,
        )
        if "biuro.portal.access" in self.env:
            # with crm_biuro_portal, invoices are shown to the people the office
            # gave access to the company (Odoo's default grant is closed)
            self.env["biuro.portal.access"].create(
                {
                    "partner_id": owner_contact.id,
                    "client_id": self.client_a.id,
                    "level": "owner",
                }
            )
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
        page = self.url_open(f"/my/invoices/{invoice.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)
        listing = self.url_open("/my/invoices")
        self.assertIn(invoice.name, listing.text)
        self.assertNotIn(other.name, listing.text)
        foreign = self.url_open(f"/my/invoices/{other.id}", allow_redirects=False)
        self.assertNotEqual(foreign.status_code, 200)
