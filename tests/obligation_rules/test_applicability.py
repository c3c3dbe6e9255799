"""When a declaration does not apply, and what the profile proposes."""

from datetime import date

import pytest
from obligation_rules import (
    DECLARATION_CODES,
    ClientProfile,
    Period,
    applies,
    due_date,
    frequency,
    not_applicable_reason,
    obligations_for_period,
    required_declaration_codes,
)

M = Period.month
Q = Period.quarter
Y = Period.year


def profile(**values):
    return ClientProfile(**values)


@pytest.mark.parametrize("vat_status", ["zwolniony", "niezarejestrowany", None])
def test_no_jpk_without_active_vat(vat_status):
    p = profile(legal_form="jdg", tax_form="skala", vat_status=vat_status)
    for code in ("JPK_V7M", "JPK_V7K"):
        assert not applies(code, p)
        assert due_date(code, M(2025, 3), p) is None
    assert "czynny" in not_applicable_reason("JPK_V7M", p)


def test_vat_period_picks_v7m_or_v7k():
    monthly = profile(vat_status="czynny", vat_period="monthly")
    quarterly = profile(vat_status="czynny", vat_period="quarterly")
    unset = profile(vat_status="czynny")  # art. 99 ust. 1: monthly by default
    assert applies("JPK_V7M", monthly) and not applies("JPK_V7K", monthly)
    assert applies("JPK_V7K", quarterly) and not applies("JPK_V7M", quarterly)
    assert applies("JPK_V7M", unset)


def test_no_pit_advances_for_cit_payers():
    # Even with a stray tax_form, a sp. z o.o. is a CIT payer (CIT act art. 1).
    for p in (
        profile(legal_form="spzoo", tax_form="cit"),
        profile(legal_form="spzoo", tax_form="skala"),
        profile(legal_form="spk", tax_form="liniowy"),
        profile(legal_form="jdg", tax_form="cit_estonski"),
    ):
        for code in ("PIT_ADV", "RYCZALT_ADV", "PIT36", "PIT36L", "PIT28"):
            assert not applies(code, p), (code, p)
            assert due_date(code, M(2025, 1), p) is None
        assert "CIT payer" in not_applicable_reason("PIT_ADV", p)


def test_pit_forms_are_exclusive():
    skala = profile(legal_form="jdg", tax_form="skala")
    liniowy = profile(legal_form="jdg", tax_form="liniowy")
    ryczalt = profile(legal_form="jdg", tax_form="ryczalt")
    karta = profile(legal_form="jdg", tax_form="karta")
    assert applies("PIT36", skala) and not applies("PIT36L", skala)
    assert applies("PIT36L", liniowy) and not applies("PIT36", liniowy)
    assert applies("PIT28", ryczalt) and applies("RYCZALT_ADV", ryczalt)
    assert not applies("PIT_ADV", ryczalt)
    for code in ("PIT_ADV", "RYCZALT_ADV", "PIT36", "PIT36L", "PIT28"):
        assert not applies(code, karta)


def test_no_pit4r_or_pit11_without_employees():
    p = profile(legal_form="spzoo", tax_form="cit", employer=False)
    for code in ("PIT4R", "PIT11", "PIT4_ADV"):
        assert not applies(code, p)
        assert due_date(code, Y(2025), p) is None
    assert applies("PIT4R", profile(legal_form="spzoo", employer=True))


def test_zus_needs_a_scheme_or_employees():
    assert not applies("ZUS_DRA", profile(legal_form="jdg", zus_scheme="none"))
    assert not applies("ZUS_DRA", profile(legal_form="spzoo"))
    assert applies("ZUS_DRA", profile(legal_form="spzoo", employer=True))
    # Ulga na start: no social contributions, but health is still declared.
    assert applies("ZUS_DRA", profile(legal_form="jdg", zus_scheme="ulga_na_start"))


def test_vat_ue_needs_flag_and_vat_registration():
    assert not applies("VAT_UE", profile(vat_status="czynny"))
    assert applies("VAT_UE", profile(vat_status="czynny", vat_ue=True))
    # An exempt taxpayer supplying services to the EU is VAT-UE registered too.
    assert applies("VAT_UE", profile(vat_status="zwolniony", vat_ue=True))
    assert not applies("VAT_UE", profile(vat_status="niezarejestrowany", vat_ue=True))


