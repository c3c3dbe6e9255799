import ast
import re
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.obligation_labels import PART_LABELS, legal_basis_text
from ..obligation_rules import RULES
from .common import BiuroCase

# a declaration code as the engine spells it (CIT_ADV, PIT4R), not a human name
BARE_CODE = re.compile(r"^[A-Z0-9]+(_[A-Z0-9]+)+$")


@tagged("post_install", "-at_install")
class TestObligationCalendar(BiuroCase):
    """Calendar entries say whose and what in words of the user's language, are
    coloured by state and carry the legal basis."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(name="Budmax sp. z o.o.")
        cls.pl = cls.env(context=dict(cls.env.context, lang="pl_PL"))

    def obligation(self, code, start, end, part=False, **vals):
        return self.env["biuro.obligation"].create(
            {
                "partner_id": self.client.id,
                "declaration_type_id": self.env["biuro.declaration.type"]
                .search([("code", "=", code)])
                .id,
                "part": part,
                "period_start": start,
                "period_end": end,
                "due_date": vals.pop("due_date", date(2026, 12, 28)),
                **vals,
            }
        )

    def test_entry_names_the_client_the_declaration_and_the_period(self):
        jpk = self.obligation("JPK_V7M", date(2026, 11, 1), date(2026, 11, 30))
        self.assertEqual(
            jpk.with_env(self.pl).display_name, "Budmax sp. z o.o. — JPK_V7M za 11/2026"
        )
        self.assertEqual(jpk.display_name, "Budmax sp. z o.o. — JPK_V7M for 11/2026")
        advance = self.obligation("CIT_ADV", date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(
            advance.with_env(self.pl).display_name,
            "Budmax sp. z o.o. — Zaliczka CIT za I kw. 2026",
        )
        pit11 = self.obligation(
            "PIT11", date(2026, 1, 1), date(2026, 12, 31), part="tax_office"
        )
        self.assertEqual(
            pit11.with_env(self.pl).display_name,
            "Budmax sp. z o.o. — PIT-11 do urzędu skarbowego za 2026",
        )
        cit8 = self.obligation("CIT8", date(2025, 10, 1), date(2026, 9, 30))
        self.assertEqual(
            cit8.with_env(self.pl).display_name,
            "Budmax sp. z o.o. — CIT-8 za 10/2025–09/2026",
        )

    def test_every_engine_code_and_part_has_a_human_name(self):
        types = self.pl["biuro.declaration.type"].search([])
        names = {t.code: t.short_name for t in types}
        english = {t.code: t.short_name for t in types.with_env(self.env)}
        for code, rule in RULES.items():
            with self.subTest(code=code):
                self.assertTrue(names.get(code), "a declaration type with a name")
                self.assertFalse(BARE_CODE.match(names[code]) and "JPK" not in code)
                if re.search(r"[a-z]{3}", english[code]):
                    self.assertNotEqual(names[code], english[code], "in Polish")
            for part in rule.parts:
                if part.name:
                    self.assertIn(part.name, PART_LABELS, (code, part.name))

    def test_legal_basis_in_the_users_language(self):
        jpk = self.obligation("JPK_V7M", date(2026, 11, 1), date(2026, 11, 30))
        self.assertEqual(
            jpk.with_env(self.pl).legal_basis,
            "ustawa o VAT art. 99 ust. 1, art. 109 ust. 3b",
        )
        self.assertEqual(jpk.legal_basis, "VAT act art. 99 ust. 1, art. 109 ust. 3b")
        sf = self.pl.ref("crm_biuro.declaration_type_sf")
        self.assertIn("ustawa o rachunkowości art. 52 ust. 1", sf.legal_basis)
        own = self.env["biuro.declaration.type"].create(
            {"code": "DN1", "name": "DN-1", "custom_legal_basis": "upol art. 6 ust. 9"}
        )
        self.assertEqual(own.legal_basis, "upol art. 6 ust. 9")

    @freeze_time("2026-12-08")
    def test_colour_and_days_late_by_state(self):
        past = {"due_date": date(2026, 12, 1)}
        todo = self.obligation("JPK_V7M", date(2026, 11, 1), date(2026, 11, 30))
        late = self.obligation("JPK_V7M", date(2026, 10, 1), date(2026, 10, 31), **past)
        filed = self.obligation(
            "ZUS_DRA", date(2026, 10, 1), date(2026, 10, 31), state="filed", **past
        )
        self.assertEqual((todo | late | filed).mapped("calendar_color"), [4, 1, 10])
        self.assertEqual((todo | late | filed).mapped("days_late"), [0, 7, 0])

    def test_week_agenda_groups_open_obligations_by_week_and_accountant(self):
        action = self.env.ref("crm_biuro.biuro_obligation_action_week")
        context = ast.literal_eval(action.context)
        self.assertEqual(
            {k for k, v in context.items() if v},
            {
                "search_default_open",
                "search_default_by_week_end",
                "search_default_group_week",
                "search_default_group_user",
            },
        )
        views = self.env["biuro.obligation"].get_views(
            [(v.view_id.id, v.view_mode) for v in action.view_ids]
        )["views"]
        self.assertIn("days_late", views["list"]["arch"])
        calendar = views["calendar"]["arch"]
        self.assertIn('color="calendar_color"', calendar)
        self.assertRegex(calendar, r'name="user_id"[^>]*filters="1"')

    def test_every_legal_basis_reads_in_polish(self):
        english = re.compile(
            r"\b(act|days?|after|before|until|task|office|regulation|verify|"
            r"provisions|paragraphs?|amending|using)\b"
        )
        for code, rule in RULES.items():
            for part in rule.parts:
                with self.subTest(code=code, part=part.name):
                    text = legal_basis_text(self.pl, part.legal_basis)
                    self.assertFalse(english.search(text), text)


@tagged("post_install", "-at_install")
class TestEuTransactionsCheck(BiuroCase):
    """vat_ue_mode "when_reported": a monthly check; the client's answer creates
    the month's VAT-UE or closes the check."""

    @freeze_time("2026-12-08")
    def test_reported_month_gets_its_return(self):
        client = self.make_client(
            name="Eksport Unijny sp. z o.o.",
            biuro_state="active",
            biuro_legal_form="spzoo",
            biuro_books_type="full",
            biuro_tax_form="cit",
            biuro_vat_status="czynny",
            biuro_vat_ue=True,
            biuro_vat_ue_mode="when_reported",
        )
        client.action_biuro_suggest_declarations()
        Obligation = self.env["biuro.obligation"]
        mine = [("partner_id", "=", client.id)]
        self.assertFalse(Obligation.search(mine + [("code", "=", "VAT_UE")]))
        checks = Obligation.search(mine + [("code", "=", "VAT_UE_CONFIRM")])
        november, december = checks.sorted("period_start")[:2]
        november.with_user(self.user).action_biuro_eu_reported()
        december.with_user(self.user).action_done()  # nothing to report
        returns = Obligation.search(mine + [("code", "=", "VAT_UE")])
        self.assertEqual(returns.period_start, date(2026, 11, 1))
        self.assertEqual(returns.due_date, date(2026, 12, 28))  # 25th: Friday holiday
        self.assertEqual((november | december).mapped("state"), ["done", "done"])
        # the next run keeps the created return (it is the client's answer)
        Obligation._cron_generate()
        self.assertTrue(returns.exists())


