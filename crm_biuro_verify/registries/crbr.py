"""CRBR "API przeglądowe" (beneficial owners), SOAP 1.2 with zeep, no key.

Operation ``PobierzInformacjeOSpolkachIBeneficjentach`` with ``SzczegolyWniosku/NIP``.
The answer's ``Status``:

* ``IstniejaInformacje`` - companies with their beneficial owners;
* ``BrakInformacji`` - nothing reported for this NIP: a normal answer
  (``found=False``), **not** an error;
* ``BladFormalny`` - the request was formally wrong -> :class:`InvalidInput`.

SOAP faults: ``Receiver``/``Server`` -> :class:`Unavailable` (retried), ``Sender``/
``Client`` -> :class:`InvalidInput`. The answer holds PESELs and birth dates: treat
``raw`` as personal data.
"""

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import zeep.helpers

from . import errors
from .http import (
    DEFAULT_TIMEOUT,
    RetryPolicy,
    call_with_retry,
    new_session,
    raw_text,
    soap_client,
    soap_errors,
    soap_fault_code,
)
from .identifiers import clean_nip

REGISTRY = "crbr"
CRBR_URL = (
    "https://bramka-crbr.mf.gov.pl:5058/uslugiBiznesowe/uslugiESB/AP/"
    "ApiPrzegladoweCRBR/2022/12/01"
)
CRBR_WSDL = "ApiPrzegladoweCRBR_2022-12-01.wsdl"
CRBR_BINDING = (
    "{http://www.mf.gov.pl/uslugiBiznesowe/uslugiESB/AP/ApiPrzegladoweCRBR/2022/12/01}"
    "ApiPrzegladoweCRBRBinding"
)
STATUS_FOUND = "IstniejaInformacje"
STATUS_NONE = "BrakInformacji"
STATUS_FORMAL_ERROR = "BladFormalny"
# The NIP pattern of the WSDL (NIPWithTrust).
_NIP_RE = re.compile(r"(([1-9]((\d[1-9])|([1-9]\d)))|(100))\d{7}")


def _text(value):
    return str(value).strip() if value not in (None, "") else ""


def _list(value, key=None):
    if value is None:
        return []
    if key is not None:
        value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return []
    return value if isinstance(value, list) else [value]


@dataclass
class CrbrCode:
    """A dictionary entry (``Kod``/``Opis``) or a country (``Kod``/``Nazwa``)."""

    code: str
    name: str

    @classmethod
    def from_data(cls, data):
        if not isinstance(data, dict):
            return None
        return cls(_text(data.get("Kod")), _text(data.get("Nazwa") or data.get("Opis")))


@dataclass
class CrbrInterest:
    """One ``InformacjaOUdzialach``: direct ownership, indirect, or other rights."""

    kind: CrbrCode | None = None  # UprawnieniaWlascicielskie (shares, votes...)
    unit: CrbrCode | None = None  # JednostkaMiary
    quantity: float | None = None  # Ilosc
    privileges: list = field(default_factory=list)  # RodzajUprzywilejowania
    indirect: str = ""  # UprawnieniaWlascicielskiePosrednie (free text)
    other_kind: CrbrCode | None = None  # InneUprawnienia/RodzajInnychUprawnien
    other_description: str = ""

    @property
    def summary(self):
        parts = []
        if self.kind:
            amount = f"{self.quantity:g}" if self.quantity is not None else ""
            unit = self.unit.name if self.unit else ""
            parts.append(" ".join(p for p in (self.kind.name + ":", amount, unit) if p))
        if self.indirect:
            parts.append(self.indirect)
        if self.other_kind or self.other_description:
            other = self.other_kind.name if self.other_kind else ""
            parts.append(" ".join(p for p in (other, self.other_description) if p))
        return "; ".join(parts)

    @classmethod
    def from_data(cls, data):
        direct = data.get("UprawnieniaWlascicielskieBezposrednie") or {}
        other = data.get("InneUprawnienia") or {}
        privileges = _list(
            direct.get("InformacjaOUprzywilejowaniu") or {}, "RodzajUprzywilejowania"
        )
        quantity = direct.get("Ilosc")
        return cls(
            kind=CrbrCode.from_data(direct.get("UprawnieniaWlascicielskie")),
            unit=CrbrCode.from_data(direct.get("JednostkaMiary")),
            quantity=float(quantity) if quantity is not None else None,
            privileges=[c for c in (CrbrCode.from_data(p) for p in privileges) if c],
            indirect=_text(data.get("UprawnieniaWlascicielskiePosrednie")),
            other_kind=CrbrCode.from_data(other.get("RodzajInnychUprawnien")),
            other_description=_text(other.get("OpisInnychUprawnien")),
        )


