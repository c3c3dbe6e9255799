"""Polish working days and the shifting of deadlines.

Ordynacja podatkowa art. 12 § 5: when the last day of a deadline falls on a Saturday or
on a day that is statutorily free from work, the deadline ends on the next day that is
neither. The days free from work are Sundays plus the public holidays of the ustawa
o dniach wolnych od pracy (art. 1), which since 2025 includes 24 December
(Dz.U. 2024 poz. 1965). The list comes from the `holidays` package (>= 0.64 knows
24 December) rather than a hand-kept table, so a new holiday is one upgrade away.

The same rule reaches ZUS deadlines through art. 31 of the ustawa o systemie
ubezpieczeń społecznych, which applies art. 12 of the Ordynacja to contributions.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    # One immutable set per year: the `holidays` objects expand lazily (they mutate
    # themselves on lookup), which is not safe to share between Odoo worker threads.
    return frozenset(holidays.country_holidays("PL", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """True when `day` is a Polish statutory public holiday (Sundays not counted)."""
    return day in _public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """True for Monday–Friday that is not a Polish public holiday.

    Saturday counts as a non-working day for deadlines: art. 12 § 5 Ordynacji
    podatkowej names it explicitly.
    """
    return day.weekday() < 5 and not is_public_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day ON OR AFTER `day`.

    This is exactly the art. 12 § 5 shift: a deadline that already falls on a working
    day stays where it is; otherwise it moves to the next working day (e.g. Saturday
    1 May 2027 -> Sunday -> Monday 3 May is a holiday -> Tuesday 4 May).
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