@tagged("post_install", "-at_install")
class TestCalendarQueries(BiuroCase):
    """The calendar and the week agenda read their entries in a number of
    queries that does not grow with the entries."""

    CALENDAR_FIELDS = {
        "display_name": {},
        "due_date": {},
        "calendar_color": {},
        "days_late": {},
        "legal_basis": {},
        "state": {},
        "user_id": {"fields": {"display_name": {}}},
        "partner_id": {"fields": {"display_name": {}}},
    }

    def make_obligations(self, count, nip_base):
        jpk = self.env.ref("crm_biuro.declaration_type_jpk_v7m")
        Obligation = self.env["biuro.obligation"]
        for index in range(count):
            client = self.env["res.partner"].create(
                {"name": f"Klient {nip_base}-{index}", "biuro_client": True}
            )
            Obligation.create(
                {
                    "partner_id": client.id,
                    "declaration_type_id": jpk.id,
                    "period_start": date(2026, 11, 1),
                    "period_end": date(2026, 11, 30),
                    "due_date": date(2026, 12, 28),
                    "user_id": self.user.id,
                }
            )
        return [("partner_id.name", "=like", f"Klient {nip_base}-%")]

    def read_calendar(self, domain):
        self.env.flush_all()
        self.env.invalidate_all()
        Obligation = self.env["biuro.obligation"].with_user(self.user)
        return Obligation.web_search_read(domain, self.CALENDAR_FIELDS)

    def test_queries_do_not_grow_with_the_entries(self):
        few, many = self.make_obligations(3, "A"), self.make_obligations(30, "B")
        self.read_calendar(few)  # warm the caches of the registry
        before = self.cr.sql_log_count
        self.read_calendar(few)
        queries = self.cr.sql_log_count - before
        self.env.invalidate_all()
        with self.assertQueryCount(queries):
            records = self.read_calendar(many)["records"]
        self.assertEqual(len(records), 30)
        self.assertIn(" — JPK_V7M for 11/2026", records[0]["display_name"])
