"""VIES, KRS and CRBR clients against the fakes."""

from decimal import Decimal

import pytest
from fake_registries import FakeCompany, owner
from registries import crbr, errors, krs, vies
from vr_support import FAST_RETRY, TIMEOUT

# --- VIES ---------------------------------------------------------------------------


def vies_client(fake, **kwargs):
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("retry", FAST_RETRY)
    return vies.ViesClient(fake.urls["vies"], **kwargs)


def test_vies_valid_and_invalid(fake):
    client = vies_client(fake)
    ok = client.check_vat("PL 954-230-06-19")
    assert (ok.vat, ok.valid) == ("PL9542300619", True)
    assert ok.name.startswith('"EUROPEJSKA"') and ok.request_date is not None
    assert "<ns2:valid>true</ns2:valid>" in ok.raw
    # A real negative answer: the company is not registered for intra-EU VAT.
    no = client.check_vat("7010000005", country_code="PL")
    assert no.valid is False and no.name is None and no.address is None  # '---'
    fake.vies.foreign["DE123456789"] = {"name": "MUSTER GMBH", "address": "BERLIN"}
    assert client.check_vat("de123456789").name == "MUSTER GMBH"
    assert fake.vies.counts == {"checkVat": 3}


def test_vies_request_identifier_with_requester(fake):
    client = vies_client(fake, requester_vat="PL5261040828")
    result = client.check_vat("PL9542300619")
    assert result.valid and result.request_identifier.startswith("WAPI")
    assert fake.vies.requests[0] == (
        "checkVatApprox",
        {
            "countryCode": "PL",
            "vatNumber": "9542300619",
            "requesterCountryCode": "PL",
            "requesterVatNumber": "5261040828",
        },
    )


def test_vies_greece_prefix_and_local_validation(fake):
    client = vies_client(fake)
    assert vies.split_vat("GR 123456789") == ("EL", "123456789")
    with pytest.raises(errors.InvalidInput):
        client.check_vat("P1")
    with pytest.raises(errors.InvalidInput):
        client.check_vat("PL12345678901234")
    assert fake.vies.total() == 0


@pytest.mark.parametrize(
    "fault",
    [
        "MS_UNAVAILABLE",
        "MS_MAX_CONCURRENT_REQ",
        "TIMEOUT",
        "SERVICE_UNAVAILABLE",
        "GLOBAL_MAX_CONCURRENT_REQ",
    ],
)
def test_vies_outage_is_never_invalid(fake, sleeps, fault):
    client = vies_client(fake, sleep=sleeps)
    fake.vies.set_faults(soap_fault=fault)
    with pytest.raises(errors.Unavailable) as caught:
        client.check_vat("PL9542300619")
    assert (caught.value.code, caught.value.reason, caught.value.transient) == (
        fault,
        "fault",
        True,
    )
    assert fake.vies.counts == {"checkVat": 3} and sleeps.calls == [0.5, 1.0]
    # Transient: the next attempt after the outage answers normally.
    fake.vies.set_faults(soap_fault=fault, times=1)
    assert client.check_vat("PL9542300619").valid is True


@pytest.mark.parametrize(
    "fault, error, requests",
    [
        ("INVALID_INPUT", errors.InvalidInput, 1),
        ("INVALID_REQUESTER_INFO", errors.InvalidInput, 1),
        ("IP_BLOCKED", errors.Unavailable, 1),
        ("VAT_BLOCKED", errors.Unavailable, 1),
        ("SOMETHING_NEW", errors.Unexpected, 1),
    ],
)
def test_vies_other_faults(fake, sleeps, fault, error, requests):
    client = vies_client(fake, sleep=sleeps)
    fake.vies.set_faults(soap_fault=fault)
    with pytest.raises(error) as caught:
        client.check_vat("PL9542300619")
    assert caught.value.code == fault
    assert fake.vies.total() == requests and sleeps.calls == []


@pytest.mark.parametrize(
    "faults, reason, requests",
    [
        ({"http_500": True}, "http", 3),
        ({"timeout": True, "hang": 2}, "timeout", 3),
        # a proxy's plain-text "504 too late" before the client's own timeout
        ({"timeout": True, "hang": 0.01}, "http", 3),
        ({"malformed": True}, "malformed", 1),
    ],
)
def test_vies_transport_faults(fake, sleeps, faults, reason, requests):
    client = vies_client(fake, sleep=sleeps)
    fake.vies.set_faults(**faults)
    with pytest.raises(errors.Unavailable) as caught:
        client.check_vat("PL9542300619")
    assert caught.value.reason == reason and fake.vies.total() == requests


# --- KRS ----------------------------------------------------------------------------


def krs_client(fake, **kwargs):
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("retry", FAST_RETRY)
    return krs.KrsClient(fake.urls["krs"], **kwargs)


def test_krs_extract(fake):
    extract = krs_client(fake).current_extract("135115")
    assert (extract.krs, extract.register, extract.nip, extract.regon9) == (
        "0000135115",
        "P",
        "9542300619",
        "276592498",
    )
    assert extract.legal_form == "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
    assert (extract.capital, extract.capital_currency) == (Decimal("5000.00"), "PLN")
    assert extract.address.postal_code == "02-672" and extract.seat.city == "WARSZAWA"
    assert (
        extract.board.name == "ZARZĄD"
        and extract.board.members[0].function == "PREZES ZARZĄDU"
    )
    assert extract.board.members[0].last_name.endswith("*")  # masked by the API
    assert [p.code for p in extract.pkd if p.main] == ["47.73.Z"] and [
        p.code for p in extract.pkd
    ][1] == "21.20.Z"
    assert extract.state_date is not None and '"numerKRS": "0000135115"' in extract.raw
    assert fake.krs.requests == [
        ("OdpisAktualny", {"krs": "0000135115", "rejestr": "P", "format": "json"})
    ]


