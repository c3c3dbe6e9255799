from freezegun import freeze_time

from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-02-20")
class TestBillingReports(BillingCase):
    def pay(self, invoice, date):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": date})._create_payments()

    def test_per_accountant_average_and_days_to_pay(self):
        self.client_a.biuro_accountant_id = self.office_user
        self.client_b.biuro_accountant_id = self.office_manager
        first = self.make_invoice(self.client_a, "2026-01-03", 400)
        second = self.make_invoice(self.client_a, "2026-02-03", 600)
        other = self.make_invoice(self.client_b, "2026-01-05", 1000)
        self.pay(first, "2026-01-13")
        self.pay(other, "2026-01-25")
        self.assertEqual(first.biuro_days_to_pay, 10)
        self.assertEqual(other.biuro_days_to_pay, 20)
        self.assertEqual(second.biuro_days_to_pay, 0)
        self.assertEqual(first.biuro_accountant_id, self.office_user)
        moves = first | second | other
        groups = self.env["account.move"].read_group(
            [("id", "in", moves.ids)],
            ["amount_untaxed_signed:sum", "biuro_invoice_average:avg"],
            ["biuro_accountant_id"],
        )
        by_accountant = {g["biuro_accountant_id"][0]: g for g in groups}
        mine = by_accountant[self.office_user.id]
        self.assertEqual(mine["amount_untaxed_signed"], 1000)
        self.assertEqual(mine["biuro_invoice_average"], 500)
        self.assertEqual(
            by_accountant[self.office_manager.id]["amount_untaxed_signed"], 1000
        )
        paid = self.env["account.move"].read_group(
            [("id", "in", (first | other).ids)], ["biuro_days_to_pay:avg"], []
        )
        self.assertEqual(paid[0]["biuro_days_to_pay"], 15)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_biuro_billing.action_biuro_billing_analysis"
        )
        self.assertEqual(action["view_mode"], "pivot,graph,list")

    def test_profitability_from_billed_revenue_and_booked_time(self):
        """The monthly run's posted invoices are the revenue of the profitability
        report; the hours booked on the client's analytic account (timesheets) are
        both billed per hour and counted as the client's cost."""
        self.client_a.biuro_accountant_id = self.office_user
        self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {"product_id": self.advisory.id, "kind": "per_hour", "price": 250},
            ],
        )
        plan = self.env["account.analytic.plan"].create({"name": "Klienci"})
        account = self.env["account.analytic.account"].create(
            {"name": "Alfa", "plan_id": plan.id, "partner_id": self.client_a.id}
        )
        self.env["account.analytic.line"].create(
            {
                "name": "Konsultacja podatkowa",
                plan._column_name(): account.id,
                "partner_id": self.client_a.id,
                "date": "2026-01-12",
                "unit_amount": 2,
                "amount": -180,  # the time's cost: 2 hours of the accountant
                "product_uom_id": self.env.ref("uom.product_uom_hour").id,
            }
        )
        run = self.run_month("2026-01-01")
        run.action_post_invoices()
        invoice = run.move_ids.filtered(lambda m: m.partner_id == self.client_a)
        self.assertEqual(invoice.amount_untaxed, 450 + 2 * 250)
        wizard = self.env["biuro.report.wizard"].create(
            {
                "report": "profitability",
                "date_from": "2026-01-01",
                "date_to": "2026-02-28",  # the invoice is dated when posted
            }
        )
        action = wizard.action_open()
        line = self.env["biuro.client.report"].search(
            action["domain"] + [("partner_id", "=", self.client_a.id)]
        )
        self.assertRecordValues(
            line,
            [
                {
                    "revenue": 950.0,
                    "invoice_count": 1,
                    "costs": 180.0,
                    "margin": 770.0,
                    "user_id": self.office_user.id,
                }
            ],
        )
