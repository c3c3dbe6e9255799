"""GUS REGON, service BIR 1.1/1.2 (``UslugaBIRzewnPubl.svc``), SOAP 1.2 through zeep.

Protocol notes (see the project's registries reference, section 1):

* ``Zaloguj(key)`` gives a session id that travels in an HTTP header ``sid`` on every
  later call. One login per run; an expired session shows as an *empty* Result, so the
  client asks ``GetValue('KomunikatKod')``: ``7`` (or empty) means "log in again", which
  it does once per call; ``4`` means not found.
* The answer is MTOM multipart (handled by the transport) and every ``...Result`` is an
  XML document inside a string (entity-escaped on the wire, CDATA in the docs):
  ``<root><dane>...</dane>...</root>``. Values are strings (leading zeros matter),
  right-padded sometimes, keys differ in case between versions.
* Errors inside the payload: ``<ErrorCode>`` 4 not found (also a report of the wrong
  family), 5 bad report name, 11 no PKD for entities deleted before 2014-11-08,
  21 not a civil partnership, 22 no partners entered.
* Every call, login included, goes through the :class:`~.ratelimit.GusRateLimiter`.
"""

import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from . import errors
from .http import (
    DEFAULT_TIMEOUT,
    MalformedAnswer,
    RetryPolicy,
    call_with_retry,
    chunks,
    new_session,
    raw_text,
    refuse_dtd,
    soap_client,
    soap_errors,
    soap_fault_code,
)
from .identifiers import clean_nip, clean_regon, is_nip_format
from .ratelimit import GusRateLimiter

_logger = logging.getLogger(__name__)

REGISTRY = "gus"
GUS_PROD_URL = "https://wyszukiwarkaregon.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc"
GUS_TEST_URL = "https://wyszukiwarkaregontest.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc"
GUS_TEST_KEY = "abcde12345abcde12345"
GUS_WSDL = "UslugaBIRzewnPubl-ver11.wsdl"
GUS_BINDING = "{http://tempuri.org/}e3"
MAX_IDENTIFIERS = 20
REPORT_VERSIONS = ("BIR11", "BIR12")

# Entity types (``Typ``) and silos (``SilosID``) of the search result.
TYPE_LEGAL = "P"
TYPE_NATURAL = "F"
TYPE_LEGAL_LOCAL = "LP"
TYPE_NATURAL_LOCAL = "LF"
SILO_CEIDG = "1"
SILO_AGRICULTURE = "2"
SILO_OTHER = "3"
SILO_DELETED_2014 = "4"
SILO_LEGAL = "6"

# Report kinds accepted by full_report(kind=...).
KIND_MAIN = "main"  # P: OsPrawna; F: the activity report of its silo; LP/LF: the unit
KIND_GENERAL = "general"  # F: OsFizycznaDaneOgolne (the person, activity flags)
KIND_PKD = "pkd"
KIND_LOCAL_UNITS = "local_units"
KIND_PARTNERS = "partners"  # civil partnership (s.c.) partners
KIND_TYPE = "type"

_F_ACTIVITY = {
    SILO_CEIDG: "OsFizycznaDzialalnoscCeidg",
    SILO_AGRICULTURE: "OsFizycznaDzialalnoscRolnicza",
    SILO_OTHER: "OsFizycznaDzialalnoscPozostala",
    SILO_DELETED_2014: "OsFizycznaDzialalnoscSkreslonaDo20141108",
}
_REPORTS = {
    (TYPE_LEGAL, KIND_MAIN): "OsPrawna",
    (TYPE_LEGAL, KIND_GENERAL): "OsPrawna",
    (TYPE_LEGAL, KIND_PKD): "OsPrawnaPkd",
    (TYPE_LEGAL, KIND_LOCAL_UNITS): "OsPrawnaListaJednLokalnych",
    (TYPE_LEGAL, KIND_PARTNERS): "OsPrawnaSpCywilnaWspolnicy",
    (TYPE_NATURAL, KIND_GENERAL): "OsFizycznaDaneOgolne",
    (TYPE_NATURAL, KIND_PKD): "OsFizycznaPkd",
    (TYPE_NATURAL, KIND_LOCAL_UNITS): "OsFizycznaListaJednLokalnych",
    (TYPE_LEGAL_LOCAL, KIND_MAIN): "JednLokalnaOsPrawnej",
    (TYPE_LEGAL_LOCAL, KIND_PKD): "JednLokalnaOsPrawnejPkd",
    (TYPE_NATURAL_LOCAL, KIND_MAIN): "JednLokalnaOsFizycznej",
    (TYPE_NATURAL_LOCAL, KIND_PKD): "JednLokalnaOsFizycznejPkd",
}
# Names GusApi keeps with the BIR11 prefix after the BIR 1.2 switch.
_KEEP_BIR11 = frozenset({"OsFizycznaDzialalnoscSkreslonaDo20141108"})


