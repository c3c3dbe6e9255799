"""Profile history and client lifecycle: which profile governs which period.

A client's tax profile changes from a date (a new tax form from 1 January, monthly
VAT from April, VAT registration, becoming an employer). Obligations of a period
must come from the profile in force in THAT period, never from today's profile, or
a change for 2027 rewrites the 2026 return (review deadlines-2026-12 §7 #1).

The rule, per declaration code, walking forward through its settlement periods:

* A period is governed by the version in force on its first day, and a period that
  has begun under one version finishes under it. So a switch to monthly VAT from
  April gives JPK_V7K for January–March (March with the Q1 return) and JPK_V7M from
  April; a tax form changed from 1 January changes that year's advances and its
  annual return, while the previous year's return keeps the previous form.
* When a code starts in the middle of a period (VAT registration on 15 June as a
  new version, or a new code), its first period is the one containing that date.
  So a form recorded from 1 July (skala -> ryczałt) gives PIT advances to June,
  ryczałt advances from July, and BOTH annual returns for that year: the office
  sees both and never misses the one that turns out due.
* When the frequency or the tax year changes in the middle of a period already
  begun, the new one starts right after it: sub-annual items are listed month by
  month until the new frequency lines up (e.g. quarterly advances chosen from
  February: February and March monthly, quarterly from Q2); a changed tax year
  runs 12 to 23 months (CIT act art. 8 ust. 6).
* The first version also covers the time before its `date_from` (a history that
  was recorded late still dates the earlier periods, as the single-profile
  generator always did); use `Lifecycle.activity_start` to say there was nothing.

The lifecycle then removes what does not exist (see `Lifecycle`).
"""

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .catalogue import DECLARATION_CODES, RULES, Rule
from .periods import (
    ANNUAL,
    MONTHS_IN,
    Period,
    add_months,
    end_of_month,
    months_spanned,
    period_containing,
)
from .profile import ClientProfile

# The catalogue encodes the law as it stands after Polski Ład (ZUS 15th/20th, PIT-28
# on 30 April, December advances by 20 January); earlier periods are refused rather
# than answered wrongly.
SUPPORTED_FROM = date(2022, 1, 1)

# The longest gap between the end of a period and its last due date (SF filed 6
# months + 15 days after the year, TPR 11 months): the generator looks this far back.
LOOKBACK = timedelta(days=400)

# CIT act art. 8 ust. 2: a first tax year begun in the second half of a calendar
# year may last up to 23 months.
FIRST_TAX_YEAR_MAX_MONTHS = 23


@dataclass(frozen=True)
class ProfileVersion:
    """The profile (and the client's declaration codes) in force from `date_from`."""

    date_from: date
    profile: ClientProfile
    codes: frozenset[str] = frozenset()

    def __post_init__(self):
        if not isinstance(self.date_from, date):
            raise TypeError(f"date_from={self.date_from!r} is not a date")
        object.__setattr__(self, "codes", frozenset(self.codes))


