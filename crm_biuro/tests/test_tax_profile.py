from dataclasses import fields as dataclass_fields
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Date
from odoo.tests import Form, tagged

from ..models.tax_profile_keys import HOOK_KEYS, PROFILE_KEYS, partner_field
from ..obligation_rules import SUPPORTED_FROM, ClientProfile
from .common import NIP_A, NIP_B, BiuroCase
from .test_obligations import declarations

to_date = Date.to_date


@tagged("post_install", "-at_install")
class TestTaxProfileKeys(BiuroCase):
    def test_every_engine_key_has_its_odoo_fields(self):
        engine_keys = {field.name for field in dataclass_fields(ClientProfile)}
        self.assertEqual(
            engine_keys - HOOK_KEYS,
            set(PROFILE_KEYS),
            "every ClientProfile key is mapped in tax_profile_keys.PROFILE_KEYS",
        )
        partner_fields = self.env["res.partner"]._fields
        profile_fields = self.env["biuro.tax.profile"]._fields
        for key in PROFILE_KEYS:
            self.assertIn(partner_field(key), partner_fields, key)
            self.assertIn(key, profile_fields, key)
            self.assertEqual(
                partner_fields[partner_field(key)].type, profile_fields[key].type, key
            )

    def test_a_new_client_has_a_profile_row_and_passes_every_key(self):
        client = self.make_client(biuro_tax_year_end_month="9", biuro_zus_due_day="5")
        self.assertEqual(client.biuro_tax_profile_ids.date_from, SUPPORTED_FROM)
        [version] = client._biuro_profile_versions()
        self.assertEqual(version.profile.tax_year_end_month, 9)
        self.assertEqual(version.profile.zus_due_day, 5)


