"""White-list client against the fake: batching, requestId, quota, WL codes."""

import json
import math
import re
from datetime import date

import pytest
from registries import errors, whitelist
from vr_support import FAST_RETRY, TIMEOUT, FakeClock

DAY = date(2026, 3, 10)


def client(fake, clock=None, **kwargs):
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("retry", FAST_RETRY)
    return whitelist.WhiteListClient(
        fake.urls["whitelist"], clock=clock or FakeClock(), **kwargs
    )


def test_batches_of_thirty_keep_request_ids(fake100):
    nips = list(fake100.store._by_nip)
    wl = client(fake100)
    results = wl.search_nips(nips[:65], DAY)
    assert list(results) == nips[:65]
    assert fake100.whitelist.counts == {"search/nips": math.ceil(65 / 30)}
    sent = [len(p["value"].split(",")) for op, p in fake100.whitelist.requests]
    assert sent == [30, 30, 5]
    assert {p["date"] for op, p in fake100.whitelist.requests} == {"2026-03-10"}
    ids = {r.request_id for r in results.values()}
    assert len(ids) == 3 and all(re.fullmatch(r"\w{5}-\w{7}", i) for i in ids)
    for nip, result in results.items():
        assert result.found and result.subject.nip == nip
        assert (
            result.request_id
            and json.loads(result.raw)["requestId"] == result.request_id
        )
        assert result.subject.account_numbers == fake100.store.get(nip).accounts
    assert wl.quota.used["search"] == 3


def test_status_and_not_listed(fake):
    fake.store.get("5261040828").vat_status = None  # not on the list at all
    wl = client(fake)
    results = wl.search_nips(["5261040828", "9542300619", "7010000005"], DAY)
    assert not results["5261040828"].found and results["5261040828"].request_id
    assert results["9542300619"].subject.status_vat == "Czynny"
    assert results["7010000005"].subject.status_vat == "Zwolniony"
    missing = wl.search_nips(["5261040828"], DAY)["5261040828"]
    assert missing.request_id and missing.raw  # evidence of the negative answer
    assert wl.search_nips(["9542300619"], DAY)["9542300619"].subject.krs == "0000135115"


def test_invalid_nips_cost_no_request(fake):
    wl = client(fake)
    results = wl.search_nips(["5261040829", "123", "9542300619"], DAY)
    assert results["5261040829"].error.code == "WL-115"
    assert results["123"].error.code == "WL-113"
    assert results["9542300619"].found
    assert fake.whitelist.requests == [
        ("search/nips", {"value": "9542300619", "date": "2026-03-10"})
    ]
    assert wl.search_nips(["1", "2"], DAY) and fake.whitelist.total() == 1


def test_wl191_stops_every_call_until_midnight(fake):
    clock = FakeClock()
    fake.whitelist.quota_after = 1
    wl = client(fake, clock)
    wl.search_nips(["9542300619"], DAY)["9542300619"]
    with pytest.raises(errors.Unavailable) as caught:
        wl.search_nips(["5261040828"], DAY)
    error = caught.value
    assert (error.code, error.reason, error.transient) == ("WL-191", "quota", False)
    assert error.until.isoformat() == "2026-03-11T00:00:00+01:00"
    assert error.retry_after == 14 * 3600
    assert fake.whitelist.total() == 2
    # The rest of the day: refused locally.
    with pytest.raises(errors.Unavailable) as caught:
        wl.search_nips(["5261040828"], DAY)
    assert caught.value.code == "WL-191" and caught.value.until == error.until
    assert fake.whitelist.total() == 2
    # The block survives a restart through the persisted quota...
    state = wl.quota.to_dict()
    again = client(
        fake, clock, quota=whitelist.WhiteListQuota(clock=clock, state=state)
    )
    with pytest.raises(errors.Unavailable):
        again.search_nips(["9542300619"], DAY)["9542300619"]
    assert fake.whitelist.total() == 2
    # ...and ends at midnight.
    clock.advance(hours=14)
    fake.whitelist.quota_after = None
    assert wl.search_nips(["9542300619"], date(2026, 3, 11))["9542300619"].found
    assert wl.quota.to_dict() == {
        "day": "2026-03-11",
        "used": {"search": 1},
        "blocked_until": None,
    }


