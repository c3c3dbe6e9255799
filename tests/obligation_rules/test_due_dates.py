"""Due dates 2025–2027, each worked out by hand from the statute.

Every row states the statutory date, its weekday (checked with Python's
date.weekday() while writing the table, not guessed) and, if it is not a working day,
why it moves (Ordynacja podatkowa art. 12 § 5: Saturday or a day statutorily free
from work -> next working day). SF dates are deliberately NOT shifted (see
catalogue.py).
"""

from datetime import date

import pytest
from obligation_rules import ClientProfile, Period, due_date

M = Period.month
Q = Period.quarter
Y = Period.year
D = date

# JDG on skala, monthly VAT with EU transactions, full ZUS, employs staff.
JDG = ClientProfile(
    legal_form="jdg",
    books_type="kpir",
    tax_form="skala",
    vat_status="czynny",
    vat_period="monthly",
    vat_ue=True,
    zus_scheme="duzy",
    employer=True,
)
# JDG on liniowy, quarterly VAT (mały podatnik) and quarterly advances.
JDG_Q = ClientProfile(
    legal_form="jdg",
    books_type="kpir",
    tax_form="liniowy",
    vat_status="czynny",
    vat_period="quarterly",
    zus_scheme="preferencyjny",
    quarterly_advances=True,
)
# Ryczałt, VAT-exempt (art. 113), Mały ZUS Plus.
RYCZALT = ClientProfile(
    legal_form="jdg",
    books_type="ryczalt",
    tax_form="ryczalt",
    vat_status="zwolniony",
    zus_scheme="maly_zus_plus",
)
RYCZALT_Q = ClientProfile(
    legal_form="jdg",
    books_type="ryczalt",
    tax_form="ryczalt",
    vat_status="zwolniony",
    zus_scheme="duzy",
    quarterly_advances=True,
)
# Sp. z o.o. on CIT, calendar tax year, employer, full books.
SPZOO = ClientProfile(
    legal_form="spzoo",
    books_type="full",
    tax_form="cit",
    vat_status="czynny",
    vat_period="monthly",
    zus_scheme="none",
    employer=True,
)
# The same company with a tax year ending in February / July / August / February.
SPZOO_FEB = ClientProfile(
    legal_form="spzoo", books_type="full", tax_form="cit", tax_year_end_month=2
)
SPZOO_JUL = ClientProfile(
    legal_form="spzoo", books_type="full", tax_form="cit", tax_year_end_month=7
)
SPZOO_AUG = ClientProfile(
    legal_form="spzoo", books_type="full", tax_form="cit", tax_year_end_month=8
)
ESTONIAN = ClientProfile(legal_form="spzoo", books_type="full", tax_form="cit_estonski")
SKA = ClientProfile(legal_form="ska", books_type="full", tax_form="cit", employer=True)
FUNDACJA = ClientProfile(legal_form="fundacja", books_type="full", employer=True)
SC = ClientProfile(legal_form="sc", tax_form="skala", employer=True)
BUDGET_UNIT = ClientProfile(legal_form="other", employer=True, zus_due_day=5)
JDG_FULL_BOOKS = ClientProfile(legal_form="jdg", books_type="full", tax_form="liniowy")

