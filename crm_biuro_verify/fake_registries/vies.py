"""Fake VIES ``checkVatService`` (SOAP 1.1, document/literal).

A Polish number is valid when the seeded company exists with ``vies_valid``; other
countries come from ``foreign`` (``{"DE123456789": {"name": ..., "address": ...}}``).
``faults.soap_fault`` answers that faultstring (``MS_UNAVAILABLE``,
``INVALID_INPUT``...) with ``env:Server`` and HTTP 500, as VIES does.
``.../services/checkVatTestService`` answers like the official test service
(``TEST_NUMBERS``: 100 valid, 200 invalid, 201 INVALID_INPUT, ... as documented in
checkVatTestService.wsdl).
"""

import random
import re
import string
from datetime import datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from .server import BadRequest, FakeApp, FakeResponse
from .soap import SOAP11, children_text, local, parse_envelope

NS = "urn:ec.europa.eu:taxud:vies:services:checkVat:types"
_CONTENT_TYPE = "text/xml;charset=UTF-8"


def fault(faultstring):
    envelope = (
        f'<env:Envelope xmlns:env="{SOAP11}"><env:Header/><env:Body><env:Fault>'
        f"<faultcode>env:Server</faultcode><faultstring>{escape(faultstring)}</faultstring>"
        "</env:Fault></env:Body></env:Envelope>"
    )
    return FakeResponse.text(500, envelope, _CONTENT_TYPE)


# The official test service (checkVatTestService.wsdl): the VAT number picks the answer.
TEST_NUMBERS = {
    "100": True,
    "200": False,
    "201": "INVALID_INPUT",
    "202": "INVALID_REQUESTER_INFO",
    "300": "SERVICE_UNAVAILABLE",
    "301": "MS_UNAVAILABLE",
    "302": "TIMEOUT",
    "400": "VAT_BLOCKED",
    "401": "IP_BLOCKED",
    "500": "GLOBAL_MAX_CONCURRENT_REQ",
    "501": "GLOBAL_MAX_CONCURRENT_REQ_TIME",
    "600": "MS_MAX_CONCURRENT_REQ",
    "601": "MS_MAX_CONCURRENT_REQ_TIME",
}


class FakeVies(FakeApp):
    name = "vies"
    prefix = "/vies"
    service_path = "/services/checkVatService"

    def __init__(self, store):
        super().__init__(store)
        self.foreign = {}

    def reset(self):
        self.foreign = {}
        return super().reset()

    def parse(self, request):
        element, _header = parse_envelope(request, SOAP11)
        operation = local(element)
        if operation not in ("checkVat", "checkVatApprox"):
            raise BadRequest(fault("INVALID_INPUT"))
        return operation, children_text(element)

    def fault_response(self, operation, faults):
        return fault(faults.soap_fault or "SERVICE_UNAVAILABLE")

    def malformed_response(self, operation):
        return FakeResponse.text(
            200,
            f'<env:Envelope xmlns:env="{SOAP11}"><env:Body><ns2:checkVatResp',
            _CONTENT_TYPE,
        )

    def handle(self, operation, params, request):
        country = params.get("countryCode", "")
        number = params.get("vatNumber", "")
        if not re.fullmatch(r"[A-Z]{2}", country) or not re.fullmatch(
            r"[0-9A-Za-z+*.]{2,12}", number
        ):
            return fault("INVALID_INPUT")
        if request.path.endswith("/checkVatTestService"):
            return self._test_service(operation, country, number)
        if operation == "checkVatApprox" and params.get("requesterVatNumber") == "":
            return fault("INVALID_REQUESTER_INFO")
        name = address = "---"
        valid = False
        if country == "PL":
            company = self.store.get(number)
            if company is not None and company.vies_valid:
                valid = True
                name = company.name
                address = (
                    f"{company.street} {company.house_number}\n"
                    f"{company.postal_code} {company.city}"
                ).upper()
        elif country + number in self.foreign:
            known = self.foreign[country + number]
            valid, name, address = (
                True,
                known.get("name", "---"),
                known.get("address", "---"),
            )
        return self._answer(operation, country, number, valid, name, address)

    def _test_service(self, operation, country, number):
        outcome = TEST_NUMBERS.get(number, "SERVICE_UNAVAILABLE")
        if isinstance(outcome, str):
            return fault(outcome)
        if outcome:
            return self._answer(
                operation, country, number, True, "John Doe", "123 Main St, Anytown, UK"
            )
        return self._answer(operation, country, number, False, "---", "---")

    def _answer(self, operation, country, number, valid, name, address):
        today = datetime.now(ZoneInfo("Europe/Warsaw"))
        request_date = (
            today.strftime("%Y-%m-%d")
            + today.strftime("%z")[:3]
            + ":"
            + today.strftime("%z")[3:]
        )
        fields = [
            ("countryCode", country),
            ("vatNumber", number),
            ("requestDate", request_date),
            ("valid", "true" if valid else "false"),
        ]
        if operation == "checkVat":
            fields += [("name", name), ("address", address)]
        else:
            # traderCompanyType (a pattern-restricted type) is left out when unknown.
            identifier = "WAPIAAAAY" + "".join(
                random.choices(string.ascii_letters + string.digits, k=7)
            )
            fields += [
                ("traderName", name),
                ("traderAddress", address),
                ("requestIdentifier", identifier),
            ]
        body = "".join(f"<ns2:{k}>{escape(v)}</ns2:{k}>" for k, v in fields)
        envelope = (
            f'<env:Envelope xmlns:env="{SOAP11}"><env:Header/><env:Body>'
            f'<ns2:{operation}Response xmlns:ns2="{NS}">'
            f"{body}</ns2:{operation}Response>"
            "</env:Body></env:Envelope>"
        )
        return FakeResponse.text(200, envelope, _CONTENT_TYPE)
