"""Due dates, the declarations a profile needs, and the obligations calendar."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .catalogue import RULES, Part, Rule
from .history import (
    SUPPORTED_FROM,
    ProfileVersion,
    anchor_month,
    generate_obligations_for_history,
)
from .periods import MONTHS_IN, QUARTERLY, Period, period_containing
from .profile import ClientProfile
from .workdays import next_working_day


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
    expected = period_containing(period.start, length, anchor_month(rule, profile))
    if expected == period:
        return True
    # JPK_V7K: the quarterly return may be asked for with the calendar quarter.
    return rule.code == "JPK_V7K" and period == period_containing(
        period.start, MONTHS_IN[QUARTERLY]
    )


def _parts_for(rule: Rule, period: Period, profile: ClientProfile) -> list[Part]:
    return [
        part
        for part in rule.parts
        if (part.when is None or part.when(period))
        and (part.occurs is None or part.occurs(period, profile))
    ]


def _obligation(rule: Rule, part: Part, period: Period, profile) -> Obligation:
    statutory = part.due(period, profile)
    due = next_working_day(statutory) if part.shifts else statutory
    return Obligation(rule.code, period.start, period.end, due, part.name, statutory)


def dated_parts(rule: Rule, period: Period, profile: ClientProfile) -> list[Obligation]:
    """The obligations of each part of `rule` that falls in `period` (no checks)."""
    return [
        _obligation(rule, part, period, profile)
        for part in _parts_for(rule, period, profile)
    ]


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
    return dated_parts(rule, period, profile)


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
    One profile for all periods: a history with one version and no lifecycle.
    """
    version = ProfileVersion(SUPPORTED_FROM, profile, frozenset(codes))
    return generate_obligations_for_history([version], None, start, end)