def _month_start(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Lifecycle:
    """Dates of the client's life that decide whether an obligation exists at all.

    * `activity_start` / `activity_end` – business start and end (liquidation,
      deletion from CEIDG/KRS): no obligation for a period wholly before the start
      or wholly after the end. The period containing the end keeps its obligations,
      and so do the annual returns of the last year (they are due after the end).
    * `vat_registered_from` / `vat_deregistered_on` – the VAT registration window:
      VAT codes (`Rule.needs_vat_registration`) only for periods overlapping it.
    * `suspensions` – (first day, last day) of each zawieszenie (Prawo
      przedsiębiorców art. 22–25; a company in the KRS: art. 14a). For a period
      wholly inside a suspension these lapse: JPK_V7 (VAT act art. 99 ust. 7a),
      ZUS contributions incl. health (SUS act art. 36a ust. 6 [verify paragraph];
      ustawa o świadczeniach art. 66 ust. 1 pkt 1 lit. c), PIT / ryczałt / CIT
      advances (PIT act art. 44 ust. 3j, lump-sum act art. 21 ust. 1c, CIT act
      art. 25 ust. 1ba [verify paragraphs]), and all monthly payer items (only an
      entrepreneur without employees may suspend, Prawo przedsiębiorców art. 22
      ust. 1). They stay: annual returns (PIT-36/36L/28, CIT-8/8E), SF, TP, JPK
      books, tax-form election, KSeF dates, and OSS/IOSS nil returns (registration
      in the scheme is not suspended). Annual payer returns (PIT-4R, PIT-11, …)
      lapse only for a year wholly suspended. A quarterly JPK_V7K return is kept
      while any month of its quarter was active.
    * `first_tax_year_end` – the last day of a company's first tax year when it is
      longer than 12 months (CIT act art. 8 ust. 2: begun in the second half of
      the year, up to 23 months). Needs `activity_start`. The annual items that
      follow the tax year (CIT-8, CIT-8E, SF, TP, JPK_CIT, CIT-10Z, IFT-2R) then
      have one period from the start to this date, and none for the first
      calendar year. Without it, a CIT payer's first tax year runs from the start
      to the end of the tax year containing it.
    """

    activity_start: date | None = None
    activity_end: date | None = None
    vat_registered_from: date | None = None
    vat_deregistered_on: date | None = None
    suspensions: tuple[tuple[date, date], ...] = ()
    first_tax_year_end: date | None = None
    _merged: tuple[tuple[date, date], ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self):
        start, end = self.activity_start, self.activity_end
        if start and end and end < start:
            raise ValueError("activity_end is before activity_start")
        registered, deregistered = self.vat_registered_from, self.vat_deregistered_on
        if registered and deregistered and deregistered < registered:
            raise ValueError("vat_deregistered_on is before vat_registered_from")
        suspensions = tuple(sorted(tuple(s) for s in self.suspensions))
        for first, last in suspensions:
            if last < first:
                raise ValueError(f"suspension ends before it starts: {first}..{last}")
        object.__setattr__(self, "suspensions", suspensions)
        object.__setattr__(self, "_merged", _merge(suspensions))
        if self.first_tax_year_end is not None:
            self._check_first_tax_year()

    def _check_first_tax_year(self):
        end = self.first_tax_year_end
        if self.activity_start is None:
            raise ValueError("first_tax_year_end needs activity_start")
        if end != end_of_month(end.year, end.month):
            raise ValueError(f"first_tax_year_end={end} is not the end of a month")
        months = months_spanned(self.activity_start, end)
        if months < 1 or months > FIRST_TAX_YEAR_MAX_MONTHS:
            raise ValueError(
                f"a first tax year of {months} months: CIT act art. 8 ust. 2 allows"
                f" up to {FIRST_TAX_YEAR_MAX_MONTHS}"
            )
        if months > 12 and self.activity_start.month < 7:
            raise ValueError(
                "a first tax year over 12 months needs a start in the second half"
                " of the calendar year (CIT act art. 8 ust. 2)"
            )

    def active_in(self, period: Period) -> bool:
        if self.activity_start and period.end < self.activity_start:
            return False
        return not (self.activity_end and period.start > self.activity_end)

    def vat_registered_in(self, period: Period) -> bool:
        if self.vat_registered_from and period.end < self.vat_registered_from:
            return False
        return not (
            self.vat_deregistered_on and period.start > self.vat_deregistered_on
        )

    def suspended_throughout(self, period: Period) -> bool:
        return any(
            first <= period.start and period.end <= last for first, last in self._merged
        )

    def first_tax_year(self, period: Period) -> Period:
        """`period` (a tax year) replaced by the first tax year if it overlaps it."""
        start = self.activity_start
        if start is None:
            return period
        first_start = _month_start(start)
        last = self.first_tax_year_end
        if last is None:
            if period.start < first_start <= period.end:
                return Period(first_start, period.end)
            return period
        if period.start <= last and period.end >= first_start:
            return Period(first_start, last)
        return period

    def last_tax_year(self, period: Period) -> Period:
        """`period` (a tax year) closed at the end of the activity's last month.

        A CIT taxpayer's tax year ends with its liquidation (CIT act art. 8
        ust. 6 [verify paragraph]), so the CIT-8 is due three months after that,
        not after the year it would have had; closing at the end of the month
        gives the same or an earlier date, never a later one."""
        end = self.activity_end
        if end is None or not period.start <= end < period.end:
            return period
        return Period(period.start, end_of_month(end.year, end.month))


def _merge(intervals):
    """Join suspensions that touch (one ending on the 31st, the next from the 1st)."""
    merged: list[tuple[date, date]] = []
    for first, last in intervals:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


NO_LIFECYCLE = Lifecycle()


# --- walking the periods of one code ---------------------------------------------


def anchor_month(rule: Rule, profile: ClientProfile) -> int:
    # PIT taxpayers always have the calendar year (PIT act art. 11); only CIT payers
    # may choose another tax year (CIT act art. 8 ust. 1).
    if rule.follows_tax_year and profile.is_cit_payer:
        return profile.tax_year_start_month
    return 1


def _follows_cit_year(rule: Rule, profile: ClientProfile) -> bool:
    return (
        rule.follows_tax_year
        and profile.is_cit_payer
        and rule.frequency(profile) == ANNUAL
    )


class _Versions:
    def __init__(self, versions: Iterable[ProfileVersion]):
        self.items = sorted(versions, key=lambda v: v.date_from)
        if not self.items:
            raise ValueError("a profile history needs at least one version")
        self.starts = [v.date_from for v in self.items]
        if len(set(self.starts)) != len(self.starts):
            raise ValueError("two profile versions from the same date")

    def at(self, day: date) -> ProfileVersion:
        # The first version also covers the days before it (see the module doc).
        return self.items[max(bisect_right(self.starts, day) - 1, 0)]

    def next_start_after(self, day: date) -> date | None:
        index = bisect_right(self.starts, day)
        return self.starts[index] if index < len(self.starts) else None

    def codes(self) -> set[str]:
        return set().union(*(v.codes for v in self.items))


def _generated(rule: Rule, version: ProfileVersion) -> bool:
    profile = version.profile
    return (
        rule.code in version.codes
        and rule.not_applicable(profile) is None
        and rule.scheduled(profile)
    )


def _next_period(rule, version, cursor, previous, lifecycle) -> Period:
    profile = version.profile
    length = MONTHS_IN[rule.frequency(profile)]
    period = period_containing(cursor, length, anchor_month(rule, profile))
    if previous is not None and period.start <= previous.end:
        # The frequency or the tax year changed inside a period already begun.
        first = previous.end + timedelta(days=1)
        if length == 12:
            # CIT act art. 8 ust. 6: the year after a change lasts 12–23 months.
            last = period.end
            if months_spanned(first, last) < 12:
                last = end_of_month(*add_months(last.year, last.month, 12))
            return Period(first, last)
        return Period.month(first.year, first.month)
    if _follows_cit_year(rule, profile):
        return lifecycle.last_tax_year(lifecycle.first_tax_year(period))
    return period


def _exists(rule: Rule, period: Period, profile, lifecycle: Lifecycle) -> bool:
    if not lifecycle.active_in(period):
        return False
    if rule.needs_vat_registration and not lifecycle.vat_registered_in(period):
        return False
    if rule.lapses_in_suspension(profile):
        scope = rule.suspension_scope(period) if rule.suspension_scope else period
        if lifecycle.suspended_throughout(scope):
            return False
    return True


def _periods(rule, versions: _Versions, lifecycle, walk_from: date, last: date):
    """(period, version) pairs of `rule` whose period starts on or before `last`."""
    cursor, previous = walk_from, None
    while cursor <= last:
        version = versions.at(cursor)
        if not _generated(rule, version):
            cursor = versions.next_start_after(cursor)
            if cursor is None:
                return
            continue
        period = _next_period(rule, version, cursor, previous, lifecycle)
        if period.start > last:
            return
        if period.start >= SUPPORTED_FROM:
            yield period, version
        previous, cursor = period, period.end + timedelta(days=1)


def _walk_start(rule: Rule, versions: _Versions, start: date) -> date:
    first = max(start - LOOKBACK, SUPPORTED_FROM)
    profile = versions.at(first).profile
    length = MONTHS_IN[rule.frequency(profile)]
    return period_containing(first, length, anchor_month(rule, profile)).start


def _sort_key_factory():
    order = {code: index for index, code in enumerate(DECLARATION_CODES)}
    part_order = {
        (rule.code, part.name): index
        for rule in RULES.values()
        for index, part in enumerate(rule.parts)
    }
    return lambda o: (
        o.due_date,
        order[o.code],
        o.period_start,
        part_order[(o.code, o.part)],
    )


def generate_obligations_for_history(
    versions: Iterable[ProfileVersion],
    lifecycle: Lifecycle | None,
    start: date,
    end: date,
) -> Iterator:
    """Obligations whose due date OR period end lies in [start, end], each period
    dated from the profile version that governs it (module doc) and kept only if
    the lifecycle says it exists (`Lifecycle`).

    Same contract as `generate_obligations`: codes without a rule are skipped;
    ordered by due date, then catalogue order, period and part; no duplicates.
    """
    # Imported here: engine builds on this module for the single-profile case.
    from .engine import dated_parts

    if end < start:
        raise ValueError(f"empty range {start}..{end}")
    lifecycle = lifecycle or NO_LIFECYCLE
    history = _Versions(versions)
    found = set()
    for code in history.codes() & set(RULES):
        rule = RULES[code]
        walk_from = _walk_start(rule, history, start)
        for period, version in _periods(rule, history, lifecycle, walk_from, end):
            profile = version.profile
            if not _exists(rule, period, profile, lifecycle):
                continue
            for obligation in dated_parts(rule, period, profile):
                if start <= obligation.due_date <= end or start <= period.end <= end:
                    found.add(obligation)
    yield from sorted(found, key=_sort_key_factory())


def obligation_key(obligation) -> tuple:
    """What identifies an obligation across regenerations (its due date may move)."""
    return (
        obligation.code,
        obligation.period_start,
        obligation.period_end,
        obligation.part,
    )


def compare_obligations(before: Iterable, after: Iterable) -> dict[str, list]:
    """What a profile change does to the calendar, for the timeline entry:
    "added" and "removed" obligations, and "moved" (old, new) pairs whose due date
    changed. Each list is in the generators' order (due date first)."""
    old = {obligation_key(o): o for o in before}
    new = {obligation_key(o): o for o in after}
    key = _sort_key_factory()
    return {
        "added": sorted((o for k, o in new.items() if k not in old), key=key),
        "removed": sorted((o for k, o in old.items() if k not in new), key=key),
        "moved": sorted(
            (
                (old[k], o)
                for k, o in new.items()
                if k in old and old[k].due_date != o.due_date
            ),
            key=lambda pair: key(pair[1]),
        ),
    }
