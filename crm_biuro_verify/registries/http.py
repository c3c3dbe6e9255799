"""Transport shared by the clients: sessions, timeouts, retries, error mapping, WSDLs.

* every request has a timeout (``timeout`` seconds, connect and read);
* :func:`call_with_retry` repeats a call only when it raised a *transient*
  :class:`~.errors.Unavailable` (timeout, connection refused, HTTP 5xx, a registry's
  "try again" code), with exponential backoff; ``sleep`` is injectable for tests;
* :class:`SoapTransport` is the zeep transport: WSDL/XSD only from the local
  ``wsdl/`` folder (never the network), MTOM/multipart answers cut down to the SOAP
  envelope, and the raw answer kept for evidence;
* the clock is injectable too: a callable returning an aware datetime in Europe/Warsaw.
"""

import contextlib
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
import zeep
import zeep.exceptions
from lxml import etree
from zeep.transports import Transport
from zeep.wsdl import Document

from . import errors

_logger = logging.getLogger(__name__)

WARSAW = ZoneInfo("Europe/Warsaw")
DEFAULT_TIMEOUT = 15.0
USER_AGENT = "crm_biuro_verify/18.0 (Odoo; +https://github.com/crm-biuro/crm_biuro)"
WSDL_DIR = Path(__file__).resolve().parent / "wsdl"
# HTTP statuses worth an immediate retry. 429 is handled by each client because the
# white list uses it for the daily quota (WL-191), which no retry can fix.
TRANSIENT_STATUS = frozenset({500, 502, 503, 504})


def warsaw_now():
    return datetime.now(WARSAW)


def next_midnight(now):
    """The next 00:00 Europe/Warsaw after ``now`` (an aware datetime)."""
    local = now.astimezone(WARSAW)
    return datetime.combine(local.date() + timedelta(days=1), dtime(0), tzinfo=WARSAW)


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries in total; waits backoff, backoff*factor, ... (capped)."""

    attempts: int = 3
    backoff: float = 1.0
    factor: float = 2.0
    max_backoff: float = 30.0

    def delay(self, retry_index):
        return min(self.backoff * (self.factor**retry_index), self.max_backoff)


NO_RETRY = RetryPolicy(attempts=1)


def call_with_retry(func, policy, sleep=time.sleep):
    """Run ``func()``; on a transient Unavailable wait and try again.

    Any other error (not found, invalid input, a non-transient outage such as a spent
    quota) is raised at once: repeating it would only waste requests.
    """
    retries = 0
    while True:
        try:
            return func()
        except errors.Unavailable as exc:
            if not exc.transient or retries + 1 >= policy.attempts:
                raise
            wait = policy.delay(retries)
            if exc.retry_after:
                wait = max(wait, min(exc.retry_after, policy.max_backoff))
            _logger.info("%s: %s, retrying in %.2fs", exc.registry, exc, wait)
            sleep(wait)
            retries += 1


def new_session(user_agent=USER_AGENT):
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    return session


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextlib.contextmanager
def request_errors(registry):
    """Map requests' exceptions to transient :class:`Unavailable`."""
    try:
        yield
    except requests.Timeout as exc:
        raise errors.Unavailable(
            f"no answer within the timeout ({exc.__class__.__name__})",
            registry=registry,
            reason=errors.REASON_TIMEOUT,
            transient=True,
        ) from exc
    except requests.ConnectionError as exc:
        raise errors.Unavailable(
            f"connection failed: {exc}",
            registry=registry,
            reason=errors.REASON_CONNECTION,
            transient=True,
        ) from exc
    except requests.RequestException as exc:
        raise errors.Unexpected(
            f"HTTP request failed: {exc}", registry=registry
        ) from exc


def http_status_error(registry, status, raw=None):
    """The error for an HTTP status that carries no registry-specific error body."""
    if status in TRANSIENT_STATUS or status == 429:
        return errors.Unavailable(
            f"HTTP {status}",
            registry=registry,
            code=str(status),
            raw=raw,
            reason=errors.REASON_RATE_LIMIT if status == 429 else errors.REASON_HTTP,
            transient=True,
        )
    return errors.Unexpected(
        f"HTTP {status}", registry=registry, code=str(status), raw=raw
    )


def malformed(registry, detail, raw=None):
    """A body that is not the promised JSON/XML: a maintenance page, a cut answer."""
    return errors.Unavailable(
        f"the answer is not well-formed ({detail})",
        registry=registry,
        raw=raw,
        reason=errors.REASON_MALFORMED,
    )


def decode_text(content):
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("latin-1")


# --- SOAP -----------------------------------------------------------------------

_ENVELOPE_RE = re.compile(
    rb"<(?:[\w.-]+:)?Envelope[\s>].*</(?:[\w.-]+:)?Envelope\s*>", re.DOTALL
)


class MalformedAnswer(Exception):
    """Raised by the transport when a body cannot be turned into a SOAP envelope."""


# A DOCTYPE (internal subset, external DTD) or an entity declaration: no registry
# answer carries one, and entity expansion ("billion laughs") or external entities
# (XXE) need one, so such an answer is refused before any parser sees it, whatever
# the libxml2 version and its amplification guard.
_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)


def refuse_dtd(content):
    """Raise :class:`MalformedAnswer` when ``content`` (bytes or str) declares a DTD
    or entities, or is not UTF-8 text (a UTF-16/32 body could hide a DOCTYPE from
    the byte check; the registries answer in UTF-8)."""
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MalformedAnswer("not a UTF-8 document")
    if _DTD_RE.search(data):
        raise MalformedAnswer("a DOCTYPE or entity declaration, refused")