@dataclass
class CrbrOwner:
    """A beneficial owner: a natural person, or a group beneficiary (trust)."""

    first_name: str = ""
    other_names: str = ""
    last_name: str = ""
    pesel: str = ""
    birth_date: date | None = None
    citizenships: list = field(default_factory=list)  # [CrbrCode]
    residence_country: CrbrCode | None = None
    interests: list = field(default_factory=list)  # [CrbrInterest]
    group_name: str = ""
    group_rights: str = ""

    @property
    def name(self):
        if self.group_name:
            return self.group_name
        return " ".join(
            p for p in (self.first_name, self.other_names, self.last_name) if p
        )

    @property
    def interest_summary(self):
        return "; ".join(i.summary for i in self.interests if i.summary)

    @classmethod
    def from_data(cls, data):
        return cls(
            first_name=_text(data.get("PierwszeImie")),
            other_names=_text(data.get("KolejneImiona")),
            last_name=_text(data.get("Nazwisko")),
            pesel=_text(data.get("PESEL")),
            birth_date=data.get("DataUrodzenia")
            if isinstance(data.get("DataUrodzenia"), date)
            else None,
            citizenships=[
                c
                for c in (
                    CrbrCode.from_data(x) for x in _list(data.get("Obywatelstwo"))
                )
                if c
            ],
            residence_country=CrbrCode.from_data(data.get("KrajZamieszkania")),
            interests=[
                CrbrInterest.from_data(x)
                for x in _list(
                    data.get("ListaInformacjiOUdzialach"), "InformacjaOUdzialach"
                )
            ],
            group_name=_text(data.get("NazwaBeneficjentaGrupowego")),
            group_rights=_text(
                data.get(
                    "InformacjeOUprawnieniachPrzyslugujacychBeneficjentowiGrupowemuTrust"
                )
            ),
        )


@dataclass
class CrbrReporter:
    first_name: str
    last_name: str
    functions: list = field(default_factory=list)

    @classmethod
    def from_data(cls, data):
        return cls(
            _text(data.get("PierwszeImie")),
            _text(data.get("Nazwisko")),
            [
                _text(f.get("Opis"))
                for f in _list(data.get("ListaFunkcjiZglaszajacego"), "Funkcja")
            ],
        )


@dataclass
class CrbrCompany:
    name: str
    nip: str
    krs: str = ""
    legal_form_code: str = ""
    legal_form: str = ""
    postal_code: str = ""
    city: str = ""
    street: str = ""
    house_number: str = ""
    apartment_number: str = ""
    country: CrbrCode | None = None
    owners: list = field(default_factory=list)  # [CrbrOwner]
    reporters: list = field(default_factory=list)  # [CrbrReporter]
    reference_number: str = ""
    presented_from: date | None = None
    presented_to: date | None = None
    corrected: str = ""
    discrepancies: list = field(default_factory=list)  # [str]

    @classmethod
    def from_data(cls, data):
        return cls(
            name=_text(data.get("Nazwa")),
            nip=_text(data.get("NIP")),
            krs=_text(data.get("KRS")),
            legal_form_code=_text(data.get("KodFormyOrganizacyjnej")),
            legal_form=_text(data.get("OpisFormyOrganizacyjnej")),
            postal_code=_text(data.get("KodPocztowy")),
            city=_text(data.get("Miejscowosc")),
            street=_text(data.get("Ulica")),
            house_number=_text(data.get("NrDomu")),
            apartment_number=_text(data.get("NrLokalu")),
            country=CrbrCode.from_data(data.get("Kraj")),
            owners=[
                CrbrOwner.from_data(o)
                for o in _list(
                    data.get("ListaBeneficjentowRzeczywistych"),
                    "BeneficjentRzeczywisty",
                )
            ],
            reporters=[
                CrbrReporter.from_data(z)
                for z in _list(data.get("ListaZglaszajacych"), "Zglaszajacy")
            ],
            reference_number=_text(data.get("NumerReferencyjny")),
            presented_from=data.get("DataPoczatkuPrezentacjiZgloszenia"),
            presented_to=data.get("DataKoncaPrezentacjiZgloszenia"),
            corrected=_text(data.get("Skorygowane")),
            discrepancies=[
                _text(i.get("InformacjaDlaZainteresowanego"))
                for i in _list(
                    data.get("ListaInformacjiORozbieznosciach"),
                    "InformacjaORozbieznosciach",
                )
            ],
        )


