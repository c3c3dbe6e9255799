"""GUS BIR rate limits by time of day (Europe/Warsaw), as published by GUS.

| Local time               | req/s | req/min | req/h  |
|--------------------------|-------|---------|--------|
| 08:00-16:59              | 3     | 120     | 6 000  |
| 06:00-07:59, 17:00-21:59 | 3     | 150     | 8 000  |
| 22:00-05:59              | 4     | 200     | 10 000 |

The limits apply to every call, ``Zaloguj`` and ``GetValue`` included. By default a
batch search weighs as many requests as it has identifiers (the conservative reading
used by the only client that implements these limits); ``count_identifiers=False``
weighs every HTTP request as one.

A sliding-window log per window (1 s, 60 s, 3600 s). A call heavier than a window's
whole limit (20 NIPs vs 3 per second) is let through when that window is empty, so a
batch is never refused, only spaced out.
"""

import collections
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from .http import WARSAW, warsaw_now


@dataclass(frozen=True)
class Limits:
    per_second: int
    per_minute: int
    per_hour: int


DAY = Limits(3, 120, 6000)
SHOULDER = Limits(3, 150, 8000)
NIGHT = Limits(4, 200, 10000)
# (first hour, last hour exclusive, limits), local time.
GUS_SCHEDULE = (
    (0, 6, NIGHT),
    (6, 8, SHOULDER),
    (8, 17, DAY),
    (17, 22, SHOULDER),
    (22, 24, NIGHT),
)
_WINDOWS = ((1.0, "per_second"), (60.0, "per_minute"), (3600.0, "per_hour"))


def gus_limits_at(moment, schedule=GUS_SCHEDULE):
    hour = moment.astimezone(WARSAW).hour
    for first, last, limits in schedule:
        if first <= hour < last:
            return limits
    raise ValueError(f"no GUS limits for hour {hour}")


class _Window:
    """Calls of the last ``span`` seconds with their running total."""

    def __init__(self, span, attr):
        self.span, self.attr = span, attr
        self.log = collections.deque()  # (timestamp, weight), oldest first
        self.used = 0

    def forget(self, now):
        while self.log and self.log[0][0] <= now - self.span:
            self.used -= self.log.popleft()[1]

    def wait(self, now, weight, limit):
        if self.used == 0 or self.used + weight <= limit:
            return 0.0
        # Oldest calls leave the window first; wait until enough of them have left.
        used = self.used
        for ts, w in self.log:
            used -= w
            if used == 0 or used + weight <= limit:
                return ts + self.span - now
        return 0.0

    def add(self, now, weight):
        self.log.append((now, weight))
        self.used += weight


class GusRateLimiter:
    """Blocks (through ``sleep``) until a call fits GUS's limits, then records it.

    ``clock`` returns an aware datetime; ``sleep(seconds)`` waits. Inject both in
    tests (a fake clock whose sleep advances it). One limiter per run: share it
    between clients that use the same key/IP.
    """

    def __init__(
        self, clock=None, sleep=None, *, count_identifiers=True, schedule=GUS_SCHEDULE
    ):
        self.clock = clock or warsaw_now
        self.sleep = sleep or time.sleep
        self.count_identifiers = count_identifiers
        self.schedule = schedule
        self._windows = [_Window(span, attr) for span, attr in _WINDOWS]
        self.waited = 0.0
        self.calls = 0

    def limits(self, moment=None):
        return gus_limits_at(moment or self.clock(), self.schedule)

    def weight(self, identifiers):
        return max(1, identifiers) if self.count_identifiers else 1

    def wait_time(self, weight=1, moment=None):
        """Seconds to wait before a call of ``weight`` fits every window."""
        moment = moment or self.clock()
        now = moment.timestamp()
        limits = gus_limits_at(moment, self.schedule)
        wait = 0.0
        for window in self._windows:
            window.forget(now)
            wait = max(wait, window.wait(now, weight, getattr(limits, window.attr)))
        return wait

    def acquire(self, weight=1):
        """Wait until a call of ``weight`` fits, record it; return seconds waited."""
        waited = 0.0
        while True:
            wait = self.wait_time(weight)
            if wait <= 0:
                break
            # A hair more than needed so float rounding cannot loop forever.
            self.sleep(wait + 1e-6)
            waited += wait
        now = self.clock().timestamp()
        for window in self._windows:
            window.add(now, weight)
        self.waited += waited
        self.calls += 1
        return waited

    @classmethod
    def floor_seconds(cls, weights, start=None, **kwargs):
        """Shortest possible duration of calls of ``weights`` started at ``start``.

        Runs the limiter on a virtual clock: the "rate-limit floor" a benchmark
        compares its wall time with.
        """
        virtual = _VirtualClock(start or datetime(2026, 1, 5, 2, 0, tzinfo=WARSAW))
        limiter = cls(virtual.now, virtual.sleep, **kwargs)
        began = virtual.moment
        for weight in weights:
            limiter.acquire(weight)
        return (virtual.moment - began).total_seconds()


class _VirtualClock:
    def __init__(self, moment):
        self.moment = moment

    def now(self):
        return self.moment

    def sleep(self, seconds):
        self.moment += timedelta(seconds=seconds)