@tagged("post_install", "-at_install")
class TestTaxProfileHistory(BiuroCase):
    """A change is recorded from a date; the obligations of earlier periods keep
    the profile they had, and done, filed or past ones are never rewritten."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Obligation = cls.env["biuro.obligation"]
        with freeze_time("2026-02-10"):
            cls.jdg = cls.make_client(
                name="Usługi Historia Anna Nowak",
                vat=NIP_A,
                biuro_state="active",
                biuro_legal_form="jdg",
                biuro_books_type="kpir",
                biuro_tax_form="liniowy",
                biuro_vat_status="czynny",
                biuro_vat_period="monthly",
                biuro_zus_scheme="duzy",
                biuro_accountant_id=cls.user.id,
                biuro_declaration_ids=declarations(
                    cls.env, "JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36L"
                ),
            )

    def mine(self, code=None):
        domain = [("partner_id", "=", self.jdg.id)]
        return self.Obligation.search(domain + ([("code", "=", code)] if code else []))

    def test_default_date_is_the_next_period(self):
        with freeze_time("2026-03-10"):
            self.jdg.biuro_zus_scheme = "preferencyjny"
            self.jdg.biuro_tax_form = "skala"
        rows = self.jdg.biuro_tax_profile_ids.sorted("date_from")
        self.assertEqual(
            rows.mapped("date_from"),
            [SUPPORTED_FROM, date(2026, 4, 1), date(2027, 1, 1)],
            "ZUS from the next month, the tax form from the next tax year",
        )
        self.assertEqual(
            rows.mapped("zus_scheme"), ["duzy", "preferencyjny", "preferencyjny"]
        )
        self.assertEqual(rows.mapped("tax_form"), ["liniowy", "liniowy", "skala"])
        self.assertEqual(self.jdg.biuro_tax_form, "skala", "the form shows the latest")

    @freeze_time("2026-03-10")
    def test_the_form_proposes_the_first_day_of_the_next_period(self):
        with Form(self.jdg.with_user(self.manager)) as form:
            self.assertEqual(to_date(form.biuro_profile_date_from), date(2026, 4, 1))
            form.biuro_zus_scheme = "preferencyjny"
            self.assertEqual(to_date(form.biuro_profile_date_from), date(2026, 4, 1))
            form.biuro_tax_form = "skala"
            self.assertEqual(to_date(form.biuro_profile_date_from), date(2027, 1, 1))
        latest = self.jdg.biuro_tax_profile_ids.sorted("date_from")[-1]
        self.assertEqual(latest.date_from, date(2027, 1, 1))
        self.assertEqual(
            (latest.tax_form, latest.zus_scheme), ("skala", "preferencyjny")
        )

    def test_tax_form_change_keeps_the_return_of_the_past_year(self):
        with freeze_time("2026-12-08"):
            # in December the office records the tax scale for 2027
            self.jdg.write(
                {
                    "biuro_tax_form": "skala",
                    "biuro_declaration_ids": declarations(
                        self.env, "JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36"
                    ),
                }
            )
            self.Obligation._cron_generate()
        annual = self.mine().filtered(
            lambda o: o.code in ("PIT36", "PIT36L") and o.period_start.year >= 2026
        )
        self.assertEqual(
            [(o.code, o.period_start) for o in annual],
            [("PIT36L", date(2026, 1, 1))],
            "the 2026 return follows the 2026 form: PIT-36L",
        )

    def test_profile_change_never_rewrites_done_filed_or_past(self):
        with freeze_time("2026-02-10"):
            self.Obligation._cron_generate()
        jan_vat = self.mine("JPK_V7M").filtered(lambda o: o.period_start.month == 1)
        feb_vat = self.mine("JPK_V7M").filtered(lambda o: o.period_start.month == 2)
        feb_adv = self.mine("PIT_ADV").filtered(lambda o: o.period_start.month == 2)
        mar_vat = self.mine("JPK_V7M").filtered(lambda o: o.period_start.month == 3)
        self.assertTrue(jan_vat and feb_vat and feb_adv and mar_vat)
        feb_vat.write(
            {"state": "filed", "reference": "UPO-1", "filed_date": "2026-03-09"}
        )
        feb_adv.action_done()
        with freeze_time("2026-03-10"):
            self.Obligation._cron_deadlines()  # January's JPK (25 Feb) is late
            self.assertEqual(jan_vat.state, "late")
            before = {
                o: (o.code, o.part, o.due_date, o.state)
                for o in jan_vat | feb_vat | feb_adv
            }
            # the office learns the client settles VAT quarterly since January
            self.jdg.write(
                {
                    "biuro_vat_period": "quarterly",
                    "biuro_profile_date_from": "2026-01-01",
                    "biuro_declaration_ids": declarations(
                        self.env, "JPK_V7K", "ZUS_DRA", "PIT_ADV", "PIT36L"
                    ),
                }
            )
        for obligation, values in before.items():
            self.assertTrue(obligation.exists())
            self.assertEqual(
                (
                    obligation.code,
                    obligation.part,
                    obligation.due_date,
                    obligation.state,
                ),
                values,
            )
        self.assertFalse(mar_vat.exists(), "untouched and not yet due: regenerated")
        march = self.mine("JPK_V7K").filtered(lambda o: o.period_start.month == 3)
        self.assertEqual(march.part, "records_and_declaration")
        self.assertEqual(march.due_date, date(2026, 4, 27))  # 25 April is a Saturday
        note = self.jdg.message_ids[0]
        self.assertIn("The tax profile change updated the obligations", note.body)
        self.assertIn("JPK_V7M", note.body)
        self.assertIn("JPK_V7K records and return for 03/2026", note.body)

    def test_a_row_edited_on_its_own_updates_the_client(self):
        with freeze_time("2026-03-10"):
            self.jdg.biuro_employer = True
            row = self.jdg.biuro_tax_profile_ids.sorted("date_from")[-1]
            row.employer = False
        self.assertFalse(self.jdg.biuro_employer)


@tagged("post_install", "-at_install")
class TestProfileReachesTheEngine(BiuroCase):
    """Each engine input, set through the client's form, reaches the dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Obligation = cls.env["biuro.obligation"]
        cls.spzoo = cls.make_client(
            name="Rok Podatkowy sp. z o.o.",
            vat=NIP_B,
            biuro_state="active",
            biuro_legal_form="spzoo",
            biuro_books_type="full",
            biuro_tax_form="cit",
            biuro_vat_status="czynny",
            biuro_zus_scheme="none",
            biuro_employer=True,
        )
        cls.jdg = cls.make_client(
            name="Kwartalny Jan Kowalski",
            vat=NIP_A,
            biuro_state="active",
            biuro_legal_form="jdg",
            biuro_books_type="kpir",
            biuro_tax_form="skala",
            biuro_vat_status="czynny",
            biuro_zus_scheme="duzy",
        )

    def edit(self, client, **values):
        """Set `values` on the client's form (as the manager) from the start of
        the history, so they hold for every period, and save."""
        with Form(client.with_user(self.manager)) as form:
            for name, value in values.items():
                setattr(form, name, value)
            form.biuro_profile_date_from = SUPPORTED_FROM
        client.invalidate_recordset()

    def due(self, client, code, **match):
        found = self.Obligation.search(
            [("partner_id", "=", client.id), ("code", "=", code)]
        ).filtered(lambda o: all(o[k] == v for k, v in match.items()))
        return sorted(found.mapped("due_date"))

    @freeze_time("2026-12-08")
    def test_tax_year_end_month(self):
        self.edit(self.spzoo, biuro_tax_year_end_month="9")
        # the year October 2025 – September 2026: CIT-8 by 31 December 2026
        self.assertEqual(
            self.due(self.spzoo, "CIT8", period_end=date(2026, 9, 30)),
            [date(2026, 12, 31)],
        )

    @freeze_time("2026-12-08")
    def test_quarterly_advances(self):
        self.edit(self.jdg, biuro_quarterly_advances=True)
        self.assertEqual(
            self.due(self.jdg, "PIT_ADV"), [date(2027, 1, 20)], "Q4 2026 by 20 January"
        )

    @freeze_time("2026-10-01")
    def test_transfer_pricing_duty(self):
        self.edit(self.spzoo, biuro_related_party_transactions=True)
        self.assertIn("TPR", self.spzoo.biuro_declaration_ids.mapped("code"))
        year_2025 = {"period_end": date(2025, 12, 31)}
        self.assertEqual(self.due(self.spzoo, "TPR", **year_2025), [date(2026, 11, 30)])
        # end of October 2026 is a Saturday
        self.assertEqual(
            self.due(self.spzoo, "TP_LOCAL_FILE", **year_2025), [date(2026, 11, 2)]
        )

    @freeze_time("2026-12-01")
    def test_zus_due_day_of_a_budget_unit(self):
        self.edit(self.spzoo, biuro_zus_due_day="5")
        # November 2026: 5 December is a Saturday
        self.assertEqual(
            self.due(self.spzoo, "ZUS_DRA", period_start=date(2026, 11, 1)),
            [date(2026, 12, 7)],
        )

    @freeze_time("2026-12-08")
    def test_estonian_cit(self):
        self.edit(self.spzoo, biuro_tax_form="cit_estonski")
        codes = self.spzoo.biuro_declaration_ids.mapped("code")
        self.assertIn("CIT8E", codes)
        self.assertNotIn("CIT_ADV", codes)
        self.assertEqual(self.due(self.spzoo, "CIT8E"), [date(2027, 3, 31)])

    @freeze_time("2026-12-08")
    def test_every_new_key_reaches_the_dates(self):
        """Each input added for issue 12, set on the form, gives its obligation
        (frozen on 8 December 2026, generated until 8 March 2027)."""
        cases = [
            # (client, form values, code, period start, expected due dates)
            (
                "spzoo",
                {"biuro_zus_payer_kind": "budget_unit"},
                "ZUS_DRA",
                date(2026, 12, 1),
                [date(2027, 1, 5)],
            ),
            (
                "jdg",
                {"biuro_zus_scheme": "none"},
                "ZUS_HEALTH",
                date(2026, 12, 1),
                [date(2027, 1, 20)],
            ),
            (
                "jdg",
                {"biuro_vat_status": "zwolniony", "biuro_imports_services": True},
                "VAT9M",
                date(2026, 12, 1),
                [date(2027, 1, 25)],
            ),
            (
                "spzoo",
                {"biuro_ppk": True},
                "PPK_PAY",
                date(2026, 12, 1),
                [date(2027, 1, 15)],
            ),
            (
                "spzoo",
                {"biuro_withholding_tax_payer": True},
                "WHT_PAY",
                date(2027, 1, 1),
                [date(2027, 2, 8)],
            ),
            (
                "spzoo",
                {"biuro_pfron": True},
                "PFRON_DEK",
                date(2026, 12, 1),
                [date(2027, 1, 20)],
            ),
            (
                "spzoo",
                {"biuro_vat_ue": True, "biuro_vat_ue_mode": "when_reported"},
                "VAT_UE_CONFIRM",
                date(2026, 12, 1),
                [date(2027, 1, 15)],
            ),
            (
                "spzoo",
                {"biuro_zus_iwa": True},
                "ZUS_IWA",
                date(2026, 1, 1),
                # 31 January 2027 is a Sunday; IWA keeps the calendar date (an
                # information, not a contribution: Ordynacja art. 12 § 5 does not
                # clearly reach it)
                [date(2027, 1, 31)],
            ),
            (
                "spzoo",
                {"biuro_oss": True},
                "OSS",
                date(2026, 10, 1),
                [date(2027, 1, 31)],
            ),
            (
                "spzoo",
                {"biuro_ioss": True},
                "IOSS",
                date(2026, 12, 1),
                [date(2027, 1, 31)],
            ),
            (
                "spzoo",
                {"biuro_pit8c_payer": True},
                "PIT8C",
                date(2026, 1, 1),
                [date(2027, 3, 1)],
            ),
            (
                "spzoo",
                {"biuro_pit_non_resident_payer": True},
                "IFT1R",
                date(2026, 1, 1),
                [date(2027, 2, 1), date(2027, 3, 1)],
            ),
            (
                "spzoo",
                {"biuro_flat_rate_tax_payer": True},
                "PIT8A_PAY",
                date(2026, 12, 1),
                [date(2027, 1, 20)],
            ),
            (
                "spzoo",
                {"biuro_large_taxpayer": True},
                "TAX_STRATEGY",
                date(2025, 1, 1),
                [date(2026, 12, 31)],
            ),
        ]
        clients = {"spzoo": self.spzoo, "jdg": self.jdg}
        for client_key, values, code, period_start, expected in cases:
            with self.subTest(code=code), self.env.cr.savepoint() as savepoint:
                client = clients[client_key]
                self.edit(client, **values)
                self.assertIn(code, client.biuro_declaration_ids.mapped("code"))
                self.assertEqual(
                    self.due(client, code, period_start=period_start), expected
                )
                savepoint.rollback()
                self.env.invalidate_all()

    @freeze_time("2026-12-08")
    def test_keys_that_remove_or_move_an_obligation(self):
        self.edit(self.spzoo, biuro_cit_income_exempt=True)
        self.assertFalse(
            self.due(self.spzoo, "CIT_ADV"), "no advances on exempt income"
        )
        self.assertTrue(self.due(self.spzoo, "CIT8"))
        self.edit(self.jdg, biuro_jpk_books_exempt=True)
        self.assertNotIn("JPK_PIT", self.jdg.biuro_declaration_ids.mapped("code"))
        self.edit(self.jdg, biuro_small_taxpayer=True, biuro_vat_period="quarterly")
        [version] = self.jdg._biuro_profile_versions()
        self.assertTrue(version.profile.small_taxpayer)
        self.assertIn("JPK_V7K", version.codes)

    def test_ngo_in_the_register_of_entrepreneurs_files_with_the_krs(self):
        fundacja = self.make_client(
            name="Fundacja Rejestrowa",
            vat="1132853869",
            biuro_state="active",
            biuro_legal_form="fundacja",
            biuro_books_type="full",
            biuro_tax_form="cit",
            biuro_declaration_ids=declarations(self.env, "SF", "CIT8"),
        )
        with freeze_time("2026-06-01"):
            fundacja.action_biuro_generate_obligations()
            self.assertEqual(
                self.due(fundacja, "SF", part="file", period_start=date(2025, 1, 1)),
                [date(2026, 7, 10)],
                "Szef KAS",
            )
            self.edit(fundacja, biuro_ngo_in_entrepreneurs_register=True)
            self.assertEqual(
                self.due(fundacja, "SF", part="file", period_start=date(2025, 1, 1)),
                [date(2026, 7, 15)],
                "KRS",
            )

    def test_the_form_shows_every_engine_input(self):
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        row_arch = self.env["biuro.tax.profile"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        for key in PROFILE_KEYS:
            with self.subTest(key=key):
                self.assertIn(f'name="{partner_field(key)}"', arch)
                self.assertIn(f'name="{key}"', row_arch)


@tagged("post_install", "-at_install")
class TestLifecycle(BiuroCase):
    """Nothing is generated for a period the client was not active in, and
    impossible lifecycles are refused in words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jdg = cls.make_client(
            name="Cykl Życia Ewa Lis",
            biuro_state="active",
            biuro_legal_form="jdg",
            biuro_books_type="kpir",
            biuro_tax_form="skala",
            biuro_vat_status="czynny",
            biuro_zus_scheme="duzy",
            biuro_declaration_ids=declarations(
                cls.env, "JPK_V7M", "ZUS_DRA", "PIT_ADV"
            ),
        )

    def months(self, code):
        return sorted(
            self.env["biuro.obligation"]
            .search([("partner_id", "=", self.jdg.id), ("code", "=", code)])
            .mapped("period_start")
        )

    @freeze_time("2026-12-08")
    def test_suspension_and_activity_start(self):
        self.env["biuro.obligation"].search([("partner_id", "=", self.jdg.id)]).unlink()
        form = Form(self.jdg.with_user(self.manager))
        with form.biuro_suspension_ids.new() as suspension:
            suspension.date_start = date(2026, 11, 1)
            suspension.date_end = date(2027, 1, 31)
        form.save()
        self.assertEqual(self.months("JPK_V7M"), [date(2027, 2, 1)])
        self.assertEqual(self.months("ZUS_DRA"), [date(2027, 2, 1)])

    @freeze_time("2026-12-08")
    def test_vat_registration_from_a_date(self):
        self.env["biuro.obligation"].search([("partner_id", "=", self.jdg.id)]).unlink()
        self.jdg.biuro_vat_registered_from = date(2027, 1, 15)
        self.assertEqual(self.months("JPK_V7M"), [date(2027, 1, 1), date(2027, 2, 1)])
        self.assertIn(date(2026, 12, 1), self.months("ZUS_DRA"))

    def test_impossible_lifecycles_are_refused(self):
        cases = [
            (
                {
                    "biuro_activity_start": "2026-05-01",
                    "biuro_activity_end": "2026-04-30",
                },
                "cannot end before it starts",
            ),
            (
                {
                    "biuro_vat_registered_from": "2026-05-01",
                    "biuro_vat_deregistered_on": "2026-04-01",
                },
                "deregistration cannot precede",
            ),
            ({"biuro_first_tax_year_end": "2027-12-31"}, "needs the activity start"),
            (
                {
                    "biuro_activity_start": "2026-07-01",
                    "biuro_first_tax_year_end": "2027-12-15",
                },
                "last day of a month",
            ),
            (
                {
                    "biuro_activity_start": "2026-03-01",
                    "biuro_first_tax_year_end": "2027-12-31",
                },
                "up to 23",
            ),
        ]
        for values, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesMsg(ValidationError, message),
            ):
                self.jdg.write(values)
        self.jdg.write(
            {
                "biuro_activity_start": "2026-07-01",
                "biuro_first_tax_year_end": "2027-12-31",
            }
        )


@tagged("post_install", "-at_install")
class TestProfileWarnings(BiuroCase):
    def test_every_engine_warning_has_its_words(self):
        from ..models.res_partner_profile_warnings import WARNINGS
        from ..obligation_rules.checks import MESSAGES

        self.assertEqual(set(MESSAGES), set(WARNINGS))

    @freeze_time("2026-03-10")
    def test_the_form_warns_of_what_the_law_does_not_allow(self):
        client = self.make_client(
            biuro_legal_form="jdg",
            biuro_tax_form="skala",
            biuro_vat_status="czynny",
            biuro_vat_period="monthly",
        )
        with Form(client.with_user(self.manager)) as form:
            form.biuro_vat_period = "quarterly"
            self.assertIn("small taxpayer", form.biuro_profile_warnings)
            form.biuro_small_taxpayer = True
            self.assertFalse(form.biuro_profile_warnings)
            form.biuro_profile_date_from = date(2026, 5, 1)
        self.assertIn("2026", client.biuro_profile_warnings)
        self.assertIn("first day of a quarter", client.biuro_profile_warnings)