@dataclass
class CrbrResult:
    nip: str
    status: str
    request_id: str = ""
    submitted_at: datetime | None = None
    released_at: datetime | None = None
    companies: list = field(default_factory=list)  # [CrbrCompany]
    raw: str = field(default="", repr=False)

    @property
    def found(self):
        return self.status == STATUS_FOUND and bool(self.companies)

    @property
    def company(self):
        """The company with the NIP asked for (or the first one)."""
        return next((c for c in self.companies if c.nip == self.nip), None) or (
            self.companies[0] if self.companies else None
        )

    @property
    def owners(self):
        company = self.company
        return company.owners if company else []


def parse_answer(data, nip="", raw=""):
    """``...OdpowiedzDane`` (dicts) -> :class:`CrbrResult`; raises on BladFormalny."""
    if not isinstance(data, dict):
        raise errors.Unexpected("empty CRBR answer", registry=REGISTRY, raw=raw)
    if "PobierzInformacjeOSpolkachIBeneficjentachOdpowiedzDane" in data:
        data = data["PobierzInformacjeOSpolkachIBeneficjentachOdpowiedzDane"] or {}
    status = _text(data.get("Status"))
    request_id = _text(data.get("IdentyfikatorWniosku"))
    if status == STATUS_FORMAL_ERROR:
        raise errors.InvalidInput(
            "CRBR: formally wrong request",
            registry=REGISTRY,
            code=status,
            raw=raw,
            request_id=request_id,
        )
    if status not in (STATUS_FOUND, STATUS_NONE):
        raise errors.Unexpected(
            f"unknown CRBR status {status!r}", registry=REGISTRY, code=status, raw=raw
        )
    companies = [
        CrbrCompany.from_data(c)
        for c in _list(
            data.get("ListaInformacjiOSpolkachIBeneficjentach"), "SpolkaIBeneficjenci"
        )
    ]
    return CrbrResult(
        nip=nip,
        status=status,
        request_id=request_id,
        submitted_at=data.get("DataICzasZlozeniaWniosku"),
        released_at=data.get("DataICzasUdostepnieniaWniosku"),
        companies=companies,
        raw=raw,
    )


class CrbrClient:
    """CRBR client. Not thread-safe.

    :param url: service URL (``crm_biuro_verify.crbr_url``); must be the 2022/12/01
        version the bundled WSDL describes.
    """

    registry = REGISTRY

    def __init__(
        self,
        url=CRBR_URL,
        *,
        timeout=DEFAULT_TIMEOUT,
        retry=None,
        sleep=None,
        session=None,
        wsdl=CRBR_WSDL,
    ):
        self.url = url
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self._sleep = sleep or time.sleep
        self._session = session or new_session()
        self._client, self._transport = soap_client(wsdl, self._session, timeout)
        self._service = self._client.create_service(CRBR_BINDING, url)
        self.calls = Counter()

    def __repr__(self):
        return f"<CrbrClient {self.url}>"

    def _fault(self, fault, raw):
        code = soap_fault_code(fault)
        kwargs = {"registry": REGISTRY, "code": code, "raw": raw}
        message = f"SOAP fault: {fault.message}"
        if code in ("Sender", "Client"):
            return errors.InvalidInput(message, **kwargs)
        if code in ("Receiver", "Server"):
            return errors.Unavailable(
                message, reason=errors.REASON_FAULT, transient=True, **kwargs
            )
        return errors.Unexpected(message, **kwargs)

    def beneficial_owners(self, nip):
        """Companies and beneficial owners reported for ``nip`` -> :class:`CrbrResult`.

        ``BrakInformacji`` gives ``found=False`` (no exception).
        """
        nip = clean_nip(nip)
        if not _NIP_RE.fullmatch(nip):
            raise errors.InvalidInput(
                f"NIP {nip!r} is not valid for CRBR", registry=REGISTRY, code="NIP"
            )

        def attempt():
            self.calls["PobierzInformacjeOSpolkachIBeneficjentach"] += 1
            with soap_errors(REGISTRY, self._transport, self._fault):
                answer = self._service.PobierzInformacjeOSpolkachIBeneficjentach(
                    PobierzInformacjeOSpolkachIBeneficjentachDane={
                        "SzczegolyWniosku": {"NIP": nip}
                    }
                )
            data = zeep.helpers.serialize_object(answer, target_cls=dict)
            return parse_answer(data, nip, raw_text(self._transport) or "")

        return call_with_retry(attempt, self.retry, self._sleep)
