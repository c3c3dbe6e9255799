"""Hostile XML from a registry (review F9): a "billion laughs" entity bomb or an
external entity (XXE) in a SOAP answer is refused before any parser expands it, and
the client reports the registry ``unavailable`` (reason ``malformed``): no crash, no
memory blow-up, never a verdict about the client."""

import pytest
from fake_registries.gus import escape_result
from fake_registries.server import FakeResponse
from lxml import etree
from registries import crbr, errors, gus, http, vies
from vr_support import FAST_RETRY, TIMEOUT

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
HOSTILE = {"billion_laughs": (LAUGHS, "&lol9;"), "xxe": (XXE, "&xxe;")}


def vies_answer(kind):
    dtd, ref = HOSTILE[kind]
    body = (
        f'<?xml version="1.0"?>{dtd}<env:Envelope xmlns:env="{SOAP11}"><env:Body>'
        '<ns2:checkVatResponse xmlns:ns2="urn:ec.europa.eu:taxud:vies:services:'
        'checkVat:types"><ns2:countryCode>PL</ns2:countryCode>'
        "<ns2:vatNumber>9542300619</ns2:vatNumber>"
        "<ns2:requestDate>2026-03-10+01:00</ns2:requestDate>"
        f"<ns2:valid>true</ns2:valid><ns2:name>{ref}</ns2:name>"
        "<ns2:address>---</ns2:address></ns2:checkVatResponse>"
        "</env:Body></env:Envelope>"
    )
    return FakeResponse.text(200, body, "text/xml;charset=UTF-8")


def serve(app, answer):
    """Make ``app`` answer ``answer()`` (through its malformed-answer hook)."""
    app.malformed_response = lambda operation: answer()
    app.set_faults(malformed=True)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_vies_hostile_answer_is_unavailable(fake, sleeps, kind):
    client = vies.ViesClient(
        fake.urls["vies"], timeout=TIMEOUT, retry=FAST_RETRY, sleep=sleeps
    )
    serve(fake.vies, lambda: vies_answer(kind))
    with pytest.raises(errors.Unavailable) as caught:
        client.check_vat("PL9542300619")
    assert caught.value.reason == errors.REASON_MALFORMED
    assert "DOCTYPE" in str(caught.value)
    assert fake.vies.total() == 1  # not retried: the same answer would come back


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_crbr_hostile_answer_is_unavailable(fake, sleeps, kind):
    dtd, ref = HOSTILE[kind]
    body = (
        f'<?xml version="1.0"?>{dtd}<soap:Envelope xmlns:soap="{SOAP12}">'
        f"<soap:Body><x>{ref}</x></soap:Body></soap:Envelope>"
    )
    client = crbr.CrbrClient(
        fake.urls["crbr"], timeout=TIMEOUT, retry=FAST_RETRY, sleep=sleeps
    )
    serve(fake.crbr, lambda: FakeResponse.text(200, body, "application/soap+xml"))
    with pytest.raises(errors.Unavailable) as caught:
        client.beneficial_owners("9542300619")
    assert caught.value.reason == errors.REASON_MALFORMED
    assert fake.crbr.total() == 1


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_gus_hostile_inner_document_is_unavailable(fake, sleeps, kind):
    """GUS nests its data as an escaped XML string inside the SOAP answer: the
    inner document is checked as well."""
    dtd, ref = HOSTILE[kind]
    inner = f"{dtd}<root><dane><Regon>{ref}</Regon></dane></root>"
    g = gus.GusClient(
        fake.urls["gus"],
        "fake-key-1234567890x",
        rate_limiter=None,
        timeout=TIMEOUT,
        retry=FAST_RETRY,
        sleep=sleeps,
    )
    g.login()
    app = fake.gus
    serve(
        app,
        lambda: app._answer("DaneSzukajPodmioty", escape_result(inner), status=200),
    )
    app.set_faults(malformed=True, operations={"DaneSzukajPodmioty"})
    with pytest.raises(errors.Unavailable) as caught:
        g.search_nips(["5261040828"])
    assert caught.value.reason == errors.REASON_MALFORMED
    assert app.counts["DaneSzukajPodmioty"] == 1


@pytest.mark.parametrize(
    "content",
    [
        LAUGHS.encode() + b"<a>&lol9;</a>",
        XXE.encode() + b"<a>&xxe;</a>",
        b"<?xml version='1.0'?><!doctype a SYSTEM 'http://evil/x.dtd'><a/>",
        b"<a><!ENTITY x 'y'></a>",
        "<a/>".encode("utf-16"),
        "<!DOCTYPE a>".encode("utf-16-le"),
    ],
)
def test_refuse_dtd(content):
    with pytest.raises(http.MalformedAnswer):
        http.refuse_dtd(content)


def test_plain_answers_pass_and_parser_keeps_libxml2_limits():
    http.refuse_dtd(b'<?xml version="1.0" encoding="UTF-8"?><a>&amp;&lt;DOCTYPE</a>')
    http.refuse_dtd("<a>zażółć</a>")
    # no huge_tree anywhere: libxml2's entity, depth and size limits stay on
    assert not http.soap_settings().xml_huge_tree
    assert http.soap_settings().forbid_dtd and http.soap_settings().forbid_entities
    parser = http._strict_parser()
    deep = b"<a>" * 300 + b"</a>" * 300  # deeper than libxml2's default limit (256)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(deep, parser)
