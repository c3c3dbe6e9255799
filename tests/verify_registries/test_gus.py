"""GUS BIR client against the fake (real HTTP, MTOM multipart, escaped inner XML)."""

import logging
import math

import pytest
from fake_registries import FakeCompany, generate_companies
from registries import errors, gus
from registries.http import NO_RETRY
from registries.ratelimit import GusRateLimiter
from vr_support import FAST_RETRY, TIMEOUT, FakeClock

KEY = "fake-key-1234567890x"


def client(fake, **kwargs):
    kwargs.setdefault("rate_limiter", None)
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("retry", FAST_RETRY)
    return gus.GusClient(fake.urls["gus"], kwargs.pop("key", KEY), **kwargs)


def test_search_lookup_and_reports(fake, sleeps):
    g = client(fake, sleep=sleeps)
    found = g.search_nip("PL 954-230-06-19")
    entity = found.main
    assert (entity.regon, entity.type, entity.silo_id) == ("276592498", "P", "6")
    assert entity.postal_code == "02-672" and entity.active
    assert entity.raw.startswith("<dane>") and "<Nip>9542300619</Nip>" in entity.raw

    company = g.lookup_nip("9542300619")
    assert company.details.krs == "0000135115"
    assert (
        company.details.specific_legal_form == "SPÓŁKI Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
    )
    assert company.details.address.street_line == "ul. Test-Krucza 50"
    assert [p.code for p in company.pkd if p.main] == ["47.73.Z"]
    assert set(company.reports) == {"BIR12OsPrawna", "BIR12OsPrawnaPkd"}
    # One login for the whole run; nothing retried.
    assert fake.gus.counts == {
        "Zaloguj": 1,
        "DaneSzukajPodmioty": 2,
        "DanePobierzPelnyRaport": 2,
    }
    assert sleeps.calls == []
    assert g.calls == fake.gus.counts


def test_sole_trader_report_follows_the_silo(fake):
    fake.store.add(
        FakeCompany(nip="7010000012", name="ANNA ROLNIK", entity_type="F", silo_id="2")
    )
    g = client(fake)
    company = g.lookup_nip("7010000012")
    assert company.entity.type == "F"
    assert next(iter(company.reports)) == "BIR12OsFizycznaDzialalnoscRolnicza"
    assert company.details.name == "ANNA ROLNIK"
    general = g.full_report(company.entity, kind="general")
    assert general.report_name == "BIR12OsFizycznaDaneOgolne"
    assert general.details.activity_flags["Rolnicza"] == "1"


@pytest.mark.parametrize(
    "version, expected",
    [
        ("BIR11", ["BIR11OsPrawna", "BIR11OsPrawnaPkd"]),
        ("BIR12", ["BIR12OsPrawna", "BIR12OsPrawnaPkd"]),
    ],
)
def test_report_names_follow_the_configured_version(fake, version, expected):
    g = client(fake, report_version=version)
    company = g.lookup_nip("5261040828")
    sent = [
        p["pNazwaRaportu"]
        for op, p in fake.gus.requests
        if op == "DanePobierzPelnyRaport"
    ]
    assert sent == expected
    # BIR 1.2 PKD rows carry pkdWersja; BIR 1.1 ones do not.
    assert {p.version for p in company.pkd} == (
        {""} if version == "BIR11" else {"2007"}
    )


def test_report_name_table():
    assert (
        gus.report_name("P", kind="local_units", version="BIR11")
        == "BIR11OsPrawnaListaJednLokalnych"
    )
    assert gus.report_name("F", "3") == "BIR12OsFizycznaDzialalnoscPozostala"
    assert gus.report_name("F", "4") == "BIR11OsFizycznaDzialalnoscSkreslonaDo20141108"
    assert gus.report_name("LF", kind="pkd") == "BIR12JednLokalnaOsFizycznejPkd"
    assert gus.report_name("LP") == "BIR12JednLokalnaOsPrawnej"
    assert gus.report_name("P", kind="partners") == "BIR12OsPrawnaSpCywilnaWspolnicy"
    assert gus.report_name("P", kind="type", version="BIR11") == "BIR11TypPodmiotu"
    assert (
        gus.report_name("P", overrides={"OsPrawna": "BIR121OsPrawna"})
        == "BIR121OsPrawna"
    )
    with pytest.raises(errors.InvalidInput):
        gus.report_name("F", kind="partners")
    with pytest.raises(errors.InvalidInput):
        gus.report_name("P", version="BIR13")