def report_name(
    entity_type, silo_id=None, kind=KIND_MAIN, version="BIR12", overrides=None
):
    """Full-report name for an entity type/silo and a report kind.

    >>> report_name("P", kind="pkd", version="BIR11")
    'BIR11OsPrawnaPkd'
    >>> report_name("F", "1")
    'BIR12OsFizycznaDzialalnoscCeidg'
    """
    if version not in REPORT_VERSIONS:
        raise errors.InvalidInput(
            f"unknown BIR report version {version!r}", registry=REGISTRY, code="VERSION"
        )
    entity_type = (entity_type or "").upper()
    if kind == KIND_TYPE:
        base = "TypPodmiotu"
    elif entity_type == TYPE_NATURAL and kind == KIND_MAIN:
        base = _F_ACTIVITY.get(str(silo_id or SILO_CEIDG))
    else:
        base = _REPORTS.get((entity_type, kind))
    if not base:
        raise errors.InvalidInput(
            f"no {kind!r} report for entity type {entity_type!r} / silo {silo_id!r}",
            registry=REGISTRY,
            code="REPORT",
        )
    if overrides and base in overrides:
        return overrides[base]
    prefix = "BIR11" if base in _KEEP_BIR11 else version
    return prefix + base


# --- payload parsing ----------------------------------------------------------------

