"""GUS rate limits by time of day, retries/backoff, and the shared HTTP helpers."""

from datetime import datetime, timezone

import pytest
from registries import errors, http
from registries.ratelimit import DAY, NIGHT, SHOULDER, GusRateLimiter, gus_limits_at
from vr_support import FakeClock

W = http.WARSAW


@pytest.mark.parametrize(
    "hour, minute, limits",
    [
        (5, 59, NIGHT),
        (6, 0, SHOULDER),
        (7, 59, SHOULDER),
        (8, 0, DAY),
        (16, 59, DAY),
        (17, 0, SHOULDER),
        (21, 59, SHOULDER),
        (22, 0, NIGHT),
        (0, 0, NIGHT),
    ],
)
def test_limits_by_local_time(hour, minute, limits):
    assert gus_limits_at(datetime(2026, 3, 10, hour, minute, tzinfo=W)) == limits


def test_limits_use_warsaw_time_across_dst():
    # 06:30 UTC is 07:30 in winter (shoulder) but 08:30 in summer (day).
    assert gus_limits_at(datetime(2026, 1, 15, 6, 30, tzinfo=timezone.utc)) == SHOULDER
    assert gus_limits_at(datetime(2026, 7, 15, 6, 30, tzinfo=timezone.utc)) == DAY
    assert (DAY.per_second, DAY.per_minute, DAY.per_hour) == (3, 120, 6000)
    assert (NIGHT.per_second, NIGHT.per_minute, NIGHT.per_hour) == (4, 200, 10000)
    assert (SHOULDER.per_minute, SHOULDER.per_hour) == (150, 8000)


def test_per_second_limit(clock):
    limiter = GusRateLimiter(clock, clock.sleep)
    for _ in range(3):
        assert limiter.acquire() == 0
    assert limiter.acquire() == pytest.approx(1.0)
    assert clock.slept and sum(clock.slept) == pytest.approx(1.0, abs=1e-3)


def test_night_allows_four_per_second():
    clock = FakeClock(datetime(2026, 3, 10, 23, 0, tzinfo=W))
    limiter = GusRateLimiter(clock, clock.sleep)
    assert [limiter.acquire() for _ in range(4)] == [0, 0, 0, 0]
    assert limiter.acquire() == pytest.approx(1.0)


def test_per_minute_limit(clock):
    limiter = GusRateLimiter(clock, clock.sleep)
    start = clock()
    for _ in range(120):
        limiter.acquire()
    assert (clock() - start).total_seconds() == pytest.approx(39.0, abs=0.01)  # 3/s
    limiter.acquire()  # the 121st waits for the first to leave the minute
    assert (clock() - start).total_seconds() == pytest.approx(60.0, abs=0.01)


def test_batch_weight_counts_identifiers(clock):
    limiter = GusRateLimiter(clock, clock.sleep)
    start = clock()
    assert limiter.weight(20) == 20
    assert limiter.acquire(20) == 0  # heavier than 3/s: allowed into an empty window
    assert limiter.acquire(1) == pytest.approx(1.0)  # the second waits for the second
    for _ in range(4):
        limiter.acquire(20)  # one per second: 101 identifiers after ~5 s
    assert (clock() - start).total_seconds() == pytest.approx(5.0, abs=0.01)
    # 120 per minute: the next batch of 20 waits until the first one is a minute old.
    limiter.acquire(20)
    assert (clock() - start).total_seconds() == pytest.approx(60.0, abs=0.01)
    flat = GusRateLimiter(clock, clock.sleep, count_identifiers=False)
    assert flat.weight(20) == 1


def test_floor_seconds():
    # 150 searches of 20 NIPs at night: 200 identifiers a minute -> 15 minutes.
    floor = GusRateLimiter.floor_seconds([20] * 150)
    assert 14 * 60 <= floor <= 15 * 60
    # Counting requests, not identifiers: only the 4/s limit binds.
    assert GusRateLimiter.floor_seconds([1] * 150) == pytest.approx(37.0, abs=0.01)
    # The hour limit binds beyond 6000 calls in daytime.
    day = datetime(2026, 3, 10, 8, 0, tzinfo=W)
    assert GusRateLimiter.floor_seconds([1] * 6001, start=day) >= 3600


def test_retry_policy_backoff(sleeps):
    policy = http.RetryPolicy(attempts=4, backoff=1.0, factor=2.0, max_backoff=3.0)
    calls = []

    def flaky():
        calls.append(1)
        raise errors.Unavailable("x", reason="http", transient=True)

    with pytest.raises(errors.Unavailable):
        http.call_with_retry(flaky, policy, sleeps)
    assert len(calls) == 4 and sleeps.calls == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    "error",
    [
        errors.Unavailable("quota", reason="quota", transient=False),
        errors.InvalidInput("bad"),
        errors.NotFound("none"),
        errors.Unexpected("odd"),
    ],
)
def test_non_transient_errors_are_not_retried(sleeps, error):
    calls = []

    def failing():
        calls.append(1)
        raise error

    with pytest.raises(type(error)):
        http.call_with_retry(failing, http.RetryPolicy(), sleeps)
    assert calls == [1] and sleeps.calls == []


def test_retry_after_stretches_the_wait(sleeps):
    attempts = iter([errors.Unavailable("x", transient=True, retry_after=5.0)])

    def once():
        for exc in attempts:
            raise exc
        return "ok"

    assert http.call_with_retry(once, http.RetryPolicy(backoff=1.0), sleeps) == "ok"
    assert sleeps.calls == [5.0]


def test_next_midnight_across_dst():
    # The night the clocks go forward (29 March 2026): midnight is still 00:00 local.
    before = datetime(2026, 3, 28, 23, 30, tzinfo=W)
    assert http.next_midnight(before) == datetime(2026, 3, 29, 0, 0, tzinfo=W)
    assert (
        http.next_midnight(datetime(2026, 3, 29, 12, 0, tzinfo=W))
        .utcoffset()
        .total_seconds()
        == 7200
    )


def test_extract_envelope_from_multipart():
    envelope = b"<s:Envelope xmlns:s='u'><s:Body/></s:Envelope>"
    body = b"\r\n--b\r\n   Content-ID: <x>\r\n\r\n" + envelope + b"\r\n   --b--"
    assert http.extract_envelope(body) == envelope
    with pytest.raises(http.MalformedAnswer):
        http.extract_envelope(b"<html>maintenance</html>")
