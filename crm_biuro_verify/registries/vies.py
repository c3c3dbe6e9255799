"""EU VIES ``checkVat`` / ``checkVatApprox`` over SOAP 1.1 with zeep.

Faults (``faultstring``) are mapped so that an outage is never read as "invalid":

* ``MS_UNAVAILABLE``, ``MS_MAX_CONCURRENT_REQ(_TIME)``, ``TIMEOUT``,
  ``SERVICE_UNAVAILABLE``, ``GLOBAL_MAX_CONCURRENT_REQ(_TIME)``, ``SERVER_BUSY`` ->
  :class:`Unavailable` (transient: retried with backoff first);
* ``VAT_BLOCKED``, ``IP_BLOCKED`` -> :class:`Unavailable` (not retried);
* ``INVALID_INPUT``, ``INVALID_REQUESTER_INFO`` -> :class:`InvalidInput`;
* anything else -> :class:`Unexpected`.

Only ``valid=False`` in a normal answer is a real negative. With ``requester_vat``
set the client calls ``checkVatApprox`` to get a ``requestIdentifier`` (consultation
number) as proof.
"""

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import zeep.helpers
from zeep.plugins import Plugin

from . import errors
from .http import (
    DEFAULT_TIMEOUT,
    RetryPolicy,
    call_with_retry,
    new_session,
    raw_text,
    soap_client,
    soap_errors,
)

REGISTRY = "vies"
VIES_URL = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService"
VIES_TEST_URL = (
    "https://ec.europa.eu/taxation_customs/vies/services/checkVatTestService"
)
VIES_WSDL = "checkVatService.wsdl"
VIES_BINDING = "{urn:ec.europa.eu:taxud:vies:services:checkVat}checkVatBinding"

TRANSIENT_FAULTS = frozenset(
    {
        "MS_UNAVAILABLE",
        "MS_MAX_CONCURRENT_REQ",
        "MS_MAX_CONCURRENT_REQ_TIME",
        "TIMEOUT",
        "SERVICE_UNAVAILABLE",
        "GLOBAL_MAX_CONCURRENT_REQ",
        "GLOBAL_MAX_CONCURRENT_REQ_TIME",
        "SERVER_BUSY",
    }
)
BLOCKED_FAULTS = frozenset({"VAT_BLOCKED", "IP_BLOCKED"})
INPUT_FAULTS = frozenset({"INVALID_INPUT", "INVALID_REQUESTER_INFO"})
# VIES uses EL for Greece and XI for Northern Ireland.
_COUNTRY_ALIASES = {"GR": "EL"}
_UNKNOWN = "---"


_DATE_WITH_ZONE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})\s*$")


class _RequestDatePlugin(Plugin):
    """VIES sends ``requestDate`` as ``2024-01-07+01:00``: an xsd:date with a zone,
    which zeep's date parser rejects (and logs as an error). Keep the date part."""

    def ingress(self, envelope, http_headers, operation):
        for node in envelope.iter(
            "{urn:ec.europa.eu:taxud:vies:services:checkVat:types}requestDate"
        ):
            match = _DATE_WITH_ZONE.match(node.text or "")
            if match:
                node.text = match.group(1)
        return envelope, http_headers


def split_vat(vat, country_code=None):
    """'PL 526-104-08-28' -> ('PL', '5261040828'); validates VIES's patterns."""
    text = re.sub(r"[\s\-.]", "", str(vat or "")).upper()
    if country_code:
        country = country_code.upper()
        text = text.removeprefix(country)
    else:
        country, text = text[:2], text[2:]
    country = _COUNTRY_ALIASES.get(country, country)
    if not re.fullmatch(r"[A-Z]{2}", country) or not re.fullmatch(
        r"[0-9A-Z+*]{2,12}", text
    ):
        raise errors.InvalidInput(
            f"{vat!r} is not a VAT number VIES accepts",
            registry=REGISTRY,
            code="INVALID_INPUT",
        )
    return country, text


def fault_error(code, message="", raw=None):
    """The error class for a VIES fault string (see the module docstring)."""
    code = (code or "").strip()
    kwargs = {"registry": REGISTRY, "code": code, "raw": raw}
    text = message or code
    if code in TRANSIENT_FAULTS:
        return errors.Unavailable(
            text, reason=errors.REASON_FAULT, transient=True, **kwargs
        )
    if code in BLOCKED_FAULTS:
        return errors.Unavailable(text, reason=errors.REASON_BLOCKED, **kwargs)
    if code in INPUT_FAULTS:
        return errors.InvalidInput(text, **kwargs)
    return errors.Unexpected(text or "VIES fault", **kwargs)


def _clean(value):
    value = (value or "").strip()
    return None if not value or value == _UNKNOWN else value


@dataclass
class ViesResult:
    country_code: str
    vat_number: str
    valid: bool
    name: str | None = None
    address: str | None = None
    request_date: date | None = None
    request_identifier: str | None = None
    raw: str = field(default="", repr=False)

    @property
    def vat(self):
        return self.country_code + self.vat_number

    @classmethod
    def from_answer(cls, answer, raw=""):
        data = zeep.helpers.serialize_object(answer, target_cls=dict) or {}
        request_date = data.get("requestDate")
        if request_date is not None and not isinstance(request_date, date):
            try:
                request_date = date.fromisoformat(str(request_date)[:10])
            except ValueError:
                request_date = None
        return cls(
            country_code=data.get("countryCode") or "",
            vat_number=data.get("vatNumber") or "",
            valid=bool(data.get("valid")),
            name=_clean(data.get("name") or data.get("traderName")),
            address=_clean(data.get("address") or data.get("traderAddress")),
            request_date=request_date,
            request_identifier=data.get("requestIdentifier") or None,
            raw=raw,
        )


class ViesClient:
    """VIES client. Not thread-safe.

    :param url: service URL (``crm_biuro_verify.vies_url``).
    :param requester_vat: the office's own EU VAT number (e.g. ``PL5261040828``); when
        set, answers carry a ``request_identifier``.
    """

    registry = REGISTRY

    def __init__(
        self,
        url=VIES_URL,
        *,
        timeout=DEFAULT_TIMEOUT,
        retry=None,
        sleep=None,
        session=None,
        requester_vat=None,
        wsdl=VIES_WSDL,
    ):
        self.url = url
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep or time.sleep
        self._session = session or new_session()
        self._client, self._transport = soap_client(wsdl, self._session, timeout)
        self._client.plugins.append(_RequestDatePlugin())
        # The test-service WSDL names its binding checkVatTestBinding.
        bindings = self._client.wsdl.bindings
        binding = VIES_BINDING if VIES_BINDING in bindings else next(iter(bindings))
        self._service = self._client.create_service(binding, url)
        self.requester = split_vat(requester_vat) if requester_vat else None
        self.calls = Counter()

    def __repr__(self):
        return f"<ViesClient {self.url}>"

    def _fault(self, fault, raw):
        return fault_error(fault.message, "", raw)

    def check_vat(self, vat, country_code=None):
        """-> :class:`ViesResult`; ``valid`` False only on a real negative answer."""
        country, number = split_vat(vat, country_code)
        operation, params = "checkVat", {"countryCode": country, "vatNumber": number}
        if self.requester:
            operation = "checkVatApprox"
            params["requesterCountryCode"], params["requesterVatNumber"] = (
                self.requester
            )

        def attempt():
            self.calls[operation] += 1
            with soap_errors(REGISTRY, self._transport, self._fault):
                answer = getattr(self._service, operation)(**params)
            return ViesResult.from_answer(answer, raw_text(self._transport) or "")

        return call_with_retry(attempt, self.retry, self._sleep)