_PREFIXES = frozenset(
    {"praw", "fiz", "fizc", "fizp", "fizr", "lokpraw", "lokfiz", "lokfizc", "wspolsc"}
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def norm_key(key):
    """'praw_adSiedzKodPocztowy' -> 'adsiedzkodpocztowy'; 'fiz_pkd_Kod' -> 'pkdkod'."""
    head, sep, tail = key.partition("_")
    if sep and head.lower() in _PREFIXES:
        key = tail
    return key.replace("_", "").lower()


def parse_root(inner_xml):
    """Parse the inner document; tolerant of GUS's own sample defects."""
    text = _XML_DECL.sub("", inner_xml or "").strip()
    if not text:
        return None
    try:
        refuse_dtd(text)
    except MalformedAnswer as exc:
        raise errors.Unavailable(
            f"the GUS Result is refused ({exc})",
            registry=REGISTRY,
            raw=inner_xml,
            reason=errors.REASON_MALFORMED,
        ) from exc
    parser = etree.XMLParser(
        recover=True,
        remove_comments=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
    )
    root = etree.fromstring(text.encode("utf-8"), parser)
    if root is None:
        raise errors.Unavailable(
            "the GUS Result is not an XML document",
            registry=REGISTRY,
            raw=inner_xml,
            reason=errors.REASON_MALFORMED,
        )
    return root


def _row(element):
    return {
        child.tag: (child.text or "").strip()
        for child in element
        if isinstance(child.tag, str)
    }


def parse_rows(inner_xml):
    """``<root><dane>..</dane>..</root>`` -> list of {field: stripped text}."""
    root = parse_root(inner_xml)
    if root is None:
        return []
    return [_row(dane) for dane in root.iter("dane") if len(dane)]


def _get(row, *names):
    """Value of the first non-empty field among ``names`` (case-insensitive)."""
    wanted = [n.replace("_", "").lower() for n in names]
    normalised = {}
    for key, value in row.items():
        normalised.setdefault(norm_key(key), value)
    for name in wanted:
        value = normalised.get(name)
        if value:
            return value
    return ""


def _date(value):
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def format_postal_code(value):
    value = (value or "").strip()
    return f"{value[:2]}-{value[2:]}" if re.fullmatch(r"\d{5}", value) else value


def format_pkd(code):
    """'7410Z' -> '74.10.Z' (the form KRS and the client file use)."""
    code = (code or "").strip().upper()
    match = re.fullmatch(r"(\d{2})\.?(\d{2})\.?([A-Z])", code)
    return f"{match[1]}.{match[2]}.{match[3]}" if match else code


def payload_error(rows):
    """(ErrorCode, message) of an error payload, or (None, None)."""
    if rows and _get(rows[0], "ErrorCode"):
        row = rows[0]
        message = (
            _get(row, "ErrorMessageEn", "DatabaseSearchResultEn")
            or _get(row, "ErrorMessagePl", "DatabaseSearchResultPl")
            or "GUS error"
        )
        return _get(row, "ErrorCode"), message
    return None, None


def raise_for_error_code(code, message, raw=None):
    """Raise the error class for a payload ErrorCode / KomunikatKod."""
    kwargs = {"registry": REGISTRY, "code": str(code), "raw": raw}
    if code == "4":
        raise errors.NotFound(message or "no entity found", **kwargs)
    if code in ("2", "5", "21"):
        raise errors.InvalidInput(message or "input refused by GUS", **kwargs)
    if code == "7":
        raise errors.Unavailable(
            message or "GUS session expired", reason=errors.REASON_SESSION, **kwargs
        )
    if code == "101":
        raise errors.Unavailable(
            message or "GUS report limit reached",
            reason=errors.REASON_RATE_LIMIT,
            transient=True,
            **kwargs,
        )
    raise errors.Unexpected(message or f"GUS error code {code}", **kwargs)


# --- results ------------------------------------------------------------------------


@dataclass
class GusEntity:
    """One ``<dane>`` row of ``DaneSzukajPodmioty``."""

    regon: str
    nip: str
    name: str
    type: str  # P, F, LP, LF
    silo_id: str
    nip_status: str = ""
    voivodeship: str = ""
    county: str = ""
    commune: str = ""
    city: str = ""
    post_city: str = ""
    postal_code: str = ""
    street: str = ""
    house_number: str = ""
    apartment_number: str = ""
    end_date: date | None = None
    fields: dict = field(default_factory=dict, repr=False)
    raw: str = field(default="", repr=False)

    @property
    def active(self):
        return self.end_date is None

    @property
    def is_local_unit(self):
        return self.type in (TYPE_LEGAL_LOCAL, TYPE_NATURAL_LOCAL)

    @classmethod
    def from_row(cls, row, raw=""):
        return cls(
            regon=_get(row, "Regon"),
            nip=_get(row, "Nip"),
            name=_get(row, "Nazwa"),
            type=_get(row, "Typ").upper(),
            silo_id=_get(row, "SilosID"),
            nip_status=_get(row, "StatusNip"),
            voivodeship=_get(row, "Wojewodztwo"),
            county=_get(row, "Powiat"),
            commune=_get(row, "Gmina"),
            city=_get(row, "Miejscowosc"),
            post_city=_get(row, "MiejscowoscPoczty"),
            postal_code=format_postal_code(_get(row, "KodPocztowy")),
            street=_get(row, "Ulica"),
            house_number=_get(row, "NrNieruchomosci"),
            apartment_number=_get(row, "NrLokalu"),
            end_date=_date(_get(row, "DataZakonczeniaDzialalnosci")),
            fields=row,
            raw=raw,
        )


def _preference(entity):
    silo_rank = {SILO_LEGAL: 0, SILO_CEIDG: 1, SILO_OTHER: 2, SILO_AGRICULTURE: 3}
    type_rank = {TYPE_LEGAL: 0, TYPE_NATURAL: 1}
    return (
        not entity.active,
        type_rank.get(entity.type, 2),
        silo_rank.get(entity.silo_id, 4),
    )


@dataclass
class GusSearchResult:
    """Everything GUS returned for one NIP (several rows for a multi-silo trader)."""

    nip: str
    entities: list = field(default_factory=list)
    raw: str = field(default="", repr=False)
    error: errors.RegistryError | None = None

    @property
    def found(self):
        return bool(self.entities)

    @property
    def main(self):
        """The row to use: active before ended, P before F, CEIDG before farming."""
        candidates = [e for e in self.entities if not e.is_local_unit] or self.entities
        return min(candidates, key=_preference) if candidates else None


@dataclass
class GusAddress:
    country: str = ""
    voivodeship: str = ""
    county: str = ""
    commune: str = ""
    city: str = ""
    post_city: str = ""
    postal_code: str = ""
    street: str = ""
    house_number: str = ""
    apartment_number: str = ""
    unusual_location: str = ""

    @property
    def street_line(self):
        line = " ".join(p for p in (self.street, self.house_number) if p)
        if self.apartment_number:
            line += f"/{self.apartment_number}" if line else self.apartment_number
        return line or self.city


@dataclass
class GusDetails:
    """The main fields of a full report, whatever its prefix (praw_, fiz_...)."""

    regon: str = ""
    nip: str = ""
    nip_status: str = ""
    name: str = ""
    short_name: str = ""
    first_name: str = ""
    second_name: str = ""
    last_name: str = ""
    register_number: str = ""  # the KRS number for entities registered in KRS
    register_kind: str = ""
    registry_authority: str = ""
    registration_date: date | None = None
    creation_date: date | None = None
    start_date: date | None = None
    regon_entry_date: date | None = None
    suspension_date: date | None = None
    resumption_date: date | None = None
    change_date: date | None = None
    end_date: date | None = None
    deletion_date: date | None = None
    bankruptcy_date: date | None = None
    legal_form_code: str = ""
    legal_form: str = ""
    specific_legal_form_code: str = ""
    specific_legal_form: str = ""
    ownership_form: str = ""
    address: GusAddress = field(default_factory=GusAddress)
    phone: str = ""
    email: str = ""
    website: str = ""
    silo_id: str = ""
    local_units_count: str = ""
    activity_flags: dict = field(default_factory=dict)

    @property
    def active(self):
        return self.end_date is None and self.deletion_date is None

    @property
    def krs(self):
        number = self.register_number.strip()
        return number if re.fullmatch(r"\d{10}", number) else ""

    @classmethod
    def from_row(cls, row):
        def d(*names):
            return _date(_get(row, *names))

        return cls(
            regon=_get(row, "regon9", "regon14", "regon"),
            nip=_get(row, "nip"),
            nip_status=_get(row, "statusNip"),
            name=_get(row, "nazwa"),
            short_name=_get(row, "nazwaSkrocona"),
            first_name=_get(row, "imie1"),
            second_name=_get(row, "imie2"),
            last_name=_get(row, "nazwisko"),
            register_number=_get(row, "numerWRejestrzeEwidencji"),
            register_kind=_get(
                row, "rodzajRejestruEwidencji_Nazwa", "RodzajRejestru_Nazwa"
            ),
            registry_authority=_get(row, "organRejestrowy_Nazwa"),
            registration_date=d("dataWpisuDoRejestruEwidencji"),
            creation_date=d("dataPowstania"),
            start_date=d("dataRozpoczeciaDzialalnosci"),
            regon_entry_date=d(
                "dataWpisuDoRegon",
                "dataWpisuDzialalnosciDoRegon",
                "dataWpisuPodmiotuDoRegon",
            ),
            suspension_date=d("dataZawieszeniaDzialalnosci"),
            resumption_date=d("dataWznowieniaDzialalnosci"),
            change_date=d("dataZaistnieniaZmiany", "dataZaistnieniaZmianyDzialalnosci"),
            end_date=d("dataZakonczeniaDzialalnosci"),
            deletion_date=d(
                "dataSkresleniaZRegon",
                "dataSkresleniaDzialalnosciZRegon",
                "dataSkresleniaDzialalanosciZRegon",  # sic, the Rolnicza report
                "dataSkresleniaPodmiotuZRegon",
            ),
            bankruptcy_date=d("dataOrzeczeniaOUpadlosci"),
            legal_form_code=_get(row, "podstawowaFormaPrawna_Symbol"),
            legal_form=_get(row, "podstawowaFormaPrawna_Nazwa"),
            specific_legal_form_code=_get(row, "szczegolnaFormaPrawna_Symbol"),
            specific_legal_form=_get(row, "szczegolnaFormaPrawna_Nazwa"),
            ownership_form=_get(row, "formaWlasnosci_Nazwa"),
            address=GusAddress(
                country=_get(row, "adSiedzKraj_Nazwa")
                or _get(row, "adSiedzKraj_Symbol"),
                voivodeship=_get(row, "adSiedzWojewodztwo_Nazwa"),
                county=_get(row, "adSiedzPowiat_Nazwa"),
                commune=_get(row, "adSiedzGmina_Nazwa"),
                city=_get(row, "adSiedzMiejscowosc_Nazwa"),
                post_city=_get(row, "adSiedzMiejscowoscPoczty_Nazwa"),
                postal_code=format_postal_code(_get(row, "adSiedzKodPocztowy")),
                street=_get(row, "adSiedzUlica_Nazwa"),
                house_number=_get(row, "adSiedzNumerNieruchomosci"),
                apartment_number=_get(row, "adSiedzNumerLokalu"),
                unusual_location=_get(row, "adSiedzNietypoweMiejsceLokalizacji"),
            ),
            phone=_get(row, "numerTelefonu"),
            email=_get(row, "adresEmail"),
            website=_get(row, "adresStronyinternetowej"),
            silo_id=_get(row, "silosID"),
            local_units_count=_get(row, "liczbaJednLokalnych"),
            activity_flags={
                key: _get(row, f"dzialalnosc{key}")
                for key in ("Ceidg", "Rolnicza", "Pozostala", "SkreslonaDo20141108")
                if _get(row, f"dzialalnosc{key}")
            },
        )


@dataclass
class PkdCode:
    code: str  # '74.10.Z'
    name: str
    main: bool
    version: str = ""  # '2007' / '2025' in BIR 1.2
    silo: str = ""

    @classmethod
    def from_row(cls, row):
        return cls(
            code=format_pkd(_get(row, "pkdKod")),
            name=_get(row, "pkdNazwa"),
            main=_get(row, "pkdPrzewazajace") == "1",
            version=_get(row, "pkdWersja"),
            silo=_get(row, "Silos_Symbol"),
        )


@dataclass
class GusPartner:
    regon: str
    first_name: str
    second_name: str
    last_name: str
    company_name: str

    @classmethod
    def from_row(cls, row):
        return cls(
            regon=_get(row, "regonWspolnikSpolki"),
            first_name=_get(row, "imiePierwsze"),
            second_name=_get(row, "imieDrugie"),
            last_name=_get(row, "nazwisko"),
            company_name=_get(row, "firmaNazwa"),
        )


@dataclass
class GusReport:
    """A full report: raw rows and typed views (details, pkd, local_units...)."""

    report_name: str
    regon: str
    rows: list = field(default_factory=list)
    raw: str = field(default="", repr=False)
    # ErrorCode 11/22: an answer without data that is not an error (no PKD shown for
    # entities deleted before 2014, no partners entered for an s.c.).
    notice_code: str = ""
    notice: str = ""

    @property
    def details(self):
        return GusDetails.from_row(self.rows[0]) if self.rows else None

    @property
    def pkd(self):
        return [PkdCode.from_row(r) for r in self.rows if _get(r, "pkdKod")]

    @property
    def local_units(self):
        return [GusDetails.from_row(r) for r in self.rows]

    @property
    def partners(self):
        return [GusPartner.from_row(r) for r in self.rows]


def parse_search(inner_xml):
    """Rows of a search Result -> entities; raises on an error payload."""
    rows = parse_rows(inner_xml)
    code, message = payload_error(rows)
    if code:
        raise_for_error_code(code, message, inner_xml)
    return [GusEntity.from_row(r) for r in rows]


def parse_report(inner_xml, name="", regon=""):
    """A full-report Result -> :class:`GusReport`; raises on an error payload."""
    rows = parse_rows(inner_xml)
    code, message = payload_error(rows)
    if code in ("11", "22"):
        return GusReport(name, regon, [], inner_xml, notice_code=code, notice=message)
    if code:
        raise_for_error_code(code, message, inner_xml)
    return GusReport(name, regon, rows, inner_xml)


@dataclass
class GusCompany:
    """What :meth:`GusClient.lookup_nip` gathers for a "new client from NIP" preview."""

    nip: str
    entity: GusEntity
    details: GusDetails | None
    pkd: list = field(default_factory=list)
    reports: dict = field(
        default_factory=dict, repr=False
    )  # report name -> raw inner XML


# --- client -------------------------------------------------------------------------

_DEFAULT = object()


class GusClient:
    """BIR client. Not thread-safe: one instance per worker/run.

    :param url: service URL (``crm_biuro_verify.gus_url``); the bundled WSDL is bound
        to it, the WSDL's own address is ignored.
    :param key: the user key (``crm_biuro_verify.gus_key``); never logged or repr'd.
    :param report_version: ``"BIR12"`` (default) or ``"BIR11"`` report names.
    :param rate_limiter: a :class:`GusRateLimiter` (shared per run), default a new one;
        ``None`` disables limiting (tests against the fakes).
    :param report_names: override map, e.g. ``{"OsPrawna": "BIR12OsPrawna"}``.
    """

    registry = REGISTRY

    def __init__(
        self,
        url=GUS_PROD_URL,
        key=None,
        *,
        report_version="BIR12",
        timeout=DEFAULT_TIMEOUT,
        retry=None,
        rate_limiter=_DEFAULT,
        sleep=None,
        clock=None,
        session=None,
        report_names=None,
        wsdl=GUS_WSDL,
    ):
        if report_version not in REPORT_VERSIONS:
            raise errors.InvalidInput(
                f"unknown BIR report version {report_version!r}",
                registry=REGISTRY,
                code="VERSION",
            )
        self.url = url
        self._key = (
            key if key is not None else (GUS_TEST_KEY if url == GUS_TEST_URL else "")
        )
        self.report_version = report_version
        self.report_names = dict(report_names or {})
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep or time.sleep
        if rate_limiter is _DEFAULT:
            rate_limiter = GusRateLimiter(clock=clock, sleep=sleep)
        self.rate_limiter = rate_limiter
        self._session = session or new_session()
        self._client, self._transport = soap_client(wsdl, self._session, timeout)
        self._service = self._client.create_service(GUS_BINDING, url)
        self.sid = None
        self.calls = Counter()  # HTTP requests sent, per operation (retries included)
        self.last_raw = None

    def __repr__(self):
        return (
            f"<GusClient {self.url} {self.report_version} logged_in={bool(self.sid)}>"
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            self.logout()
        except errors.RegistryError as error:
            _logger.info("GUS logout failed: %s", error)

    # -- low level --

    def _fault(self, fault, raw):
        code = soap_fault_code(fault)
        kwargs = {"registry": REGISTRY, "code": code, "raw": raw}
        if code in ("Receiver", "Server"):
            return errors.Unavailable(
                f"SOAP fault: {fault.message}",
                reason=errors.REASON_FAULT,
                transient=True,
                **kwargs,
            )
        return errors.Unexpected(f"SOAP fault: {fault.message}", **kwargs)

    def _invoke(self, operation, params, weight=1):
        """One SOAP call (retried on transient errors, rate-limited per attempt)."""

        def attempt():
            if self.rate_limiter is not None:
                self.rate_limiter.acquire(self.rate_limiter.weight(weight))
            self.calls[operation] += 1
            with soap_errors(REGISTRY, self._transport, self._fault):
                result = getattr(self._service, operation)(**params)
            self.last_raw = raw_text(self._transport)
            return result

        return call_with_retry(attempt, self.retry, self._sleep)

    def login(self):
        """``Zaloguj``: open a session; an empty session id = the key was refused."""
        if not self._key:
            raise errors.InvalidInput(
                "no GUS key configured", registry=REGISTRY, code="NO_KEY"
            )
        self._session.headers.pop("sid", None)
        self.sid = None
        sid = self._invoke("Zaloguj", {"pKluczUzytkownika": self._key})
        if not sid:
            raise errors.Unavailable(
                "GUS refused the key (empty session id): wrong key, test key on "
                "production, or an IP not registered for the key",
                registry=REGISTRY,
                code="LOGIN_REJECTED",
                reason=errors.REASON_AUTH,
            )
        self.sid = sid
        self._session.headers["sid"] = sid
        return sid

    def logout(self):
        if not self.sid:
            return False
        try:
            return bool(self._invoke("Wyloguj", {"pIdentyfikatorSesji": self.sid}))
        finally:
            self.sid = None
            self._session.headers.pop("sid", None)

    def get_value(self, name):
        """``GetValue``: StatusSesji, KomunikatKod, KomunikatTresc, StanDanych,
        StatusUslugi, KomunikatUslugi (the last two work without a session)."""
        return (self._invoke("GetValue", {"pNazwaParametru": name}) or "").strip()

    @staticmethod
    def _lost(result):
        if not (result or "").strip():
            return True
        return "<ErrorCode>7</ErrorCode>" in result.replace(" ", "")

    def _data_call(self, operation, params, weight=1):
        """A call that needs a session; logs in again once if the session expired.

        Returns the inner XML string, or ``None`` when GUS said "nothing found"
        through ``KomunikatKod`` 4 instead of a payload.
        """
        if not self.sid:
            self.login()
        result = self._invoke(operation, params, weight)
        if not self._lost(result):
            return result
        code = self.get_value("KomunikatKod")
        if code in ("7", ""):
            _logger.info(
                "GUS session expired (KomunikatKod %r), logging in again", code
            )
            self.login()
            result = self._invoke(operation, params, weight)
            if not self._lost(result):
                return result
            code = self.get_value("KomunikatKod")
            if code in ("7", ""):
                raise errors.Unavailable(
                    "GUS session expired again right after logging in",
                    registry=REGISTRY,
                    code=code or "7",
                    reason=errors.REASON_SESSION,
                )
        if code == "4":
            return None
        raise_for_error_code(code, self.get_value("KomunikatTresc"), result)

    # -- search --

    def search_nips(self, nips):
        """Search many NIPs, ``MAX_IDENTIFIERS`` (20) per request.

        Returns ``{nip: GusSearchResult}`` in input order, one per distinct cleaned
        NIP; ``found`` is False for a NIP GUS does not know. A NIP that is not 10
        digits gets ``error=InvalidInput`` and is not sent. Outages raise.
        """
        results, valid = {}, []
        for value in nips:
            nip = clean_nip(value)
            if nip in results:
                continue
            if is_nip_format(nip):
                results[nip] = None
                valid.append(nip)
            else:
                results[nip] = GusSearchResult(
                    nip,
                    error=errors.InvalidInput(
                        f"NIP {value!r} is not 10 digits", registry=REGISTRY, code="NIP"
                    ),
                )
        for batch in chunks(valid, MAX_IDENTIFIERS):
            if len(batch) == 1:
                query = {"Nip": batch[0]}
            else:
                query = {"Nipy": ",".join(batch)}
            inner = self._data_call(
                "DaneSzukajPodmioty",
                {"pParametryWyszukiwania": query},
                weight=len(batch),
            )
            results.update(self._split_search(batch, inner))
        return results

    def _split_search(self, batch, inner):
        root = parse_root(inner) if inner else None
        danes = [d for d in root.iter("dane") if len(d)] if root is not None else []
        rows = [_row(d) for d in danes]
        code, message = payload_error(rows)
        if inner is None or code == "4":
            return {nip: GusSearchResult(nip, [], inner or "") for nip in batch}
        if code:
            raise_for_error_code(code, message, inner)
        by_nip = {}
        for dane, row in zip(danes, rows, strict=True):
            xml = etree.tostring(dane, encoding="unicode").strip()
            by_nip.setdefault(_get(row, "Nip"), []).append(GusEntity.from_row(row, xml))
        out = {}
        for nip in batch:
            entities = by_nip.get(nip, [])
            raw = (
                "<root>" + "".join(e.raw for e in entities) + "</root>"
                if entities
                else ""
            )
            out[nip] = GusSearchResult(nip, entities, raw)
        return out

    def search_nip(self, nip):
        """One NIP -> :class:`GusSearchResult`; raises NotFound / InvalidInput."""
        result = next(iter(self.search_nips([nip]).values()))
        if result.error:
            raise result.error
        if not result.found:
            raise errors.NotFound(
                f"NIP {result.nip} not in REGON",
                registry=REGISTRY,
                code="4",
                raw=result.raw,
            )
        return result

    # -- reports --

    def report_name(self, entity_type, silo_id=None, kind=KIND_MAIN):
        return report_name(
            entity_type, silo_id, kind, self.report_version, self.report_names
        )

    def full_report(
        self, regon, entity_type=None, silo_id=None, *, kind=KIND_MAIN, name=None
    ):
        """``DanePobierzPelnyRaport`` for a REGON (or a :class:`GusEntity`).

        The report name comes from the entity type/silo and ``kind`` (``main``,
        ``general``, ``pkd``, ``local_units``, ``partners``, ``type``) unless ``name``
        is given. Raises NotFound (ErrorCode 4, also a report of the wrong family),
        InvalidInput (bad name / REGON, not an s.c.).
        """
        if isinstance(regon, GusEntity):
            entity_type = entity_type or regon.type
            silo_id = silo_id or regon.silo_id
            regon = regon.regon
        regon = clean_regon(regon)
        if len(regon) not in (9, 14):
            raise errors.InvalidInput(
                f"REGON {regon!r} is not 9/14 digits", registry=REGISTRY, code="REGON"
            )
        name = name or self.report_name(entity_type, silo_id, kind)
        inner = self._data_call(
            "DanePobierzPelnyRaport", {"pRegon": regon, "pNazwaRaportu": name}
        )
        if inner is None:
            raise errors.NotFound(
                f"no {name} report for REGON {regon}", registry=REGISTRY, code="4"
            )
        return parse_report(inner, name, regon)

    def lookup_nip(self, nip, *, with_pkd=True):
        """Search + main report (+ PKD) of one NIP: data for a new client's preview.

        1 search and 1-2 reports (plus the login on the first call of the session).
        """
        found = self.search_nip(nip)
        entity = found.main
        reports = {}
        report = self.full_report(entity, kind=KIND_MAIN)
        reports[report.report_name] = report.raw
        details = report.details
        pkd = []
        if with_pkd:
            try:
                pkd_report = self.full_report(entity, kind=KIND_PKD)
            except errors.NotFound:
                pkd_report = None
            if pkd_report is not None:
                reports[pkd_report.report_name] = pkd_report.raw
                pkd = pkd_report.pkd
        return GusCompany(found.nip, entity, details, pkd, reports)
