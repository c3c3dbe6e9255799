"""The fake registries speak the recorded wire formats and their switches work."""

import json
import re
import time

import pytest
import requests
from fake_registries import FakeRegistries, generate_companies
from fake_registries.gus import FIXTURES  # the samples bundled with the fakes
from registries import gus
from vr_support import extract_result

SOAP12 = "application/soap+xml; charset=utf-8"


def login_envelope(to, with_addressing=True):
    header = (
        '<soap:Header xmlns:wsa="http://www.w3.org/2005/08/addressing">'
        f"<wsa:To>{to}</wsa:To>"
        "<wsa:Action>http://CIS/BIR/PUBL/2014/07/IUslugaBIRzewnPubl/Zaloguj</wsa:Action>"
        "</soap:Header>"
        if with_addressing
        else ""
    )
    return (
        '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:ns="http://CIS/BIR/PUBL/2014/07">'
        f"{header}<soap:Body><ns:Zaloguj><ns:pKluczUzytkownika>k</ns:pKluczUzytkownika></ns:Zaloguj>"
        "</soap:Body></soap:Envelope>"
    ).encode()


def post(url, body, content_type=SOAP12, **headers):
    return requests.post(
        url, data=body, headers={"Content-Type": content_type, **headers}, timeout=5
    )


def test_gus_answer_framing_matches_the_recording(fake):
    answer = post(fake.urls["gus"], login_envelope(fake.urls["gus"]))
    content_type = answer.headers["Content-Type"]
    assert content_type.startswith(
        'multipart/related; type="application/xop+xml"; start="<http://tempuri.org/0>"'
    )
    boundary = re.search(r'boundary="([^"]+)"', content_type).group(1)
    assert re.fullmatch(r"uuid:[0-9a-f-]{36}\+id=\d+", boundary)
    body = answer.content.decode()
    recorded = (FIXTURES / "Zaloguj_response_MTOM_multipart.mime").read_text()
    # Same framing as the recording (indented part headers), CRLF line ends on the wire.
    expected = re.sub(r"uuid:[^\s]+?(?=\s|--)", boundary, recorded).replace(
        "\n", "\r\n"
    )
    sid = extract_result(body)
    expected = expected.replace("c47xb5n78ppgc9hks85f", sid)
    head = body.split("<s:Envelope")[0]
    assert head == expected.split("<s:Envelope")[0]
    assert body.endswith(expected.rsplit("</s:Envelope>", 1)[1])


def test_gus_inner_xml_is_entity_escaped_with_cr(fake):
    g = gus.GusClient(fake.urls["gus"], "k", rate_limiter=None)
    g.search_nip("5261040828")
    raw = g.last_raw
    assert "&lt;root&gt;&#xD;\n  &lt;dane&gt;" in raw
    assert "<![CDATA[" not in raw


def test_gus_refuses_what_wcf_refuses(fake):
    url = fake.urls["gus"]
    assert post(url, login_envelope(url), content_type="text/xml").status_code == 415
    no_wsa = post(url, login_envelope(url, with_addressing=False))
    assert no_wsa.status_code == 400 and "WS-Addressing" in no_wsa.text
    wrong_to = post(
        url,
        login_envelope(
            "https://wyszukiwarkaregon.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc"
        ),
    )
    assert wrong_to.status_code == 500 and "AddressFilter mismatch" in wrong_to.text
    assert fake.gus.counts == {"invalid": 3}


def test_gus_too_many_identifiers(fake100):
    g = gus.GusClient(fake100.urls["gus"], "k", rate_limiter=None)
    nips = ",".join(list(fake100.store._by_nip)[:21])
    from registries.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        g._data_call("DaneSzukajPodmioty", {"pParametryWyszukiwania": {"Nipy": nips}})
    assert caught.value.code == "2"


