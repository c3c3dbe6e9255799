from contextlib import contextmanager

from freezegun import freeze_time
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

    def test_invoice_link_of_an_extra_is_the_runs_only(self):
        """Issue #11 (point 2's mechanism): an office user cannot mark an item
        billed without an invoice, nor unbill one already invoiced."""
        Extra = self.env["biuro.billing.extra"].with_user(self.office_user)
        billed, pending = Extra.create(
            [
                {
                    "partner_id": self.client_a.id,
                    "month": "2026-02-01",
                    "name": name,
                    "price": 150,
                }
                for name in ("Korekta PIT-37", "Zaświadczenie")
            ]
        )
        pending.month = "2026-03-01"
        run = self.env["biuro.billing.run"].with_user(self.billing_manager)
        run.bill_month("2026-02-01", [self.client_a.id])
        line = billed.move_line_id
        self.assertEqual(line.biuro_billing_extra_id, billed)
        other_line = line.move_id.invoice_line_ids - line
        for extra, value in (
            (billed, False),
            (billed, other_line[:1].id),
            (pending, line.id),
            (pending, other_line[:1].id),
        ):
            with (
                self.subTest(extra=extra.name, value=value),
                self.assertRaises(AccessError),
            ):
                extra.write({"move_line_id": value})
        with self.assertRaises(AccessError):
            Extra.create(
                {
                    "partner_id": self.client_a.id,
                    "name": "Już zafakturowane",
                    "price": 1,
                    "move_line_id": line.id,
                }
            )
        self.assertEqual(billed.state, "billed")
        self.assertEqual(pending.state, "to_bill")

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


@tagged("post_install", "-at_install")
class TestPortalReadsNoOfficeInvoiceFields(BillingCase):
    """Issue #11, F7 on the invoices this addon extends: a client's portal person
    reads the company's posted invoices over JSON-RPC, but not the office's side
    of them (accountant in charge, billing run, dunning level, report figures,
    the price term or extra item behind a line)."""

    OFFICE_MOVE_FIELDS = (
        "biuro_billing_run_id",
        "biuro_reminder_level_id",
        "biuro_reminder_date",
        "biuro_accountant_id",
        "biuro_invoice_average",
        "biuro_days_to_pay",
    )
    OFFICE_LINE_FIELDS = ("biuro_contract_line_id", "biuro_billing_extra_id")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {"name": "Anna Alfa", "parent_id": cls.client_a.id, "email": "a@alfa.pl"}
        )
        cls.portal = new_test_user(
            cls.env,
            "alfa_invoice_reader",
            groups="base.group_portal",
            partner_id=contact.id,
        )
        if "biuro.portal.access" in cls.env:
            cls.env["biuro.portal.access"].create(
                {"partner_id": contact.id, "client_id": cls.client_a.id}
            )
        cls.client_a.biuro_accountant_id = cls.office_user
        cls.make_contract(
            cls.client_a, [{"product_id": cls.kpir.id, "kind": "flat", "price": 450}]
        )
        with freeze_time("2026-03-02"):
            run = cls.run_month(cls, "2026-02-01")
        run.action_post_invoices()
        cls.invoice = run.move_ids
        cls.invoice.message_subscribe(contact.ids)

    def test_portal_reads_the_invoice_not_the_office_fields(self):
        invoice = self.invoice.with_user(self.portal)
        [row] = invoice.read(["name", "amount_total", "biuro_billing_month"])
        self.assertEqual(row["name"], self.invoice.name)
        self.assertEqual(self.invoice.biuro_accountant_id, self.office_user)
        self.assertTrue(self.invoice.invoice_line_ids.biuro_contract_line_id)
        for name in self.OFFICE_MOVE_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                invoice.read([name])
        lines = invoice.invoice_line_ids
        for name in self.OFFICE_LINE_FIELDS:
            with self.subTest(field=name), self.assertRaises(AccessError):
                lines.read([name])
        fields = invoice.fields_get()
        self.assertFalse(set(self.OFFICE_MOVE_FIELDS) & set(fields))
        # nor by searching on them (a way to guess the accountant)
        with self.assertRaises(AccessError):
            invoice.search([("biuro_accountant_id", "=", self.office_user.id)])

    def test_office_staff_still_read_them(self):
        staff = new_test_user(
            self.env,
            "alfa_invoice_staff",
            groups="crm_biuro.group_biuro_user,account.group_account_invoice",
        )
        invoice = self.invoice.with_user(staff)
        [row] = invoice.read(list(self.OFFICE_MOVE_FIELDS))
        self.assertEqual(row["biuro_accountant_id"][0], self.office_user.id)
        self.assertEqual(
            row["biuro_billing_run_id"][0], self.invoice.biuro_billing_run_id.id
        )
