from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBillingTour(HttpCase):
    def test_run_review_post_and_send_in_the_browser(self):
        product = self.env["product.product"].create(
            {"name": "KPiR (tour)", "type": "service", "list_price": 450}
        )
        client = self.env["res.partner"].create(
            {
                "name": "Tourowe Rozliczenia sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "biuro_state": "active",
                "email": "faktury@tourowe.example.pl",
            }
        )
        self.env["biuro.contract"].create(
            {
                "partner_id": client.id,
                "contract_type": "tax_advisory",
                "date_start": "2024-01-01",
                "state": "active",
                "line_ids": [
                    Command.create(
                        {"product_id": product.id, "kind": "flat", "price": 450}
                    )
                ],
            }
        )
        self.start_tour(
            "/odoo/action-crm_biuro_billing.biuro_billing_run_action",
            "crm_biuro_billing_tour",
            login="admin",
        )
        invoice = self.env["account.move"].search([("partner_id", "=", client.id)])
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.is_move_sent)
        self.assertEqual(invoice.amount_untaxed, 450)
