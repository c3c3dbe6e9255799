"""Profile history and lifecycle: each period from the version in force in it."""

from datetime import date

import pytest
from obligation_rules import (
    ClientProfile,
    Lifecycle,
    ProfileVersion,
    generate_obligations,
    generate_obligations_for_history,
)

D = date

JDG = {"legal_form": "jdg", "books_type": "kpir", "zus_scheme": "duzy"}
V7K = ClientProfile(
    **JDG, tax_form="skala", vat_status="czynny", vat_period="quarterly"
)
V7M = ClientProfile(**JDG, tax_form="skala", vat_status="czynny", vat_period="monthly")
LINIOWY = ClientProfile(**JDG, tax_form="liniowy", vat_status="czynny")
SKALA = ClientProfile(**JDG, tax_form="skala", vat_status="czynny")
VAT = frozenset({"JPK_V7M", "JPK_V7K"})


def keys(obligations, code=None):
    return [
        (o.code, o.period_start, o.part)
        for o in obligations
        if code is None or o.code == code
    ]


def test_vat_monthly_from_april_keeps_q1_quarterly():
    history = [
        ProfileVersion(D(2026, 1, 1), V7K, VAT),
        ProfileVersion(D(2026, 4, 1), V7M, VAT),
    ]
    got = list(
        generate_obligations_for_history(history, None, D(2026, 2, 1), D(2026, 6, 30))
    )
    assert keys(got) == [
        ("JPK_V7K", D(2026, 1, 1), "records"),  # due 25 Feb 2026 (Wednesday)
        ("JPK_V7K", D(2026, 2, 1), "records"),  # 25 Mar (Wednesday)
        # March still carries the Q1 return: 25 Apr Saturday -> Monday 27 April
        ("JPK_V7K", D(2026, 3, 1), "records_and_declaration"),
        ("JPK_V7M", D(2026, 4, 1), ""),  # 25 May (Monday)
        ("JPK_V7M", D(2026, 5, 1), ""),  # 25 Jun (Thursday)
        ("JPK_V7M", D(2026, 6, 1), ""),  # period ends in range, due 27 Jul (25 Sat)
    ]
    assert got[2].due_date == D(2026, 4, 27)


def test_tax_form_change_from_january_keeps_the_previous_return():
    codes = frozenset({"PIT36", "PIT36L", "PIT_ADV"})
    history = [
        ProfileVersion(D(2025, 1, 1), LINIOWY, codes),
        ProfileVersion(D(2026, 1, 1), SKALA, codes),
    ]
    got = list(
        generate_obligations_for_history(history, None, D(2026, 1, 1), D(2027, 5, 31))
    )
    returns = [
        (o.code, o.period_start.year, o.due_date)
        for o in got
        if o.code.startswith("PIT36")
    ]
    assert returns == [
        ("PIT36L", 2025, D(2026, 4, 30)),  # 2025 was liniowy: Thursday 30 April
        ("PIT36", 2026, D(2027, 4, 30)),  # 2026 on skala: Friday 30 April 2027
    ]


def test_vat_registration_and_deregistration_window():
    life = Lifecycle(
        vat_registered_from=D(2026, 6, 15), vat_deregistered_on=D(2026, 9, 10)
    )
    history = [ProfileVersion(D(2022, 1, 1), V7M, VAT)]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 1, 1), D(2026, 12, 31))
    )
    # June (registration month) to September (deregistration month)
    assert [o.period_start.month for o in got] == [6, 7, 8, 9]


def test_suspension_stops_monthly_items_not_annual_returns():
    codes = frozenset({"JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36"})
    life = Lifecycle(suspensions=((D(2026, 3, 1), D(2026, 5, 31)),))
    history = [ProfileVersion(D(2022, 1, 1), V7M, codes)]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 1, 1), D(2026, 12, 31))
    )
    for code in ("JPK_V7M", "ZUS_DRA", "PIT_ADV"):
        months = [
            o.period_start.month
            for o in got
            if o.code == code and o.period_start.year == 2026
        ]
        assert months == [1, 2, 6, 7, 8, 9, 10, 11, 12], code
    assert ("PIT36", D(2026, 1, 1), "") in keys(got)


