from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestContractLines(BillingCase):
    def test_monthly_fee_is_the_sum_of_flat_lines(self):
        contract = self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {"product_id": self.annual.id, "kind": "flat", "price": 50},
                {"product_id": self.document.id, "kind": "per_document", "price": 8},
            ],
        )
        self.assertEqual(contract.monthly_fee, 500)
        contract.line_ids.filtered(lambda line: line.price == 50).price = 80
        self.assertEqual(contract.monthly_fee, 530)

    @freeze_time("2026-03-15")
    def test_ended_flat_line_leaves_the_fee(self):
        contract = self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.annual.id,
                    "kind": "flat",
                    "price": 100,
                    "date_to": "2026-01-31",
                },
            ],
        )
        self.assertEqual(contract.monthly_fee, 450)

    def test_contract_without_lines_keeps_the_fee_typed_in(self):
        contract = self.env["biuro.contract"].create(
            {"partner_id": self.client_a.id, "monthly_fee": 800}
        )
        self.assertEqual(contract.monthly_fee, 800)
        contract.monthly_fee = 900
        self.assertEqual(contract.monthly_fee, 900)

    def test_line_name_from_product_and_dates_checked(self):
        contract = self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "price": 450}]
        )
        self.assertEqual(contract.line_ids.name, self.kpir.display_name)
        self.assertEqual(contract.line_ids.partner_id, self.client_a)
        with self.assertRaises(ValidationError):
            contract.line_ids.write(
                {"date_from": "2026-02-01", "date_to": "2026-01-01"}
            )

    @freeze_time("2026-03-15")
    def test_payroll_count_kept_per_month(self):
        self.client_a.biuro_payroll_employees = 5
        self.assertEqual(self.client_a.biuro_payroll_employees, 5)
        history = self.client_a.biuro_payroll_headcount_ids
        self.assertEqual(history.mapped("month"), [history.month])
        self.assertEqual(str(history.month), "2026-03-01")
        with freeze_time("2026-04-03"):
            self.client_a.invalidate_recordset(["biuro_payroll_employees"])
            # April has no count of its own: March's stands
            self.assertEqual(self.client_a.biuro_payroll_employees, 5)
            self.client_a.biuro_payroll_employees = 7
        self.assertEqual(
            sorted(self.client_a.biuro_payroll_headcount_ids.mapped("employees")),
            [5, 7],
        )

    def test_extra_billed_is_frozen(self):
        extra = self.env["biuro.billing.extra"].create(
            {
                "partner_id": self.client_a.id,
                "month": "2026-02-17",
                "name": "Zaświadczenie z US",
                "price": 120,
            }
        )
        self.assertEqual(str(extra.month), "2026-02-01")
        self.assertEqual(extra.state, "to_bill")
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 1}]
        )
        self.run_month("2026-02-01")
        self.assertEqual(extra.state, "billed")
        self.assertTrue(extra.move_id)
        with self.assertRaises(UserError):
            extra.price = 200
        with self.assertRaises(UserError):
            extra.unlink()
        # the office can still fix what is not yet billed
        other = self.env["biuro.billing.extra"].create(
            {"partner_id": self.client_a.id, "name": "Wizyta w US", "price": 1}
        )
        other.price = 150
        self.assertEqual(other.price, 150)
