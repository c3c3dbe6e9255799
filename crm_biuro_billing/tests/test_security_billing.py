from contextlib import contextmanager

from psycopg2.errors import NotNullViolation, UniqueViolation

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestSecurityBilling(BillingCase):
    """Roles × operations on price terms, extras, headcounts and runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.make_contract(
            cls.client_a, [{"product_id": cls.kpir.id, "kind": "flat", "price": 450}]
        )
        cls.billing_manager = new_test_user(
            cls.env,
            "biuro_billing_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager,"
            "account.group_account_invoice",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.portal = new_test_user(
            cls.env, "biuro_billing_portal", groups="base.group_portal"
        )

    def can(self, user, model, operation):
        try:
            self.env[model].with_user(user).check_access(operation)
        except AccessError:
            return False
        return True

    def test_matrix(self):
        expected = {
            # model: {role: (read, write, create, unlink)}
            "biuro.contract.line": {
                "office_user": (1, 0, 0, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.billing.extra": {
                "office_user": (1, 1, 1, 1),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.payroll.headcount": {
                "office_user": (1, 1, 1, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.billing.run": {
                "office_user": (1, 0, 0, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.reminder.level": {
                "office_user": (1, 0, 0, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.contract.indexation": {
                "office_user": (0, 0, 0, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
            "biuro.billing.run.skip": {
                "office_user": (1, 0, 0, 0),
                "office_manager": (1, 1, 1, 1),
                "outsider": (0, 0, 0, 0),
                "portal": (0, 0, 0, 0),
            },
        }
        operations = ("read", "write", "create", "unlink")
        for model, roles in expected.items():
            for role, rights in roles.items():
                user = getattr(self, role)
                got = tuple(int(self.can(user, model, op)) for op in operations)
                self.assertEqual(got, rights, f"{role} on {model}")

    def test_office_user_cannot_run_billing(self):
        run = self.env["biuro.billing.run"].create({"month": "2026-02-01"})
        with self.assertRaises(AccessError):
            run.with_user(self.office_user).action_run()
        self.assertFalse(run.move_ids)

    def test_manager_needs_invoicing_rights(self):
        run = self.env["biuro.billing.run"].create({"month": "2026-02-01"})
        with self.assertRaises(AccessError):
            run.with_user(self.office_manager).action_run()
        self.assertFalse(self.invoices(self.client_a))
        run.with_user(self.billing_manager).action_run()
        self.assertEqual(len(self.invoices(self.client_a)), 1)
        self.assertEqual(run.move_ids.create_uid, self.billing_manager)

    def test_other_company_run_not_visible(self):
        other = self.setup_other_company(name="Biuro Gdańsk")["company"]
        run = (
            self.env["biuro.billing.run"]
            .with_company(other)
            .create({"month": "2026-02-01", "company_id": other.id})
        )
        runs = self.env["biuro.billing.run"].with_user(self.billing_manager).search([])
        self.assertNotIn(run, runs)
        with self.assertRaises(AccessError):
            self.env["biuro.billing.run"].with_user(self.billing_manager).bill_month(
                "2026-02-01", company_id=other.id
            )

    def test_office_user_reads_terms_but_cannot_change_prices(self):
        line = self.contract.line_ids.with_user(self.office_user)
        self.assertEqual(line.price, 450)
        with self.assertRaises(AccessError):
            line.price = 1
        self.assertEqual(self.contract.monthly_fee, 450)


@tagged("post_install", "-at_install")
class TestBillingUniqueness(BillingCase):
    """Issue #11 point 10: a client has one payroll headcount per month, whatever
    day of the month is typed and for empty values too (NULLS NOT DISTINCT on
    NOT NULL key columns)."""

    @contextmanager
    def refused(self, error):
        """The database refuses what the block writes (rolled back to a savepoint)."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(error),
            self.env.cr.savepoint(),
        ):
            yield
            self.env.flush_all()

    def test_one_headcount_per_client_and_month(self):
        self.env.cr.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s",
            ["biuro_payroll_headcount_month_unique"],
        )
        self.assertIn("NULLS NOT DISTINCT", self.env.cr.fetchone()[0])
        Headcount = self.env["biuro.payroll.headcount"].with_user(self.office_user)
        first = Headcount.create(
            {"partner_id": self.client_a.id, "month": "2026-02-01", "employees": 3}
        )
        self.assertEqual(str(first.month), "2026-02-01")
        # another day of the same month is the same month
        with self.refused(UniqueViolation):
            Headcount.create(
                {
                    "partner_id": self.client_a.id,
                    "month": "2026-02-17",
                    "employees": 4,
                }
            )
            Headcount.env.flush_all()
        # no key column may be left empty to slip a second row through
        for column in ("partner_id", "company_id", "month"):
            values = {
                "partner_id": self.client_a.id,
                "company_id": self.env.company.id,
                "month": "2026-03-01",
                column: None,
            }
            with self.subTest(column=column), self.refused(NotNullViolation):
                self.env.cr.execute(
                    """INSERT INTO biuro_payroll_headcount
                           (partner_id, company_id, month, employees)
                       VALUES (%(partner_id)s, %(company_id)s, %(month)s, 1)""",
                    values,
                )