def test_cit8_versus_cit8e():
    classic = profile(legal_form="spzoo", tax_form="cit")
    estonian = profile(legal_form="spzoo", tax_form="cit_estonski")
    assert applies("CIT8", classic) and not applies("CIT8E", classic)
    assert applies("CIT8E", estonian) and not applies("CIT8", estonian)
    assert not applies("CIT_ADV", estonian)  # no advances under Estonian CIT
    assert not applies("CIT8", profile(legal_form="jdg", tax_form="liniowy"))


def test_sf_only_with_full_books():
    assert applies("SF", profile(legal_form="spzoo", books_type="full"))
    assert not applies("SF", profile(legal_form="jdg", books_type="kpir"))


def test_period_must_match_the_clients_frequency():
    monthly = profile(legal_form="jdg", tax_form="skala")
    quarterly = profile(legal_form="jdg", tax_form="skala", quarterly_advances=True)
    assert frequency("PIT_ADV", monthly) == "monthly"
    assert frequency("PIT_ADV", quarterly) == "quarterly"
    assert due_date("PIT_ADV", Q(2025, 1), monthly) is None
    assert due_date("PIT_ADV", M(2025, 3), quarterly) is None
    assert due_date("PIT_ADV", Q(2025, 1), quarterly) == date(2025, 4, 22)
    # An annual return asked for a month is no settlement period either.
    assert due_date("PIT36", M(2025, 1), monthly) is None


def test_v7k_parts_by_month():
    p = profile(vat_status="czynny", vat_period="quarterly")
    assert [o.part for o in obligations_for_period("JPK_V7K", M(2025, 2), p)] == [
        "records"
    ]
    assert [o.part for o in obligations_for_period("JPK_V7K", M(2025, 3), p)] == [
        "records_and_declaration"
    ]
    assert [o.part for o in obligations_for_period("JPK_V7K", Q(2025, 1), p)] == [
        "declaration"
    ]
    # A quarter that is not a calendar quarter is no VAT quarter.
    bad = Period(date(2025, 2, 1), date(2025, 4, 30))
    assert obligations_for_period("JPK_V7K", bad, p) == []


def test_non_calendar_tax_year_alignment():
    p = profile(legal_form="spzoo", tax_form="cit", tax_year_end_month=3)
    assert due_date("CIT8", Y(2026, 3), p) == date(2026, 6, 30)  # Tuesday
    assert due_date("CIT8", Y(2025), p) is None  # calendar year is not its year
    # PIT returns stay on the calendar year whatever the CIT tax year.
    jdg = profile(
        legal_form="jdg", tax_form="skala", employer=True, tax_year_end_month=3
    )
    assert due_date("PIT4R", Y(2025), jdg) == date(2026, 2, 2)


def test_bad_input_is_refused():
    p = profile(legal_form="jdg", tax_form="skala")
    with pytest.raises(KeyError):
        due_date("NOPE", M(2025, 1), p)
    with pytest.raises(ValueError):
        due_date("PIT_ADV", Period(date(2025, 1, 1), date(2025, 1, 15)), p)
    with pytest.raises(ValueError):
        due_date("PIT_ADV", Period(date(2025, 1, 1), date(2025, 2, 28)), p)
    with pytest.raises(ValueError):
        due_date("PIT_ADV", M(2021, 12), p)  # before Polski Ład: not modelled
    with pytest.raises(ValueError):
        ClientProfile(legal_form="gmbh")
    with pytest.raises(ValueError):
        ClientProfile(zus_due_day=10)


