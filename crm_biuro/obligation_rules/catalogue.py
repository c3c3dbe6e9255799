"""The declarations catalogue: who files what, for which period, by when.

One `Rule` per declaration code (the `code` of biuro.declaration.type). A rule says
how long its settlement period is for a given client, why it may not apply to that
client, and one or more `Part`s, each with its own statutory date (e.g. PIT-11 goes to
the tax office by the end of January and to the employee by the end of February).

Statutory dates here are the calendar dates of the statute. Moving them off weekends
and holidays (Ordynacja podatkowa art. 12 § 5) is done by the engine, per part.

Abbreviations in the legal bases: "VAT act" = ustawa o podatku od towarów i usług,
"PIT act" = ustawa o podatku dochodowym od osób fizycznych, "lump-sum act" = ustawa
o zryczałtowanym podatku dochodowym, "CIT act" = ustawa o podatku dochodowym od osób
prawnych, "SUS act" = ustawa o systemie ubezpieczeń społecznych, "UoR" = ustawa
o rachunkowości.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .periods import (
    ANNUAL,
    MONTHLY,
    QUARTERLY,
    Period,
    day_of_month_after,
    end_of_month_after,
)
from .profile import ClientProfile

DueFn = Callable[[Period, ClientProfile], date]
ReasonFn = Callable[[ClientProfile], str | None]


@dataclass(frozen=True)
class Part:
    """One dated act of a declaration ("" when the declaration has only one)."""

    name: str
    due: DueFn
    legal_basis: str
    # False where the Ordynacja's art. 12 § 5 does not clearly reach the deadline;
    # the calendar date is then kept, as it is the earlier and so the safe one.
    shifts: bool = True
    # Restricts the part to some periods (JPK_V7K: the declaration only in month 3).
    when: Callable[[Period], bool] | None = None
    # Restricts the part by period AND profile (a KSeF date falls in one month).
    occurs: Callable[[Period, ClientProfile], bool] | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    frequency: Callable[[ClientProfile], str]
    not_applicable: ReasonFn
    parts: tuple[Part, ...]
    # Quarters and years follow the client's tax year (CIT payers may have a
    # non-calendar one, CIT act art. 8); otherwise they are calendar ones.
    follows_tax_year: bool = False
    # Whether `required_declaration_codes` proposes the code when it applies; False
    # where the profile cannot tell (PIT-8AR depends on payments we do not see).
    proposable: Callable[[ClientProfile], bool] = lambda profile: True
    # Whether the calendar generator lists it for every period; False where the
    # return is due only for months the client reports (vat_ue_mode="when_reported"):
    # the Odoo side then creates it on demand with `obligations_for_period`.
    scheduled: Callable[[ClientProfile], bool] = lambda profile: True
    # Whether the obligation lapses for a period wholly inside a suspension
    # (zawieszenie). None: monthly and quarterly items lapse (nothing is earned,
    # paid or employed while suspended), annual returns stay (they cover the active
    # part of the year). See history.Lifecycle.
    suspends: bool | None = None
    # The period whose suspension makes the item lapse, if not its own (JPK_V7K:
    # the month-3 file carries the quarter's return, due unless the whole quarter
    # was suspended).
    suspension_scope: Callable[[Period], Period] | None = None
    # A VAT code: none for a period outside the client's VAT registration.
    needs_vat_registration: bool = False
    # Days before the due date the Odoo side should remind (0: its default).
    remind_days: int = 0

    @property
    def legal_basis(self) -> str:
        """The legal bases of all parts, without repetitions, for display."""
        seen: list[str] = []
        for part in self.parts:
            if part.legal_basis not in seen:
                seen.append(part.legal_basis)
        return "; ".join(seen)

    def lapses_in_suspension(self, profile: ClientProfile) -> bool:
        if self.suspends is not None:
            return self.suspends
        return self.frequency(profile) != ANNUAL


# --- building blocks -------------------------------------------------------------


def _day_next_month(day: int) -> DueFn:
    return lambda period, profile: day_of_month_after(period.end, 1, day)


def _end_of_month(months_after: int) -> DueFn:
    return lambda period, profile: end_of_month_after(period.end, months_after)


def _april_30(period: Period, profile: ClientProfile) -> date:
    return date(period.end.year + 1, 4, 30)


def _zus_due(period: Period, profile: ClientProfile) -> date:
    return day_of_month_after(period.end, 1, profile.zus_day)


def _sf_filed(period: Period, profile: ClientProfile) -> date:
    # Counted from the approval, which we assume happens on its last allowed day.
    days = 15 if profile.in_krs else 10
    return end_of_month_after(period.end, 6) + timedelta(days=days)


def _monthly(profile: ClientProfile) -> str:
    return MONTHLY


def _annual(profile: ClientProfile) -> str:
    return ANNUAL


def _advances(profile: ClientProfile) -> str:
    return QUARTERLY if profile.quarterly_advances else MONTHLY


def _is_quarter_end(period: Period) -> bool:
    return period.months == 1 and period.end.month % 3 == 0


def _is_month_not_quarter_end(period: Period) -> bool:
    return period.months == 1 and period.end.month % 3 != 0


def _is_quarter(period: Period) -> bool:
    return period.months == 3


def _quarter_of_quarter_end(period: Period) -> Period:
    if _is_quarter_end(period):
        return Period(day_of_month_after(period.start, -2, 1), period.end)
    return period


# --- applicability ---------------------------------------------------------------


def _jpk_reason(wanted_period: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        if not profile.is_vat_active:
            # VAT act art. 99 ust. 7: no return for taxpayers exempt under art. 113 or
            # making only art. 43 exempt supplies; unregistered ones file nothing.
            return f"vat_status is {profile.vat_status!r}, not 'czynny': no JPK_V7"
        if profile.effective_vat_period != wanted_period:
            return f"vat_period is {profile.effective_vat_period!r}"
        return None

    return reason


def _vat_ue_reason(profile: ClientProfile) -> str | None:
    if not profile.vat_ue:
        return "not registered for EU transactions (vat_ue is off)"
    if profile.vat_status == "niezarejestrowany":
        # VAT-UE registration (VAT act art. 97) presupposes a VAT registration.
        return "not registered for VAT"
    return None


def _zus_reason(profile: ClientProfile) -> str | None:
    if not profile.pays_zus:
        return "no ZUS scheme and no employees"
    return None


def _pit_reason(*tax_forms: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        if profile.is_cit_payer:
            return "CIT payer: no PIT advances or PIT returns of its own"
        if profile.tax_form not in tax_forms:
            return f"tax_form is {profile.tax_form!r}, not {' or '.join(tax_forms)}"
        return None

    return reason


def _cit_reason(profile: ClientProfile) -> str | None:
    if not profile.is_cit_payer:
        return "not a CIT payer"
    if profile.is_estonian_cit:
        # Estonian CIT (CIT act ch. 6b): no advances and CIT-8E instead of CIT-8.
        return "Estonian CIT: files CIT-8E and pays no CIT advances"
    return None


def _estonian_reason(profile: ClientProfile) -> str | None:
    if not profile.is_estonian_cit:
        return "tax_form is not 'cit_estonski'"
    return None


def _employer_reason(profile: ClientProfile) -> str | None:
    if not profile.employer:
        return "no employees or other persons paid through the payer"
    return None


def _full_books_reason(profile: ClientProfile) -> str | None:
    if profile.books_type != "full":
        return "no full books: no financial statements (UoR art. 45)"
    return None


def _always(profile: ClientProfile) -> str | None:
    return None


def _has_related_party_transactions(profile: ClientProfile) -> bool:
    return profile.related_party_transactions


def _never(profile: ClientProfile) -> bool:
    return False


# --- the catalogue ---------------------------------------------------------------

_RULES = (
    Rule(
        "JPK_V7M",
        "JPK_V7M – VAT return with records, monthly",
        _monthly,
        _jpk_reason("monthly"),
        (Part("", _day_next_month(25), "VAT act art. 99 ust. 1, art. 109 ust. 3b"),),
        needs_vat_registration=True,
    ),
    Rule(
        "JPK_V7K",
        "JPK_V7K – VAT records monthly, return quarterly",
        # Generated month by month: the file goes every month, and the month-3 file
        # also carries the return for the quarter.
        _monthly,
        _jpk_reason("quarterly"),
        (
            Part(
                "records",
                _day_next_month(25),
                "VAT act art. 109 ust. 3b",
                when=_is_month_not_quarter_end,
            ),
            Part(
                "records_and_declaration",
                _day_next_month(25),
                "VAT act art. 99 ust. 2, art. 109 ust. 3b",
                when=_is_quarter_end,
            ),
            # Only when asked with the quarter itself as the period.
            Part(
                "declaration",
                _day_next_month(25),
                "VAT act art. 99 ust. 2",
                when=_is_quarter,
            ),
        ),
        suspension_scope=_quarter_of_quarter_end,
        needs_vat_registration=True,
    ),
    Rule(
        "VAT_UE",
        "VAT-UE – EU recapitulative statement",
        _monthly,
        _vat_ue_reason,
        # Monthly only since 2017; due only for months with EU transactions, which
        # the profile cannot tell, so every month is listed.
        (Part("", _day_next_month(25), "VAT act art. 100 ust. 3"),),
        needs_vat_registration=True,
    ),
    Rule(
        "ZUS_DRA",
        "ZUS DRA – contributions declaration and payment",
        _monthly,
        _zus_reason,
        (Part("", _zus_due, "SUS act art. 47 ust. 1"),),
    ),
    Rule(
        "PIT_ADV",
        "PIT advance (skala / liniowy)",
        _advances,
        _pit_reason("skala", "liniowy"),
        # By the 20th after the month or quarter; the December / Q4 advance by
        # 20 January of the next year, which is the same formula.
        (Part("", _day_next_month(20), "PIT act art. 44 ust. 3g, ust. 6"),),
    ),
    Rule(
        "RYCZALT_ADV",
        "Lump-sum (ryczałt) advance",
        _advances,
        _pit_reason("ryczalt"),
        (Part("", _day_next_month(20), "lump-sum act art. 21 ust. 1, ust. 1a"),),
    ),
    Rule(
        "CIT_ADV",
        "CIT advance",
        _advances,
        _cit_reason,
        (Part("", _day_next_month(20), "CIT act art. 25 ust. 1, ust. 1b"),),
        follows_tax_year=True,
    ),
    Rule(
        "PIT4_ADV",
        "Payment of PIT withheld from employees (PIT-4R advances)",
        _monthly,
        _employer_reason,
        (Part("", _day_next_month(20), "PIT act art. 38 ust. 1"),),
    ),
    Rule(
        "PIT4R",
        "PIT-4R – payer's annual return",
        _annual,
        _employer_reason,
        (Part("", _end_of_month(1), "PIT act art. 38 ust. 1a"),),
    ),
    Rule(
        "PIT8AR",
        "PIT-8AR – payer's annual return of flat-rate tax",
        _annual,
        _always,
        (Part("", _end_of_month(1), "PIT act art. 42 ust. 1a"),),
        proposable=_never,
    ),
    Rule(
        "PIT11",
        "PIT-11 – income statement of each employee",
        _annual,
        _employer_reason,
        (
            Part("tax_office", _end_of_month(1), "PIT act art. 39 ust. 1"),
            Part("employee", _end_of_month(2), "PIT act art. 39 ust. 1"),
        ),
    ),
    Rule(
        "PIT36",
        "PIT-36 – annual return (skala)",
        _annual,
        _pit_reason("skala"),
        (Part("", _april_30, "PIT act art. 45 ust. 1"),),
    ),
    Rule(
        "PIT36L",
        "PIT-36L – annual return (liniowy)",
        _annual,
        _pit_reason("liniowy"),
        (Part("", _april_30, "PIT act art. 45 ust. 1"),),
    ),
    Rule(
        "PIT28",
        "PIT-28 – annual return (ryczałt)",
        _annual,
        _pit_reason("ryczalt"),
        # 30 April since the settlement of 2022 (before: end of February).
        (Part("", _april_30, "lump-sum act art. 21 ust. 1"),),
    ),
    Rule(
        "CIT8",
        "CIT-8 – annual CIT return",
        _annual,
        _cit_reason,
        (Part("", _end_of_month(3), "CIT act art. 27 ust. 1"),),
        follows_tax_year=True,
    ),
    Rule(
        "CIT8E",
        "CIT-8E – Estonian CIT return",
        _annual,
        _estonian_reason,
        (Part("", _end_of_month(3), "CIT act art. 28r ust. 1"),),
        follows_tax_year=True,
    ),
    Rule(
        "TP_LOCAL_FILE",
        "Transfer-pricing local file (prepared)",
        _annual,
        _always,
        (Part("", _end_of_month(10), "CIT act art. 11o ust. 1; PIT act art. 23zb"),),
        follows_tax_year=True,
        proposable=_has_related_party_transactions,
    ),
    Rule(
        "TPR",
        "TPR – transfer-pricing information",
        _annual,
        _always,
        (Part("", _end_of_month(11), "CIT act art. 11t ust. 1; PIT act art. 23zf"),),
        follows_tax_year=True,
        proposable=_has_related_party_transactions,
    ),
    Rule(
        "SF",
        "Financial statements (prepare, approve, file)",
        _annual,
        _full_books_reason,
        # The UoR has no weekend rule of its own and whether art. 12 § 5 Ordynacji
        # (or art. 115 KC) reaches these dates is disputed: keep the calendar dates.
        (
            Part("prepare", _end_of_month(3), "UoR art. 52 ust. 1", shifts=False),
            Part("approve", _end_of_month(6), "UoR art. 53 ust. 1", shifts=False),
            Part(
                "file",
                _sf_filed,
                "UoR art. 69 ust. 1 (KRS, 15 days after approval); CIT act art. 27 "
                "ust. 2 / PIT act art. 45 ust. 1f (Szef KAS, 10 days)",
                shifts=False,
            ),
        ),
        follows_tax_year=True,
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
DECLARATION_CODES: tuple[str, ...] = tuple(RULES)
