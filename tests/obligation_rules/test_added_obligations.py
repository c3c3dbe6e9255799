"""The obligations added for issue 12, one table row per date, worked out by hand.

Each row: statutory date (from the article named in the rule), its weekday
(checked with date.strftime("%a") while writing) and the shift if any (Ordynacja
podatkowa art. 12 § 5). Rules marked "not shifted" keep the calendar date on
purpose (see catalogue.py: OSS/IOSS under EU law, PPK outside tax law, KSeF dates).
"""

import pathlib
from datetime import date

import pytest
from obligation_rules import (
    ClientProfile,
    Period,
    applies,
    due_date,
    not_applicable_reason,
    required_declaration_codes,
)
from obligation_rules.catalogue import ADDED_CODES, RULES

M = Period.month
Q = Period.quarter
Y = Period.year
D = date

EXEMPT_WNT = ClientProfile(
    legal_form="jdg",
    tax_form="ryczalt",
    vat_status="zwolniony",
    intra_eu_acquisitions=True,
)
EXEMPT_SERVICES = ClientProfile(
    legal_form="jdg", tax_form="ryczalt", vat_status="zwolniony", imports_services=True
)
EU_ON_REPORT = ClientProfile(
    legal_form="jdg", vat_status="czynny", vat_ue=True, vat_ue_mode="when_reported"
)
OSS = ClientProfile(legal_form="spzoo", vat_status="czynny", oss=True, ioss=True)
V7K = ClientProfile(
    legal_form="jdg",
    tax_form="liniowy",
    vat_status="czynny",
    vat_period="quarterly",
    books_type="kpir",
)
V7M_JDG = ClientProfile(
    legal_form="jdg",
    tax_form="skala",
    vat_status="czynny",
    vat_period="monthly",
    books_type="kpir",
)
KARTA = ClientProfile(legal_form="jdg", tax_form="karta", zus_scheme="duzy")
SPZOO = ClientProfile(
    legal_form="spzoo",
    books_type="full",
    tax_form="cit",
    vat_status="czynny",
    vat_period="monthly",
)
SPZOO_V7K = ClientProfile(
    legal_form="spzoo",
    books_type="full",
    tax_form="cit",
    vat_status="czynny",
    vat_period="quarterly",
)
SPZOO_SEP = ClientProfile(
    legal_form="spzoo", books_type="full", tax_form="cit", tax_year_end_month=9
)
LARGE = ClientProfile(
    legal_form="sa", books_type="full", tax_form="cit", large_taxpayer=True
)
LARGE_MAR = ClientProfile(
    legal_form="sa",
    books_type="full",
    tax_form="cit",
    large_taxpayer=True,
    tax_year_end_month=3,
)
FR = ClientProfile(legal_form="fundacja_rodzinna", books_type="full")
PAYER = ClientProfile(
    legal_form="spzoo",
    tax_form="cit",
    employer=True,
    withholding_tax_payer=True,
    pit_non_resident_payer=True,
    pit8c_payer=True,
    flat_rate_tax_payer=True,
    ppk=True,
    pfron=True,
    zus_iwa=True,
)
HEALTH_ONLY = ClientProfile(legal_form="jdg", tax_form="skala", zus_scheme="none")
KSEF = ClientProfile(
    legal_form="spzoo",
    ksef_start=D(2026, 4, 1),
    ksef_exemption_end=D(2026, 12, 31),
    ksef_token_expiry=D(2026, 12, 31),
    ksef_certificate_expiry=D(2027, 3, 13),
)
NGO = ClientProfile(legal_form="fundacja", books_type="full")
NGO_BUSINESS = ClientProfile(
    legal_form="fundacja", books_type="full", ngo_in_entrepreneurs_register=True
)

