from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NIP_A, NIP_B, BiuroCase


def declarations(env, *codes):
    return [(6, 0, env["biuro.declaration.type"].search([("code", "in", codes)]).ids)]


@tagged("post_install", "-at_install")
class TestObligations(BiuroCase):
    """Generation from the tax profile, frozen on Tue 10 March 2026 with the
    3-month horizon (until 10 June 2026). Obligations whose due date or period end
    falls in the horizon are generated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Obligation = cls.env["biuro.obligation"]
        with freeze_time("2026-01-01"):
            cls.jdg = cls.make_client(
                name="Usługi Test Jan Nowak",
                vat=NIP_A,
                biuro_state="active",
                biuro_legal_form="jdg",
                biuro_books_type="kpir",
                biuro_tax_form="skala",
                biuro_vat_status="czynny",
                biuro_vat_period="monthly",
                biuro_zus_scheme="duzy",
                biuro_accountant_id=cls.user.id,
                biuro_declaration_ids=declarations(
                    cls.env, "JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36"
                ),
            )
            cls.spzoo = cls.make_client(
                name="Fundusz Test sp. z o.o.",
                vat=NIP_B,
                biuro_state="active",
                biuro_legal_form="spzoo",
                biuro_books_type="full",
                biuro_tax_form="cit",
                biuro_vat_status="zwolniony",
                biuro_zus_scheme="none",
                biuro_employer=True,
                biuro_declaration_ids=declarations(
                    cls.env, "JPK_V7M", "ZUS_DRA", "CIT8", "PIT4R"
                ),
            )
        # profile writes generate too; start every test from an empty calendar
        cls.Obligation.search([]).unlink()

    def mine(self, domain=()):
        """Obligations of this test's clients (the database may hold demo clients)."""
        clients = (self.jdg | self.spzoo).ids
        return self.Obligation.search([("partner_id", "in", clients), *domain])

    def rows(self, partner):
        return {
            (o.code, o.period_start, o.due_date)
            for o in self.Obligation.search([("partner_id", "=", partner.id)])
        }

    @freeze_time("2026-03-10")
    def test_jdg_on_tax_scale_with_monthly_vat(self):
        self.Obligation._cron_generate()
        self.assertEqual(
            self.rows(self.jdg),
            {
                # ZUS DRA and PIT advances of a JDG: the 20th of the next month
                ("ZUS_DRA", date(2026, 2, 1), date(2026, 3, 20)),  # Friday
                ("PIT_ADV", date(2026, 2, 1), date(2026, 3, 20)),
                ("ZUS_DRA", date(2026, 3, 1), date(2026, 4, 20)),  # Monday
                ("PIT_ADV", date(2026, 3, 1), date(2026, 4, 20)),
                ("ZUS_DRA", date(2026, 4, 1), date(2026, 5, 20)),  # Wednesday
                ("PIT_ADV", date(2026, 4, 1), date(2026, 5, 20)),
                # 20 June 2026 is a Saturday -> Monday 22 June (OP art. 12 § 5)
                ("ZUS_DRA", date(2026, 5, 1), date(2026, 6, 22)),
                ("PIT_ADV", date(2026, 5, 1), date(2026, 6, 22)),
                # JPK_V7M: the 25th of the next month
                ("JPK_V7M", date(2026, 2, 1), date(2026, 3, 25)),  # Wednesday
                # 25 April 2026 is a Saturday -> Monday 27 April
                ("JPK_V7M", date(2026, 3, 1), date(2026, 4, 27)),
                ("JPK_V7M", date(2026, 4, 1), date(2026, 5, 25)),  # Monday
                ("JPK_V7M", date(2026, 5, 1), date(2026, 6, 25)),  # Thursday
                # PIT-36 for 2025: 30 April 2026, a Thursday
                ("PIT36", date(2025, 1, 1), date(2026, 4, 30)),
            },
        )
        jpk = self.Obligation.search([("partner_id", "=", self.jdg.id)], limit=1)
        self.assertEqual(jpk.user_id, self.user)
        self.assertEqual(jpk.state, "todo")

    @freeze_time("2026-03-10")
    def test_vat_exempt_company_with_employees(self):
        self.Obligation._cron_generate()
        self.assertEqual(
            self.rows(self.spzoo),
            {
                # legal person: ZUS by the 15th; 15 March 2026 is a Sunday -> 16th
                ("ZUS_DRA", date(2026, 2, 1), date(2026, 3, 16)),
                ("ZUS_DRA", date(2026, 3, 1), date(2026, 4, 15)),  # Wednesday
                ("ZUS_DRA", date(2026, 4, 1), date(2026, 5, 15)),  # Friday
                ("ZUS_DRA", date(2026, 5, 1), date(2026, 6, 15)),  # Monday
                # CIT-8 for 2025: end of the 3rd month, Tuesday 31 March 2026
                ("CIT8", date(2025, 1, 1), date(2026, 3, 31)),
                # no JPK for a VAT-exempt client although it is listed; PIT-4R for
                # 2025 was due 2 February 2026, before the horizon
            },
        )

    @freeze_time("2026-03-10")
    def test_rerun_creates_nothing(self):
        self.Obligation._cron_generate()
        self.assertEqual(len(self.mine()), 18)
        self.assertEqual(self.Obligation._cron_generate(), 0)
        self.assertEqual(len(self.mine()), 18)

    @freeze_time("2026-03-10")
    def test_inactive_clients_get_nothing(self):
        self.spzoo.biuro_state = "inactive"
        self.Obligation._cron_generate()
        self.assertFalse(self.rows(self.spzoo))

    @freeze_time("2026-03-10")
    def test_profile_change_regenerates_untouched_future_obligations(self):
        self.Obligation._cron_generate()
        feb = self.Obligation.search(
            [("partner_id", "=", self.jdg.id), ("code", "=", "JPK_V7M")], limit=1
        )
        self.assertEqual(feb.period_start, date(2026, 2, 1))
        feb.write(
            {"state": "filed", "reference": "UPO-123", "filed_date": "2026-03-09"}
        )
        march = self.Obligation.search(
            [
                ("partner_id", "=", self.jdg.id),
                ("code", "=", "JPK_V7M"),
                ("period_start", "=", date(2026, 3, 1)),
            ]
        )
        self.assertTrue(march)
        # the client moves to quarterly VAT, by default from the next month
        self.jdg.write(
            {
                "biuro_vat_period": "quarterly",
                "biuro_declaration_ids": declarations(
                    self.env, "JPK_V7K", "ZUS_DRA", "PIT_ADV", "PIT36"
                ),
            }
        )
        jdg = self.Obligation.search([("partner_id", "=", self.jdg.id)])
        monthly = jdg.filtered(lambda o: o.code == "JPK_V7M")
        # the filed one is kept, and March keeps the profile in force in March
        self.assertEqual(monthly, feb | march)
        self.assertEqual(feb.state, "filed")
        self.assertTrue(jdg.filtered(lambda o: o.code == "JPK_V7K"))
        self.assertEqual(len(jdg.filtered(lambda o: o.code == "ZUS_DRA")), 4)

    def test_late_and_reminders(self):
        with freeze_time("2026-03-10"):
            self.Obligation._cron_generate()
        with freeze_time("2026-03-17"):  # 3 days before Fri 20 March
            self.Obligation._cron_deadlines()
            self.Obligation._cron_deadlines()
        due_20 = self.mine([("due_date", "=", date(2026, 3, 20))])
        self.assertEqual(len(due_20), 2)
        for obligation in due_20:
            self.assertEqual(len(obligation.activity_ids), 1)
            self.assertEqual(obligation.activity_ids.user_id, self.user)
        zus_16 = self.mine([("due_date", "=", date(2026, 3, 16))])
        self.assertEqual(zus_16.state, "late")
        self.assertEqual(due_20.mapped("state"), ["todo", "todo"])

    @freeze_time("2026-03-10")
    def test_mark_as_filed_in_bulk(self):
        self.Obligation._cron_generate()
        march = self.mine([("due_date", "<", date(2026, 4, 1))])
        wizard = (
            self.env["biuro.obligation.file"]
            .with_user(self.user)
            .with_context(active_model="biuro.obligation", active_ids=march.ids)
            .create({"reference": "UPO-2026-03"})
        )
        wizard.action_file()
        self.assertEqual(set(march.mapped("state")), {"filed"})
        self.assertEqual(set(march.mapped("reference")), {"UPO-2026-03"})
        self.assertEqual(march[0].filed_date, date(2026, 3, 10))


