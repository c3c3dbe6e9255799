"""Due dates, the declarations a profile needs, and the obligations calendar."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .catalogue import DECLARATION_CODES, RULES, Part, Rule
from .periods import MONTHS_IN, QUARTERLY, Period, iter_periods, period_containing
from .profile import ClientProfile
from .workdays import next_working_day

# The catalogue encodes the law as it stands after Polski Ład (ZUS 15th/20th, PIT-28
# on 30 April, December advances by 20 January); earlier periods are refused rather
# than answered wrongly.
SUPPORTED_FROM = date(2022, 1, 1)

# The longest gap between the end of a period and its last due date (SF filed 6
# months + 15 days after the year, TPR 11 months): the generator looks this far back.
_LOOKBACK = timedelta(days=400)


@dataclass(frozen=True)
class Obligation:
    """One dated obligation. `part` tells apart the acts of one declaration for one
    period ("" if it has only one). `statutory_date` is the date before the
    art. 12 § 5 shift; it takes no part in equality."""

    code: str
    period_start: date
    period_end: date
    due_date: date
    part: str = ""
    statutory_date: date | None = field(default=None, compare=False)


def _rule(code: str) -> Rule:
    try:
        return RULES[code]
    except KeyError:
        raise KeyError(f"unknown declaration code {code!r}") from None


def _anchor_month(rule: Rule, profile: ClientProfile) -> int:
    # PIT taxpayers always have the calendar year (PIT act art. 11); only CIT payers
    # may choose another tax year (CIT act art. 8 ust. 1).
    if rule.follows_tax_year and profile.is_cit_payer:
        return profile.tax_year_start_month
    return 1


def not_applicable_reason(code: str, profile: ClientProfile) -> str | None:
    """Why `code` does not apply to this client, or None if it does."""
    return _rule(code).not_applicable(profile)


def applies(code: str, profile: ClientProfile) -> bool:
    return not_applicable_reason(code, profile) is None


def frequency(code: str, profile: ClientProfile) -> str:
    """'monthly', 'quarterly' or 'annual' for this client."""
    return _rule(code).frequency(profile)


def _check_period(period: Period) -> None:
    if period.start < SUPPORTED_FROM:
        raise ValueError(f"periods before {SUPPORTED_FROM} are not modelled: {period}")
    if period.months not in (1, 3, 12):
        raise ValueError(f"not a month, quarter or year: {period}")


def _is_settlement_period(rule: Rule, period: Period, profile: ClientProfile) -> bool:
    """Whether `period` is one of this client's settlement periods for `rule`."""
    length = MONTHS_IN[rule.frequency(profile)]
    expected = period_containing(period.start, length, _anchor_month(rule, profile))
    if expected == period:
        return True
    # JPK_V7K: the quarterly return may be asked for with the calendar quarter.
    return rule.code == "JPK_V7K" and period == period_containing(
        period.start, MONTHS_IN[QUARTERLY]
    )


def _parts_for(rule: Rule, period: Period) -> list[Part]:
    return [part for part in rule.parts if part.when is None or part.when(period)]


def _obligation(rule: Rule, part: Part, period: Period, profile) -> Obligation:
    statutory = part.due(period, profile)
    due = next_working_day(statutory) if part.shifts else statutory
    return Obligation(rule.code, period.start, period.end, due, part.name, statutory)


def obligations_for_period(
    code: str, period: Period, profile: ClientProfile
) -> list[Obligation]:
    """All dated acts of `code` for `period` (empty when it does not apply).

    Raises ValueError for a period that is no whole month, quarter or year, or that
    starts before SUPPORTED_FROM; KeyError for an unknown code.
    """
    rule = _rule(code)
    _check_period(period)
    if rule.not_applicable(profile) or not _is_settlement_period(rule, period, profile):
        return []
    return [
        _obligation(rule, part, period, profile) for part in _parts_for(rule, period)
    ]


def due_date(
    code: str, period: Period, profile: ClientProfile, part: str | None = None
) -> date | None:
    """The due date of `code` for `period`, shifted per Ordynacja art. 12 § 5.

    None when the declaration does not apply to the client or `period` is not one of
    its settlement periods for this client (e.g. a month for quarterly advances).
    With several parts (PIT11: "tax_office", "employee"; SF: "prepare", "approve",
    "file") the first one is returned unless `part` names another.
    """
    obligations = obligations_for_period(code, period, profile)
    if part is not None:
        obligations = [o for o in obligations if o.part == part]
    return obligations[0].due_date if obligations else None


def required_declaration_codes(profile: ClientProfile) -> list[str]:
    """Declaration codes this profile normally files, in catalogue order.

    Used by the UI to suggest biuro.declaration.type records. Codes the profile
    cannot decide (PIT-8AR) are never proposed; TPR and the local file only with
    `related_party_transactions`.
    """
    return [
        code
        for code, rule in RULES.items()
        if rule.not_applicable(profile) is None and rule.proposable(profile)
    ]


def generate_obligations(
    profile: ClientProfile, codes: Iterable[str], start: date, end: date
) -> Iterator[Obligation]:
    """Obligations of `codes` whose due date OR period end lies in [start, end].

    "Period end in range" brings in work that becomes possible in the range even if
    due later (e.g. the annual return for a year closing in the range). Codes without
    a rule (custom declaration types) and codes that do not apply are skipped.
    Ordered by due date, then catalogue order, period and part; no duplicates.
    """
    if end < start:
        raise ValueError(f"empty range {start}..{end}")
    order = {code: index for index, code in enumerate(DECLARATION_CODES)}
    found: set[Obligation] = set()
    first_end = max(start - _LOOKBACK, SUPPORTED_FROM)
    for code in set(codes) & set(RULES):
        rule = RULES[code]
        if rule.not_applicable(profile):
            continue
        length = MONTHS_IN[rule.frequency(profile)]
        anchor = _anchor_month(rule, profile)
        for period in iter_periods(first_end, end, length, anchor):
            if period.start < SUPPORTED_FROM:
                continue
            for part in _parts_for(rule, period):
                obligation = _obligation(rule, part, period, profile)
                if start <= obligation.due_date <= end or start <= period.end <= end:
                    found.add(obligation)
    part_order = {
        (rule.code, part.name): index
        for rule in RULES.values()
        for index, part in enumerate(rule.parts)
    }
    yield from sorted(
        found,
        key=lambda o: (
            o.due_date,
            order[o.code],
            o.period_start,
            part_order[(o.code, o.part)],
        ),
    )
