from dataclasses import fields as dataclass_fields
from datetime import date

from freezegun import freeze_time

from odoo.tests import Form, tagged

from ..models.tax_profile_keys import HOOK_KEYS, PROFILE_KEYS, partner_field
from ..obligation_rules import SUPPORTED_FROM, ClientProfile
from .common import NIP_A, NIP_B, BiuroCase
from .test_obligations import declarations


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
        self.assertEqual(rows.mapped("zus_scheme"), ["duzy", "preferencyjny", "preferencyjny"])
        self.assertEqual(rows.mapped("tax_form"), ["liniowy", "liniowy", "skala"])
        self.assertEqual(self.jdg.biuro_tax_form, "skala", "the form shows the latest")

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
        feb_vat.write({"state": "filed", "reference": "UPO-1", "filed_date": "2026-03-09"})
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
                (obligation.code, obligation.part, obligation.due_date, obligation.state),
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
