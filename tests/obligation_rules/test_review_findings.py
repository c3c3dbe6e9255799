"""Findings of the engine review after issue 12, one test each.

Each test names the statute it checks. Dates worked out by hand, weekdays checked
with date.strftime("%a") while writing.
"""

from datetime import date

from obligation_rules import (
    ClientProfile,
    Lifecycle,
    ProfileVersion,
    generate_obligations_for_history,
)

D = date

SPZOO = {"legal_form": "spzoo", "books_type": "full", "tax_form": "cit"}
CALENDAR_YEAR = ClientProfile(**SPZOO)
YEAR_TO_SEPTEMBER = ClientProfile(**SPZOO, tax_year_end_month=9)
ANNUAL_CIT = frozenset({"CIT8", "TPR", "SF"})


def _periods(history, start, end, code, lifecycle=None):
    return [
        (o.period_start, o.period_end, o.due_date)
        for o in generate_obligations_for_history(history, lifecycle, start, end)
        if o.code == code
    ]


def test_a_changed_tax_year_is_the_same_period_whatever_the_range():
    # CIT act art. 8 (change of the tax year): the first year after the change
    # lasts 12-23 months, here 1 Jan 2027 - 30 Sep 2028 (21 months). Its TPR is
    # due at the end of the 11th month after it (CIT act art. 11t ust. 1):
    # 31 Aug 2029 (Friday). A range that begins late (a cron regenerating from
    # August 2029) must see that very period, not an invented Oct 2027 - Sep 2028
    # year: the Odoo side keys obligations by their period.
    history = [
        ProfileVersion(D(2022, 1, 1), CALENDAR_YEAR, ANNUAL_CIT),
        ProfileVersion(D(2027, 1, 1), YEAR_TO_SEPTEMBER, ANNUAL_CIT),
    ]
    changed = (D(2027, 1, 1), D(2028, 9, 30), D(2029, 8, 31))
    assert changed in _periods(history, D(2026, 1, 1), D(2029, 12, 31), "TPR")
    late = _periods(history, D(2029, 8, 1), D(2029, 12, 31), "TPR")
    assert late[0] == changed
    assert (D(2027, 10, 1), D(2028, 9, 30), D(2029, 8, 31)) not in late


def test_a_change_dated_after_the_first_of_the_year_still_keys_stably():
    # The version from 2 Jan 2027 does not govern the year begun on 1 Jan 2027
    # (it finishes under the calendar year), so the changed year runs 1 Jan 2028 -
    # 30 Sep 2029 (21 months); CIT-8 by the end of the 3rd month after it
    # (CIT act art. 27 ust. 1): 31 Dec 2029 (Monday). The range from Dec 2029
    # starts its walk almost three years after the change.
    history = [
        ProfileVersion(D(2022, 1, 1), CALENDAR_YEAR, ANNUAL_CIT),
        ProfileVersion(D(2027, 1, 2), YEAR_TO_SEPTEMBER, ANNUAL_CIT),
    ]
    expected = (D(2028, 1, 1), D(2029, 9, 30), D(2029, 12, 31))
    assert _periods(history, D(2029, 12, 1), D(2029, 12, 31), "CIT8") == [expected]
    assert expected in _periods(history, D(2027, 1, 1), D(2029, 12, 31), "CIT8")


def test_an_exempt_client_registered_for_vat_ue_files_it_before_becoming_czynny():
    # VAT act art. 97 ust. 1, 3: an art. 113-exempt taxpayer registers for EU
    # transactions and files VAT-UE monthly by the 25th (art. 100 ust. 3) while
    # still exempt. The lifecycle's VAT window (czynny from 15 June 2026) must not
    # drop the May VAT-UE (due 25 June 2026, Thursday); JPK_V7M starts in June.
    exempt = ClientProfile(
        legal_form="jdg", tax_form="ryczalt", vat_status="zwolniony", vat_ue=True
    )
    active = ClientProfile(
        legal_form="jdg",
        tax_form="ryczalt",
        vat_status="czynny",
        vat_period="monthly",
        vat_ue=True,
    )
    codes = frozenset({"VAT_UE", "JPK_V7M"})
    history = [
        ProfileVersion(D(2022, 1, 1), exempt, codes),
        ProfileVersion(D(2026, 6, 15), active, codes),
    ]
    life = Lifecycle(vat_registered_from=D(2026, 6, 15))
    got = list(
        generate_obligations_for_history(history, life, D(2026, 5, 1), D(2026, 7, 31))
    )
    by_code = {}
    for o in got:
        by_code.setdefault(o.code, []).append(o.period_start.month)
    # April is due 25 May 2026 (Monday), in the range too.
    assert by_code["VAT_UE"] == [4, 5, 6, 7]
    assert by_code["JPK_V7M"] == [6, 7]
    may = next(o for o in got if o.code == "VAT_UE" and o.period_start.month == 5)
    assert may.due_date == D(2026, 6, 25)


