"""Issue 12 "Done when": profile histories and exactly which obligations exist for
each month of 2026–2027.

Each table lists, per month, the obligations whose period ENDS in that month, one a
line ("-": none, e.g. a suspended month), each with its period and its due date
(MM-DD) after the art. 12 § 5 shift ("->" marks a shifted date). Dates were checked
by hand against the statute; the notes above each table say why dates moved.
"""

from datetime import date

import pytest
from obligation_rules import (
    ClientProfile,
    Lifecycle,
    ProfileVersion,
    generate_obligations_for_history,
)

D = date
FIRST, LAST = D(2026, 1, 1), D(2027, 12, 31)


def _label(o) -> str:
    if (o.period_start.year, o.period_start.month) == (
        o.period_end.year,
        o.period_end.month,
    ):
        period = f"{o.period_start:%Y-%m}"
    else:
        period = f"{o.period_start:%Y-%m}..{o.period_end:%Y-%m}"
    part = f":{o.part}" if o.part else ""
    shifted = "->" if o.due_date != o.statutory_date else ""
    return f"{o.code}{part} {period} {shifted}{o.due_date:%m-%d}"


def table(history, lifecycle) -> str:
    months = {}
    for o in generate_obligations_for_history(history, lifecycle, FIRST, LAST):
        if FIRST <= o.period_end <= LAST:
            months.setdefault(f"{o.period_end:%Y-%m}", []).append(_label(o))
    lines = []
    for year in (2026, 2027):
        for month in range(1, 13):
            key = f"{year}-{month:02d}"
            lines.extend(f"{key}: {item}" for item in sorted(months.get(key, ["-"])))
    return "\n".join(lines)


def v(day, profile, *codes):
    return ProfileVersion(day, profile, frozenset(codes))


JDG = {"legal_form": "jdg", "books_type": "kpir", "zus_scheme": "duzy"}

CASES = {
    # A JDG on skala moves to ryczałt from 1 July 2026 (recorded mid-year).
    "form_change_mid_year": (
        [
            v(
                D(2025, 1, 1),
                ClientProfile(**JDG, tax_form="skala"),
                "PIT_ADV",
                "PIT36",
                "RYCZALT_ADV",
                "PIT28",
            ),
            v(
                D(2026, 7, 1),
                ClientProfile(**JDG, tax_form="ryczalt"),
                "PIT_ADV",
                "PIT36",
                "RYCZALT_ADV",
                "PIT28",
            ),
        ],
        None,
    ),
    # Quarterly VAT, monthly from April 2026.
    "vat_monthly_from_april": (
        [
            v(
                D(2025, 1, 1),
                ClientProfile(
                    **JDG,
                    tax_form="liniowy",
                    vat_status="czynny",
                    vat_period="quarterly",
                ),
                "JPK_V7K",
                "JPK_V7M",
            ),
            v(
                D(2026, 4, 1),
                ClientProfile(
                    **JDG, tax_form="liniowy", vat_status="czynny", vat_period="monthly"
                ),
                "JPK_V7K",
                "JPK_V7M",
            ),
        ],
        None,
    ),
    # Exempt (art. 113) until registration as VAT czynny on 1 June 2026.
    "vat_registration_in_june": (
        [
            v(
                D(2025, 1, 1),
                ClientProfile(
                    **JDG, tax_form="skala", vat_status="czynny", vat_period="monthly"
                ),
                "JPK_V7M",
                "ZUS_DRA",
            ),
        ],
        Lifecycle(vat_registered_from=D(2026, 6, 1)),
    ),
    # Suspension (zawieszenie) March–May 2026.
    "suspension_three_months": (
        [
            v(
                D(2025, 1, 1),
                ClientProfile(
                    **JDG, tax_form="skala", vat_status="czynny", vat_period="monthly"
                ),
                "JPK_V7M",
                "ZUS_DRA",
                "PIT_ADV",
                "PIT36",
            ),
        ],
        Lifecycle(suspensions=((D(2026, 3, 1), D(2026, 5, 31)),)),
    ),
    # Sp. z o.o. with a tax year ending 30 September, quarterly advances.
    "tax_year_ending_september": (
        [
            v(
                D(2024, 10, 1),
                ClientProfile(
                    legal_form="spzoo",
                    books_type="full",
                    tax_form="cit",
                    tax_year_end_month=9,
                    quarterly_advances=True,
                ),
                "CIT_ADV",
                "CIT8",
                "SF",
            ),
        ],
        None,
    ),
    # Company started 1 July 2025, first tax year of 23 months to 31 May 2027.
    "first_year_of_23_months": (
        [
            v(
                D(2025, 7, 1),
                ClientProfile(
                    legal_form="spzoo",
                    books_type="full",
                    tax_form="cit",
                    tax_year_end_month=5,
                ),
                "CIT_ADV",
                "CIT8",
                "SF",
            ),
        ],
        Lifecycle(activity_start=D(2025, 7, 1), first_tax_year_end=D(2027, 5, 31)),
    ),
}