ROWS = [
    # VAT-8 (art. 99 ust. 8): 25th of the next month
    ("VAT8", EXEMPT_WNT, M(2026, 1), None, D(2026, 2, 25)),  # Wed
    # 25 Dec 2026 Fri holiday, 26 holiday, 27 Sun -> Mon 28 Dec
    ("VAT8", EXEMPT_WNT, M(2026, 11), None, D(2026, 12, 28)),
    # VAT-9M (art. 99 ust. 9): 25 Apr 2026 Sat -> Mon 27 Apr
    ("VAT9M", EXEMPT_SERVICES, M(2026, 3), None, D(2026, 4, 27)),
    # Confirmation task on the 15th: 15 Feb 2026 Sun -> Mon 16 Feb
    ("VAT_UE_CONFIRM", EU_ON_REPORT, M(2026, 1), None, D(2026, 2, 16)),
    # OSS (art. 130c): end of the month after the quarter, NOT shifted
    ("OSS", OSS, Q(2026, 1), None, D(2026, 4, 30)),  # Thu
    ("OSS", OSS, Q(2025, 4), None, D(2026, 1, 31)),  # Sat, stays
    ("OSS", OSS, Q(2026, 3), None, D(2026, 10, 31)),  # Sat, stays
    # IOSS: end of the next month, NOT shifted: 31 May 2026 is a Sunday
    ("IOSS", OSS, M(2026, 4), None, D(2026, 5, 31)),
    # VAT-R for quarterly filing: 25th of the quarter's 2nd month
    ("VAT_PERIOD_SWITCH", V7K, Q(2026, 1), None, D(2026, 2, 25)),  # Wed
    ("VAT_PERIOD_SWITCH", V7K, Q(2027, 1), None, D(2027, 2, 25)),  # Thu
    # Karta (lump-sum act art. 38 ust. 1): 20th of the next month
    ("KARTA_PAY", KARTA, M(2026, 1), None, D(2026, 2, 20)),  # Fri
    ("KARTA_PAY", KARTA, M(2026, 5), None, D(2026, 6, 22)),  # 20 Jun Sat -> Mon
    # December by 28 December of the same year: 2026 Mon; 2025 Sun -> Mon 29
    ("KARTA_PAY", KARTA, M(2026, 12), "december", D(2026, 12, 28)),
    ("KARTA_PAY", KARTA, M(2025, 12), "december", D(2025, 12, 29)),
    # Tax-form election by 20 February of the year: 2026 Fri; 2027 Sat -> Mon 22
    ("TAX_FORM_ELECTION", V7M_JDG, Y(2026), None, D(2026, 2, 20)),
    ("TAX_FORM_ELECTION", V7M_JDG, Y(2027), None, D(2027, 2, 22)),
    # ZAW-RD: end of the tax year's 1st month: 31 Jan 2027 Sun -> Mon 1 Feb
    ("ESTONIAN_ENTRY", SPZOO, Y(2027), None, D(2027, 2, 1)),
    # year Oct 2026 - Sep 2027: 31 Oct 2026 Sat, 1 Nov Sun holiday -> Mon 2 Nov
    ("ESTONIAN_ENTRY", SPZOO_SEP, Y(2027, 9), None, D(2026, 11, 2)),
    # Family foundation's tax on benefits: 20 Jul 2026 Mon
    ("FR_BENEFIT_TAX", FR, M(2026, 6), None, D(2026, 7, 20)),
    # WHT (CIT act art. 26 ust. 3): 7th; 7 Feb 2026 Sat -> Mon 9 Feb
    ("WHT_PAY", PAYER, M(2026, 1), None, D(2026, 2, 9)),
    ("WHT_PAY", PAYER, M(2026, 3), None, D(2026, 4, 7)),  # Tue after Easter Mon
    ("WHT_PAY", PAYER, M(2026, 12), None, D(2027, 1, 7)),  # Thu
    # CIT-10Z / IFT-2R: end of the 3rd month: 31 Mar 2027 Wed
    ("CIT10Z", PAYER, Y(2026), None, D(2027, 3, 31)),
    ("IFT2R", PAYER, Y(2026), None, D(2027, 3, 31)),
    # IFT-1R: 31 Jan 2027 Sun -> Mon 1 Feb; 28 Feb 2027 Sun -> Mon 1 Mar
    ("IFT1R", PAYER, Y(2026), "tax_office", D(2027, 2, 1)),
    ("IFT1R", PAYER, Y(2026), "taxpayer", D(2027, 3, 1)),
    # PIT-8C: end of February: 28 Feb 2027 Sun -> Mon 1 Mar
    ("PIT8C", PAYER, Y(2026), None, D(2027, 3, 1)),
    # PIT-8AR monthly payment: 20 May 2026 Wed; the annual return 1 Feb 2027
    ("PIT8A_PAY", PAYER, M(2026, 4), None, D(2026, 5, 20)),
    ("PIT8AR", PAYER, Y(2026), None, D(2027, 2, 1)),  # 31 Jan Sun -> Mon
    # Tax strategy: end of the 12th month: 31 Dec 2026 Thu
    ("TAX_STRATEGY", LARGE, Y(2025), None, D(2026, 12, 31)),
    # JPK_CIT: large taxpayer, 2025 (first phase): end of the 7th month, Fri
    ("JPK_CIT", LARGE, Y(2025), None, D(2026, 7, 31)),
    # year Apr 2025 - Mar 2026 ends before 1 Apr 2026: 7 months -> 31 Oct 2026
    # Sat, 1 Nov Sun holiday -> Mon 2 Nov
    ("JPK_CIT", LARGE_MAR, Y(2026, 3), None, D(2026, 11, 2)),
    # monthly V7M filer, 2026: with the CIT-8, 31 Mar 2027 Wed
    ("JPK_CIT", SPZOO, Y(2026), None, D(2027, 3, 31)),
    ("JPK_CIT", SPZOO, Y(2025), None, None),  # not yet in its phase
    ("JPK_CIT", SPZOO_V7K, Y(2026), None, None),  # quarterly: from 2027
    ("JPK_CIT", SPZOO_V7K, Y(2027), None, D(2028, 3, 31)),  # Fri
    # JPK_PIT with the return, 30 April: 2026 for V7M (Fri 30 Apr 2027)
    ("JPK_PIT", V7M_JDG, Y(2026), None, D(2027, 4, 30)),
    ("JPK_PIT", V7K, Y(2026), None, None),
    # 30 Apr 2028 Sun, 1 May holiday -> Tue 2 May 2028
    ("JPK_PIT", V7K, Y(2027), None, D(2028, 5, 2)),
    # Health contribution only, 20th: 20 Mar 2026 Fri; 20 Jun Sat -> Mon 22 Jun
    ("ZUS_HEALTH", HEALTH_ONLY, M(2026, 2), None, D(2026, 3, 20)),
    ("ZUS_HEALTH", HEALTH_ONLY, M(2026, 5), None, D(2026, 6, 22)),
    # Annual reconciliation in the April DRA, 20 May: 2026 Wed; 2028 Sat -> Mon 22
    ("HEALTH_ANNUAL", HEALTH_ONLY, Y(2025), None, D(2026, 5, 20)),
    ("HEALTH_ANNUAL", HEALTH_ONLY, Y(2027), None, D(2028, 5, 22)),
    # ZUS IWA by 31 January: 2027 Sun -> Mon 1 Feb
    ("ZUS_IWA", PAYER, Y(2026), None, D(2027, 2, 1)),
    # PPK by the 15th, NOT shifted: 15 Aug 2026 is a Saturday and a holiday
    ("PPK_PAY", PAYER, M(2026, 7), None, D(2026, 8, 15)),
    # PPK re-enrolment by the end of February 2027 (Sunday, not shifted); none 2026
    ("PPK_REENROL", PAYER, Y(2027), None, D(2027, 2, 28)),
    ("PPK_REENROL", PAYER, Y(2026), None, None),
    # PFRON monthly 20th: 20 Jun 2026 Sat -> Mon 22 Jun; DEK-R 20 Jan 2027 Wed
    ("PFRON_DEK", PAYER, M(2026, 5), None, D(2026, 6, 22)),
    ("PFRON_DEKR", PAYER, Y(2026), None, D(2027, 1, 20)),
    # KSeF: the client's own dates, NOT shifted
    ("KSEF_START", KSEF, M(2026, 4), None, D(2026, 4, 1)),  # Wed
    ("KSEF_START", KSEF, M(2026, 5), None, None),
    ("KSEF_EXEMPTION_END", KSEF, M(2026, 12), None, D(2026, 12, 31)),  # Thu
    ("KSEF_TOKEN_EXPIRY", KSEF, M(2026, 12), None, D(2026, 12, 31)),
    ("KSEF_CERT_EXPIRY", KSEF, M(2027, 3), None, D(2027, 3, 13)),  # Sat, stays
    # SF of a foundation outside the register of entrepreneurs: approval 30 Jun
    # 2027 + 10 days = 10 Jul (Sat, not shifted, see catalogue); with the
    # register: KRS, + 15 days = 15 Jul (Thu)
    ("SF", NGO, Y(2026), "file", D(2027, 7, 10)),
    ("SF", NGO_BUSINESS, Y(2026), "file", D(2027, 7, 15)),
]