JDG_LINIOWY = ClientProfile(
    legal_form="jdg",
    books_type="kpir",
    tax_form="liniowy",
    vat_status="czynny",
    vat_period="quarterly",
    zus_scheme="duzy",
)
AHEAD = frozenset({"TAX_FORM_ELECTION", "VAT_PERIOD_SWITCH", "PIT36L", "JPK_V7K"})


def _codes(life, start, end):
    history = [ProfileVersion(D(2022, 1, 1), JDG_LINIOWY, AHEAD)]
    return [
        (o.code, o.period_start, o.due_date)
        for o in generate_obligations_for_history(history, life, start, end)
    ]


def test_nothing_is_due_before_the_business_starts():
    # A JDG registered on 15 June 2026 chose liniowy and its VAT period in the
    # registration (CEIDG-1, VAT-R: PIT act art. 9a ust. 2, VAT act art. 96):
    # no election due 20 Feb 2026 and no VAT-period switch due 25 May 2026, both
    # before the business existed. The Q3 switch (25 Aug 2026, Tuesday) and the
    # 2027 election (20 Feb 2027 Sat -> Mon 22 Feb) stay.
    got = _codes(Lifecycle(activity_start=D(2026, 6, 15)), D(2026, 1, 1), D(2027, 3, 1))
    assert ("TAX_FORM_ELECTION", D(2026, 1, 1), D(2026, 2, 20)) not in got
    assert ("VAT_PERIOD_SWITCH", D(2026, 4, 1), D(2026, 5, 25)) not in got
    assert ("VAT_PERIOD_SWITCH", D(2026, 7, 1), D(2026, 8, 25)) in got
    assert ("TAX_FORM_ELECTION", D(2027, 1, 1), D(2027, 2, 22)) in got


def test_nothing_is_chosen_ahead_after_the_business_ends():
    # Activity ended on 15 January 2027: no tax-form election for 2027 (due
    # 22 Feb 2027) and no VAT-period switch for Q1 2027 (25 Feb 2027), but the
    # 2026 PIT-36L (30 Apr 2027, Friday; PIT act art. 45 ust. 1) and the JPK_V7K
    # for January 2027 (25 Feb 2027, Thursday) are still due.
    got = _codes(Lifecycle(activity_end=D(2027, 1, 15)), D(2027, 1, 1), D(2027, 6, 30))
    codes = {(code, period) for code, period, _due in got}
    assert ("TAX_FORM_ELECTION", D(2027, 1, 1)) not in codes
    assert ("VAT_PERIOD_SWITCH", D(2027, 1, 1)) not in codes
    assert ("PIT36L", D(2026, 1, 1), D(2027, 4, 30)) in got
    assert ("JPK_V7K", D(2027, 1, 1), D(2027, 2, 25)) in got


def test_a_quarterly_vat_payer_that_ends_in_january_still_files_the_q1_return():
    # VAT act art. 99 ust. 2: the quarterly return by the 25th after the quarter,
    # in the JPK_V7K file of month 3 (art. 109 ust. 3b). Activity and VAT
    # registration ended on 15 January 2027: January's records are due
    # 25 Feb 2027 (Thursday) and the Q1 return 25 Apr 2027 (Sunday) -> Monday
    # 26 April; nothing for February itself.
    life = Lifecycle(activity_end=D(2027, 1, 15), vat_deregistered_on=D(2027, 1, 15))
    history = [ProfileVersion(D(2022, 1, 1), JDG_LINIOWY, {"JPK_V7K"})]
    got = [
        (o.period_start, o.part, o.due_date)
        for o in generate_obligations_for_history(
            history, life, D(2027, 1, 1), D(2027, 6, 30)
        )
    ]
    assert got == [
        # Q4 2026 return, due 25 Jan 2027 (Monday), in the range too
        (D(2026, 12, 1), "records_and_declaration", D(2027, 1, 25)),
        (D(2027, 1, 1), "records", D(2027, 2, 25)),
        (D(2027, 3, 1), "records_and_declaration", D(2027, 4, 26)),
    ]


def test_a_first_tax_year_must_end_with_the_chosen_tax_year():
    # CIT act art. 8 ust. 2: the first year runs to the end of the CHOSEN tax
    # year. A calendar-year company whose first year is said to end on 31 May
    # 2027 would get an invented 19-month second year: warn.
    from obligation_rules import history_warnings

    history = [ProfileVersion(D(2025, 7, 1), CALENDAR_YEAR, ANNUAL_CIT)]
    wrong = Lifecycle(activity_start=D(2025, 7, 1), first_tax_year_end=D(2027, 5, 31))
    right = Lifecycle(activity_start=D(2025, 7, 1), first_tax_year_end=D(2026, 12, 31))
    assert [code for _d, code, _t in history_warnings(history, wrong)] == [
        "first_tax_year_end_month"
    ]
    assert history_warnings(history, right) == []
    may_year = [
        ProfileVersion(
            D(2025, 7, 1), ClientProfile(**SPZOO, tax_year_end_month=5), ANNUAL_CIT
        )
    ]
    assert history_warnings(may_year, wrong) == []
