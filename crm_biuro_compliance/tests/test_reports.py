from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComplianceCase

CASE_LIST = [
    "partner_id",
    "risk_level",
    "measures",
    "pep",
    "state",
    "ubo_comparison_state",
    "open_discrepancy_count",
    "approver_id",
    "next_review_date",
]


@tagged("post_install", "-at_install")
class TestAmlReports(ComplianceCase):
    """The yearly summary's figures and PDF; the dashboard; the list's cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Klient {n} sp. z o.o.",
                    "is_company": True,
                    "biuro_client": True,
                    "biuro_state": "active",
                }
                for n in range(4)
            ]
        )

    def _filter_finds(self, name, cases):
        """The cases among `cases` that the case list's search filter `name` finds,
        its domain evaluated as the web client does."""
        view = self.env.ref("crm_biuro_compliance.biuro_aml_case_view_search")
        (node,) = etree.fromstring(view.arch).xpath(f"//filter[@name='{name}']")
        today = fields.Date.context_today(self.env.user)
        domain = safe_eval(
            node.get("domain"),
            {"context_today": lambda: today, "relativedelta": relativedelta},
        )
        return self.env["biuro.aml.case"].search(domain + [("id", "in", cases.ids)])

    @freeze_time("2026-12-04")
    def test_reviews_due_and_cases_without_an_approver_are_listed(self):
        with freeze_time("2025-12-20"):
            due = self.make_case(
                self.clients[0], risk_client="high", source_of_funds="Sales"
            )
            self.add_ubo(due, "Jan Kowalski", 100.0)
            self.approve(due)
        self.assertEqual(str(due.next_review_date), "2026-12-20")
        unapproved = self.make_case(self.clients[1])
        rejected = self.make_case(self.clients[2])
        rejected.action_reject()
        cases = due | unapproved | rejected
        self.assertEqual(self._filter_finds("review_due", cases), due)
        self.assertEqual(self._filter_finds("no_approver", cases), unapproved)
        self.assertEqual(self._filter_finds("high", cases), due)

    @freeze_time("2026-12-04")
    def test_summary_figures_and_pdf(self):
        wizard = (
            self.env["biuro.aml.summary"]
            .with_user(self.aml_officer)
            .create({"year": 2026})
        )
        # the database may hold demo cases: the figures below are what this adds
        before = wizard._summary()
        high = self.make_case(
            self.clients[0], risk_client="high", source_of_funds="Sales"
        )
        self.add_ubo(high, "Jan Kowalski", 100.0, pep=True)
        self.approve(high)
        low = self.make_case(
            self.clients[1],
            risk_client="low",
            risk_service="low",
            risk_channel="low",
            risk_geography="low",
        )
        self.make_case(self.clients[2])
        refused = self.make_case(self.clients[3])
        refused.action_reject()
        self.env["biuro.aml.discrepancy"].create(
            {
                "case_id": low.id,
                "owner_name": "Anna Nowak",
                "field": "missing_in_office",
                "key": "x",
            }
        )
        after = wizard._summary()
        added = {
            key: after[key] - before[key]
            for key in after
            if isinstance(after[key], int) and key != "year"
        }
        self.assertEqual(
            added,
            {
                "total": 3,
                "pep": 1,
                "approved_in_year": 1,
                "rejected": 1,
                "without_approver": 2,
                "reviews_overdue": 0,
                "discrepancies_found": 1,
                "discrepancies_reported": 0,
                "discrepancies_open": 1,
                "retention_over": 0,
            },
        )
        by_risk_before, by_risk_after = dict(before["by_risk"]), dict(after["by_risk"])
        for label in ("High", "Low", "Standard"):
            self.assertEqual(
                by_risk_after.get(label, 0) - by_risk_before.get(label, 0), 1, label
            )
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "crm_biuro_compliance.report_aml_summary"
        )
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.aml_officer)
            ._render_qweb_html("crm_biuro_compliance.report_aml_summary", wizard.ids)
        )
        html = html.decode()
        self.assertIn("AML risk assessment", html)
        self.assertIn("o_biuro_aml_by_risk", html)

    def test_dashboard_shows_aml_state_to_aml_roles_only(self):
        client = self.clients[0]
        self.make_case(client)
        aml = dict(client.with_user(self.aml_officer)._biuro_dashboard_stats())
        self.assertEqual(aml["AML case"], "Draft")
        self.assertEqual(aml["Next AML review"], "-")
        office = dict(client.with_user(self.user)._biuro_dashboard_stats())
        self.assertNotIn("AML case", office)

    def test_case_list_cost_does_not_grow(self):
        clients = self.env["res.partner"].create(
            [
                {"name": f"Firma {n}", "is_company": True, "biuro_client": True}
                for n in range(100)
            ]
        )
        cases = self.Case.create([{"partner_id": c.id} for c in clients])
        # warm the caches that do not depend on the cases (groups, field access)
        self.env.invalidate_all()
        cases[-1].with_user(self.aml_officer).read(CASE_LIST)
        for count in (10, 100):
            self.env.invalidate_all()
            with self.assertQueryCount(2):
                cases[:count].with_user(self.aml_officer).read(CASE_LIST)