def test_batches_of_twenty_with_one_login(fake100):
    nips = list(fake100.store._by_nip)[:45]
    g = client(fake100)
    results = g.search_nips(nips + ["1234567890"])
    assert list(results) == [*nips, "1234567890"]
    assert all(results[n].found for n in nips)
    assert not results["1234567890"].found and results["1234567890"].error is None
    assert fake100.gus.counts == {
        "Zaloguj": 1,
        "DaneSzukajPodmioty": math.ceil(46 / 20),
    }
    sent = [
        len(p["Nipy"].split(","))
        for op, p in fake100.gus.requests
        if op == "DaneSzukajPodmioty"
    ]
    assert sent == [20, 20, 6]
    # A second batch in the same run reuses the session.
    g.search_nips(nips[:5])
    assert fake100.gus.counts["Zaloguj"] == 1


def test_invalid_nips_are_not_sent(fake):
    g = client(fake)
    results = g.search_nips(["12345", "5261040828", "5261040828"])
    assert list(results) == ["12345", "5261040828"]
    assert isinstance(results["12345"].error, errors.InvalidInput)
    assert fake.gus.requests[-1] == ("DaneSzukajPodmioty", {"Nip": "5261040828"})
    assert g.search_nips(["abc"])["ABC"].error is not None
    assert fake.gus.counts["DaneSzukajPodmioty"] == 1


def test_not_found(fake):
    g = client(fake)
    with pytest.raises(errors.NotFound) as caught:
        g.search_nip("1234563218")
    assert caught.value.code == "4"
    results = g.search_nips(["1234563218", "1111111111"])
    assert [r.found for r in results.values()] == [False, False]
    assert "<ErrorCode>4</ErrorCode>" in results["1234563218"].raw


def test_report_errors(fake):
    fake.store.add(
        FakeCompany(
            nip="7010000029",
            name="WSPÓLNICY S.C.",
            legal_form="sc",
            partners=[{"first_name": "JAN", "last_name": "A", "regon": "123456785"}],
        )
    )
    g = client(fake)
    sc = g.search_nip("7010000029").main
    assert [p.first_name for p in g.full_report(sc, kind="partners").partners] == [
        "JAN"
    ]
    legal = g.search_nip("9542300619").main
    with pytest.raises(errors.InvalidInput) as caught:  # ErrorCode 21: not an s.c.
        g.full_report(legal, kind="partners")
    assert caught.value.code == "21"
    with pytest.raises(errors.NotFound):  # a report of the wrong family: ErrorCode 4
        g.full_report(legal.regon, "F", "1")
    with pytest.raises(errors.InvalidInput) as caught:  # ErrorCode 5
        g.full_report(legal.regon, name="BIR11Nonsense")
    assert caught.value.code == "5"
    with pytest.raises(errors.InvalidInput):
        g.full_report("123", "P")


def test_session_expiry_logs_in_again_once(fake100):
    fake100.gus.session_expiry_after = 2
    g = client(fake100)
    nips = list(fake100.store._by_nip)[:60]
    results = g.search_nips(nips)
    assert all(r.found for r in results.values())
    # 3rd search: empty Result -> GetValue(KomunikatKod)=7 -> Zaloguj -> search again.
    assert fake100.gus.counts == {"Zaloguj": 2, "DaneSzukajPodmioty": 4, "GetValue": 1}
    assert [
        p["pNazwaParametru"] for op, p in fake100.gus.requests if op == "GetValue"
    ] == ["KomunikatKod"]


def test_session_expiring_again_is_unavailable(fake):
    fake.gus.session_expiry_after = 0
    g = client(fake)
    with pytest.raises(errors.Unavailable) as caught:
        g.search_nip("5261040828")
    assert caught.value.reason == "session"
    # Re-login exactly once, then give up.
    assert fake.gus.counts == {"Zaloguj": 2, "DaneSzukajPodmioty": 2, "GetValue": 2}


