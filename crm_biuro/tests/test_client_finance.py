from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common_accounting import BiuroAccountingCase


def digits(text):
    return "".join(c for c in text if c.isdigit())


@tagged("post_install", "-at_install")
class TestClientFinance(BiuroAccountingCase):
    """Issue 17.6: the client's finances on its dashboard."""

    def pay(self, invoice, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": day})._create_payments()

    def test_finances_on_the_dashboard(self):
        client = self.make_client("Hurtownia Lipa sp. z o.o.")
        this_month = fields.Date.context_today(client).replace(day=1)
        last_month = this_month - relativedelta(months=1)
        on_time = self.make_invoice(
            client,
            last_month,
            1000,
            due=last_month + relativedelta(days=14),
            product_id=self.product_a.id,
        )
        late = self.make_invoice(
            client,
            last_month,
            600,
            due=last_month + relativedelta(days=7),
            product_id=self.product_b.id,
        )
        self.make_invoice(client, this_month, 400, product_id=self.product_a.id)
        self.make_invoice(
            client, this_month, 100, "out_refund", product_id=self.product_a.id
        )
        # too old for the graph (25 months ago)
        self.make_invoice(client, this_month - relativedelta(months=25), 9999)
        self.pay(on_time, last_month + relativedelta(days=10))
        self.pay(late, last_month + relativedelta(days=17))
        finance = client.with_user(self.office_user)._biuro_dashboard_finance()
        months = finance["months"]
        self.assertEqual(len(months), 24)
        self.assertEqual(months[-1]["label"], this_month.strftime("%m.%Y"))
        self.assertIn(
            "30000", digits(months[-1]["amount"])
        )  # 400 invoiced, 100 credited
        self.assertIn("160000", digits(months[-2]["amount"]))
        self.assertEqual(months[-2]["height"], 100)
        self.assertEqual(months[0]["height"], 0)
        self.assertEqual(
            [s["name"] for s in finance["top_services"]],
            [self.product_a.display_name, self.product_b.display_name],
        )
        self.assertIn("130000", digits(finance["top_services"][0]["amount"]))
        self.assertEqual(
            finance["punctuality"], {"on_time": 1, "late": 1, "average_days_late": 10}
        )
        # the office user (no invoicing rights) sees the section on the dashboard
        html = str(client.with_user(self.office_user).biuro_dashboard_html)
        self.assertIn('name="biuro_revenue_graph"', html)
        self.assertIn(self.product_b.display_name, html)

    def test_issue_an_invoice_with_the_client_filled_in(self):
        client = self.make_client("Hurtownia Dąb sp. z o.o.")
        contact = self.env["res.partner"].create(
            {"name": "Ewa", "parent_id": client.id}
        )
        action = contact.action_biuro_new_invoice()
        self.assertEqual(action["res_model"], "account.move")
        move = self.env["account.move"].with_context(**action["context"]).new({})
        self.assertEqual(move.move_type, "out_invoice")
        self.assertEqual(move.partner_id, client)
        arch = client.get_view(
            self.env.ref("crm_biuro.view_partner_biuro_dashboard").id
        )["arch"]
        self.assertIn('name="action_biuro_new_invoice"', arch)