def extract_envelope(body):
    """The SOAP envelope out of an MTOM/multipart body (or any body holding one).

    Tolerant on purpose, like the PHP and Node clients: GUS sends single-part MIME
    with indented part headers, which strict multipart decoders reject.
    """
    match = _ENVELOPE_RE.search(body)
    if not match:
        raise MalformedAnswer("no SOAP envelope in the multipart body")
    return match.group(0)


class SoapTransport(Transport):
    """zeep transport: local WSDLs only, timeouts, MTOM unwrapping, raw capture."""

    def __init__(self, session, timeout):
        super().__init__(session=session, timeout=timeout, operation_timeout=timeout)
        self.last_raw = None
        self.last_status = None

    def _load_remote_data(self, url):
        raise MalformedAnswer(f"refusing to load a remote WSDL/XSD: {url}")

    def post(self, address, message, headers):
        # Not super().post(): zeep logs the request body at DEBUG level, and the GUS
        # login body holds the API key, which must never reach a log.
        response = self.session.post(
            address, data=message, headers=headers, timeout=self.operation_timeout
        )
        self.last_raw = response.content
        self.last_status = response.status_code
        content_type = response.headers.get("Content-Type", "")
        if "multipart/related" in content_type.lower():
            try:
                envelope = extract_envelope(response.content)
            except MalformedAnswer:
                if response.status_code in TRANSIENT_STATUS:
                    envelope = b""
                else:
                    raise
            response._content = envelope
            response.headers["Content-Type"] = "application/soap+xml; charset=utf-8"
        # No DTD, no entity declaration, whatever the status (see refuse_dtd).
        refuse_dtd(response.content or b"")
        # zeep parses with recover=True when not strict, which would turn a cut
        # answer into an empty result, and an error page that is not XML at all (a
        # proxy's "504 too late") into an AttributeError deep inside zeep; refuse
        # anything not well-formed first.
        try:
            etree.fromstring(response.content, _strict_parser())
        except etree.XMLSyntaxError as exc:
            if response.status_code == 200:
                raise MalformedAnswer(str(exc)) from exc
            raise zeep.exceptions.TransportError(
                f"HTTP {response.status_code}",
                status_code=response.status_code,
                content=response.content,
            ) from exc
        return response


def _strict_parser():
    # One per call: lxml parser objects must not be shared between threads. No
    # huge_tree: it would switch off libxml2's limits (entity amplification on
    # libxml2 < 2.11, depth, text size), and registry answers are small.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


_documents = {}
_documents_lock = threading.Lock()


def load_wsdl(name):
    """Parsed WSDL from ``wsdl/`` (cached: a parsed Document is read-only)."""
    path = Path(name) if Path(name).is_absolute() else WSDL_DIR / name
    key = str(path)
    with _documents_lock:
        document = _documents.get(key)
        if document is None:
            transport = SoapTransport(requests.Session(), DEFAULT_TIMEOUT)
            document = Document(key, transport, settings=soap_settings())
            _documents[key] = document
    return document


def soap_settings():
    # xml_huge_tree stays off (libxml2's limits on); forbid_entities and
    # forbid_external refuse any entity zeep would still meet.
    return zeep.Settings(
        strict=False,
        xml_huge_tree=False,
        forbid_entities=True,
        forbid_external=True,
        forbid_dtd=True,
    )


def soap_client(wsdl_name, session, timeout):
    transport = SoapTransport(session, timeout)
    client = zeep.Client(
        load_wsdl(wsdl_name), transport=transport, settings=soap_settings()
    )
    return client, transport


def soap_fault_code(fault):
    """'Receiver'/'Sender'/'Server'/'Client' of a zeep Fault (prefix dropped)."""
    code = fault.code or ""
    if hasattr(code, "localname"):
        code = code.localname
    return str(code).rsplit(":", 1)[-1].rsplit("}", 1)[-1]


@contextlib.contextmanager
def soap_errors(registry, transport, on_fault):
    """Map zeep/requests/lxml exceptions of one SOAP call to registry errors.

    ``on_fault(fault, raw)`` turns a SOAP fault into the registry's error.
    """
    with request_errors(registry):
        try:
            yield
        except zeep.exceptions.Fault as exc:
            raw = raw_text(transport)
            if exc.code is None and transport.last_status not in (None, 200):
                # Not a SOAP fault: an error page (zeep found no Fault element).
                raise http_status_error(registry, transport.last_status, raw) from exc
            raise on_fault(exc, raw) from exc
        except MalformedAnswer as exc:
            raise malformed(registry, str(exc), raw_text(transport)) from exc
        except zeep.exceptions.TransportError as exc:
            raw = raw_text(transport)
            if exc.status_code == 200:
                raise malformed(registry, "not XML", raw) from exc
            raise http_status_error(registry, exc.status_code, raw) from exc
        except (zeep.exceptions.XMLSyntaxError, etree.XMLSyntaxError) as exc:
            raise malformed(registry, str(exc), raw_text(transport)) from exc
        except zeep.exceptions.ValidationError as exc:
            raise errors.InvalidInput(str(exc), registry=registry) from exc
        except zeep.exceptions.Error as exc:
            raise errors.Unexpected(
                str(exc), registry=registry, raw=raw_text(transport)
            ) from exc


def raw_text(transport):
    if transport is None or transport.last_raw is None:
        return None
    return decode_text(transport.last_raw)
