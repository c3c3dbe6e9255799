"""Settlement periods (month, quarter, year) and month arithmetic.

Every deadline in the catalogue is "day N of the k-th month after the period" or "end
of the k-th month after the period", so a period is just a first and a last day, and
the helpers below count whole months from its last day.
"""

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MONTHLY = "monthly"
QUARTERLY = "quarterly"
ANNUAL = "annual"

MONTHS_IN = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) shifted by `months` (which may be negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def day_of_month_after(day: date, months: int, day_of_month: int) -> date:
    """Day `day_of_month` of the `months`-th month after the month of `day`."""
    year, month = add_months(day.year, day.month, months)
    return date(year, month, day_of_month)


def months_spanned(first: date, last: date) -> int:
    """Calendar months from the month of `first` to the month of `last`, both
    counted (July 2025 to May 2027: 23)."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def end_of_month_after(day: date, months: int) -> date:
    """Last day of the `months`-th month after the month of `day`."""
    return end_of_month(*add_months(day.year, day.month, months))


@dataclass(frozen=True, order=True)
class Period:
    """A settlement period: `start` is its first day, `end` its last day (inclusive)."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends before it starts: {self.start}..{self.end}")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), end_of_month(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        """Calendar quarter 1–4 of `year`."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, not {quarter!r}")
        first = 3 * quarter - 2
        return cls(date(year, first, 1), end_of_month(year, first + 2))

    @classmethod
    def year(cls, year: int, end_month: int = 12) -> "Period":
        """The (tax or financial) year that ENDS in `end_month` of `year`.

        With the default it is the calendar year; `Period.year(2025, 3)` is
        1 April 2024 – 31 March 2025.
        """
        first_year, first_month = add_months(year, end_month, -11)
        return cls(date(first_year, first_month, 1), end_of_month(year, end_month))

    @property
    def months(self) -> int:
        """Length in whole months (0 if the period is not made of whole months)."""
        if self.start.day != 1 or self.end != end_of_month(
            self.end.year, self.end.month
        ):
            return 0
        return (
            (self.end.year - self.start.year) * 12
            + (self.end.month - self.start.month)
            + 1
        )

    def __str__(self):
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def period_containing(day: date, length: int, anchor_month: int = 1) -> Period:
    """The period of `length` months containing `day`, aligned so that one of these
    periods starts in `anchor_month` (quarters and years of a non-calendar tax year)."""
    offset = (day.month - anchor_month) % length
    year, month = add_months(day.year, day.month, -offset)
    end_year, end_month = add_months(year, month, length - 1)
    return Period(date(year, month, 1), end_of_month(end_year, end_month))


def iter_periods(
    first_end: date, last_end: date, length: int, anchor_month: int = 1
) -> Iterator[Period]:
    """Aligned periods of `length` months whose END lies in [first_end, last_end],
    in chronological order."""
    period = period_containing(first_end, length, anchor_month)
    while period.end <= last_end:
        if period.end >= first_end:
            yield period
        period = period_containing(period.end + timedelta(days=1), length, anchor_month)