# (legal form, profile, listed declarations, expected codes in the horizon, ZUS day)
COMBINATIONS = [
    # JDG on the lump sum, VAT exempt: no JPK although listed; PIT-28 on 30 April
    (
        "jdg",
        {
            "biuro_tax_form": "ryczalt",
            "biuro_books_type": "ryczalt",
            "biuro_vat_status": "zwolniony",
            "biuro_zus_scheme": "preferencyjny",
        },
        ("JPK_V7M", "RYCZALT_ADV", "PIT28", "ZUS_DRA"),
        {"RYCZALT_ADV", "PIT28", "ZUS_DRA"},
        20,
    ),
    # civil partnership on flat tax with quarterly VAT: JPK_V7K, ZUS by the 20th
    (
        "sc",
        {
            "biuro_tax_form": "liniowy",
            "biuro_books_type": "kpir",
            "biuro_vat_status": "czynny",
            "biuro_vat_period": "quarterly",
            "biuro_zus_scheme": "duzy",
        },
        ("JPK_V7K", "PIT_ADV", "PIT36L", "ZUS_DRA"),
        {"JPK_V7K", "PIT_ADV", "PIT36L", "ZUS_DRA"},
        20,
    ),
    # limited partnership: a CIT payer without legal personality, ZUS by the 20th
    (
        "spk",
        {
            "biuro_tax_form": "cit",
            "biuro_books_type": "full",
            "biuro_vat_status": "czynny",
            "biuro_employer": True,
        },
        ("JPK_V7M", "CIT_ADV", "CIT8", "ZUS_DRA"),
        {"JPK_V7M", "CIT_ADV", "CIT8", "ZUS_DRA"},
        20,
    ),
    # joint-stock company on Estonian CIT: CIT-8E instead of CIT-8
    (
        "sa",
        {
            "biuro_tax_form": "cit_estonski",
            "biuro_books_type": "full",
            "biuro_vat_status": "czynny",
        },
        ("JPK_V7M", "CIT8E", "CIT8"),
        {"JPK_V7M", "CIT8E"},
        None,
    ),
    # foundation outside VAT: only its CIT-8
    (
        "fundacja",
        {
            "biuro_tax_form": "cit",
            "biuro_books_type": "full",
            "biuro_vat_status": "niezarejestrowany",
        },
        ("JPK_V7M", "CIT8"),
        {"CIT8"},
        None,
    ),
]


@tagged("post_install", "-at_install")
class TestObligationCombinations(BiuroCase):
    @freeze_time("2026-03-10")
    def test_each_legal_and_tax_form_gets_its_obligations(self):
        for legal_form, profile, listed, expected, zus_day in COMBINATIONS:
            with self.subTest(legal_form=legal_form):
                client = self.make_client(
                    name=f"Kombinacja {legal_form}",
                    vat=False,
                    biuro_state="active",
                    biuro_legal_form=legal_form,
                    biuro_declaration_ids=declarations(self.env, *listed),
                    **profile,
                )
                obligations = self.env["biuro.obligation"].search(
                    [("partner_id", "=", client.id)]
                )
                self.assertEqual(set(obligations.mapped("code")), expected)
                zus = obligations.filtered(lambda o: o.code == "ZUS_DRA")
                if zus_day:
                    # 20 March 2026 is a Friday: no shift in the first month
                    self.assertEqual(min(zus.mapped("due_date")).day, zus_day)
