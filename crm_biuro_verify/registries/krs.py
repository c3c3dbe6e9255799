"""KRS open API of the Ministry of Justice: ``OdpisAktualny`` JSON, with requests.

``GET {url}/api/krs/OdpisAktualny/{krs}?rejestr=P&format=json``. An entity outside
the given register answers 404 (some say 204), so the client asks register ``P``
(przedsiębiorcy) and then ``S`` (associations, foundations...). No key, no documented
limit. Personal data is masked by the API (``"W*********"``). Amounts are strings with
a decimal comma.
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from . import errors
from .http import (
    DEFAULT_TIMEOUT,
    RetryPolicy,
    call_with_retry,
    http_status_error,
    malformed,
    new_session,
    request_errors,
)
from .identifiers import clean_krs

REGISTRY = "krs"
KRS_URL = "https://api-krs.ms.gov.pl"
REGISTERS = ("P", "S")


def _parse_date(value):
    try:
        return datetime.strptime(value, "%d.%m.%Y").date() if value else None
    except ValueError:
        return None


def _parse_datetime(value):
    try:
        return datetime.strptime(value, "%d.%m.%Y %H:%M:%S") if value else None
    except ValueError:
        return None


def _amount(value):
    try:
        return Decimal(str(value).replace(" ", "").replace(",", ".")) if value else None
    except InvalidOperation:
        return None


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dict(value):
    return value if isinstance(value, dict) else {}


@dataclass
class KrsAddress:
    street: str = ""
    house_number: str = ""
    apartment_number: str = ""
    postal_code: str = ""
    city: str = ""
    post_office: str = ""
    country: str = ""


@dataclass
class KrsSeat:
    country: str = ""
    voivodeship: str = ""
    county: str = ""
    commune: str = ""
    city: str = ""


@dataclass
class KrsPerson:
    last_name: str
    first_names: str
    function: str = ""
    suspended: bool = False
    pesel_masked: str = ""

    @property
    def name(self):
        return " ".join(p for p in (self.first_names, self.last_name) if p)

    @classmethod
    def from_json(cls, data):
        data = _dict(data)
        surname = _dict(data.get("nazwisko"))
        names = _dict(data.get("imiona"))
        last = " ".join(
            p
            for p in (surname.get("nazwiskoICzlon"), surname.get("nazwiskoCzesc2"))
            if p
        )
        first = " ".join(p for p in (names.get("imie"), names.get("imieDrugie")) if p)
        return cls(
            last_name=last or data.get("nazwa") or "",
            first_names=first,
            function=data.get("funkcjaWOrganie") or data.get("rodzajProkury") or "",
            suspended=bool(data.get("czyZawieszona")),
            pesel_masked=_dict(data.get("identyfikator")).get("pesel") or "",
        )


@dataclass
class KrsBody:
    """A board (``reprezentacja``) or a supervisory body (``organNadzoru``)."""

    name: str
    representation: str = ""
    members: list = field(default_factory=list)

    @classmethod
    def from_json(cls, data):
        data = _dict(data)
        return cls(
            name=data.get("nazwaOrganu") or data.get("nazwa") or "",
            representation=data.get("sposobReprezentacji") or "",
            members=[KrsPerson.from_json(p) for p in _as_list(data.get("sklad"))],
        )


@dataclass
class KrsPkd:
    code: str  # '69.20.Z'
    description: str
    main: bool

    @classmethod
    def from_json(cls, data, main):
        data = _dict(data)
        parts = [data.get("kodDzial"), data.get("kodKlasa"), data.get("kodPodklasa")]
        return cls(".".join(p for p in parts if p), data.get("opis") or "", main)


@dataclass
class KrsExtract:
    krs: str
    register: str  # 'P' or 'S', the register that answered
    name: str
    legal_form: str = ""
    nip: str = ""
    regon: str = ""
    seat: KrsSeat = field(default_factory=KrsSeat)
    address: KrsAddress = field(default_factory=KrsAddress)
    capital: Decimal | None = None
    capital_currency: str = ""
    board: KrsBody | None = None
    supervisory_bodies: list = field(default_factory=list)
    proxies: list = field(default_factory=list)
    pkd: list = field(default_factory=list)
    registration_date: date | None = None
    state_date: date | None = None
    extract_datetime: datetime | None = None
    last_entry_number: int | None = None
    raw: str = field(default="", repr=False)

    @property
    def regon9(self):
        """GUS REGON of the entity (KRS gives 14 digits with five trailing zeros)."""
        return (
            self.regon[:9]
            if len(self.regon) == 14 and self.regon.endswith("00000")
            else self.regon
        )


def parse_extract(payload, register="", raw=""):
    """``OdpisAktualny`` JSON (already decoded) -> :class:`KrsExtract`."""
    odpis = _dict(_dict(payload).get("odpis"))
    if not odpis:
        raise errors.Unexpected(
            "no 'odpis' in the KRS answer", registry=REGISTRY, raw=raw
        )
    header = _dict(odpis.get("naglowekA") or odpis.get("naglowekP"))
    dane = _dict(odpis.get("dane"))
    d1, d2, d3 = (_dict(dane.get(f"dzial{i}")) for i in (1, 2, 3))
    subject = _dict(d1.get("danePodmiotu"))
    ids = _dict(subject.get("identyfikatory"))
    seat_addr = _dict(d1.get("siedzibaIAdres"))
    seat, addr = _dict(seat_addr.get("siedziba")), _dict(seat_addr.get("adres"))
    capital = _dict(_dict(d1.get("kapital")).get("wysokoscKapitaluZakladowego"))
    activities = _dict(d3.get("przedmiotDzialalnosci"))
    boards = _as_list(d2.get("reprezentacja"))
    register_name = header.get("rejestr") or ""
    return KrsExtract(
        krs=header.get("numerKRS") or "",
        register=register or register_name.replace("Rej", "")[:1],
        name=subject.get("nazwa") or "",
        legal_form=subject.get("formaPrawna") or "",
        nip=ids.get("nip") or "",
        regon=ids.get("regon") or "",
        seat=KrsSeat(
            country=seat.get("kraj") or "",
            voivodeship=seat.get("wojewodztwo") or "",
            county=seat.get("powiat") or "",
            commune=seat.get("gmina") or "",
            city=seat.get("miejscowosc") or "",
        ),
        address=KrsAddress(
            street=addr.get("ulica") or "",
            house_number=addr.get("nrDomu") or "",
            apartment_number=addr.get("nrLokalu") or "",
            postal_code=addr.get("kodPocztowy") or "",
            city=addr.get("miejscowosc") or "",
            post_office=addr.get("poczta") or "",
            country=addr.get("kraj") or "",
        ),
        capital=_amount(capital.get("wartosc")),
        capital_currency=capital.get("waluta") or "",
        board=KrsBody.from_json(boards[0]) if boards else None,
        supervisory_bodies=[
            KrsBody.from_json(b) for b in _as_list(d2.get("organNadzoru"))
        ],
        proxies=[KrsPerson.from_json(p) for p in _as_list(d2.get("prokurenci"))],
        pkd=[
            KrsPkd.from_json(p, True)
            for p in _as_list(activities.get("przedmiotPrzewazajacejDzialalnosci"))
        ]
        + [
            KrsPkd.from_json(p, False)
            for p in _as_list(activities.get("przedmiotPozostalejDzialalnosci"))
        ],
        registration_date=_parse_date(header.get("dataRejestracjiWKRS")),
        state_date=_parse_date(header.get("stanZDnia")),
        extract_datetime=_parse_datetime(header.get("dataCzasOdpisu")),
        last_entry_number=header.get("numerOstatniegoWpisu"),
        raw=raw,
    )


class KrsClient:
    """KRS client. Not thread-safe.

    :param url: base URL (``crm_biuro_verify.krs_url``), e.g. ``KRS_URL``.
    """

    registry = REGISTRY

    def __init__(
        self,
        url=KRS_URL,
        *,
        timeout=DEFAULT_TIMEOUT,
        retry=None,
        sleep=None,
        session=None,
    ):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep or time.sleep
        self._session = session or new_session()
        self.calls = Counter()

    def __repr__(self):
        return f"<KrsClient {self.url}>"

    def _fetch(self, krs, register):
        """One register: the extract, or None on 404/204."""

        def attempt():
            self.calls["OdpisAktualny"] += 1
            with request_errors(REGISTRY):
                response = self._session.get(
                    f"{self.url}/api/krs/OdpisAktualny/{krs}",
                    params={"rejestr": register, "format": "json"},
                    timeout=self.timeout,
                )
            if response.status_code in (404, 204):
                return None
            raw = response.text
            if response.status_code == 400:
                raise errors.InvalidInput(
                    f"KRS refused {krs!r}", registry=REGISTRY, code="400", raw=raw
                )
            if response.status_code != 200:
                raise http_status_error(REGISTRY, response.status_code, raw)
            try:
                payload = response.json()
            except ValueError:
                raise malformed(REGISTRY, "not JSON", raw) from None
            return parse_extract(payload, register, raw)

        return call_with_retry(attempt, self.retry, self._sleep)

    def current_extract(self, krs, register=None):
        """``OdpisAktualny`` of ``krs``: register ``P``, then ``S`` on 404.

        ``register`` forces one register. Raises NotFound when no register has it.
        """
        number = clean_krs(krs)
        if not number or number == "0000000000":
            raise errors.InvalidInput(
                f"KRS {krs!r} is not a KRS number", registry=REGISTRY, code="KRS"
            )
        for reg in (register,) if register else REGISTERS:
            extract = self._fetch(number, reg)
            if extract is not None:
                return extract
        raise errors.NotFound(f"KRS {number} not found", registry=REGISTRY, code="404")