def test_own_daily_budget(fake):
    clock = FakeClock()
    quota = whitelist.WhiteListQuota({"search": 2}, clock=clock)
    wl = client(fake, clock, quota=quota)
    wl.search_nips(["9542300619"], DAY)["9542300619"]
    wl.search_nips(["9542300619"], DAY)["9542300619"]
    assert quota.remaining("search") == 0
    with pytest.raises(errors.Unavailable) as caught:
        wl.search_nips(["9542300619"], DAY)["9542300619"]
    assert (caught.value.code, caught.value.reason) == ("QUOTA", "quota")
    assert fake.whitelist.total() == 2
    # A state from another day is ignored.
    old = whitelist.WhiteListQuota(
        clock=clock, state={"day": "2026-03-09", "used": {"search": 100}}
    )
    assert old.remaining("search") == 100


@pytest.mark.parametrize("code", ["WL-195", "WL-196"])
def test_database_update_codes_are_retried(fake, sleeps, code):
    wl = client(fake, sleep=sleeps)
    fake.whitelist.set_faults(error_code=code, times=2)
    assert wl.search_nips(["9542300619"], DAY)["9542300619"].found
    assert fake.whitelist.total() == 3 and sleeps.calls == [0.5, 1.0]
    fake.whitelist.set_faults(error_code=code)
    with pytest.raises(errors.Unavailable) as caught:
        wl.search_nips(["9542300619"], DAY)["9542300619"]
    assert (caught.value.code, caught.value.transient, caught.value.reason) == (
        code,
        True,
        "maintenance",
    )
    assert fake.whitelist.total() == 6


@pytest.mark.parametrize("code", ["WL-101", "WL-103", "WL-113", "WL-130", "WL-190"])
def test_input_codes_are_not_retried(fake, sleeps, code):
    wl = client(fake, sleep=sleeps)
    fake.whitelist.set_faults(error_code=code)
    with pytest.raises(errors.InvalidInput) as caught:
        wl.search_nips(["9542300619"], DAY)
    assert caught.value.code == code and caught.value.message
    assert fake.whitelist.total() == 1 and sleeps.calls == []


@pytest.mark.parametrize(
    "faults, error, reason, requests",
    [
        ({"http_500": True}, errors.Unavailable, "http", 3),
        ({"error_code": "WL-100"}, errors.Unavailable, "http", 3),
        ({"timeout": True, "hang": 2}, errors.Unavailable, "timeout", 3),
        ({"malformed": True}, errors.Unavailable, "malformed", 1),
        ({"error_code": "WL-999"}, errors.Unexpected, None, 1),
    ],
)
def test_faults(fake, sleeps, faults, error, reason, requests):
    wl = client(fake, sleep=sleeps)
    fake.whitelist.set_faults(**faults)
    with pytest.raises(error) as caught:
        wl.search_nips(["9542300619"], DAY)
    assert getattr(caught.value, "reason", None) == reason
    assert fake.whitelist.total() == requests
    assert wl.quota.used["search"] == requests  # every attempt spends quota


def test_old_subjects_shape_is_understood():
    result = {
        "subjects": [{"nip": "9542300619", "name": "X", "statusVat": "Czynny"}],
        "requestId": "a-b",
    }
    parsed = whitelist.parse_entries(result, ["9542300619", "5261040828"])
    assert parsed["9542300619"].found and not parsed["5261040828"].found
    assert parsed["5261040828"].request_id == "a-b"


def test_per_entry_errors_of_the_registry(fake):
    # Entries can carry their own error (e.g. a NIP the API rejects).
    result = {
        "entries": [
            {"identifier": "9542300619", "error": {"code": "WL-115", "message": "x"}}
        ],
        "requestId": "r",
    }
    parsed = whitelist.parse_entries(result, ["9542300619"])
    assert isinstance(parsed["9542300619"].error, errors.InvalidInput)
    assert parsed["9542300619"].error.request_id == "r"
