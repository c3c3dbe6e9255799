import base64
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import ExclusionViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import biuro_document_request as request_module
from .common import NIP_A, NIP_B, BiuroCase

REMIND_BEFORE = "crm_biuro.document_request_remind_before_days"
REMIND_AFTER = "crm_biuro.document_request_remind_after_days"


@tagged("post_install", "-at_install")
class TestDocumentRequest(BiuroCase):
    """The office asks a client for documents: draft → sent → complete, reminders
    before and after the due date, the monthly standing request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Request = cls.env["biuro.document.request"]
        cls.client = cls.make_client(
            name="Warsztat Test Jan Nowak",
            vat=NIP_A,
            email="biuro@warsztat-test.pl",
            lang="en_US",
            biuro_accountant_id=cls.user.id,
        )
        cls.sales = cls.env.ref("crm_biuro.document_category_sales_invoices")
        cls.bank = cls.env.ref("crm_biuro.document_category_bank_statements")
        params = cls.env["ir.config_parameter"]
        params.set_param(REMIND_BEFORE, "3")
        params.set_param(REMIND_AFTER, "2")

    def make_request(self, **vals):
        return self.Request.with_user(self.user).create(
            {
                "name": "Dokumenty za 11/2026",
                "partner_id": self.client.id,
                "period": date(2026, 11, 1),
                "due_date": date(2026, 12, 7),
                "note": "Prosimy o komplet faktur.",
                "line_ids": [
                    (0, 0, {"name": "Sales invoices", "category_id": self.sales.id}),
                    (0, 0, {"name": "Bank statement", "category_id": self.bank.id}),
                ],
                **vals,
            }
        )

    def mails(self, request):
        return self.env["mail.message"].search(
            [
                ("model", "=", request._name),
                ("res_id", "=", request.id),
                ("message_type", "=", "comment"),
                ("partner_ids", "in", self.client.ids),
            ],
            order="id",
        )

    def upload(self, line, name="faktury.pdf"):
        return self.env["biuro.document"].create(
            {
                "name": name,
                "partner_id": self.client.id,
                "category_id": line.category_id.id,
                "period": line.request_id.period,
                "file": base64.b64encode(b"%PDF-1.4 test"),
                "file_name": name,
                "request_id": line.request_id.id,
                "request_line_id": line.id,
            }
        )

    def test_lifecycle(self):
        request = self.make_request()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.user_id, self.user, "the client's accountant")
        self.assertEqual(request.missing_count, 2)
        # announced on the client's timeline
        self.assertTrue(
            self.client.message_ids.filtered(
                lambda m: f'data-oe-id="{request.id}"' in (m.body or "")
            )
        )
        request.action_send()
        self.assertEqual(request.state, "open")
        mail = self.mails(request)
        self.assertEqual(len(mail), 1)
        self.assertIn("We ask for documents", mail.subject)
        self.assertIn("Bank statement", mail.body)
        first, second = request.line_ids
        self.upload(first)
        self.assertEqual(first.state, "received")
        self.assertEqual(request.missing_count, 1)
        self.assertEqual(request.state, "open")
        document = self.upload(second, "wyciag.pdf")
        self.assertEqual(request.state, "done", "every item received")
        self.assertEqual(len(request.document_ids), 2)
        # a rejected document does not count as received
        request.action_reopen()
        document.action_rejected()
        self.assertEqual(second.state, "missing")
        request.action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_sending_needs_an_item(self):
        request = self.make_request(line_ids=[])
        with self.assertRaisesMsg(UserError, "at least one expected document"):
            request.action_send()
        self.assertEqual(request.state, "draft")

    def test_reminders_before_and_after_the_due_date(self):
        request = self.make_request()
        request.action_send()
        sent = len(self.mails(request))
        for day, expected in [
            ("2026-12-03", 0),  # 4 days before: too early
            ("2026-12-04", 1),  # 3 days before: reminder
            ("2026-12-05", 0),  # once only
            ("2026-12-08", 0),  # one day late: not yet
            ("2026-12-09", 1),  # two days late
            ("2026-12-10", 0),
            ("2026-12-11", 1),  # every two days while it is open
        ]:
            with freeze_time(day):
                self.Request._cron_reminders()
            now = len(self.mails(request))
            self.assertEqual(now - sent, expected, day)
            sent = now
        subjects = self.mails(request).mapped("subject")
        self.assertTrue(
            any("Reminder: documents due on 07.12.2026" in s for s in subjects)
        )
        self.assertTrue(any("overdue since 07.12.2026" in s for s in subjects))
        self.assertEqual(request.reminder_before_date, date(2026, 12, 4))
        self.assertEqual(request.reminder_after_date, date(2026, 12, 11))
        # a complete request is not reminded of
        request.action_done()
        with freeze_time("2026-12-20"):
            self.Request._cron_reminders()
        self.assertEqual(len(self.mails(request)), sent)

    def test_draft_requests_are_not_reminded(self):
        request = self.make_request()
        with freeze_time("2026-12-06"):
            self.Request._cron_reminders()
        self.assertFalse(self.mails(request))

    @freeze_time("2026-12-01")
    def test_monthly_standing_request(self):
        employer = self.make_client(
            name="Piekarnia Test sp. z o.o.",
            vat=NIP_B,
            lang="en_US",
            biuro_employer=True,
            email="kadry@piekarnia-test.pl",
        )
        (self.client | employer).write({"biuro_state": "active"})
        self.Request._cron_standing_requests()
        requests = self.Request.search(
            [("partner_id", "in", (self.client | employer).ids)]
        )
        self.assertEqual(len(requests), 2)
        mine = requests.filtered(lambda r: r.partner_id == self.client)
        self.assertEqual(mine.name, "Documents for 11/2026")
        self.assertEqual(mine.period, date(2026, 11, 1))
        self.assertEqual(mine.due_date, date(2026, 12, 7))
        self.assertEqual(mine.state, "open")
        self.assertEqual(len(self.mails(mine)), 1)
        template = self.env.ref("crm_biuro.document_request_template_monthly")
        employer_lines = (requests - mine).line_ids
        self.assertEqual(len(employer_lines), len(template.line_ids))
        self.assertEqual(len(mine.line_ids), len(template.line_ids) - 1)
        # a rerun creates nothing new
        self.Request._cron_standing_requests()
        self.assertEqual(
            self.Request.search_count(
                [("partner_id", "in", (self.client | employer).ids)]
            ),
            2,
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(ExclusionViolation):
            self.Request.create(template._biuro_request_vals(self.client, mine.period))

    def test_standing_request_in_polish(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        self.client.lang = "pl_PL"
        template = self.env.ref("crm_biuro.document_request_template_monthly")
        vals = template._biuro_request_vals(self.client, date(2026, 11, 1))
        self.assertEqual(vals["name"], "Dokumenty za 11/2026")

    def test_access(self):
        request = self.make_request()
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            request.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.document.request.template"].with_user(self.user).create(
                {"name": "x"}
            )
        request.with_user(self.manager).unlink()

    @freeze_time("2026-12-01")
    def test_standing_requests_in_batches_as_a_job(self):
        """As a scheduled job the standing requests go in batches, the job's
        progress telling Odoo how many remain."""
        other = self.make_client(name="Druga Firma Test sp. z o.o.", vat=NIP_B)
        clients = self.client | other
        clients.write({"biuro_state": "active"})
        # only this test's clients are active (the database may hold demo clients)
        self.env["res.partner"].search(
            [("biuro_client", "=", True), ("id", "not in", clients.ids)]
        ).write({"biuro_state": "inactive"})
        cron = self.env.ref("crm_biuro.ir_cron_biuro_document_request_standing")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        job = self.Request.with_context(ir_cron_progress_id=progress.id)
        with patch.object(request_module, "CRON_BATCH", 1):
            self.assertEqual(job._cron_standing_requests(), 1)
            self.assertEqual((progress.done, progress.remaining), (1, 1))
            self.assertEqual(job._cron_standing_requests(), 1)
            self.assertEqual(progress.remaining, 0)
            self.assertEqual(job._cron_standing_requests(), 0)
        self.assertEqual(
            self.Request.search_count([("partner_id", "in", clients.ids)]), 2
        )