def test_whitelist_subject_has_the_official_keys(fake):
    name = "search_bank-account_EntityListResponse_officialdoc_example_v1.3.0.json"
    example = json.loads((FIXTURES / name).read_text())
    answer = requests.get(
        fake.urls["whitelist"] + "/api/search/nips/9542300619",
        params={"date": "2026-03-10"},
        timeout=5,
    )
    result = answer.json()["result"]
    (entry,) = result["entries"]
    assert set(entry["subjects"][0]) == set(example["result"]["subjects"][0])
    assert set(result) == {"entries", "requestId", "requestDateTime"}
    assert re.fullmatch(
        r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}", result["requestDateTime"]
    )
    missing_date = requests.get(
        fake.urls["whitelist"] + "/api/search/nips/9542300619", timeout=5
    )
    assert (missing_date.status_code, missing_date.json()["code"]) == (400, "WL-101")
    many = ",".join(["9542300619"] * 31)
    too_many = requests.get(
        fake.urls["whitelist"] + f"/api/search/nips/{many}",
        params={"date": "2026-03-10"},
        timeout=5,
    )
    assert too_many.json()["code"] == "WL-130"


def test_whitelist_quota_answers_429(fake):
    fake.whitelist.quota_after = 0
    answer = requests.get(
        fake.urls["whitelist"] + "/api/search/nip/9542300619",
        params={"date": "2026-03-10"},
        timeout=5,
    )
    assert answer.status_code == 429
    assert answer.json() == {
        "code": "WL-191",
        "message": "Limit żądań dla tego adresu IP został na dziś wyczerpany.",
    }


def test_krs_json_shape(fake):
    answer = requests.get(
        fake.urls["krs"] + "/api/krs/OdpisAktualny/0000135115",
        params={"rejestr": "P", "format": "json"},
        timeout=5,
    )
    odpis = answer.json()["odpis"]
    assert odpis["rodzaj"] == "Aktualny" and odpis["naglowekA"]["rejestr"] == "RejP"
    assert set(odpis["dane"]) == {
        "dzial1",
        "dzial2",
        "dzial3",
        "dzial4",
        "dzial5",
        "dzial6",
    }
    assert (
        odpis["dane"]["dzial1"]["danePodmiotu"]["identyfikatory"]["regon"]
        == "27659249800000"
    )
    wrong = requests.get(
        fake.urls["krs"] + "/api/krs/OdpisAktualny/0000135115",
        params={"rejestr": "S"},
        timeout=5,
    )
    assert wrong.status_code == 404


def test_fault_switches(fake):
    url = fake.urls["krs"] + "/api/krs/OdpisAktualny/0000135115"
    fake.krs.set_faults(http_500=True, times=1, latency=0.05)
    started = time.monotonic()
    assert requests.get(url, params={"rejestr": "P"}, timeout=5).status_code == 500
    assert (
        requests.get(url, params={"rejestr": "P"}, timeout=5).status_code == 200
    )  # healed
    assert time.monotonic() - started >= 0.1  # latency on both
    fake.krs.set_faults(http_500=True, operations={"OdpisPelny"})
    assert requests.get(url, params={"rejestr": "P"}, timeout=5).status_code == 200
    assert fake.counts()["krs"] == {"OdpisAktualny": 3}
    fake.set_latency(0.0)
    fake.reset()
    assert fake.counts() == {
        name: {} for name in ("gus", "whitelist", "vies", "krs", "crbr")
    }
    assert not fake.krs.faults.failing


def test_timeout_fault_does_not_block_stop():
    registries = FakeRegistries(generate_companies(3)).start()
    registries.krs.set_faults(timeout=True, hang=30)
    with pytest.raises(requests.Timeout):
        requests.get(
            registries.urls["krs"] + "/api/krs/OdpisAktualny/0000000001", timeout=0.1
        )
    started = time.monotonic()
    registries.stop()
    assert time.monotonic() - started < 2


def test_two_instances_and_restart():
    first, second = FakeRegistries(), FakeRegistries()
    with first, second:
        assert first.base_url != second.base_url
        assert set(first.urls) == {"gus", "whitelist", "vies", "krs", "crbr"}
    first.start()  # start()/stop() again on a new port
    try:
        assert (
            requests.get(first.urls["krs"] + "/nothing", timeout=5).status_code == 404
        )
    finally:
        first.stop()


def test_companies_given_as_dicts():
    with FakeRegistries(
        {"5261040828": {"name": "DICT CO", "vat_status": None}}
    ) as registries:
        company = registries.store.get("5261040828")
        assert (
            company.name == "DICT CO" and company.vat_status is None and company.regon
        )
    with pytest.raises(TypeError, match="nmae"):
        FakeRegistries({"5261040828": {"nmae": "typo"}})