PROPOSALS = [
    (
        {
            "legal_form": "jdg",
            "books_type": "kpir",
            "tax_form": "skala",
            "vat_status": "czynny",
            "vat_period": "monthly",
            "vat_ue": True,
            "zus_scheme": "duzy",
            "employer": True,
        },
        [
            "JPK_V7M",
            "VAT_UE",
            "ZUS_DRA",
            "PIT_ADV",
            "PIT4_ADV",
            "PIT4R",
            "PIT11",
            "PIT36",
            # issue 12: the yearly election, the JPK book files (phased in) and
            # the health reconciliation of a self-employed owner
            "TAX_FORM_ELECTION",
            "JPK_PIT",
            "HEALTH_ANNUAL",
        ],
    ),
    (
        {
            "legal_form": "jdg",
            "books_type": "ryczalt",
            "tax_form": "ryczalt",
            "vat_status": "zwolniony",
            "zus_scheme": "ulga_na_start",
        },
        [
            "ZUS_DRA",
            "RYCZALT_ADV",
            "PIT28",
            "TAX_FORM_ELECTION",
            "JPK_PIT",
            "HEALTH_ANNUAL",
        ],
    ),
    (
        {
            "legal_form": "osoba_fizyczna",
            "books_type": "none",
            "tax_form": "ryczalt",
            "vat_status": "niezarejestrowany",
            "zus_scheme": "none",
        },
        ["RYCZALT_ADV", "PIT28"],
    ),
    (
        {
            "legal_form": "spzoo",
            "books_type": "full",
            "tax_form": "cit",
            "vat_status": "czynny",
            "vat_period": "quarterly",
            "employer": True,
            "related_party_transactions": True,
        },
        [
            "JPK_V7K",
            "ZUS_DRA",
            "CIT_ADV",
            "PIT4_ADV",
            "PIT4R",
            "PIT11",
            "CIT8",
            "TP_LOCAL_FILE",
            "TPR",
            "SF",
            "JPK_CIT",
        ],
    ),
    (
        {
            "legal_form": "spzoo",
            "books_type": "full",
            "tax_form": "cit_estonski",
            "vat_status": "czynny",
        },
        ["JPK_V7M", "CIT8E", "SF", "JPK_CIT"],
    ),
    (
        {
            "legal_form": "sc",
            "books_type": "kpir",
            "tax_form": "liniowy",
            "vat_status": "czynny",
            "vat_period": "monthly",
            "zus_scheme": "duzy",
        },
        [
            "JPK_V7M",
            "ZUS_DRA",
            "PIT_ADV",
            "PIT36L",
            "TAX_FORM_ELECTION",
            "JPK_PIT",
            "HEALTH_ANNUAL",
        ],
    ),
    (
        {
            "legal_form": "jdg",
            "books_type": "none",
            "tax_form": "karta",
            "vat_status": "zwolniony",
            "zus_scheme": "duzy",
        },
        # the karta's monthly tax (issue 12); no health reconciliation (fixed base)
        ["ZUS_DRA", "KARTA_PAY"],
    ),
    ({}, []),
]


@pytest.mark.parametrize("values,expected", PROPOSALS)
def test_required_declaration_codes(values, expected):
    assert required_declaration_codes(ClientProfile(**values)) == expected


def test_pit8ar_is_never_proposed_but_has_a_rule():
    assert "PIT8AR" in DECLARATION_CODES
    every = ClientProfile(legal_form="spzoo", employer=True, books_type="full")
    assert "PIT8AR" not in required_declaration_codes(every)


def test_from_values_accepts_odoo_false():
    p = ClientProfile.from_values(
        {"legal_form": "spzoo", "tax_form": False, "vat_ue": False, "employer": 1}
    )
    assert p.tax_form is None and p.vat_ue is False and p.employer is True
    with pytest.raises(TypeError):
        ClientProfile.from_values({"biuro_legal_form": "jdg"})


@pytest.mark.parametrize(
    "legal_form,day",
    [
        ("jdg", 20),
        ("sc", 20),
        ("spj", 20),
        ("spp", 20),
        ("spk", 20),
        ("ska", 20),
        ("osoba_fizyczna", 20),
        ("spzoo", 15),
        ("sa", 15),
        ("psa", 15),
        ("spoldzielnia", 15),
        ("fundacja", 15),
        ("fundacja_rodzinna", 15),
        ("stowarzyszenie", 15),
        ("oddzial", 15),
        ("other", 15),
    ],
)
def test_zus_day_by_legal_form(legal_form, day):
    # SUS act art. 47 ust. 1: 15th with legal personality, 20th for the others.
    assert ClientProfile(legal_form=legal_form, employer=True).zus_day == day