@pytest.mark.parametrize("code,profile,period,part,expected", ROWS)
def test_added_due_dates(code, profile, period, part, expected):
    assert due_date(code, period, profile, part) == expected


def test_every_added_code_has_a_row_and_a_legal_basis():
    assert {row[0] for row in ROWS} >= set(ADDED_CODES)
    for code in RULES:
        assert RULES[code].legal_basis, code


@pytest.mark.parametrize(
    "code,profile",
    [
        ("VAT8", SPZOO),  # VAT czynny: in the JPK_V7
        ("VAT9M", EXEMPT_WNT),  # WNT too: VAT-8 covers both
        ("VAT_UE_CONFIRM", ClientProfile(vat_status="czynny", vat_ue=True)),
        ("KARTA_PAY", V7M_JDG),
        ("TAX_FORM_ELECTION", KARTA),
        ("TAX_FORM_ELECTION", SPZOO),
        ("ESTONIAN_ENTRY", ClientProfile(legal_form="spzoo", tax_form="cit_estonski")),
        (
            "ZUS_HEALTH",
            V7M_JDG.__class__(legal_form="jdg", tax_form="skala", zus_scheme="duzy"),
        ),  # in the DRA
        (
            "ZUS_HEALTH",
            ClientProfile(
                legal_form="jdg", tax_form="skala", health_contribution=False
            ),
        ),
        ("HEALTH_ANNUAL", KARTA),
        ("CIT_ADV", FR),
        ("CIT_ADV", ClientProfile(legal_form="stowarzyszenie", cit_income_exempt=True)),
        ("JPK_CIT", ClientProfile(legal_form="spzoo", jpk_books_exempt=True)),
        ("KSEF_START", SPZOO),
        ("PPK_PAY", SPZOO),
    ],
)
def test_added_codes_do_not_apply(code, profile):
    assert not applies(code, profile)
    assert not_applicable_reason(code, profile)


