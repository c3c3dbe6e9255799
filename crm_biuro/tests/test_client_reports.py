from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..report.biuro_client_report import previous_period
from .common_accounting import BiuroAccountingCase

H1_2026 = (date(2026, 1, 1), date(2026, 6, 30))
READ_FIELDS = [
    "rank",
    "partner_id",
    "user_id",
    "state_id",
    "country_id",
    "revenue",
    "previous_revenue",
    "growth",
    "share",
    "costs",
    "margin",
    "margin_rate",
    "invoice_count",
]


def state(env, code, name):
    poland = env.ref("base.pl")
    return env["res.country.state"].search(
        [("country_id", "=", poland.id), ("code", "=", code)]
    ) or env["res.country.state"].create(
        {"name": name, "code": code, "country_id": poland.id}
    )


@tagged("post_install", "-at_install")
class TestClientReports(BiuroAccountingCase):
    """TOP klienci, Rentowność and Geografia on demo-like data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # keep the office's own demo clients out of the figures
        cls.env["res.partner"].search([("biuro_client", "=", True)]).write(
            {"biuro_client": False}
        )
        cls.malopolskie = state(cls.env, "MA", "małopolskie")
        cls.mazowieckie = state(cls.env, "MZ", "mazowieckie")
        cls.alfa = cls.make_client(
            "Alfa", state_id=cls.malopolskie.id, biuro_accountant_id=cls.office_user.id
        )
        cls.beta = cls.make_client("Beta", state_id=cls.mazowieckie.id)
        cls.gamma = cls.make_client("Gamma", state_id=cls.malopolskie.id)
        cls.delta = cls.make_client("Delta", country_id=cls.env.ref("base.de").id)
        stranger = cls.env["res.partner"].create({"name": "Nie klient"})
        invoice = cls.make_invoice
        invoice(cls.alfa, date(2026, 2, 10), 5000)
        invoice(cls.alfa, date(2026, 6, 30), 1000)
        invoice(cls.alfa, date(2025, 9, 1), 4000)
        invoice(cls.beta, date(2026, 3, 1), 3000)
        invoice(cls.beta, date(2026, 3, 5), 500, move_type="out_refund")
        invoice(cls.gamma, date(2026, 1, 1), 1500)
        invoice(cls.gamma, date(2025, 12, 31), 3000)
        invoice(cls.delta, date(2026, 7, 1), 9000)
        invoice(stranger, date(2026, 4, 1), 10000)
        # a vendor bill booked on Alfa's analytic account is a cost of Alfa
        plan = cls.env["account.analytic.plan"].create({"name": "Klienci biura"})
        account = cls.env["account.analytic.account"].create(
            {"name": "Alfa – obsługa", "plan_id": plan.id, "partner_id": cls.alfa.id}
        )
        vendor = cls.env["res.partner"].create({"name": "Dostawca oprogramowania"})
        invoice(
            vendor,
            date(2026, 4, 15),
            1200,
            move_type="in_invoice",
            analytic_distribution={str(account.id): 100},
        )
        invoice(
            vendor,
            date(2025, 11, 15),
            700,
            move_type="in_invoice",
            analytic_distribution={str(account.id): 100},
        )

    def _open(self, report, user=None, period=H1_2026):
        wizard = (
            self.env["biuro.report.wizard"]
            .with_user(user or self.office_user)
            .create({"report": report, "date_from": period[0], "date_to": period[1]})
        )
        action = wizard.action_open()
        lines = (
            self.env["biuro.client.report"]
            .with_user(wizard.env.user)
            .search(action["domain"])
        )
        return action, lines

    def test_previous_period(self):
        self.assertEqual(
            previous_period(*H1_2026), (date(2025, 7, 1), date(2025, 12, 31))
        )
        self.assertEqual(
            previous_period(date(2026, 3, 1), date(2026, 3, 31)),
            (date(2026, 2, 1), date(2026, 2, 28)),
        )
        self.assertEqual(
            previous_period(date(2026, 3, 10), date(2026, 3, 19)),
            (date(2026, 2, 28), date(2026, 3, 9)),
        )

    def test_top_clients_order_shares_and_growth(self):
        action, lines = self._open("top")
        self.assertEqual(action["res_model"], "biuro.client.report")
        self.assertEqual(action["view_mode"], "list,graph,pivot")
        self.assertRecordValues(
            lines.sorted("rank"),
            [
                {
                    "rank": 1,
                    "partner_id": self.alfa.id,
                    "revenue": 6000.0,
                    "previous_revenue": 4000.0,
                    "growth": 50.0,
                    "share": 60.0,
                    "invoice_count": 2,
                },
                {
                    "rank": 2,
                    "partner_id": self.beta.id,
                    "revenue": 2500.0,
                    "previous_revenue": 0.0,
                    "growth": 0.0,
                    "share": 25.0,
                    "invoice_count": 2,
                },
                {
                    "rank": 3,
                    "partner_id": self.gamma.id,
                    "revenue": 1500.0,
                    "previous_revenue": 3000.0,
                    "growth": -50.0,
                    "share": 15.0,
                    "invoice_count": 1,
                },
                {
                    "rank": 4,
                    "partner_id": self.delta.id,
                    "revenue": 0.0,
                    "previous_revenue": 0.0,
                    "growth": 0.0,
                    "share": 0.0,
                    "invoice_count": 0,
                },
            ],
        )
        # the default order of the lines is the ranking
        self.assertEqual(lines.mapped("rank"), [1, 2, 3, 4])

    def test_profitability(self):
        __, lines = self._open("profitability")
        alfa = lines.filtered(lambda line: line.partner_id == self.alfa)
        self.assertRecordValues(
            alfa,
            [
                {
                    "revenue": 6000.0,
                    "costs": 1200.0,
                    "margin": 4800.0,
                    "margin_rate": 80.0,
                }
            ],
        )
        beta = lines.filtered(lambda line: line.partner_id == self.beta)
        self.assertRecordValues(
            beta,
            [{"revenue": 2500.0, "costs": 0.0, "margin": 2500.0, "margin_rate": 100.0}],
        )

    def test_geography_counts_per_voivodeship(self):
        __, lines = self._open("geography")
        groups = lines._read_group(
            [("id", "in", lines.ids)],
            ["country_id", "state_id"],
            ["client_count:sum", "revenue:sum"],
        )
        self.assertEqual(
            {
                (country.code, state.name): (count, revenue)
                for country, state, count, revenue in groups
            },
            {
                ("PL", "małopolskie"): (2, 7500.0),
                ("PL", "mazowieckie"): (1, 2500.0),
                ("DE", False): (1, 0.0),
            },
        )

    def test_report_reads_in_constant_queries(self):
        __, lines = self._open("top")
        self.env.invalidate_all()
        # one query per table behind the columns, not one per line
        with self.assertQueryCount(10):
            lines.with_user(self.office_user).read(READ_FIELDS)

    def test_report_generation_does_not_grow_with_clients(self):
        def queries():
            wizard = (
                self.env["biuro.report.wizard"]
                .with_user(self.office_user)
                .create({"date_from": H1_2026[0], "date_to": H1_2026[1]})
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard.action_open()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries()  # warm the caches that do not depend on the clients
        few = queries()
        more = self.env["res.partner"].create(
            [
                {"name": f"Klient {i}", "is_company": True, "biuro_client": True}
                for i in range(30)
            ]
        )
        for client in more[:10]:
            self.make_invoice(client, date(2026, 5, 1), 100)
        self.assertEqual(queries(), few)

    def test_access(self):
        # office users run the reports; others do not
        self._open("top", user=self.office_user)
        with self.assertRaises(AccessError):
            self._open("top", user=self.outsider)


@tagged("post_install", "-at_install")
class TestActivityReport(BiuroAccountingCase):
    """Aktywność: last invoice, message and document; idle for more than 6 months."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.today = today
        long_ago = today - timedelta(days=240)
        cls.invoiced = cls.make_client("Fakturowany")
        cls.make_invoice(cls.invoiced, today - timedelta(days=10), 100)
        cls.written = cls.make_client("Korespondujący")
        cls.make_invoice(cls.written, long_ago, 100)
        cls.written.message_post(body="Pytanie o VAT", message_type="comment")
        cls.sleeping = cls.make_client("Uśpiony")
        cls.make_invoice(cls.sleeping, long_ago, 100)
        cls.never = cls.make_client("Nigdy nieaktywny")
        cls.documented = cls.make_client("Z dokumentem")
        cls.env["biuro.document"].create(
            {"partner_id": cls.documented.id, "name": "Wyciąg bankowy"}
        )
        cls.ours = (
            cls.invoiced | cls.written | cls.sleeping | cls.never | cls.documented
        )
        cls.env.flush_all()

    def _rows(self, domain=()):
        return (
            self.env["biuro.report.activity"]
            .with_user(self.office_user)
            .search([("partner_id", "in", self.ours.ids), *domain])
        )

    def test_last_dates(self):
        rows = {row.partner_id: row for row in self._rows()}
        self.assertEqual(set(rows), set(self.ours))
        invoiced = rows[self.invoiced]
        self.assertEqual(invoiced.last_invoice_date, self.today - timedelta(days=10))
        self.assertEqual(invoiced.last_activity_date, self.today - timedelta(days=10))
        self.assertEqual(invoiced.idle_days, 10)
        written = rows[self.written]
        self.assertEqual(written.last_invoice_date, self.today - timedelta(days=240))
        self.assertEqual(written.last_message_date, fields.Date.today())
        self.assertEqual(rows[self.documented].last_document_date, fields.Date.today())
        self.assertFalse(rows[self.never].last_activity_date)

    def test_idle_clients(self):
        self.assertEqual(
            self._rows([("idle", "=", True)]).partner_id, self.sleeping | self.never
        )

    def test_report_reads_in_constant_queries(self):
        rows = self._rows()
        self.env.invalidate_all()
        with self.assertQueryCount(5):
            rows.read(["partner_id", "last_activity_date", "idle_days", "idle"])

    def test_outsider_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["biuro.report.activity"].with_user(self.outsider).search([])
