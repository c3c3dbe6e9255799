from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import NIP_A, NIP_B
from .common_accounting import BiuroAccountingCase


@tagged("post_install", "-at_install")
class TestPaymentState(BiuroAccountingCase):
    """The client's payment status comes from its posted customer invoices."""

    @classmethod
    def setUpClass(cls):
        # AccountTestInvoicingCommon installs a chart of accounts in a fresh company
        super().setUpClass()
        cls.overdue_client = cls.make_client("Zaległy", NIP_A)
        cls.current_client = cls.make_client("Bieżący", NIP_B)
        cls.paid_client = cls.make_client("Opłacony", False)
        cls.none_client = cls.make_client("Bez faktur", False)
        today = fields.Date.today()
        cls.make_invoice(cls.overdue_client, today - timedelta(days=40), 100.0)
        cls.make_invoice(cls.overdue_client, today, 50.0)
        cls.make_invoice(cls.current_client, today, 80.0)
        paid = cls.make_invoice(cls.paid_client, today - timedelta(days=40), 60.0)
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid.ids
        ).create({})._create_payments()

    @classmethod
    def make_invoice(cls, partner, date, amount):
        # due two weeks after the invoice date: overdue or not is what is tested
        return super().make_invoice(
            partner, date, amount, due=date + timedelta(days=14)
        )

    def test_states_and_totals(self):
        self.assertEqual(self.overdue_client.biuro_payment_state, "overdue")
        self.assertEqual(self.current_client.biuro_payment_state, "current")
        self.assertEqual(self.paid_client.biuro_payment_state, "paid")
        self.assertEqual(self.none_client.biuro_payment_state, "none")
        self.assertEqual(self.overdue_client.biuro_invoice_count, 2)
        self.assertAlmostEqual(self.overdue_client.biuro_invoiced_total, 150.0)
        self.assertAlmostEqual(self.overdue_client.biuro_invoice_average, 75.0)

    def test_search_and_filter(self):
        clients = self.overdue_client | self.current_client | self.paid_client
        clients |= self.none_client
        partners = self.env["res.partner"]
        for state, expected in (
            ("overdue", self.overdue_client),
            ("current", self.current_client),
            ("paid", self.paid_client),
            ("none", self.none_client),
        ):
            found = partners.search(
                [("id", "in", clients.ids), ("biuro_payment_state", "=", state)]
            )
            self.assertEqual(found, expected, state)
        found = partners.search(
            [("id", "in", clients.ids), ("biuro_payment_state", "!=", "overdue")]
        )
        self.assertEqual(found, clients - self.overdue_client)

    def test_posted_invoices_are_on_the_client_timeline(self):
        invoice = self.make_invoice(self.none_client, fields.Date.today(), 10.0)
        links = self.none_client.message_ids.filtered(
            lambda m: (
                f'data-oe-id="{invoice.id}"' in m.body
                and 'data-oe-model="account.move"' in m.body
            )
        )
        self.assertEqual(len(links), 1)