def test_v7k_quarter_return_stays_unless_the_whole_quarter_is_suspended():
    history = [ProfileVersion(D(2022, 1, 1), V7K, frozenset({"JPK_V7K"}))]
    march = Lifecycle(suspensions=((D(2026, 3, 1), D(2026, 3, 31)),))
    got = list(
        generate_obligations_for_history(history, march, D(2026, 2, 1), D(2026, 4, 30))
    )
    assert keys(got) == [
        ("JPK_V7K", D(2026, 1, 1), "records"),
        ("JPK_V7K", D(2026, 2, 1), "records"),
        # March suspended, but the Q1 return for January-February is due
        ("JPK_V7K", D(2026, 3, 1), "records_and_declaration"),
        ("JPK_V7K", D(2026, 4, 1), "records"),
    ]
    quarter = Lifecycle(suspensions=((D(2026, 1, 1), D(2026, 3, 31)),))
    got = list(
        generate_obligations_for_history(
            history, quarter, D(2026, 2, 1), D(2026, 4, 30)
        )
    )
    assert keys(got) == [("JPK_V7K", D(2026, 4, 1), "records")]


def test_suspension_from_mid_month_keeps_that_month():
    life = Lifecycle(suspensions=((D(2026, 3, 10), D(2026, 4, 30)),))
    history = [ProfileVersion(D(2022, 1, 1), V7M, frozenset({"JPK_V7M"}))]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 3, 1), D(2026, 5, 31))
    )
    assert [o.period_start.month for o in got] == [2, 3, 5]


def test_first_tax_year_of_23_months():
    spzoo = ClientProfile(legal_form="spzoo", books_type="full", tax_form="cit")
    life = Lifecycle(activity_start=D(2025, 7, 1), first_tax_year_end=D(2026, 12, 31))
    history = [ProfileVersion(D(2025, 7, 1), spzoo, frozenset({"CIT8"}))]
    got = list(
        generate_obligations_for_history(history, life, D(2025, 7, 1), D(2027, 12, 31))
    )
    # No CIT-8 "for 2025": the first one covers 1 Jul 2025 - 31 Dec 2026, due
    # 31 Mar 2027 (Wednesday).
    assert [(o.period_start, o.period_end, o.due_date) for o in got] == [
        (D(2025, 7, 1), D(2026, 12, 31), D(2027, 3, 31)),
        # then calendar years: 2027 ends in the range, due 31 Mar 2028 (Friday)
        (D(2027, 1, 1), D(2027, 12, 31), D(2028, 3, 31)),
    ]


def test_first_tax_year_is_checked():
    with pytest.raises(ValueError):
        Lifecycle(activity_start=D(2025, 3, 1), first_tax_year_end=D(2026, 12, 31))
    with pytest.raises(ValueError):
        Lifecycle(activity_start=D(2025, 7, 1), first_tax_year_end=D(2027, 6, 30))
    with pytest.raises(ValueError):
        Lifecycle(first_tax_year_end=D(2026, 12, 31))


def test_nothing_before_activity_start_or_after_its_end():
    life = Lifecycle(activity_start=D(2026, 4, 15), activity_end=D(2026, 8, 20))
    history = [ProfileVersion(D(2026, 4, 15), V7M, frozenset({"JPK_V7M", "PIT36"}))]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 1, 1), D(2027, 6, 30))
    )
    assert keys(got) == [("JPK_V7M", D(2026, m, 1), "") for m in (4, 5, 6, 7, 8)] + [
        ("PIT36", D(2026, 1, 1), "")  # the return for the last year stays
    ]


def test_single_profile_generator_is_a_one_version_history():
    codes = ["JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36"]
    start, end = D(2025, 1, 1), D(2027, 12, 31)
    single = list(generate_obligations(V7M, codes, start, end))
    history = [ProfileVersion(D(2022, 1, 1), V7M, frozenset(codes))]
    assert single == list(generate_obligations_for_history(history, None, start, end))


def test_history_needs_distinct_versions():
    with pytest.raises(ValueError):
        list(generate_obligations_for_history([], None, D(2026, 1, 1), D(2026, 2, 1)))
    twice = [ProfileVersion(D(2026, 1, 1), V7M), ProfileVersion(D(2026, 1, 1), V7K)]
    with pytest.raises(ValueError):
        list(
            generate_obligations_for_history(twice, None, D(2026, 1, 1), D(2026, 2, 1))
        )


