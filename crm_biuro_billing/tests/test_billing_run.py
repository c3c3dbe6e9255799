import itertools
from types import SimpleNamespace
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import biuro_billing_run as billing_run_module
from .common import BillingCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestBillingRun(BillingCase):
    def line(self, invoice, product):
        return invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == product
        )

    def add_documents(self, partner, period, count):
        self.env["biuro.document"].create(
            [
                {"partner_id": partner.id, "name": f"FV {i}/{period}", "period": period}
                for i in range(count)
            ]
        )

    # --- line kinds ------------------------------------------------------------------

    def test_flat_line_draft_invoice_with_taxes_and_journal(self):
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        run = self.run_month("2026-02-11")
        invoice = self.invoices(self.client_a)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.journal_id, self.journal)
        self.assertEqual(str(invoice.biuro_billing_month), "2026-02-01")
        self.assertEqual(invoice.biuro_billing_run_id, run)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 450)
        self.assertEqual(invoice.invoice_line_ids.quantity, 1)
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax)
        self.assertIn("02/2026", invoice.invoice_line_ids.name)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 1)
        self.assertEqual(run.amount_untaxed, 450)

    def test_per_document_above_included(self):
        self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.document.id,
                    "kind": "per_document",
                    "price": 8,
                    "included_qty": 30,
                },
            ],
        )
        self.add_documents(self.client_a, "2026-02-01", 35)
        self.add_documents(self.client_a, "2026-03-01", 4)  # another month
        invoice = self.run_month("2026-02-01").move_ids
        line = self.line(invoice, self.document)
        self.assertEqual(line.quantity, 5)
        self.assertEqual(line.price_unit, 8)
        self.assertEqual(invoice.amount_untaxed, 490)

    def test_per_document_within_included_bills_nothing_extra(self):
        self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.document.id,
                    "kind": "per_document",
                    "price": 8,
                    "included_qty": 30,
                },
            ],
        )
        self.add_documents(self.client_a, "2026-02-01", 12)
        invoice = self.run_month("2026-02-01").move_ids
        self.assertFalse(self.line(invoice, self.document))
        self.assertEqual(invoice.amount_untaxed, 450)

    def test_per_employee_from_the_payroll_history(self):
        self.make_contract(
            self.client_a,
            [{"product_id": self.payroll.id, "kind": "per_employee", "price": 60}],
            contract_type="payroll",
        )
        headcount = self.env["biuro.payroll.headcount"]
        headcount.create(
            [
                {"partner_id": self.client_a.id, "month": "2025-12-01", "employees": 4},
                {"partner_id": self.client_a.id, "month": "2026-03-01", "employees": 9},
            ]
        )
        # February has no count of its own: December's 4 people are on the payroll
        line = self.line(self.run_month("2026-02-01").move_ids, self.payroll)
        self.assertEqual(line.quantity, 4)
        line = self.line(self.run_month("2026-03-01").move_ids, self.payroll)
        self.assertEqual(line.quantity, 9)

    def test_per_hour_from_timesheets(self):
        self.make_contract(
            self.client_a,
            [
                {
                    "product_id": self.advisory.id,
                    "kind": "per_hour",
                    "price": 250,
                    "included_qty": 2,
                }
            ],
            contract_type="tax_advisory",
        )
        plan = self.env["account.analytic.plan"].create({"name": "Biuro"})
        account = self.env["account.analytic.account"].create(
            {"name": "Doradztwo", "plan_id": plan.id}
        )
        hour = self.env.ref("uom.product_uom_hour")
        self.env["account.analytic.line"].create(
            [
                {
                    "name": name,
                    "account_id": account.id,
                    "partner_id": self.client_a.id,
                    "date": day,
                    "unit_amount": hours,
                    "product_uom_id": uom.id,
                }
                for name, day, hours, uom in [
                    ("Spotkanie", "2026-02-03", 3.5, hour),
                    ("Opinia", "2026-02-20", 1.5, hour),
                    ("Marzec", "2026-03-02", 4, hour),
                    ("Sztuki", "2026-02-04", 7, self.env.ref("uom.product_uom_unit")),
                ]
            ]
        )
        line = self.line(self.run_month("2026-02-01").move_ids, self.advisory)
        self.assertEqual(line.quantity, 3)  # 5 hours booked, 2 included

    def test_one_off_billed_once_in_its_month(self):
        self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.annual.id,
                    "kind": "one_off",
                    "price": 300,
                    "date_from": "2026-02-10",
                },
            ],
        )
        self.assertFalse(self.line(self.run_month("2026-01-01").move_ids, self.annual))
        feb = self.run_month("2026-02-01").move_ids
        self.assertEqual(self.line(feb, self.annual).price_unit, 300)
        feb.action_post()
        # a later rerun of February adds nothing: it is already on a posted invoice
        self.assertFalse(self.run_month("2026-02-01").move_ids)

    def test_extras_of_the_month(self):
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        extra = self.env["biuro.billing.extra"].create(
            {
                "partner_id": self.client_a.id,
                "month": "2026-02-01",
                "product_id": self.annual.id,
                "name": "Korekta PIT-37 za 2024",
                "quantity": 2,
                "price": 150,
            }
        )
        invoice = self.run_month("2026-02-01").move_ids
        line = invoice.invoice_line_ids.filtered("biuro_billing_extra_id")
        self.assertEqual(line.name, "Korekta PIT-37 za 2024")
        self.assertEqual(line.quantity * line.price_unit, 300)
        self.assertEqual(extra.move_line_id, line)
        self.assertEqual(invoice.amount_untaxed, 750)

    def test_extra_alone_invoices_a_client_without_contract(self):
        self.env["biuro.billing.extra"].create(
            {
                "partner_id": self.client_b.id,
                "month": "2026-02-01",
                "product_id": self.annual.id,
                "name": "PIT-37 za 2025",
                "price": 200,
            }
        )
        self.assertEqual(self.run_month("2026-02-01").move_ids.amount_untaxed, 200)

    # --- proration -------------------------------------------------------------------

    def test_start_mid_month_prorated_by_days(self):
        self.make_contract(
            self.client_a,
            [{"product_id": self.kpir.id, "kind": "flat", "price": 560}],
            date_start="2026-02-15",
        )
        line = self.run_month("2026-02-01").move_ids.invoice_line_ids
        self.assertEqual(line.price_unit, 280)  # 14 of February's 28 days
        self.assertIn("14/28", line.name)

    def test_end_mid_month_prorated_by_days(self):
        contract = self.make_contract(
            self.client_a,
            [{"product_id": self.kpir.id, "kind": "flat", "price": 310}],
            date_start="2025-06-01",
            date_end="2026-01-10",
        )
        contract.action_terminate()
        line = self.run_month("2026-01-01").move_ids.invoice_line_ids
        self.assertEqual(line.price_unit, 100)  # 10 of January's 31 days
        self.assertFalse(self.run_month("2026-02-01").move_ids)

    def test_full_month_setting(self):
        self.make_contract(
            self.client_a,
            [{"product_id": self.kpir.id, "kind": "flat", "price": 560}],
            date_start="2026-02-15",
            billing_prorate="full",
        )
        self.assertEqual(
            self.run_month("2026-02-01").move_ids.invoice_line_ids.price_unit, 560
        )

    def test_price_change_mid_month_prorates_each_term(self):
        self.make_contract(
            self.client_a,
            [
                {
                    "product_id": self.kpir.id,
                    "kind": "flat",
                    "price": 280,
                    "date_to": "2026-02-14",
                },
                {
                    "product_id": self.kpir.id,
                    "kind": "flat",
                    "price": 560,
                    "date_from": "2026-02-15",
                },
            ],
        )
        invoice = self.run_month("2026-02-01").move_ids
        self.assertEqual(invoice.amount_untaxed, 140 + 280)

    # --- one invoice, idempotent -----------------------------------------------------

    def test_several_contracts_one_invoice(self):
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        self.make_contract(
            self.client_a,
            [{"product_id": self.payroll.id, "kind": "flat", "price": 200}],
            contract_type="payroll",
        )
        invoice = self.run_month("2026-02-01").move_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_untaxed, 650)

    def test_rerun_adds_nothing_already_invoiced(self):
        contract = self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        self.make_contract(
            self.client_b, [{"product_id": self.kpir.id, "kind": "flat", "price": 300}]
        )
        first = self.run_month("2026-02-01")
        self.assertEqual(len(first.move_ids), 2)
        second = self.run_month("2026-02-01")
        self.assertFalse(second.move_ids)
        self.assertEqual(len(self.invoices(self.client_a)), 1)
        # a term added later goes onto the draft of the month, not a second invoice
        contract.line_ids = [
            Command.create({"product_id": self.annual.id, "kind": "flat", "price": 50})
        ]
        first.action_run()
        invoice = self.invoices(self.client_a)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.amount_untaxed, 500)
        # once posted, what is still missing comes on a new invoice of its own
        invoice.action_post()
        self.env["biuro.billing.extra"].create(
            {
                "partner_id": self.client_a.id,
                "month": "2026-02-01",
                "name": "Wizyta w ZUS",
                "price": 90,
            }
        )
        self.run_month("2026-02-01")
        invoices = self.invoices(self.client_a)
        self.assertEqual(len(invoices), 2)
        self.assertEqual(sorted(invoices.mapped("amount_untaxed")), [90, 500])
        # a cancelled invoice frees its items for the next run
        (invoices - invoice).button_cancel()
        self.assertEqual(self.run_month("2026-02-01").move_ids.amount_untaxed, 90)

    # --- what is skipped -------------------------------------------------------------

    def test_bad_price_list_reported_and_nothing_half_invoiced(self):
        self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {"kind": "flat", "price": 80, "name": "JPK bez usługi"},
                {"product_id": self.payroll.id, "kind": "per_employee", "price": 0},
            ],
        )
        self.make_contract(
            self.client_b, [{"product_id": self.kpir.id, "kind": "flat", "price": 300}]
        )
        run = self.run_month("2026-02-01")
        self.assertFalse(self.invoices(self.client_a))
        self.assertEqual(run.move_ids.partner_id, self.client_b)
        skip = run.skip_ids
        self.assertEqual(skip.partner_id, self.client_a)
        self.assertEqual(skip.reason, "bad_price")
        self.assertIn("JPK bez usługi", skip.detail)
        self.assertIn(self.payroll.display_name, skip.detail)

    def test_a_refused_invoice_skips_that_client_only(self):
        """Odoo refusing one client's invoice (a UserError or ValidationError from
        accounting) costs that client its invoice, listed with the reason; the
        others of the batch are billed."""
        for client in self.client_a | self.client_b:
            self.make_contract(
                client, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
            )
        Move = type(self.env["account.move"])
        original = Move.create

        refusal = "Refused by accounting"  # Odoo's own message, whatever it says

        def create(records, vals_list):
            vals = vals_list if isinstance(vals_list, list) else [vals_list]
            if any(v.get("partner_id") == self.client_a.id for v in vals):
                raise UserError(refusal)
            return original(records, vals_list)

        with patch.object(Move, "create", create):
            run = self.run_month("2026-02-01")
        self.assertEqual(run.move_ids.partner_id, self.client_b)
        self.assertEqual(run.skip_ids.partner_id, self.client_a)
        self.assertEqual(run.skip_ids.reason, "error")
        self.assertIn("Refused by accounting", run.skip_ids.detail)
        self.assertEqual(run.state, "done")

    def test_blocked_client_and_contract_without_lines(self):
        self.client_a.biuro_state = "blocked"
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        bare = self.make_contract(self.client_b, [])
        run = self.run_month("2026-02-01")
        self.assertFalse(run.move_ids)
        reasons = {(s.partner_id, s.reason, s.contract_id) for s in run.skip_ids}
        self.assertEqual(
            reasons,
            {
                (self.client_a, "blocked", self.env["biuro.contract"]),
                (self.client_b, "no_line", bare),
            },
        )
        # a second run of the same record lists the skips once
        run.action_run()
        self.assertEqual(len(run.skip_ids), 2)

    def test_draft_contracts_and_other_months_not_billed(self):
        self.make_contract(
            self.client_a,
            [{"product_id": self.kpir.id, "kind": "flat", "price": 450}],
            state="draft",
        )
        self.make_contract(
            self.client_b,
            [{"product_id": self.kpir.id, "kind": "flat", "price": 450}],
            date_start="2026-03-01",
        )
        run = self.run_month("2026-02-01")
        self.assertFalse(run.move_ids)
        self.assertFalse(run.skip_ids)

    def test_only_the_chosen_clients(self):
        for client in self.client_a | self.client_b:
            self.make_contract(
                client, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
            )
        run = self.run_month("2026-02-01", partner_ids=[Command.set(self.client_b.ids)])
        self.assertEqual(run.move_ids.partner_id, self.client_b)

    # --- multi-company ---------------------------------------------------------------

    def test_each_company_bills_its_own_clients(self):
        other = self.setup_other_company(name="Biuro Kraków sp. z o.o.")
        company_2 = other["company"]
        self.env.user.company_ids += company_2
        tax_2 = other["default_tax_sale"]
        self.kpir.taxes_id += tax_2
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        self.env["biuro.contract"].with_company(company_2).create(
            {
                "partner_id": self.client_b.id,
                "company_id": company_2.id,
                "date_start": "2025-01-01",
                "state": "active",
                "line_ids": [
                    Command.create(
                        {"product_id": self.kpir.id, "kind": "flat", "price": 700}
                    )
                ],
            }
        )
        run_1 = self.run_month("2026-02-01")
        run_2 = self.run_month("2026-02-01", company=company_2)
        self.assertEqual(run_1.move_ids.partner_id, self.client_a)
        self.assertEqual(run_2.move_ids.partner_id, self.client_b)
        invoice_2 = run_2.move_ids
        self.assertEqual(invoice_2.company_id, company_2)
        self.assertEqual(invoice_2.journal_id, other["default_journal_sale"])
        self.assertEqual(invoice_2.invoice_line_ids.tax_ids, tax_2)
        self.assertEqual(run_1.move_ids.invoice_line_ids.tax_ids, self.tax)

    # --- cron and XML-RPC entry point ------------------------------------------------

    def test_cron_prepares_last_month_once(self):
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        # sudo: the cron runs as the superuser (OdooBot), over every company
        cron_env = self.env["biuro.billing.run"].sudo()
        with freeze_time("2026-03-02"):
            cron_env._cron_biuro_billing()
            run = self.env["biuro.billing.run"].search(
                [
                    ("company_id", "=", self.env.company.id),
                    ("month", "=", "2026-02-01"),
                ]
            )
            self.assertEqual(run.state, "done")
            self.assertEqual(len(run.move_ids), 1)
            cron_env._cron_biuro_billing()
        self.assertEqual(len(self.invoices(self.client_a)), 1)

    def test_cron_resumes_in_committed_slices_and_reports_progress(self):
        """A slice ends when its time is up; the next one resumes after the last
        client done (the run's resume point) and none is billed twice. Each slice
        reports its progress to Odoo's cron (ir.cron.progress)."""
        client_c = self.make_client("Gamma sp. z o.o.", biuro_state="active")
        clients = self.client_a | self.client_b | client_c
        for client in clients:
            self.make_contract(
                client, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
            )
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.env.ref("crm_biuro_billing.ir_cron_biuro_billing").id}
        )
        # sudo: the cron runs as the superuser (OdooBot), over every company
        cron_env = (
            self.env["biuro.billing.run"]
            # sudo: as the cron, which runs as the superuser over every company
            .sudo()
            .with_context(ir_cron_progress_id=progress.id)
        )
        # one client a batch, and each look at the clock finds the slice's time up
        clock = itertools.count(step=10**6)
        fake_time = SimpleNamespace(monotonic=lambda: next(clock))
        slices = []
        with (
            freeze_time("2026-03-02"),
            patch.object(billing_run_module, "BATCH_SIZE", 1),
            patch.object(billing_run_module, "time", fake_time),
        ):
            for _slice in range(100):
                cron_env._cron_biuro_billing()
                run = self.env["biuro.billing.run"].search(
                    [
                        ("company_id", "=", self.env.company.id),
                        ("month", "=", "2026-02-01"),
                    ]
                )
                slices.append((run.state, progress.done, progress.remaining))
                if run.state == "done":
                    break
        self.assertGreaterEqual(len(slices), len(clients))
        state, done, remaining = slices[0]
        self.assertEqual(state, "running")
        self.assertGreater(done, 0)
        self.assertGreater(remaining, 0)
        self.assertEqual(slices[-1][0], "done")
        self.assertEqual(slices[-1][2], 0)
        for client in clients:
            self.assertEqual(len(self.invoices(client, "2026-02-01")), 1, client.name)
        self.assertEqual(run.last_partner_id, max(run.move_ids.partner_id.ids))

    def test_bill_month_returns_a_plain_summary(self):
        self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        self.make_contract(self.client_b, [])
        summary = self.env["biuro.billing.run"].bill_month(
            "2026-02-20", partner_ids=(self.client_a | self.client_b).ids
        )
        invoice = self.invoices(self.client_a)
        self.assertEqual(summary["invoice_ids"], invoice.ids)
        self.assertEqual(summary["month"], "2026-02-01")
        self.assertEqual(summary["amount_untaxed"], 450)
        self.assertEqual(summary["state"], "done")
        self.assertEqual(summary["skipped"][0]["partner_id"], self.client_b.id)
        self.assertEqual(summary["skipped"][0]["reason"], "no_line")
        self.assertEqual(
            fields.Date.to_string(invoice.biuro_billing_month), "2026-02-01"
        )
