from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models import biuro_work_item as work_item_module
from .common import NIP_A, NIP_B, BiuroCase
from .test_client_duplicates import MergeCase

NOVEMBER = date(2026, 11, 1)


@tagged("post_install", "-at_install")
class TestWorkItem(BiuroCase):
    """Monthly work per client: generation with the checklist of the profile, one
    item per client and month, due date and automatic steps from the month's
    obligations and document requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Item = cls.env["biuro.work.item"]
        cls.employer = cls.make_client(
            name="Piekarnia Test sp. z o.o.",
            vat=NIP_A,
            biuro_employer=True,
            biuro_vat_status="czynny",
            biuro_accountant_id=cls.user.id,
        )
        cls.sole = cls.make_client(name="Usługi Test Anna Nowak", vat=NIP_B)
        cls.types = {
            t.code: t
            for t in cls.env["biuro.declaration.type"].search(
                [("code", "in", ("JPK_V7M", "ZUS_DRA", "PIT4R"))]
            )
        }
        cls.payroll = cls.env.ref("crm_biuro.work_check_payroll")
        cls.filed_step = cls.env.ref("crm_biuro.work_check_declarations")
        cls.documents_step = cls.env.ref("crm_biuro.work_check_documents")

    def obligation(self, client, code, due, start=NOVEMBER, end=date(2026, 11, 30)):
        return self.env["biuro.obligation"].create(
            {
                "partner_id": client.id,
                "declaration_type_id": self.types[code].id,
                "period_start": start,
                "period_end": end,
                "due_date": due,
            }
        )

    def generate(self, *clients):
        return self.Item.with_user(self.user)._biuro_generate(
            self.Item.env["res.partner"].concat(*clients), date(2026, 11, 17)
        )

    def step(self, item, check):
        return item.line_ids.filtered(lambda line: line.check_id == check)

    def test_generation_follows_the_profile(self):
        items = self.generate(self.employer, self.sole)
        self.assertEqual(len(items), 2)
        employer_item = items.filtered(lambda i: i.partner_id == self.employer)
        sole_item = items - employer_item
        self.assertEqual(employer_item.month, NOVEMBER)
        self.assertEqual(employer_item.user_id, self.user)
        self.assertFalse(sole_item.user_id)
        self.assertIn(self.payroll, employer_item.line_ids.check_id)
        self.assertNotIn(self.payroll, sole_item.line_ids.check_id)
        self.assertEqual(len(sole_item.line_ids), len(employer_item.line_ids) - 1)
        self.assertEqual(employer_item.state, "todo")
        self.assertEqual(
            employer_item.display_name, "Piekarnia Test sp. z o.o. – 11/2026"
        )
        # a rerun creates nothing new
        self.assertEqual(self.generate(self.employer, self.sole), items)
        self.assertEqual(
            self.Item.search_count([("partner_id", "in", items.partner_id.ids)]), 2
        )

    def test_office_step_added_later_reaches_open_items(self):
        item = self.generate(self.sole)
        check = self.env["biuro.work.check"].create(
            {"name": "JPK_KR sent", "company_id": self.env.company.id}
        )
        self.generate(self.sole)
        self.assertIn(check, item.line_ids.check_id)
        other_office = self.env["res.company"].create({"name": "Inne Biuro"})
        foreign = self.env["biuro.work.check"].create(
            {"name": "Foreign step", "company_id": other_office.id}
        )
        self.generate(self.sole)
        self.assertNotIn(foreign, item.line_ids.check_id)

    def test_one_item_per_client_and_month(self):
        self.generate(self.sole)
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            self.Item.create({"partner_id": self.sole.id, "month": date(2026, 11, 20)})

    def test_due_date_from_the_earliest_obligation(self):
        self.obligation(self.employer, "JPK_V7M", date(2026, 12, 28))
        self.obligation(self.employer, "ZUS_DRA", date(2026, 12, 15))
        item = self.generate(self.employer)
        self.assertEqual(item.due_date, date(2026, 12, 15))
        # an obligation created later, due earlier, moves it
        self.obligation(
            self.employer,
            "PIT4R",
            date(2026, 12, 10),
            end=date(2026, 11, 30),
            start=date(2026, 1, 1),
        )
        self.assertEqual(item.due_date, date(2026, 12, 10))

    def test_declarations_filed_ticks_itself(self):
        vat = self.obligation(self.employer, "JPK_V7M", date(2026, 12, 28))
        zus = self.obligation(self.employer, "ZUS_DRA", date(2026, 12, 15))
        item = self.generate(self.employer)
        step = self.step(item, self.filed_step)
        self.assertFalse(step.done)
        vat.with_user(self.user).write(
            {"state": "filed", "filed_date": date(2026, 12, 20)}
        )
        self.assertFalse(step.done, "one obligation of the month is still open")
        zus.with_user(self.user).write({"state": "filed"})
        self.assertTrue(step.done)
        self.assertTrue(step.done_auto)
        self.assertEqual(item.state, "in_progress")
        self.assertEqual(item.progress, round(100 / len(item.line_ids)))
        # back to to do: the step ticked automatically is unticked
        zus.with_user(self.user).action_todo()
        self.assertFalse(step.done)
        # a step ticked by hand stays ticked
        step.with_user(self.user).done = True
        self.assertEqual(step.done_by_id, self.user)
        vat.with_user(self.user).action_todo()
        self.assertTrue(step.done)

    def test_all_steps_done_makes_it_done(self):
        item = self.generate(self.sole)
        item.line_ids.with_user(self.user).write({"done": True})
        self.assertEqual(item.state, "done")
        self.assertEqual(item.progress, 100)

    def test_documents_received_when_requests_complete(self):
        item = self.generate(self.sole)
        step = self.step(item, self.documents_step)
        request = self.env["biuro.document.request"].create(
            {
                "name": "Dokumenty za 11/2026",
                "partner_id": self.sole.id,
                "period": NOVEMBER,
                "due_date": date(2026, 12, 7),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Faktury",
                            "category_id": self.env.ref(
                                "crm_biuro.document_category_sales_invoices"
                            ).id,
                        },
                    )
                ],
            }
        )
        request.action_send()
        self.assertFalse(step.done)
        request.action_done()
        self.assertTrue(step.done)
        request.action_reopen()
        self.assertFalse(step.done)

    @freeze_time("2026-12-16")
    def test_late_filter(self):
        self.obligation(self.employer, "ZUS_DRA", date(2026, 12, 15))
        item = self.generate(self.employer)
        self.assertTrue(item.is_late)
        self.assertIn(item, self.Item.search([("is_late", "=", True)]))
        item.line_ids.write({"done": True})
        self.assertFalse(item.is_late)
        self.assertIn(item, self.Item.search([("is_late", "=", False)]))

    def test_dashboard_shows_the_month_progress(self):
        with freeze_time("2026-11-17"):
            item = self.generate(self.sole)
            item.line_ids[:2].write({"done": True})
            stats = dict(self.sole.with_user(self.user)._biuro_dashboard_stats())
        self.assertEqual(stats["Work of 11/2026"], f"2/{len(item.line_ids)}")

    def test_access(self):
        item = self.generate(self.sole)
        with self.assertRaises(AccessError):
            item.with_user(self.outsider).read(["state"])
        portal = new_test_user(self.env, "work_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            item.with_user(portal).read(["state"])
        with self.assertRaises(AccessError):
            self.Item.with_user(portal).search([])
        with self.assertRaises(AccessError):
            item.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.work.check"].with_user(self.user).create({"name": "x"})
        item.with_user(self.user).user_id = self.user
        item.with_user(self.manager).unlink()
        self.assertFalse(item.exists())

    def test_other_office_does_not_see_it(self):
        item = self.generate(self.sole)
        other = self.env["res.company"].create({"name": "Drugie Biuro"})
        stranger = new_test_user(
            self.env,
            "work_other_office",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        self.assertFalse(self.Item.with_user(stranger).search([("id", "=", item.id)]))

    @freeze_time("2026-11-17")
    def test_job_goes_in_batches(self):
        clients = self.employer | self.sole
        clients.write({"biuro_state": "active"})
        self.env["res.partner"].search(
            [("biuro_client", "=", True), ("id", "not in", clients.ids)]
        ).write({"biuro_state": "inactive"})
        cron = self.env.ref("crm_biuro.ir_cron_biuro_work_items")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        job = self.Item.with_context(ir_cron_progress_id=progress.id)
        with patch.object(work_item_module, "CRON_BATCH", 1):
            job._cron_generate()
            self.assertEqual((progress.done, progress.remaining), (1, 1))
            job._cron_generate()
            self.assertEqual(progress.remaining, 0)
        items = self.Item.search([("partner_id", "in", clients.ids)])
        self.assertEqual(items.partner_id, clients)
        self.assertEqual(set(items.mapped("month")), {NOVEMBER})


@tagged("post_install", "-at_install")
class TestWorkMerge(MergeCase):
    """Merging two clients keeps one work item per month (the one further on) and
    every document request but a doubled standing one."""

    def test_merge_keeps_one_item_per_month_and_the_requests(self):
        survivor = self.make_client(name="Firma Docelowa sp. z o.o.", vat=NIP_A)
        merged = self.make_client(name="Firma Dublowana", vat=NIP_B)
        Item = self.env["biuro.work.item"]
        items = Item._biuro_generate(survivor | merged, NOVEMBER)
        further = items.filtered(lambda i: i.partner_id == merged)
        further.line_ids[:2].write({"done": True})
        Item._biuro_generate(merged, date(2026, 10, 1))
        template = self.env.ref("crm_biuro.document_request_template_monthly")
        Request = self.env["biuro.document.request"]
        standing = Request.create(
            [template._biuro_request_vals(c, NOVEMBER) for c in (survivor, merged)]
        )
        by_hand = Request.create(
            [
                {
                    "name": f"Umowa {c.name}",
                    "partner_id": c.id,
                    "period": NOVEMBER,
                    "due_date": date(2026, 12, 10),
                }
                for c in (survivor, merged)
            ]
        )
        standing.filtered(lambda r: r.partner_id == merged).action_send()
        self._merge(self.manager, survivor | merged, survivor)
        kept = Item.search([("partner_id", "=", survivor.id)])
        self.assertEqual(len(kept), 2, "one for November, one for October")
        self.assertIn(further, kept)
        requests = Request.search([("partner_id", "=", survivor.id)])
        self.assertEqual(requests & by_hand, by_hand)
        self.assertEqual(len(requests & standing), 1)
        self.assertEqual((requests & standing).state, "open")