@pytest.mark.parametrize(
    "kind,day", [("budget_unit", 5), ("legal_person", 15), ("other", 20), (None, 20)]
)
def test_zus_payer_kind(kind, day):
    # SUS act art. 47 ust. 1 pkt 1-3; None: derived from the legal form (JDG: 20th).
    assert ClientProfile(legal_form="jdg", zus_payer_kind=kind).zus_day == day
    # the old override still wins
    assert ClientProfile(zus_payer_kind=kind, zus_due_day=15).zus_day == 15


def test_new_keys_from_odoo_values():
    p = ClientProfile.from_values(
        {"tax_year_end_month": False, "ksef_start": D(2026, 4, 1), "vat_ue_mode": False}
    )
    assert p.tax_year_end_month == 12 and p.ksef_start == D(2026, 4, 1)
    assert p.vat_ue_mode is None
    with pytest.raises(ValueError):
        ClientProfile(ksef_start="2026-04-01")


def test_generator_lists_acts_due_inside_their_period():
    # The PPK re-enrolment for 2027 (due 28 Feb 2027) and the tax-form election
    # (22 Feb 2027) are due before their year ends; a range of Q1 finds them.
    p = ClientProfile(**JDG, tax_form="skala", employer=True, ppk=True)
    got = list(
        generate_obligations(
            p, ["PPK_REENROL", "TAX_FORM_ELECTION"], D(2027, 1, 1), D(2027, 3, 31)
        )
    )
    assert [(o.code, o.due_date) for o in got] == [
        ("TAX_FORM_ELECTION", D(2027, 2, 22)),
        ("PPK_REENROL", D(2027, 2, 28)),
    ]


def test_ksef_dates_come_once():
    p = ClientProfile(legal_form="spzoo", ksef_token_expiry=D(2026, 12, 31))
    got = list(
        generate_obligations(p, ["KSEF_TOKEN_EXPIRY"], D(2026, 1, 1), D(2027, 12, 31))
    )
    assert [(o.period_start, o.due_date) for o in got] == [
        (D(2026, 12, 1), D(2026, 12, 31))
    ]


def test_oss_nil_returns_continue_during_suspension():
    p = ClientProfile(legal_form="jdg", tax_form="skala", oss=True, zus_scheme="none")
    life = Lifecycle(suspensions=((D(2026, 1, 1), D(2026, 6, 30)),))
    history = [ProfileVersion(D(2022, 1, 1), p, frozenset({"OSS", "ZUS_HEALTH"}))]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 1, 1), D(2026, 9, 30))
    )
    # no health contribution while suspended (Jan-Jun), but every OSS quarter
    assert keys(got, "ZUS_HEALTH") == [
        ("ZUS_HEALTH", D(2025, 12, 1), ""),
        ("ZUS_HEALTH", D(2026, 7, 1), ""),
        ("ZUS_HEALTH", D(2026, 8, 1), ""),
        ("ZUS_HEALTH", D(2026, 9, 1), ""),
    ]
    assert [o.period_start for o in got if o.code == "OSS"] == [
        D(2025, 10, 1),
        D(2026, 1, 1),
        D(2026, 4, 1),
        D(2026, 7, 1),
    ]


def test_vat_ue_when_reported_lists_the_confirmation_task_instead():
    p = ClientProfile(vat_status="czynny", vat_ue=True, vat_ue_mode="when_reported")
    codes = ["VAT_UE", "VAT_UE_CONFIRM"]
    got = list(generate_obligations(p, codes, D(2026, 3, 1), D(2026, 3, 31)))
    assert keys(got) == [
        ("VAT_UE_CONFIRM", D(2026, 2, 1), ""),  # 15 Mar 2026 Sun -> Mon 16 Mar
        ("VAT_UE_CONFIRM", D(2026, 3, 1), ""),
    ]
    assert got[0].due_date == D(2026, 3, 16)


def test_profile_warnings():
    from obligation_rules import profile_warnings

    def codes(**values):
        return [code for code, _text in profile_warnings(ClientProfile(**values))]

    assert codes(vat_status="czynny", vat_period="quarterly") == [
        "quarterly_vat_not_small"
    ]
    assert codes(vat_status="czynny", vat_period="quarterly", small_taxpayer=True) == []
    assert codes(legal_form="jdg", tax_form="cit") == ["natural_person_cit"]
    assert codes(legal_form="spzoo", books_type="kpir") == [
        "company_without_full_books"
    ]
    assert codes(legal_form="spzoo", tax_form="karta", books_type="full") == [
        "karta_form",
        "karta_books",
    ]
    assert codes(legal_form="fundacja", tax_form="cit_estonski", books_type="full") == [
        "estonian_form"
    ]
    assert codes(**JDG, tax_form="skala") == []


