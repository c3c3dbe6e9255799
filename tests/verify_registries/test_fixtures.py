"""Every public sample in shared/fixtures/registries parses with the clients' parsers.

The samples are GUS/MF/EC documentation and recorded answers (SOURCES.md lists them,
with their known defects, which the parsers must survive). A new file in that folder
fails `test_every_fixture_is_covered` until a check is added here.
"""

import json
import re

import pytest
from lxml import etree
from registries import crbr, errors, gus, vies, whitelist
from registries.http import load_wsdl
from vr_support import SHARED_FIXTURES, extract_envelope_text, extract_result

pytestmark = pytest.mark.skipif(
    not SHARED_FIXTURES.is_dir(), reason=f"{SHARED_FIXTURES} is absent"
)


def fixture(name):
    return SHARED_FIXTURES / name


def read(name):
    return fixture(name).read_text("utf-8")


def all_fixture_files():
    if not SHARED_FIXTURES.is_dir():
        return []
    return sorted(
        str(p.relative_to(SHARED_FIXTURES))
        for p in SHARED_FIXTURES.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    )


COVERED = set()


def covers(*names):
    def mark(func):
        COVERED.update(names)
        return func

    return mark


# --- GUS ----------------------------------------------------------------------------

SID = "c47xb5n78ppgc9hks85f"


@covers("gus_bir/Zaloguj_response_MTOM_multipart.mime")
def test_gus_mtom_login_answer():
    body = fixture("gus_bir/Zaloguj_response_MTOM_multipart.mime").read_bytes()
    envelope = extract_envelope_text(body)
    assert envelope.startswith("<s:Envelope") and envelope.endswith("</s:Envelope>")
    assert extract_result(envelope) == SID
    # The indented part headers are not part of the envelope.
    assert "Content-ID" not in envelope


@covers("gus_bir/Zaloguj_response_envelope.xml")
def test_gus_login_envelope():
    assert extract_result(read("gus_bir/Zaloguj_response_envelope.xml")) == SID


@covers("gus_bir/UslugaBIRzewnPubl-ver11-test.wsdl")
def test_gus_wsdl_loads_and_binds_any_url():
    document = load_wsdl(str(fixture("gus_bir/UslugaBIRzewnPubl-ver11-test.wsdl")))
    binding = document.bindings[gus.GUS_BINDING]
    assert set(binding._operations) == {
        "GetValue",
        "Zaloguj",
        "Wyloguj",
        "DaneSzukajPodmioty",
        "DanePobierzPelnyRaport",
        "DanePobierzRaportZbiorczy",
    }
    client = gus.GusClient(
        "http://127.0.0.1:9/svc",
        "k",
        rate_limiter=None,
        wsdl=str(fixture("gus_bir/UslugaBIRzewnPubl-ver11-test.wsdl")),
    )
    assert client._service._binding_options["address"] == "http://127.0.0.1:9/svc"


@covers("gus_bir/DaneSzukajPodmiotyResult_inner_single_testenv.xml")
def test_gus_search_testenv_single():
    (entity,) = gus.parse_search(
        read("gus_bir/DaneSzukajPodmiotyResult_inner_single_testenv.xml")
    )
    assert entity.regon == "02092251199990"
    assert entity.nip == "0099112233"  # test data: fails the NIP checksum on purpose
    assert entity.name == "ZAKŁAD MALARSKI TEST"
    assert (entity.type, entity.silo_id, entity.active) == ("P", "6", True)
    assert (entity.postal_code, entity.city, entity.street) == (
        "50-038",
        "Wrocław",
        "ul. Test-Krucza",
    )


@covers("gus_bir/DaneSzukajPodmiotyResult_inner_docsample_1.xml")
def test_gus_search_docsample_legal_person():
    (entity,) = gus.parse_search(
        read("gus_bir/DaneSzukajPodmiotyResult_inner_docsample_1.xml")
    )
    assert (entity.regon, entity.nip, entity.type) == ("000331501", "5261040828", "P")
    assert entity.name == "GŁÓWNY URZĄD STATYSTYCZNY"
    assert entity.nip_status == "" and entity.apartment_number == ""