def test_rejected_key(fake):
    fake.gus.key = "the-right-key"
    g = client(fake, key="wrong")
    with pytest.raises(errors.Unavailable) as caught:
        g.search_nip("5261040828")
    assert (caught.value.code, caught.value.reason) == ("LOGIN_REJECTED", "auth")
    assert fake.gus.counts == {"Zaloguj": 1}
    with pytest.raises(errors.InvalidInput):
        gus.GusClient(fake.urls["gus"], "", rate_limiter=None).login()


def test_key_is_never_logged_or_shown(fake, caplog):
    caplog.set_level(logging.DEBUG)
    g = client(fake)
    g.search_nip("5261040828")
    assert KEY not in repr(g)
    assert not [r for r in caplog.records if KEY in r.getMessage()]


@pytest.mark.parametrize(
    "faults, error, reason, attempts",
    [
        ({"timeout": True, "hang": 2}, errors.Unavailable, "timeout", 3),
        # a proxy's plain-text "504 too late" before the client's own timeout
        ({"timeout": True, "hang": 0.01}, errors.Unavailable, "http", 3),
        ({"http_500": True}, errors.Unavailable, "http", 3),
        ({"soap_fault": "Receiver:Internal error"}, errors.Unavailable, "fault", 3),
        ({"soap_fault": "Sender:a:ActionNotSupported"}, errors.Unexpected, None, 1),
        ({"malformed": True}, errors.Unavailable, "malformed", 1),
    ],
)
def test_faults(fake, sleeps, faults, error, reason, attempts):
    g = client(fake, sleep=sleeps)
    g.login()
    fake.gus.set_faults(operations={"DaneSzukajPodmioty"}, **faults)
    with pytest.raises(error) as caught:
        g.search_nips(["5261040828"])
    assert getattr(caught.value, "reason", None) == reason
    assert fake.gus.counts["DaneSzukajPodmioty"] == attempts
    # Exponential backoff between attempts, only for transient errors.
    assert sleeps.calls == [0.5, 1.0][: attempts - 1]


def test_transient_fault_then_success(fake, sleeps):
    g = client(fake, sleep=sleeps)
    fake.gus.set_faults(http_500=True, times=2)
    assert g.search_nip("5261040828").found
    assert fake.gus.counts == {"Zaloguj": 3, "DaneSzukajPodmioty": 1}
    assert sleeps.calls == [0.5, 1.0]


def test_recorded_framing_is_understood(fake):
    # The recorded multipart uses LF line ends and indented part headers, which a
    # strict multipart decoder refuses; the client cuts the envelope out instead.
    fake.gus.framing = "fixture"
    g = client(fake)
    assert g.search_nip("5261040828").found
    assert b"        Content-ID: <http://tempuri.org/0>\n" in g._transport.last_raw


def test_rate_limiter_paces_every_call(fake100):
    clock = FakeClock()  # 10:00 on a weekday: 3/s, 120/min
    limiter = GusRateLimiter(clock, clock.sleep)
    g = client(fake100, rate_limiter=limiter)
    nips = list(fake100.store._by_nip)[:100]
    g.search_nips(nips)
    # Zaloguj (1) + 5 searches of 20 identifiers: per-second windows force ~1 s gaps.
    assert fake100.gus.counts == {"Zaloguj": 1, "DaneSzukajPodmioty": 5}
    assert len(clock.slept) == 5
    assert 4.9 < sum(clock.slept) < 5.1


def test_logout_and_context_manager(fake):
    with client(fake) as g:
        g.search_nip("5261040828")
    assert fake.gus.counts["Wyloguj"] == 1 and g.sid is None
    assert not fake.gus.sessions


def test_no_retry_policy(fake, sleeps):
    g = client(fake, retry=NO_RETRY, sleep=sleeps)
    fake.gus.set_faults(http_500=True)
    with pytest.raises(errors.Unavailable):
        g.login()
    assert fake.gus.counts == {"Zaloguj": 1} and sleeps.calls == []


def test_generated_companies_have_valid_identifiers():
    from registries.identifiers import is_valid_nip, is_valid_nrb, is_valid_regon

    companies = generate_companies(50)
    assert len(companies) == 50
    assert all(
        is_valid_nip(c.nip) and is_valid_regon(c.regon) for c in companies.values()
    )
    assert all(is_valid_nrb(a) for c in companies.values() for a in c.accounts)