EXPECTED = {
    # PIT_ADV to June, RYCZALT_ADV from July (periods from the version in force on
    # their first day); 2026 has both returns (each form's code applies to a year it
    # governed part of), 2027 only PIT-28: 30 Apr 2028 Sun, 1 May holiday -> 2 May.
    "form_change_mid_year": """
2026-01: PIT_ADV 2026-01 02-20
2026-02: PIT_ADV 2026-02 03-20
2026-03: PIT_ADV 2026-03 04-20
2026-04: PIT_ADV 2026-04 05-20
2026-05: PIT_ADV 2026-05 ->06-22
2026-06: PIT_ADV 2026-06 07-20
2026-07: RYCZALT_ADV 2026-07 08-20
2026-08: RYCZALT_ADV 2026-08 ->09-21
2026-09: RYCZALT_ADV 2026-09 10-20
2026-10: RYCZALT_ADV 2026-10 11-20
2026-11: RYCZALT_ADV 2026-11 ->12-21
2026-12: PIT28 2026-01..2026-12 04-30
2026-12: PIT36 2026-01..2026-12 04-30
2026-12: RYCZALT_ADV 2026-12 01-20
2027-01: RYCZALT_ADV 2027-01 ->02-22
2027-02: RYCZALT_ADV 2027-02 ->03-22
2027-03: RYCZALT_ADV 2027-03 04-20
2027-04: RYCZALT_ADV 2027-04 05-20
2027-05: RYCZALT_ADV 2027-05 ->06-21
2027-06: RYCZALT_ADV 2027-06 07-20
2027-07: RYCZALT_ADV 2027-07 08-20
2027-08: RYCZALT_ADV 2027-08 09-20
2027-09: RYCZALT_ADV 2027-09 10-20
2027-10: RYCZALT_ADV 2027-10 ->11-22
2027-11: RYCZALT_ADV 2027-11 12-20
2027-12: PIT28 2027-01..2027-12 ->05-02
2027-12: RYCZALT_ADV 2027-12 01-20
""",
    # Q1 stays quarterly: March carries the Q1 return (25 Apr Sat -> 27 Apr),
    # JPK_V7M from April.
    "vat_monthly_from_april": """
2026-01: JPK_V7K:records 2026-01 02-25
2026-02: JPK_V7K:records 2026-02 03-25
2026-03: JPK_V7K:records_and_declaration 2026-03 ->04-27
2026-04: JPK_V7M 2026-04 05-25
2026-05: JPK_V7M 2026-05 06-25
2026-06: JPK_V7M 2026-06 ->07-27
2026-07: JPK_V7M 2026-07 08-25
2026-08: JPK_V7M 2026-08 09-25
2026-09: JPK_V7M 2026-09 ->10-26
2026-10: JPK_V7M 2026-10 11-25
2026-11: JPK_V7M 2026-11 ->12-28
2026-12: JPK_V7M 2026-12 01-25
2027-01: JPK_V7M 2027-01 02-25
2027-02: JPK_V7M 2027-02 03-25
2027-03: JPK_V7M 2027-03 ->04-26
2027-04: JPK_V7M 2027-04 05-25
2027-05: JPK_V7M 2027-05 06-25
2027-06: JPK_V7M 2027-06 ->07-26
2027-07: JPK_V7M 2027-07 08-25
2027-08: JPK_V7M 2027-08 ->09-27
2027-09: JPK_V7M 2027-09 10-25
2027-10: JPK_V7M 2027-10 11-25
2027-11: JPK_V7M 2027-11 ->12-27
2027-12: JPK_V7M 2027-12 01-25
""",
    # No JPK_V7M before June; ZUS all year. 25 Jul 2026 Sat -> 27 Jul.
    "vat_registration_in_june": """
2026-01: ZUS_DRA 2026-01 02-20
2026-02: ZUS_DRA 2026-02 03-20
2026-03: ZUS_DRA 2026-03 04-20
2026-04: ZUS_DRA 2026-04 05-20
2026-05: ZUS_DRA 2026-05 ->06-22
2026-06: JPK_V7M 2026-06 ->07-27
2026-06: ZUS_DRA 2026-06 07-20
2026-07: JPK_V7M 2026-07 08-25
2026-07: ZUS_DRA 2026-07 08-20
2026-08: JPK_V7M 2026-08 09-25
2026-08: ZUS_DRA 2026-08 ->09-21
2026-09: JPK_V7M 2026-09 ->10-26
2026-09: ZUS_DRA 2026-09 10-20
2026-10: JPK_V7M 2026-10 11-25
2026-10: ZUS_DRA 2026-10 11-20
2026-11: JPK_V7M 2026-11 ->12-28
2026-11: ZUS_DRA 2026-11 ->12-21
2026-12: JPK_V7M 2026-12 01-25
2026-12: ZUS_DRA 2026-12 01-20
2027-01: JPK_V7M 2027-01 02-25
2027-01: ZUS_DRA 2027-01 ->02-22
2027-02: JPK_V7M 2027-02 03-25
2027-02: ZUS_DRA 2027-02 ->03-22
2027-03: JPK_V7M 2027-03 ->04-26
2027-03: ZUS_DRA 2027-03 04-20
2027-04: JPK_V7M 2027-04 05-25
2027-04: ZUS_DRA 2027-04 05-20
2027-05: JPK_V7M 2027-05 06-25
2027-05: ZUS_DRA 2027-05 ->06-21
2027-06: JPK_V7M 2027-06 ->07-26
2027-06: ZUS_DRA 2027-06 07-20
2027-07: JPK_V7M 2027-07 08-25
2027-07: ZUS_DRA 2027-07 08-20
2027-08: JPK_V7M 2027-08 ->09-27
2027-08: ZUS_DRA 2027-08 09-20
2027-09: JPK_V7M 2027-09 10-25
2027-09: ZUS_DRA 2027-09 10-20
2027-10: JPK_V7M 2027-10 11-25
2027-10: ZUS_DRA 2027-10 ->11-22
2027-11: JPK_V7M 2027-11 ->12-27
2027-11: ZUS_DRA 2027-11 12-20
2027-12: JPK_V7M 2027-12 01-25
2027-12: ZUS_DRA 2027-12 01-20
""",
    # March-May: no JPK, advance or ZUS (VAT act art. 99 ust. 7a; SUS art. 36a);
    # the 2026 PIT-36 stays.
    "suspension_three_months": """
2026-01: JPK_V7M 2026-01 02-25
2026-01: PIT_ADV 2026-01 02-20
2026-01: ZUS_DRA 2026-01 02-20
2026-02: JPK_V7M 2026-02 03-25
2026-02: PIT_ADV 2026-02 03-20
2026-02: ZUS_DRA 2026-02 03-20
2026-03: -
2026-04: -
2026-05: -
2026-06: JPK_V7M 2026-06 ->07-27
2026-06: PIT_ADV 2026-06 07-20
2026-06: ZUS_DRA 2026-06 07-20
2026-07: JPK_V7M 2026-07 08-25
2026-07: PIT_ADV 2026-07 08-20
2026-07: ZUS_DRA 2026-07 08-20
2026-08: JPK_V7M 2026-08 09-25
2026-08: PIT_ADV 2026-08 ->09-21
2026-08: ZUS_DRA 2026-08 ->09-21
2026-09: JPK_V7M 2026-09 ->10-26
2026-09: PIT_ADV 2026-09 10-20
2026-09: ZUS_DRA 2026-09 10-20
2026-10: JPK_V7M 2026-10 11-25
2026-10: PIT_ADV 2026-10 11-20
2026-10: ZUS_DRA 2026-10 11-20
2026-11: JPK_V7M 2026-11 ->12-28
2026-11: PIT_ADV 2026-11 ->12-21
2026-11: ZUS_DRA 2026-11 ->12-21
2026-12: JPK_V7M 2026-12 01-25
2026-12: PIT36 2026-01..2026-12 04-30
2026-12: PIT_ADV 2026-12 01-20
2026-12: ZUS_DRA 2026-12 01-20
2027-01: JPK_V7M 2027-01 02-25
2027-01: PIT_ADV 2027-01 ->02-22
2027-01: ZUS_DRA 2027-01 ->02-22
2027-02: JPK_V7M 2027-02 03-25
2027-02: PIT_ADV 2027-02 ->03-22
2027-02: ZUS_DRA 2027-02 ->03-22
2027-03: JPK_V7M 2027-03 ->04-26
2027-03: PIT_ADV 2027-03 04-20
2027-03: ZUS_DRA 2027-03 04-20
2027-04: JPK_V7M 2027-04 05-25
2027-04: PIT_ADV 2027-04 05-20
2027-04: ZUS_DRA 2027-04 05-20
2027-05: JPK_V7M 2027-05 06-25
2027-05: PIT_ADV 2027-05 ->06-21
2027-05: ZUS_DRA 2027-05 ->06-21
2027-06: JPK_V7M 2027-06 ->07-26
2027-06: PIT_ADV 2027-06 07-20
2027-06: ZUS_DRA 2027-06 07-20
2027-07: JPK_V7M 2027-07 08-25
2027-07: PIT_ADV 2027-07 08-20
2027-07: ZUS_DRA 2027-07 08-20
2027-08: JPK_V7M 2027-08 ->09-27
2027-08: PIT_ADV 2027-08 09-20
2027-08: ZUS_DRA 2027-08 09-20
2027-09: JPK_V7M 2027-09 10-25
2027-09: PIT_ADV 2027-09 10-20
2027-09: ZUS_DRA 2027-09 10-20
2027-10: JPK_V7M 2027-10 11-25
2027-10: PIT_ADV 2027-10 ->11-22
2027-10: ZUS_DRA 2027-10 ->11-22
2027-11: JPK_V7M 2027-11 ->12-27
2027-11: PIT_ADV 2027-11 12-20
2027-11: ZUS_DRA 2027-11 12-20
2027-12: JPK_V7M 2027-12 01-25
2027-12: PIT36 2027-01..2027-12 ->05-02
2027-12: PIT_ADV 2027-12 01-20
2027-12: ZUS_DRA 2027-12 01-20
""",
    # CIT-8 three months after the year's end: 31 Dec, not 31 Mar; SF approve
    # 31 Mar, file 15 Apr (KRS, 15 days), not shifted; quarters Oct-Dec, Jan-Mar, ...
    "tax_year_ending_september": """
2026-01: -
2026-02: -
2026-03: CIT_ADV 2026-01..2026-03 04-20
2026-04: -
2026-05: -
2026-06: CIT_ADV 2026-04..2026-06 07-20
2026-07: -
2026-08: -
2026-09: CIT8 2025-10..2026-09 12-31
2026-09: CIT_ADV 2026-07..2026-09 10-20
2026-09: SF:approve 2025-10..2026-09 03-31
2026-09: SF:file 2025-10..2026-09 04-15
2026-09: SF:prepare 2025-10..2026-09 12-31
2026-10: -
2026-11: -
2026-12: CIT_ADV 2026-10..2026-12 01-20
2027-01: -
2027-02: -
2027-03: CIT_ADV 2027-01..2027-03 04-20
2027-04: -
2027-05: -
2027-06: CIT_ADV 2027-04..2027-06 07-20
2027-07: -
2027-08: -
2027-09: CIT8 2026-10..2027-09 12-31
2027-09: CIT_ADV 2027-07..2027-09 10-20
2027-09: SF:approve 2026-10..2027-09 03-31
2027-09: SF:file 2026-10..2027-09 04-15
2027-09: SF:prepare 2026-10..2027-09 12-31
2027-10: -
2027-11: -
2027-12: CIT_ADV 2027-10..2027-12 01-20
""",
    # No CIT-8 or SF for 2025 or 2026: the first tax year 1 Jul 2025 - 31 May 2027
    # gives CIT-8 by 31 Aug 2027 (Tue), SF approve 30 Nov, file 15 Dec.
    "first_year_of_23_months": """
2026-01: CIT_ADV 2026-01 02-20
2026-02: CIT_ADV 2026-02 03-20
2026-03: CIT_ADV 2026-03 04-20
2026-04: CIT_ADV 2026-04 05-20
2026-05: CIT_ADV 2026-05 ->06-22
2026-06: CIT_ADV 2026-06 07-20
2026-07: CIT_ADV 2026-07 08-20
2026-08: CIT_ADV 2026-08 ->09-21
2026-09: CIT_ADV 2026-09 10-20
2026-10: CIT_ADV 2026-10 11-20
2026-11: CIT_ADV 2026-11 ->12-21
2026-12: CIT_ADV 2026-12 01-20
2027-01: CIT_ADV 2027-01 ->02-22
2027-02: CIT_ADV 2027-02 ->03-22
2027-03: CIT_ADV 2027-03 04-20
2027-04: CIT_ADV 2027-04 05-20
2027-05: CIT8 2025-07..2027-05 08-31
2027-05: CIT_ADV 2027-05 ->06-21
2027-05: SF:approve 2025-07..2027-05 11-30
2027-05: SF:file 2025-07..2027-05 12-15
2027-05: SF:prepare 2025-07..2027-05 08-31
2027-06: CIT_ADV 2027-06 07-20
2027-07: CIT_ADV 2027-07 08-20
2027-08: CIT_ADV 2027-08 09-20
2027-09: CIT_ADV 2027-09 10-20
2027-10: CIT_ADV 2027-10 ->11-22
2027-11: CIT_ADV 2027-11 12-20
2027-12: CIT_ADV 2027-12 01-20
""",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_history_table(name):
    history, lifecycle = CASES[name]
    assert table(history, lifecycle) == EXPECTED[name].strip()
