"""The obligations calendar: exact output for a few profiles, no duplicates."""

from datetime import date

import pytest
from obligation_rules import (
    DECLARATION_CODES,
    ClientProfile,
    Obligation,
    generate_obligations,
    required_declaration_codes,
)

D = date

RYCZALT_Q = ClientProfile(
    legal_form="jdg",
    books_type="ryczalt",
    tax_form="ryczalt",
    vat_status="zwolniony",
    zus_scheme="duzy",
    quarterly_advances=True,
)
SPZOO = ClientProfile(
    legal_form="spzoo",
    books_type="full",
    tax_form="cit",
    vat_status="czynny",
    vat_period="monthly",
    employer=True,
)
JDG_V7K = ClientProfile(
    legal_form="jdg",
    books_type="kpir",
    tax_form="liniowy",
    vat_status="czynny",
    vat_period="quarterly",
    vat_ue=True,
    zus_scheme="preferencyjny",
)


def O(code, start, end, due, part=""):
    return Obligation(code, start, end, due, part)


def test_ryczalt_quarterly_two_months():
    got = list(
        generate_obligations(
            RYCZALT_Q,
            required_declaration_codes(RYCZALT_Q),
            D(2026, 1, 1),
            D(2026, 2, 28),
        )
    )
    assert got == [
        # December 2025 ZUS by the 20th: 2026-01-20 is a Tuesday
        O("ZUS_DRA", D(2025, 12, 1), D(2025, 12, 31), D(2026, 1, 20)),
        # Q4 2025 ryczałt by 20 January: Tuesday
        O("RYCZALT_ADV", D(2025, 10, 1), D(2025, 12, 31), D(2026, 1, 20)),
        # January ZUS: 2026-02-20 is a Friday
        O("ZUS_DRA", D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 20)),
        # the tax-form election for 2026, by 20 February (Friday)
        O("TAX_FORM_ELECTION", D(2026, 1, 1), D(2026, 12, 31), D(2026, 2, 20)),
        # February ends in the range, due 2026-03-20 (Friday)
        O("ZUS_DRA", D(2026, 2, 1), D(2026, 2, 28), D(2026, 3, 20)),
        # not listed: PIT28 for 2025 (year ended before the range, due 30 April)
        # and Q1 2026 ryczałt (quarter ends 31 March, after the range)
    ]


def test_company_december_2025():
    got = list(
        generate_obligations(
            SPZOO, required_declaration_codes(SPZOO), D(2025, 12, 1), D(2025, 12, 31)
        )
    )
    year = (D(2025, 1, 1), D(2025, 12, 31))
    dec = (D(2025, 12, 1), D(2025, 12, 31))
    nov = (D(2025, 11, 1), D(2025, 11, 30))
    assert got == [
        O("ZUS_DRA", *nov, D(2025, 12, 15)),  # Monday
        O("CIT_ADV", *nov, D(2025, 12, 22)),  # 20 Dec Saturday -> Monday 22
        O("PIT4_ADV", *nov, D(2025, 12, 22)),
        O("JPK_V7M", *nov, D(2025, 12, 29)),  # 25 Dec Christmas... -> Monday 29
        O("ZUS_DRA", *dec, D(2026, 1, 15)),  # Thursday
        O("CIT_ADV", *dec, D(2026, 1, 20)),  # Tuesday
        O("PIT4_ADV", *dec, D(2026, 1, 20)),
        O("JPK_V7M", *dec, D(2026, 1, 26)),  # 25 Jan Sunday -> Monday 26
        O("PIT4R", *year, D(2026, 2, 2)),  # 31 Jan Saturday -> Monday 2 Feb
        O("PIT11", *year, D(2026, 2, 2), "tax_office"),
        O("PIT11", *year, D(2026, 3, 2), "employee"),  # 28 Feb Sat -> Mon 2 Mar
        O("CIT8", *year, D(2026, 3, 31)),  # Tuesday
        O("SF", *year, D(2026, 3, 31), "prepare"),
        O("SF", *year, D(2026, 6, 30), "approve"),
        O("SF", *year, D(2026, 7, 15), "file"),
    ]


def test_v7k_quarter_end_and_vat_ue():
    got = list(
        generate_obligations(
            JDG_V7K, ["JPK_V7K", "VAT_UE"], D(2026, 4, 1), D(2026, 4, 30)
        )
    )
    assert got == [
        # 2026-04-25 Saturday -> Monday 27 April; March carries the Q1 return
        O(
            "JPK_V7K",
            D(2026, 3, 1),
            D(2026, 3, 31),
            D(2026, 4, 27),
            "records_and_declaration",
        ),
        O("VAT_UE", D(2026, 3, 1), D(2026, 3, 31), D(2026, 4, 27)),
        # April ends in the range: 2026-05-25 is a Monday, records only
        O("JPK_V7K", D(2026, 4, 1), D(2026, 4, 30), D(2026, 5, 25), "records"),
        O("VAT_UE", D(2026, 4, 1), D(2026, 4, 30), D(2026, 5, 25)),
    ]


def test_codes_that_do_not_apply_or_are_unknown_are_skipped():
    got = list(
        generate_obligations(
            RYCZALT_Q,
            ["JPK_V7M", "CIT8", "CUSTOM_CODE"],
            D(2026, 1, 1),
            D(2026, 12, 31),
        )
    )
    assert got == []


@pytest.mark.parametrize("profile", [RYCZALT_Q, SPZOO, JDG_V7K])
def test_three_years_no_duplicates_sorted_and_deterministic(profile):
    codes = list(DECLARATION_CODES)
    start, end = D(2025, 1, 1), D(2027, 12, 31)
    first = list(generate_obligations(profile, codes, start, end))
    again = list(generate_obligations(profile, reversed(codes), start, end))
    assert first == again
    assert len(first) == len(set(first))
    assert len({(o.code, o.period_start, o.part) for o in first}) == len(first)
    assert [o.due_date for o in first] == sorted(o.due_date for o in first)
    for o in first:
        assert start <= o.due_date <= end or start <= o.period_end <= end
        assert o.due_date >= o.statutory_date


def test_monthly_count_over_a_year():
    got = list(generate_obligations(SPZOO, ["JPK_V7M"], D(2026, 1, 1), D(2026, 12, 31)))
    # Dec 2025 (due in January) plus the twelve months of 2026.
    assert len(got) == 13
    assert got[0].period_start == D(2025, 12, 1)
    assert got[-1].period_start == D(2026, 12, 1)


def test_overlapping_ranges_give_the_same_obligations():
    codes = required_declaration_codes(SPZOO)
    whole = set(generate_obligations(SPZOO, codes, D(2026, 1, 1), D(2026, 6, 30)))
    halves = set(
        generate_obligations(SPZOO, codes, D(2026, 1, 1), D(2026, 3, 31))
    ) | set(generate_obligations(SPZOO, codes, D(2026, 4, 1), D(2026, 6, 30)))
    assert whole == halves


def test_empty_range_is_refused():
    with pytest.raises(ValueError):
        list(generate_obligations(SPZOO, ["JPK_V7M"], D(2026, 2, 1), D(2026, 1, 1)))
