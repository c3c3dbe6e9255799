"""Working days and the art. 12 § 5 shift (holidays from the `holidays` package)."""

from datetime import date, timedelta

import pytest
from obligation_rules import is_public_holiday, is_working_day, next_working_day

D = date

SHIFTS = [
    # 2025-05-01 Thursday (Święto Państwowe) -> Friday 2 May
    (D(2025, 5, 1), D(2025, 5, 2)),
    # 2025-05-03 Saturday (Święto 3 Maja), 4 Sunday -> Monday 5 May
    (D(2025, 5, 3), D(2025, 5, 5)),
    # 2027-05-01 Saturday, 2 Sunday, 3 Monday (3 Maja) -> Tuesday 4 May
    (D(2027, 5, 1), D(2027, 5, 4)),
    # 2026-04-06 Easter Monday -> Tuesday 7 April
    (D(2026, 4, 6), D(2026, 4, 7)),
    # 2027-03-29 Easter Monday -> Tuesday 30 March
    (D(2027, 3, 29), D(2027, 3, 30)),
    # 2025-06-19 Thursday Corpus Christi -> Friday 20 June
    (D(2025, 6, 19), D(2025, 6, 20)),
    # 2026-06-04 Thursday Corpus Christi -> Friday 5 June
    (D(2026, 6, 4), D(2026, 6, 5)),
    # 2025-08-15 Friday Assumption, 16 Sat, 17 Sun -> Monday 18 August
    (D(2025, 8, 15), D(2025, 8, 18)),
    # 2025-11-01 Saturday All Saints, 2 Sunday -> Monday 3 November
    (D(2025, 11, 1), D(2025, 11, 3)),
    # 2025-11-11 Tuesday Independence Day -> Wednesday 12 November
    (D(2025, 11, 11), D(2025, 11, 12)),
    # 2026-11-11 Wednesday Independence Day -> Thursday 12 November
    (D(2026, 11, 11), D(2026, 11, 12)),
    # 2025-12-24 Wednesday (holiday from 2025), 25 Thu, 26 Fri, 27 Sat, 28 Sun
    # -> Monday 29 December
    (D(2025, 12, 24), D(2025, 12, 29)),
    # 2027-12-24 Friday, 25 Saturday, 26 Sunday -> Monday 27 December
    (D(2027, 12, 24), D(2027, 12, 27)),
    # 2026-01-06 Tuesday Epiphany -> Wednesday 7 January
    (D(2026, 1, 6), D(2026, 1, 7)),
    # 2025-12-31 Wednesday, 1 Jan 2026 Thursday is the holiday -> no shift
    (D(2025, 12, 31), D(2025, 12, 31)),
    # 2026-03-14 Saturday -> Monday 16 March
    (D(2026, 3, 14), D(2026, 3, 16)),
    # 2026-03-16 Monday -> itself (already a working day)
    (D(2026, 3, 16), D(2026, 3, 16)),
]


@pytest.mark.parametrize("day,expected", SHIFTS, ids=[str(s[0]) for s in SHIFTS])
def test_next_working_day(day, expected):
    assert next_working_day(day) == expected
    assert is_working_day(expected)


def test_christmas_eve_is_a_holiday_only_from_2025():
    # Amendment Dz.U. 2024 poz. 1965: 24 December free from work from 2025 on.
    assert not is_public_holiday(D(2024, 12, 24))
    assert is_working_day(D(2024, 12, 24))  # Tuesday
    for year in (2025, 2026, 2027):
        assert is_public_holiday(D(year, 12, 24))
        assert not is_working_day(D(year, 12, 24))


def test_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 3, 14))  # Saturday
    assert not is_working_day(D(2026, 3, 15))  # Sunday
    assert is_working_day(D(2026, 3, 13))  # Friday
    assert not is_public_holiday(D(2026, 3, 14))  # a Saturday is not a holiday


def test_plain_holiday_list_2026():
    days = (D(2026, 1, 1) + timedelta(days=n) for n in range(365))
    free = {day for day in days if is_public_holiday(day)}
    assert free == {
        D(2026, 1, 1),
        D(2026, 1, 6),
        D(2026, 4, 5),
        D(2026, 4, 6),
        D(2026, 5, 1),
        D(2026, 5, 3),
        D(2026, 5, 24),
        D(2026, 6, 4),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 24),
        D(2026, 12, 25),
        D(2026, 12, 26),
    }
