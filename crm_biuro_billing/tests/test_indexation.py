from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-12-10")
class TestIndexation(BillingCase):
    def setUp(self):
        super().setUp()
        self.contract = self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.document.id,
                    "kind": "per_document",
                    "price": 8,
                    "included_qty": 30,
                },
                {"product_id": self.annual.id, "kind": "one_off", "price": 300},
            ],
        )
        self.other = self.make_contract(
            self.client_b, [{"product_id": self.kpir.id, "kind": "flat", "price": 300}]
        )

    def index(self, contracts, percent=5, date_from="2027-01-15", user=None):
        wizard = self.env["biuro.contract.indexation"]
        if user:
            wizard = wizard.with_user(user)
        return wizard.create(
            {
                "contract_ids": [(6, 0, contracts.ids)],
                "percent": percent,
                "date_from": date_from,
            }
        ).action_apply()

    def test_raise_from_a_month_keeps_the_old_price_before(self):
        self.index(self.contract)
        flat = self.contract.line_ids.filtered(lambda t: t.kind == "flat")
        self.assertEqual(sorted(flat.mapped("price")), [450, 472.5])
        old = flat.filtered(lambda t: t.price == 450)
        self.assertEqual(str(old.date_to), "2026-12-31")
        new = flat - old
        self.assertEqual(str(new.date_from), "2027-01-01")
        per_doc = self.contract.line_ids.filtered(lambda t: t.kind == "per_document")
        self.assertEqual(sorted(per_doc.mapped("price")), [8, 8.4])
        one_off = self.contract.line_ids.filtered(lambda t: t.kind == "one_off")
        self.assertEqual(one_off.price, 300)  # a one-off is not indexed
        self.assertEqual(str(self.contract.biuro_indexed_from), "2027-01-01")
        # the fee in force today is the old one, not the old and the planned one
        self.assertEqual(self.contract.monthly_fee, 450)
        # the unselected contract is untouched
        self.assertEqual(self.other.line_ids.price, 300)
        # timeline of the contract and of the client
        self.assertIn("472.5", self.contract.message_ids[0].body)
        self.assertIn(self.contract.name, self.client_a.message_ids[0].body)
        # December is billed at the old price, January at the new one
        self.run_month("2026-12-01")
        self.assertEqual(self.invoices(self.client_a, "2026-12-01").amount_untaxed, 450)
        with freeze_time("2027-02-03"):
            self.run_month("2027-01-01")
        self.assertEqual(
            self.invoices(self.client_a, "2027-01-01").amount_untaxed, 472.5
        )

    def test_twice_from_the_same_month_refused_whole(self):
        self.index(self.contract)
        with self.assertRaises(UserError):
            self.index(self.contract | self.other)
        self.assertEqual(self.other.line_ids.price, 300)
        self.assertEqual(len(self.contract.line_ids), 5)

    def test_bad_percent_and_rights(self):
        with self.assertRaises(UserError):
            self.index(self.contract, percent=0)
        with self.assertRaises(UserError):
            self.index(self.contract, percent=150)
        with self.assertRaises(AccessError):
            self.index(self.contract, user=self.office_user)
        self.assertEqual(len(self.contract.line_ids), 3)