@covers("gus_bir/DaneSzukajPodmiotyResult_inner_docsample_2.xml")
def test_gus_search_docsample_trader_with_two_silos():
    entities = gus.parse_search(
        read("gus_bir/DaneSzukajPodmiotyResult_inner_docsample_2.xml")
    )
    assert [(e.type, e.silo_id) for e in entities] == [("F", "1"), ("F", "2")]
    result = gus.GusSearchResult("nnnnnnnnnn", entities)
    assert result.main.silo_id == "1"  # CEIDG activity before the farm
    assert entities[1].street == ""  # the farm row has no <Ulica>


@covers("gus_bir/DaneSzukajPodmioty_error4_docsample.xml")
def test_gus_search_not_found_payload():
    inner = extract_result(read("gus_bir/DaneSzukajPodmioty_error4_docsample.xml"))
    with pytest.raises(errors.NotFound) as caught:
        gus.parse_search(inner)
    assert caught.value.code == "4"
    assert "No data found" in caught.value.message


@pytest.mark.parametrize(
    "name, error, code",
    [
        ("DanePobierzPelnyRaport_error4_docsample.xml", errors.NotFound, "4"),
        ("DanePobierzPelnyRaport_error5_docsample.xml", errors.InvalidInput, "5"),
        ("DanePobierzPelnyRaport_error21_docsample.xml", errors.InvalidInput, "21"),
    ],
)
def test_gus_report_error_payloads(name, error, code):
    COVERED.add(f"gus_bir/{name}")
    inner = extract_result(read(f"gus_bir/{name}"))
    with pytest.raises(error) as caught:
        gus.parse_report(inner)
    assert caught.value.code == code


COVERED.update(
    f"gus_bir/DanePobierzPelnyRaport_error{n}_docsample.xml" for n in (4, 5, 21)
)


@pytest.mark.parametrize("number", ["11", "22"])
def test_gus_report_notices_are_empty_reports(number):
    # 11: no PKD for entities deleted before 2014-11-08; 22: no partners entered.
    # The error22 sample lacks its opening <s:Envelope> (a GUS doc defect).
    name = f"gus_bir/DanePobierzPelnyRaport_error{number}_docsample.xml"
    report = gus.parse_report(extract_result(read(name)), "BIR11OsFizycznaPkd")
    assert report.rows == [] and report.pkd == [] and report.partners == []
    assert report.notice_code == number and report.notice


COVERED.update(
    f"gus_bir/DanePobierzPelnyRaport_error{n}_docsample.xml" for n in (11, 22)
)


@covers("gus_bir/DanePobierzPelnyRaportResult_inner_BIR12OsPrawnaPkd.xml")
def test_gus_bir12_pkd_report():
    report = gus.parse_report(
        read("gus_bir/DanePobierzPelnyRaportResult_inner_BIR12OsPrawnaPkd.xml")
    )
    assert [p.code for p in report.pkd] == ["74.30.Z", "74.20.Z", "74.10.Z"]
    assert [p.code for p in report.pkd if p.main] == ["74.10.Z"]
    assert {p.version for p in report.pkd} == {"2007"}


COVERED.update(
    f"gus_bir/{n}"
    for n in (
        "DanePobierzRaportZbiorczyResult_inner.xml",
        "DanePobierzRaportZbiorczyResult_inner_docsample_podmioty_regon9.xml",
        "DanePobierzRaportZbiorczyResult_inner_docsample_jednostkiLokalne_regon14.xml",
    )
)


def report_files():
    return [
        f
        for f in all_fixture_files()
        if re.match(r"gus_bir/report_BIR11\w+_docsample\.xml", f)
    ]


