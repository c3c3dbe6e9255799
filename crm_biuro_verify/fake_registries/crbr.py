"""Fake CRBR "API przeglądowe" 2022/12/01 (SOAP 1.2).

Answers ``IstniejaInformacje`` with the seeded beneficial owners, ``BrakInformacji``
when a company has ``beneficial_owners=None`` (or is unknown), ``BladFormalny`` for a
NIP that does not match the WSDL's pattern. ``faults.soap_fault`` answers a SOAP 1.2
fault (``Receiver`` by default, ``"Sender:text"`` for a Sender fault).
"""

import re
import uuid
from datetime import datetime
from xml.sax.saxutils import escape

from .server import BadRequest, FakeApp, FakeResponse
from .soap import SOAP12, find_local, local, parse_envelope, soap12_fault, split_fault

NS_MSG = (
    "http://www.mf.gov.pl/uslugiBiznesowe/uslugiESB/AP/ApiPrzegladoweCRBR/2022/12/01"
)
NS_API = "http://www.mf.gov.pl/schematy/AP/ApiPrzegladoweCRBR/2022/12/01"
OPERATION = "PobierzInformacjeOSpolkachIBeneficjentach"
_NIP_RE = re.compile(r"(([1-9]((\d[1-9])|([1-9]\d)))|(100))\d{7}")


def el(name, content):
    """``<api:name>content</api:name>``; content is a string (escaped) or a list."""
    if isinstance(content, list):
        inner = "".join(content)
    else:
        inner = escape(str(content))
    return f"<api:{name}>{inner}</api:{name}>"


def code(name, pair, label="Nazwa"):
    return el(name, [el("Kod", pair[0]), el(label, pair[1])])


class FakeCrbr(FakeApp):
    name = "crbr"
    prefix = "/crbr"
    service_path = "/uslugiBiznesowe/uslugiESB/AP/ApiPrzegladoweCRBR/2022/12/01"

    def parse(self, request):
        element, _header = parse_envelope(request, SOAP12)
        if local(element) != OPERATION:
            raise BadRequest(
                soap12_fault("Sender", f"unknown operation {local(element)}")
            )
        details = find_local(element, "SzczegolyWniosku")
        nip = find_local(details, "NIP") if details is not None else None
        return OPERATION, {"NIP": (nip.text or "").strip() if nip is not None else ""}

    def fault_response(self, operation, faults):
        fault_code, text = split_fault(
            faults.soap_fault or "Internal Error (from server)"
        )
        return soap12_fault(fault_code, text)

    def malformed_response(self, operation):
        return FakeResponse.text(
            200,
            f'<soap:Envelope xmlns:soap="{SOAP12}"><soap:Body><ns:Pob',
            "application/soap+xml",
        )

    def handle(self, operation, params, request):
        nip = params["NIP"]
        company = self.store.get(nip) if _NIP_RE.fullmatch(nip or "") else None
        if not _NIP_RE.fullmatch(nip or ""):
            status, companies = "BladFormalny", []
        elif company is None or company.beneficial_owners is None:
            status, companies = "BrakInformacji", []
        else:
            status, companies = "IstniejaInformacje", [self._company(company)]
        now = datetime.now().replace(microsecond=0).isoformat()
        data = [
            el("IdentyfikatorWniosku", str(uuid.uuid4())),
            el("DataICzasZlozeniaWniosku", now),
            el("DataICzasUdostepnieniaWniosku", now),
        ]
        if companies:
            data.append(el("ListaInformacjiOSpolkachIBeneficjentach", companies))
        data += [
            el("SzczegolyWniosku", [el("NIP", nip)]),
            el("Status", status),
            el("CelZapytania", "BeneficjenciISpolki"),
        ]
        envelope = (
            f'<soap:Envelope xmlns:soap="{SOAP12}"><soap:Header/><soap:Body>'
            f'<ns:{OPERATION}Odpowiedz xmlns:ns="{NS_MSG}" xmlns:api="{NS_API}">'
            f"<{OPERATION}OdpowiedzDane>{''.join(data)}</{OPERATION}OdpowiedzDane>"
            f"</ns:{OPERATION}Odpowiedz></soap:Body></soap:Envelope>"
        )
        return FakeResponse.text(200, envelope, "application/soap+xml;charset=utf-8")

    def _company(self, c):
        owners = [self._owner(o) for o in c.beneficial_owners]
        parts = [el("Nazwa", c.name), el("NIP", c.nip)]
        if c.krs:
            parts.append(el("KRS", c.krs))
        parts += [
            el("KodFormyOrganizacyjnej", "117" if c.legal_form == "sp_zoo" else "116"),
            el("OpisFormyOrganizacyjnej", c.krs_legal_form),
            el("KodPocztowy", c.postal_code),
            el("Miejscowosc", c.city),
            el("Ulica", c.street),
            el("NrDomu", c.house_number),
        ]
        if c.apartment_number:
            parts.append(el("NrLokalu", c.apartment_number))
        parts += [
            code("Kraj", ("PL", "POLSKA")),
            el("ListaBeneficjentowRzeczywistych", owners),
            el(
                "ListaZglaszajacych",
                [
                    el(
                        "Zglaszajacy",
                        [
                            el("PierwszeImie", "JAN"),
                            el("Nazwisko", "ZGŁASZAJĄCY"),
                            code("Obywatelstwo", ("PL", "POLSKA")),
                            code("KrajZamieszkania", ("PL", "POLSKA")),
                            el(
                                "ListaFunkcjiZglaszajacego",
                                [
                                    el(
                                        "Funkcja",
                                        [el("Opis", "Członek zarządu"), el("Kod", "1")],
                                    )
                                ],
                            ),
                        ],
                    )
                ],
            ),
            el("DataPoczatkuPrezentacjiZgloszenia", c.start_date or "2021-01-01"),
            el("NumerReferencyjny", f"CRBR-{c.nip}"),
        ]
        return el("SpolkaIBeneficjenci", parts)

    @staticmethod
    def _owner(o):
        parts = [el("PierwszeImie", o["first_name"]), el("Nazwisko", o["last_name"])]
        if o.get("pesel"):
            parts.append(el("PESEL", o["pesel"]))
        if o.get("birth_date"):
            parts.append(el("DataUrodzenia", o["birth_date"]))
        parts += [
            code("Obywatelstwo", o["citizenship"]),
            code("KrajZamieszkania", o["residence"]),
        ]
        share = el(
            "UprawnieniaWlascicielskieBezposrednie",
            [
                el(
                    "UprawnieniaWlascicielskie",
                    [el("Kod", f"{int(o['kind'][0]):02d}"), el("Opis", o["kind"][1])],
                ),
                el(
                    "JednostkaMiary",
                    [el("Kod", f"{int(o['unit'][0]):02d}"), el("Opis", o["unit"][1])],
                ),
                el("Ilosc", f"{float(o['quantity']):g}"),
                el(
                    "InformacjaOUprzywilejowaniu",
                    [
                        el(
                            "RodzajUprzywilejowania",
                            [el("Kod", "00"), el("Opis", "Brak uprzywilejowania")],
                        )
                    ],
                ),
            ],
        )
        parts.append(
            el("ListaInformacjiOUdzialach", [el("InformacjaOUdzialach", [share])])
        )
        return el("BeneficjentRzeczywisty", parts)