def test_history_warnings():
    from obligation_rules import history_warnings

    small_v7k = ClientProfile(
        **JDG,
        tax_form="skala",
        vat_status="czynny",
        vat_period="quarterly",
        small_taxpayer=True,
    )
    small_v7m = ClientProfile(
        **JDG, tax_form="liniowy", vat_status="czynny", small_taxpayer=True
    )
    history = [
        ProfileVersion(D(2026, 6, 1), small_v7m),
        # quarterly from Q1 2027: within 12 months of the June 2026 registration;
        # the tax form changed from February, not 1 January
        ProfileVersion(D(2027, 2, 1), small_v7k),
    ]
    got = history_warnings(history, Lifecycle(vat_registered_from=D(2026, 6, 1)))
    assert [(day, code) for day, code, _text in got] == [
        (D(2027, 2, 1), "tax_form_change_mid_year"),
        (D(2027, 2, 1), "vat_period_change_mid_quarter"),
        (D(2027, 2, 1), "quarterly_vat_first_year"),
    ]
    later = [
        ProfileVersion(D(2026, 6, 1), small_v7m),
        ProfileVersion(D(2027, 7, 1), small_v7k),
    ]
    assert [
        code
        for _d, code, _t in history_warnings(
            later, Lifecycle(vat_registered_from=D(2026, 6, 1))
        )
    ] == ["tax_form_change_mid_year"]


def test_a_liquidated_company_closes_its_tax_year():
    spzoo = ClientProfile(legal_form="spzoo", books_type="full", tax_form="cit")
    life = Lifecycle(activity_start=D(2020, 1, 1), activity_end=D(2026, 8, 20))
    history = [ProfileVersion(D(2022, 1, 1), spzoo, frozenset({"CIT8", "CIT_ADV"}))]
    got = list(
        generate_obligations_for_history(history, life, D(2026, 1, 1), D(2027, 12, 31))
    )
    cit8 = [(o.period_start, o.period_end, o.due_date) for o in got if o.code == "CIT8"]
    assert cit8 == [
        (D(2025, 1, 1), D(2025, 12, 31), D(2026, 3, 31)),
        # the last tax year ends with August 2026: CIT-8 by 30 Nov 2026 (Monday),
        # not 31 Mar 2027
        (D(2026, 1, 1), D(2026, 8, 31), D(2026, 11, 30)),
    ]
    advances = [o.period_start.month for o in got if o.code == "CIT_ADV"]
    assert advances == [12, 1, 2, 3, 4, 5, 6, 7, 8]  # Dec 2025 due in January


def test_compare_obligations_for_the_timeline():
    from obligation_rules import compare_obligations

    codes = frozenset({"PIT36", "PIT36L", "ZUS_DRA"})
    before = [ProfileVersion(D(2025, 1, 1), LINIOWY, codes)]
    # recorded with a past date: skala from 2026, and a budget-unit ZUS day
    after = before + [
        ProfileVersion(
            D(2026, 1, 1),
            ClientProfile(**JDG, tax_form="skala", zus_payer_kind="budget_unit"),
            codes,
        )
    ]
    start, end = D(2026, 1, 1), D(2026, 12, 31)
    change = compare_obligations(
        generate_obligations_for_history(before, None, start, end),
        generate_obligations_for_history(after, None, start, end),
    )
    assert [(o.code, o.period_start) for o in change["added"]] == [
        ("PIT36", D(2026, 1, 1))
    ]
    assert [(o.code, o.period_start) for o in change["removed"]] == [
        ("PIT36L", D(2026, 1, 1))
    ]
    # the 2025 PIT-36L is untouched; ZUS for January 2026 on moves to the 5th
    moved = [(old.due_date, new.due_date) for old, new in change["moved"]]
    assert moved[0] == (D(2026, 2, 20), D(2026, 2, 5))  # Thursday 5 February
    assert len(moved) == 12  # January to December 2026