# (code, profile, period, part, expected due date)
CASES = [
    # --- JPK_V7M: 25th of the next month (VAT act art. 99 ust. 1) -------------------
    # 2025-02-25 is a Tuesday -> no shift
    ("JPK_V7M", JDG, M(2025, 1), None, D(2025, 2, 25)),
    # 2025-05-25 is a Sunday -> Monday 26 May
    ("JPK_V7M", JDG, M(2025, 4), None, D(2025, 5, 26)),
    # 2025-10-25 is a Saturday -> Monday 27 October
    ("JPK_V7M", JDG, M(2025, 9), None, D(2025, 10, 27)),
    # 2025-12-25 Thursday Christmas, 26 Fri 2nd day, 27 Sat, 28 Sun -> Monday 29 Dec
    ("JPK_V7M", JDG, M(2025, 11), None, D(2025, 12, 29)),
    # 2026-01-25 is a Sunday -> Monday 26 January
    ("JPK_V7M", JDG, M(2025, 12), None, D(2026, 1, 26)),
    # 2026-04-25 is a Saturday -> Monday 27 April
    ("JPK_V7M", JDG, M(2026, 3), None, D(2026, 4, 27)),
    # 2026-07-25 is a Saturday -> Monday 27 July
    ("JPK_V7M", JDG, M(2026, 6), None, D(2026, 7, 27)),
    # 2026-10-25 is a Sunday -> Monday 26 October
    ("JPK_V7M", JDG, M(2026, 9), None, D(2026, 10, 26)),
    # 2026-12-25 Friday Christmas, 26 Sat 2nd day, 27 Sun -> Monday 28 December
    ("JPK_V7M", JDG, M(2026, 11), None, D(2026, 12, 28)),
    # 2027-04-25 is a Sunday -> Monday 26 April
    ("JPK_V7M", JDG, M(2027, 3), None, D(2027, 4, 26)),
    # 2027-10-25 is a Monday -> no shift
    ("JPK_V7M", JDG, M(2027, 9), None, D(2027, 10, 25)),
    # 2027-12-25 Saturday Christmas, 26 Sunday 2nd day -> Monday 27 December
    ("JPK_V7M", JDG, M(2027, 11), None, D(2027, 12, 27)),
    # 2028-01-25 is a Tuesday -> no shift (December's return is due in January)
    ("JPK_V7M", JDG, M(2027, 12), None, D(2028, 1, 25)),
    # --- JPK_V7K: records monthly, return with month 3 (art. 99 ust. 2) ------------
    # 2025-02-25 is a Tuesday -> no shift (records only)
    ("JPK_V7K", JDG_Q, M(2025, 1), "records", D(2025, 2, 25)),
    # 2025-04-25 is a Friday -> no shift (March records + Q1 return)
    ("JPK_V7K", JDG_Q, M(2025, 3), "records_and_declaration", D(2025, 4, 25)),
    # the quarter itself as the period: same 2025-04-25, Friday
    ("JPK_V7K", JDG_Q, Q(2025, 1), "declaration", D(2025, 4, 25)),
    # 2025-07-25 is a Friday -> no shift
    ("JPK_V7K", JDG_Q, M(2025, 6), None, D(2025, 7, 25)),
    # 2026-01-25 is a Sunday -> Monday 26 January (Q4 2025 return)
    ("JPK_V7K", JDG_Q, Q(2025, 4), None, D(2026, 1, 26)),
    # 2026-03-25 is a Wednesday -> no shift (February records)
    ("JPK_V7K", JDG_Q, M(2026, 2), None, D(2026, 3, 25)),
    # 2026-10-25 is a Sunday -> Monday 26 October (Q3 2026 return)
    ("JPK_V7K", JDG_Q, Q(2026, 3), None, D(2026, 10, 26)),
    # 2027-07-25 is a Sunday -> Monday 26 July (Q2 2027 return)
    ("JPK_V7K", JDG_Q, Q(2027, 2), None, D(2027, 7, 26)),
    # --- VAT-UE: 25th of the next month (art. 100 ust. 3) ---------------------------
    # 2025-08-25 is a Monday -> no shift
    ("VAT_UE", JDG, M(2025, 7), None, D(2025, 8, 25)),
    # 2025-12-25 Thursday Christmas ... -> Monday 29 December
    ("VAT_UE", JDG, M(2025, 11), None, D(2025, 12, 29)),
    # 2027-05-25 is a Tuesday -> no shift
    ("VAT_UE", JDG, M(2027, 4), None, D(2027, 5, 25)),
    # --- ZUS DRA, 20th: no legal personality (SUS act art. 47 ust. 1) ---------------
    # 2025-04-20 Easter Sunday, 21 Easter Monday -> Tuesday 22 April
    ("ZUS_DRA", JDG, M(2025, 3), None, D(2025, 4, 22)),
    # 2025-07-20 is a Sunday -> Monday 21 July
    ("ZUS_DRA", JDG, M(2025, 6), None, D(2025, 7, 21)),
    # 2025-12-20 is a Saturday -> Monday 22 December
    ("ZUS_DRA", JDG, M(2025, 11), None, D(2025, 12, 22)),
    # 2026-02-20 is a Friday -> no shift
    ("ZUS_DRA", JDG, M(2026, 1), None, D(2026, 2, 20)),
    # 2026-09-20 is a Sunday -> Monday 21 September
    ("ZUS_DRA", JDG, M(2026, 8), None, D(2026, 9, 21)),
    # 2027-02-20 is a Saturday -> Monday 22 February
    ("ZUS_DRA", JDG, M(2027, 1), None, D(2027, 2, 22)),
    # 2027-11-20 is a Saturday -> Monday 22 November
    ("ZUS_DRA", JDG, M(2027, 10), None, D(2027, 11, 22)),
    # S.K.A. has no legal personality (KSH art. 8): 2026-06-20 Saturday -> Mon 22 June
    ("ZUS_DRA", SKA, M(2026, 5), None, D(2026, 6, 22)),
    # s.c.: 2026-04-20 is a Monday -> no shift
    ("ZUS_DRA", SC, M(2026, 3), None, D(2026, 4, 20)),
    # --- ZUS DRA, 15th: payers with legal personality -----------------------------
    # 2025-02-15 is a Saturday -> Monday 17 February
    ("ZUS_DRA", SPZOO, M(2025, 1), None, D(2025, 2, 17)),
    # 2025-05-15 is a Thursday -> no shift
    ("ZUS_DRA", SPZOO, M(2025, 4), None, D(2025, 5, 15)),
    # 2025-08-15 Friday Assumption, 16 Sat, 17 Sun -> Monday 18 August
    ("ZUS_DRA", SPZOO, M(2025, 7), None, D(2025, 8, 18)),
    # 2025-11-15 is a Saturday -> Monday 17 November
    ("ZUS_DRA", SPZOO, M(2025, 10), None, D(2025, 11, 17)),
    # 2026-08-15 Saturday (and Assumption), 16 Sun -> Monday 17 August
    ("ZUS_DRA", SPZOO, M(2026, 7), None, D(2026, 8, 17)),
    # 2027-05-15 is a Saturday -> Monday 17 May
    ("ZUS_DRA", SPZOO, M(2027, 4), None, D(2027, 5, 17)),
    # 2027-08-15 Sunday (and Assumption) -> Monday 16 August
    ("ZUS_DRA", SPZOO, M(2027, 7), None, D(2027, 8, 16)),
    # fundacja: 2026-03-15 is a Sunday -> Monday 16 March
    ("ZUS_DRA", FUNDACJA, M(2026, 2), None, D(2026, 3, 16)),
    # budget unit (override, 5th): 2026-02-05 is a Thursday -> no shift
    ("ZUS_DRA", BUDGET_UNIT, M(2026, 1), None, D(2026, 2, 5)),
    # --- PIT advances: 20th; December by 20 January (PIT act art. 44) -------------
    # 2025-02-20 is a Thursday -> no shift
    ("PIT_ADV", JDG, M(2025, 1), None, D(2025, 2, 20)),
    # 2025-09-20 is a Saturday -> Monday 22 September
    ("PIT_ADV", JDG, M(2025, 8), None, D(2025, 9, 22)),
    # December 2025: 2026-01-20 is a Tuesday -> no shift
    ("PIT_ADV", JDG, M(2025, 12), None, D(2026, 1, 20)),
    # December 2026: 2027-01-20 is a Wednesday -> no shift
    ("PIT_ADV", JDG, M(2026, 12), None, D(2027, 1, 20)),
    # 2027-03-20 is a Saturday -> Monday 22 March
    ("PIT_ADV", JDG, M(2027, 2), None, D(2027, 3, 22)),
    # quarterly Q1 2025: 2025-04-20 Easter Sunday, 21 Easter Monday -> Tue 22 April
    ("PIT_ADV", JDG_Q, Q(2025, 1), None, D(2025, 4, 22)),
    # quarterly Q2 2026: 2026-07-20 is a Monday -> no shift
    ("PIT_ADV", JDG_Q, Q(2026, 2), None, D(2026, 7, 20)),
    # quarterly Q4 2025: 2026-01-20 is a Tuesday -> no shift
    ("PIT_ADV", JDG_Q, Q(2025, 4), None, D(2026, 1, 20)),
    # quarterly Q1 2027: 2027-04-20 is a Tuesday -> no shift
    ("PIT_ADV", JDG_Q, Q(2027, 1), None, D(2027, 4, 20)),
    # --- ryczałt advances (lump-sum act art. 21 ust. 1, 1a) ------------------------
    # 2026-06-20 is a Saturday -> Monday 22 June
    ("RYCZALT_ADV", RYCZALT, M(2026, 5), None, D(2026, 6, 22)),
    # 2027-06-20 is a Sunday -> Monday 21 June
    ("RYCZALT_ADV", RYCZALT, M(2027, 5), None, D(2027, 6, 21)),
    # 2026-12-20 is a Sunday -> Monday 21 December
    ("RYCZALT_ADV", RYCZALT, M(2026, 11), None, D(2026, 12, 21)),
    # quarterly Q3 2026: 2026-10-20 is a Tuesday -> no shift
    ("RYCZALT_ADV", RYCZALT_Q, Q(2026, 3), None, D(2026, 10, 20)),
    # quarterly Q4 2026: 2027-01-20 is a Wednesday -> no shift
    ("RYCZALT_ADV", RYCZALT_Q, Q(2026, 4), None, D(2027, 1, 20)),
    # --- CIT advance and PIT withheld from wages: 20th ----------------------------
    # CIT act art. 25 ust. 1: 2025-07-20 is a Sunday -> Monday 21 July
    ("CIT_ADV", SPZOO, M(2025, 6), None, D(2025, 7, 21)),
    # PIT act art. 38 ust. 1: 2026-10-20 is a Tuesday -> no shift
    ("PIT4_ADV", SPZOO, M(2026, 9), None, D(2026, 10, 20)),
    # --- PIT-4R, PIT-8AR, PIT-11: end of January / February ------------------------
    # 2025-01-31 is a Friday -> no shift
    ("PIT4R", JDG, Y(2024), None, D(2025, 1, 31)),
    # 2026-01-31 is a Saturday -> Monday 2 February
    ("PIT4R", JDG, Y(2025), None, D(2026, 2, 2)),
    # 2027-01-31 is a Sunday -> Monday 1 February
    ("PIT4R", SPZOO, Y(2026), None, D(2027, 2, 1)),
    # 2027-01-31 is a Sunday -> Monday 1 February
    ("PIT8AR", SPZOO, Y(2026), None, D(2027, 2, 1)),
    # to the tax office: 2025-01-31 is a Friday -> no shift
    ("PIT11", JDG, Y(2024), "tax_office", D(2025, 1, 31)),
    # to the employee: 2025-02-28 is a Friday -> no shift
    ("PIT11", JDG, Y(2024), "employee", D(2025, 2, 28)),
    # to the tax office: 2026-01-31 is a Saturday -> Monday 2 February
    ("PIT11", JDG, Y(2025), None, D(2026, 2, 2)),
    # to the employee: 2026-02-28 is a Saturday -> Monday 2 March
    ("PIT11", JDG, Y(2025), "employee", D(2026, 3, 2)),
    # to the employee: 2027-02-28 is a Sunday -> Monday 1 March
    ("PIT11", SPZOO, Y(2026), "employee", D(2027, 3, 1)),
    # --- annual PIT returns: 30 April (PIT act art. 45 ust. 1) ---------------------
    # 2025-04-30 is a Wednesday -> no shift
    ("PIT36", JDG, Y(2024), None, D(2025, 4, 30)),
    # 2026-04-30 is a Thursday -> no shift
    ("PIT36", JDG, Y(2025), None, D(2026, 4, 30)),
    # 2028-04-30 Sunday, 1 May Monday holiday -> Tuesday 2 May
    ("PIT36", JDG, Y(2027), None, D(2028, 5, 2)),
    # 2026-04-30 is a Thursday -> no shift
    ("PIT36L", JDG_Q, Y(2025), None, D(2026, 4, 30)),
    # 2027-04-30 is a Friday -> no shift (the 1–3 May weekend comes after it)
    ("PIT28", RYCZALT, Y(2026), None, D(2027, 4, 30)),
    # 2028-04-30 Sunday, 1 May Monday holiday -> Tuesday 2 May
    ("PIT28", RYCZALT, Y(2027), None, D(2028, 5, 2)),
    # --- CIT-8 / CIT-8E: end of the 3rd month (CIT act art. 27 ust. 1, 28r) -------
    # 2025-03-31 is a Monday -> no shift
    ("CIT8", SPZOO, Y(2024), None, D(2025, 3, 31)),
    # 2026-03-31 is a Tuesday -> no shift
    ("CIT8", SPZOO, Y(2025), None, D(2026, 3, 31)),
    # 2027-03-31 is a Wednesday -> no shift
    ("CIT8", SPZOO, Y(2026), None, D(2027, 3, 31)),
    # tax year Mar 2024–Feb 2025: 2025-05-31 is a Saturday -> Monday 2 June
    ("CIT8", SPZOO_FEB, Y(2025, 2), None, D(2025, 6, 2)),
    # tax year Mar 2025–Feb 2026: 2026-05-31 is a Sunday -> Monday 1 June
    ("CIT8", SPZOO_FEB, Y(2026, 2), None, D(2026, 6, 1)),
    # tax year Sep 2024–Aug 2025: 2025-11-30 is a Sunday -> Monday 1 December
    ("CIT8", SPZOO_AUG, Y(2025, 8), None, D(2025, 12, 1)),
    # tax year Aug 2026–Jul 2027: 2027-10-31 Sunday, 1 Nov Monday All Saints
    # -> Tuesday 2 November
    ("CIT8", SPZOO_JUL, Y(2027, 7), None, D(2027, 11, 2)),
    # 2026-03-31 is a Tuesday -> no shift
    ("CIT8E", ESTONIAN, Y(2025), None, D(2026, 3, 31)),
    # --- transfer pricing: local file 10th month, TPR 11th month ------------------
    # 2025-10-31 is a Friday -> no shift
    ("TP_LOCAL_FILE", SPZOO, Y(2024), None, D(2025, 10, 31)),
    # 2026-10-31 Saturday, 1 Nov Sunday (All Saints) -> Monday 2 November
    ("TP_LOCAL_FILE", SPZOO, Y(2025), None, D(2026, 11, 2)),
    # 2027-10-31 Sunday, 1 Nov Monday All Saints -> Tuesday 2 November
    ("TP_LOCAL_FILE", SPZOO, Y(2026), None, D(2027, 11, 2)),
    # 2025-11-30 is a Sunday -> Monday 1 December
    ("TPR", SPZOO, Y(2024), None, D(2025, 12, 1)),
    # 2026-11-30 is a Monday -> no shift
    ("TPR", SPZOO, Y(2025), None, D(2026, 11, 30)),
    # 2027-11-30 is a Tuesday -> no shift
    ("TPR", JDG, Y(2026), None, D(2027, 11, 30)),
    # --- financial statements (UoR), calendar dates kept ------------------------
    # prepare by 2026-03-31 (Tuesday) – UoR art. 52 ust. 1
    ("SF", SPZOO, Y(2025), "prepare", D(2026, 3, 31)),
    # approve by 2026-06-30 (Tuesday) – UoR art. 53 ust. 1
    ("SF", SPZOO, Y(2025), "approve", D(2026, 6, 30)),
    # KRS filing 15 days after approval: 2026-07-15 (Wednesday) – art. 69 ust. 1
    ("SF", SPZOO, Y(2025), "file", D(2026, 7, 15)),
    # JDG with full books sends to Szef KAS within 10 days: 2026-07-10 (Friday)
    ("SF", JDG_FULL_BOOKS, Y(2025), "file", D(2026, 7, 10)),
    # tax year ending Feb 2026: 2026-05-31 is a Sunday but NOT shifted (UoR)
    ("SF", SPZOO_FEB, Y(2026, 2), "prepare", D(2026, 5, 31)),
    # and approval by 2026-08-31 (Monday)
    ("SF", SPZOO_FEB, Y(2026, 2), "approve", D(2026, 8, 31)),
]


@pytest.mark.parametrize(
    "code,profile,period,part,expected",
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3] or ''}" for c in CASES],
)
def test_due_date(code, profile, period, part, expected):
    assert due_date(code, period, profile, part=part) == expected


def test_table_is_large_enough():
    assert len(CASES) >= 60
    assert {c[0] for c in CASES} >= {
        "JPK_V7M",
        "JPK_V7K",
        "VAT_UE",
        "ZUS_DRA",
        "PIT_ADV",
        "RYCZALT_ADV",
        "PIT4R",
        "PIT11",
        "PIT36",
        "PIT36L",
        "PIT28",
        "CIT8",
        "CIT8E",
        "TPR",
        "SF",
    }