def test_krs_register_s_after_404(fake):
    fake.store.add(
        FakeCompany(
            nip="7010000036",
            name="FUNDACJA TEST",
            krs="0000000777",
            krs_register="S",
            legal_form="foundation",
        )
    )
    extract = krs_client(fake).current_extract("777")
    assert (extract.register, extract.legal_form) == ("S", "FUNDACJA")
    assert [p["rejestr"] for op, p in fake.krs.requests] == ["P", "S"]


def test_krs_not_found_in_either_register(fake):
    client = krs_client(fake)
    with pytest.raises(errors.NotFound):
        client.current_extract("0000999999")
    assert fake.krs.counts == {"OdpisAktualny": 2}
    with pytest.raises(errors.InvalidInput):
        client.current_extract("12345678901")
    with pytest.raises(errors.InvalidInput):
        client.current_extract("0")
    assert fake.krs.counts == {"OdpisAktualny": 2}


@pytest.mark.parametrize(
    "faults, error, reason, requests",
    [
        ({"http_500": True}, errors.Unavailable, "http", 3),
        (
            {"soap_fault": "x"},
            errors.Unavailable,
            "http",
            3,
        ),  # the KRS fake answers 503
        ({"timeout": True, "hang": 2}, errors.Unavailable, "timeout", 3),
        ({"malformed": True}, errors.Unavailable, "malformed", 1),
    ],
)
def test_krs_faults(fake, sleeps, faults, error, reason, requests):
    client = krs_client(fake, sleep=sleeps)
    fake.krs.set_faults(**faults)
    with pytest.raises(error) as caught:
        client.current_extract("0000135115")
    assert caught.value.reason == reason and fake.krs.total() == requests


# --- CRBR ---------------------------------------------------------------------------


def crbr_client(fake, **kwargs):
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("retry", FAST_RETRY)
    return crbr.CrbrClient(fake.urls["crbr"], **kwargs)


def test_crbr_beneficial_owners(fake):
    fake.store.get("9542300619").beneficial_owners.append(
        owner(
            "HANS",
            "MÜLLER",
            10.0,
            citizenship=("DE", "NIEMCY"),
            residence=("AT", "AUSTRIA"),
            kind=("2", "Głosy"),
        )
    )
    result = crbr_client(fake).beneficial_owners("9542300619")
    assert result.found and result.status == "IstniejaInformacje" and result.request_id
    assert result.company.nip == "9542300619" and result.company.krs == "0000135115"
    names = [o.name for o in result.owners]
    assert names == ["JAN KOWALSKI", "ANNA NOWAK", "HANS MÜLLER"]
    hans = result.owners[2]
    assert [c.code for c in hans.citizenships] == [
        "DE"
    ] and hans.residence_country.name == "AUSTRIA"
    assert (
        hans.interests[0].quantity == 10.0
        and hans.interest_summary == "Głosy: 10 Procent"
    )
    assert result.owners[0].interest_summary == "Udziały: 60 Procent"
    assert "<api:Status>IstniejaInformacje</api:Status>" in result.raw


def test_crbr_no_information_is_not_an_error(fake):
    result = crbr_client(fake).beneficial_owners("5261040828")
    assert result.status == "BrakInformacji" and not result.found
    assert result.owners == [] and result.company is None and result.request_id
    unknown = crbr_client(fake).beneficial_owners("1234563218")
    assert unknown.status == "BrakInformacji"


def test_crbr_formal_error_and_local_validation(fake):
    with pytest.raises(errors.InvalidInput):
        crbr.parse_answer({"Status": "BladFormalny", "IdentyfikatorWniosku": "x"})
    with pytest.raises(errors.Unexpected):
        crbr.parse_answer({"Status": "Nowy"})
    with pytest.raises(errors.InvalidInput):
        crbr_client(fake).beneficial_owners("0012345678")  # outside the WSDL's pattern
    assert fake.crbr.total() == 0


@pytest.mark.parametrize(
    "faults, error, reason, requests",
    [
        (
            {"soap_fault": "Internal Error (from server)"},
            errors.Unavailable,
            "fault",
            3,
        ),
        ({"soap_fault": "Sender:schema validation"}, errors.InvalidInput, None, 1),
        ({"http_500": True}, errors.Unavailable, "http", 3),
        ({"timeout": True, "hang": 2}, errors.Unavailable, "timeout", 3),
        ({"timeout": True, "hang": 0.01}, errors.Unavailable, "http", 3),
        ({"malformed": True}, errors.Unavailable, "malformed", 1),
    ],
)
def test_crbr_faults(fake, sleeps, faults, error, reason, requests):
    client = crbr_client(fake, sleep=sleeps)
    fake.crbr.set_faults(**faults)
    with pytest.raises(error) as caught:
        client.beneficial_owners("9542300619")
    assert getattr(caught.value, "reason", None) == reason
    assert fake.crbr.total() == requests