@pytest.mark.parametrize("name", report_files())
def test_gus_report_docsamples(name):
    COVERED.add(name)
    report_name = re.match(
        r"gus_bir/report_(BIR11[A-Za-z0-9]+?)(?:_2)?_docsample", name
    ).group(1)
    report = gus.parse_report(read(name), report_name)
    assert report.rows, "no <dane> row parsed"
    base = report_name[len("BIR11") :]
    if base.endswith("Pkd"):
        assert report.pkd and all(
            re.fullmatch(r"\d{2}\.\d{2}\.[A-Z]", p.code) for p in report.pkd
        )
        assert any(p.main for p in report.pkd)
    elif base == "OsPrawnaSpCywilnaWspolnicy":
        assert [p.first_name for p in report.partners] == ["PAWEŁ", "IWONA"]
        assert report.partners[0].regon == "142111956"
    elif "ListaJednLokalnych" in base:
        assert all(u.regon and u.name for u in report.local_units)
    else:
        details = report.details
        assert details.regon
        assert details.name or details.last_name


COVERED.update(report_files())


@covers("gus_bir/report_BIR11OsPrawna_docsample.xml")
def test_gus_legal_person_report_fields():
    details = gus.parse_report(
        read("gus_bir/report_BIR11OsPrawna_docsample.xml")
    ).details
    assert (details.regon, details.nip, details.krs) == (
        "276592498",
        "9542300619",
        "0000135115",
    )
    assert details.name == '"EUROPEJSKA" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ'
    assert details.address.postal_code == "02-672"  # '02672' in the report
    assert details.address.street_line == "ul. Test-Krucza 50"
    assert details.specific_legal_form == "SPÓŁKI Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
    assert str(details.start_date) == "1999-08-29" and details.active
    assert details.local_units_count == "2"


@covers("gus_bir/report_BIR11OsFizycznaDaneOgolne_docsample.xml")
def test_gus_person_general_report():
    details = gus.parse_report(
        read("gus_bir/report_BIR11OsFizycznaDaneOgolne_docsample.xml")
    ).details
    assert (details.first_name, details.last_name) == ("ZBIGNIEW", "TEST-ZIELIŃSKI")
    assert details.activity_flags == {
        "Ceidg": "1",
        "Rolnicza": "1",
        "Pozostala": "0",
        "SkreslonaDo20141108": "0",
    }


def test_gus_docsample_with_stray_tag_still_parses():
    # report_BIR11OsFizycznaPkd_2: a stray <dane> before </root> (not well-formed).
    text = read("gus_bir/report_BIR11OsFizycznaPkd_2_docsample.xml")
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(text.encode())
    pkd = gus.parse_report(text).pkd
    assert [p.code for p in pkd] == ["47.73.Z", "47.74.Z", "47.75.Z"]


@covers("gus_bir/report_BIR11JednLokalnaOsPrawnej_docsample.xml")
def test_gus_local_unit_strips_padding():
    details = gus.parse_report(
        read("gus_bir/report_BIR11JednLokalnaOsPrawnej_docsample.xml")
    ).details
    assert details.regon == "27659249800038"
    assert details.register_number == "0688/99"  # right-padded in the sample
    assert details.krs == ""


# Samples of operations the product does not use (GUS's daily bulk reports of changed
# REGONs, VIES's REST API): kept in the shared fixtures, not parsed by the clients.
UNUSED_OPERATION_SAMPLES = {
    "gus_bir/DanePobierzRaportZbiorczyResult_inner.xml",
    "gus_bir/DanePobierzRaportZbiorczyResult_inner_docsample_jednostkiLokalne_regon14.xml",
    "gus_bir/DanePobierzRaportZbiorczyResult_inner_docsample_podmioty_regon9.xml",
    "gus_bir/request_DanePobierzRaportZbiorczy.xml",
    # VIES's REST API: the client uses the SOAP service
    "vies/swagger_publicVAT_rest_api.yaml",
}