def test_health_only_jdg_gets_the_health_dra():
    # Review §3 ZUS_DRA ❌: zus_scheme "none" still owes the health contribution.
    codes = required_declaration_codes(HEALTH_ONLY)
    assert "ZUS_HEALTH" in codes and "ZUS_DRA" not in codes
    assert "HEALTH_ANNUAL" in codes


def test_eu_returns_on_report_are_not_scheduled_but_still_dated():
    rule = RULES["VAT_UE"]
    assert not rule.scheduled(EU_ON_REPORT)
    # confirmed for a month: the Odoo side dates it with the usual call
    assert due_date("VAT_UE", M(2026, 3), EU_ON_REPORT) == D(2026, 4, 27)
    assert "VAT_UE_CONFIRM" in required_declaration_codes(EU_ON_REPORT)


def test_pit8ar_is_proposed_for_a_flat_rate_payer_only():
    assert "PIT8AR" in required_declaration_codes(PAYER)
    assert "PIT8AR" not in required_declaration_codes(SPZOO)


def test_jpk_books_start_can_be_overridden():
    early = ClientProfile(
        legal_form="spzoo", tax_form="cit", jpk_books_from=D(2026, 1, 1)
    )
    assert due_date("JPK_CIT", Y(2026), early) == D(2027, 3, 31)


def test_ksef_reminders():
    for code in (
        "KSEF_START",
        "KSEF_EXEMPTION_END",
        "KSEF_TOKEN_EXPIRY",
        "KSEF_CERT_EXPIRY",
    ):
        assert RULES[code].remind_days == 30


def test_the_addon_readme_lists_every_code_with_its_basis():
    readme = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro" / "readme"
    text = (readme / "OBLIGATIONS.md").read_text(encoding="utf-8")
    for code, rule in RULES.items():
        line = next(
            (row for row in text.splitlines() if row.startswith(f"- ``{code}`` ")),
            None,
        )
        assert line, code
        assert f"Basis: {rule.legal_basis}." in line, code