def request_files():
    return [
        f
        for f in all_fixture_files()
        if f.startswith("gus_bir/request_") and f not in UNUSED_OPERATION_SAMPLES
    ]


@pytest.mark.parametrize("name", request_files())
def test_gus_documented_requests_are_served_by_the_fake(name, fake):
    """The GUS documentation's request envelopes, addressed to the fake, get answers."""
    COVERED.add(name)
    import requests

    text = read(name).replace(
        "https://wyszukiwarkaregontest.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc",
        fake.urls["gus"],
    )
    headers = {"Content-Type": "application/soap+xml; charset=utf-8"}
    login = read("gus_bir/request_Zaloguj.xml").replace(
        "https://wyszukiwarkaregontest.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc",
        fake.urls["gus"],
    )
    answer = requests.post(
        fake.urls["gus"], data=login.encode(), headers=headers, timeout=5
    )
    sid = extract_result(extract_envelope_text(answer.content))
    assert re.fullmatch(r"[a-z0-9]{20}", sid)
    response = requests.post(
        fake.urls["gus"], data=text.encode(), headers={**headers, "sid": sid}, timeout=5
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("multipart/related")
    operation = re.search(r"<ns:(\w+)>", text).group(1)
    envelope = extract_envelope_text(response.content)
    assert f"<{operation}Response" in envelope
    assert fake.gus.counts[operation] >= 1 and fake.gus.counts["invalid"] == 0
    if operation == "DanePobierzPelnyRaport":
        # The sample asks BIR11OsPrawna for REGON 000331501: the fake knows it.
        details = gus.parse_report(extract_result(envelope)).details
        assert details.regon == "000331501"


COVERED.update(request_files())


# --- VIES ---------------------------------------------------------------------------


def wsdl_fault_names(name):
    text = read(name)
    names = set(re.findall(r"\b[A-Z]+(?:_[A-Z]+)+\b", text)) - {"NOT_PROCESSED"}
    return names


@pytest.mark.parametrize(
    "name",
    [
        "vies/checkVatService.wsdl",
        "vies/checkVatTestService.wsdl",
        "vies/legacy_checkVatService_2015.wsdl",
    ],
)
def test_vies_wsdls_load_and_every_documented_fault_is_mapped(name):
    COVERED.add(name)
    client = vies.ViesClient("http://127.0.0.1:9/vies", wsdl=str(fixture(name)))
    assert client._service._binding_options["address"] == "http://127.0.0.1:9/vies"
    faults = wsdl_fault_names(name) | (
        {"TIMEOUT"} if "TIMEOUT" in read(name) else set()
    )
    assert faults >= {
        "INVALID_INPUT",
        "MS_UNAVAILABLE",
        "SERVICE_UNAVAILABLE",
        "TIMEOUT",
    }
    for code in faults:
        error = vies.fault_error(code)
        assert not isinstance(error, errors.Unexpected), code
        if code.startswith("INVALID"):
            assert isinstance(error, errors.InvalidInput), code
        else:
            assert isinstance(error, errors.Unavailable), (
                code
            )  # an outage is never "invalid"


COVERED.update(
    [
        "vies/checkVatService.wsdl",
        "vies/checkVatTestService.wsdl",
        "vies/legacy_checkVatService_2015.wsdl",
    ]
)


def test_vies_test_service_numbers_against_the_fake(fake, sleeps):
    """The test numbers documented in checkVatTestService.wsdl, through the client."""
    table = dict(
        re.findall(
            r"(\d{3}) = (?:Error : )?([A-Za-z_ ]+?)\s*$",
            read("vies/checkVatTestService.wsdl"),
            re.MULTILINE,
        )
    )
    assert len(table) == 13
    client = vies.ViesClient(
        fake.vies_test_url,
        wsdl=str(fixture("vies/checkVatTestService.wsdl")),
        sleep=sleeps,
    )
    for number, meaning in table.items():
        if meaning.startswith("Valid request"):
            result = client.check_vat("DE" + number)
            assert result.valid is ("Invalid" not in meaning), number
            continue
        with pytest.raises(errors.RegistryError) as caught:
            client.check_vat("DE" + number)
        assert caught.value.code == meaning
        expected = (
            errors.InvalidInput if meaning.startswith("INVALID") else errors.Unavailable
        )
        assert type(caught.value) is expected, number


# --- white list ---------------------------------------------------------------------

WL_EXAMPLE = (
    "whitelist/search_bank-account_EntityListResponse_officialdoc_example_v1.3.0.json"
)


@covers(WL_EXAMPLE)
def test_whitelist_official_example():
    # the example's flat "subjects" shape, as older search/nips answers have it
    answer = json.loads(read(WL_EXAMPLE))["result"]
    result = whitelist.parse_entries(answer, ["1111111111"])["1111111111"]
    assert result.request_id == "d2n10-84df1a1"
    subject = result.subject
    assert (subject.name, subject.nip, subject.status_vat, subject.krs) == (
        "ABC Jan Nowak",
        "1111111111",
        "Zwolniony",
        "0000636771",
    )
    assert subject.account_numbers == ["90249000050247256316596736"]  # listed twice
    assert subject.has_virtual_accounts is True
    assert [p.last_name for p in subject.representatives] == ["Nowak", "Nowak"]
    assert str(subject.removal_date) == "2019-02-21"
    assert json.loads(result.raw)["requestId"] == "d2n10-84df1a1"


# --- CRBR ---------------------------------------------------------------------------

CRBR_WSDL = "crbr/ApiPrzegladoweCRBR_2022-12-01.wsdl"


@covers(CRBR_WSDL)
def test_crbr_wsdl_builds_the_documented_request():
    client = crbr.CrbrClient("http://127.0.0.1:9/crbr", wsdl=str(fixture(CRBR_WSDL)))
    message = client._client.create_message(
        client._service,
        "PobierzInformacjeOSpolkachIBeneficjentach",
        PobierzInformacjeOSpolkachIBeneficjentachDane={
            "SzczegolyWniosku": {"NIP": "5261040828"}
        },
    )
    body = message.find("{http://www.w3.org/2003/05/soap-envelope}Body")[0]
    assert etree.QName(body).namespace == crbr.CRBR_BINDING[1:].split("}")[0]
    wrapper = body[0]
    assert wrapper.tag == "PobierzInformacjeOSpolkachIBeneficjentachDane"  # unqualified
    nip = wrapper.find(
        "{http://www.mf.gov.pl/schematy/AP/ApiPrzegladoweCRBR/2022/12/01}SzczegolyWniosku"
    )[0]
    assert (etree.QName(nip).localname, nip.text) == ("NIP", "5261040828")


def test_bundled_wsdls_are_the_fixtures():
    """The clients ship copies of the public WSDLs; they must not drift."""
    from registries.http import WSDL_DIR

    assert (WSDL_DIR / gus.GUS_WSDL).read_bytes() == fixture(
        "gus_bir/UslugaBIRzewnPubl-ver11-test.wsdl"
    ).read_bytes()
    assert (WSDL_DIR / vies.VIES_WSDL).read_bytes() == fixture(
        "vies/checkVatService.wsdl"
    ).read_bytes()
    assert (WSDL_DIR / crbr.CRBR_WSDL).read_bytes() == fixture(CRBR_WSDL).read_bytes()


COVERED.add("gus_bir/report_BIR11OsFizycznaPkd_2_docsample.xml")


def test_every_fixture_is_covered():
    missing = sorted(set(all_fixture_files()) - COVERED - UNUSED_OPERATION_SAMPLES)
    assert not missing, f"fixtures without a parse test: {missing}"
