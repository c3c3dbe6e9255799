"""Fake KRS open API: ``GET /api/krs/OdpisAktualny/{krs}?rejestr=P|S&format=json``.

The JSON follows the shape of recorded ``OdpisAktualny`` answers (``odpis.naglowekA``,
``odpis.dane.dzial1..6``), masked personal data included. A company outside the asked
register, or without a KRS number, answers 404 with an empty body.
"""

import json
from datetime import date, datetime

from .server import FakeApp, FakeResponse


def _pl_date(iso):
    try:
        return date.fromisoformat(iso).strftime("%d.%m.%Y") if iso else ""
    except ValueError:
        return ""


def _masked(text):
    return text[:1] + "*" * (len(text) - 1) if text and "*" not in text else text


class FakeKrs(FakeApp):
    name = "krs"
    prefix = "/krs"

    def parse(self, request):
        parts = [p for p in request.path.split("/") if p]
        if len(parts) == 4 and parts[:2] == ["api", "krs"]:
            return parts[2], {
                "krs": parts[3],
                "rejestr": request.param("rejestr"),
                "format": request.param("format"),
            }
        return "unknown", {"path": request.path}

    def malformed_response(self, operation):
        return FakeResponse.text(
            200, '{"odpis": {"rodzaj": "Aktualny", "naglowekA": {', "application/json"
        )

    def fault_response(self, operation, faults):
        return FakeResponse.text(503, "", "text/plain")

    def handle(self, operation, params, request):
        if operation != "OdpisAktualny":
            return FakeResponse(404)
        company = self.store.by_krs(params["krs"])
        if company is None or company.krs_register != params["rejestr"]:
            return FakeResponse(404)
        body = json.dumps(self.extract(company), ensure_ascii=False, indent=2)
        return FakeResponse.text(200, body, "application/json; charset=utf-8")

    @staticmethod
    def extract(c):
        pkd = []
        for code, text, main in c.pkd:
            digits = code.replace(".", "")
            pkd.append(
                (
                    main,
                    {
                        "opis": text,
                        "kodDzial": digits[:2],
                        "kodKlasa": digits[2:4],
                        "kodPodklasa": digits[4:],
                    },
                )
            )
        address = {
            "ulica": c.street.upper(),
            "nrDomu": c.house_number,
            "miejscowosc": c.city.upper(),
            "kodPocztowy": c.postal_code,
            "poczta": c.city.upper(),
            "kraj": "POLSKA",
        }
        if c.apartment_number:
            address["nrLokalu"] = c.apartment_number
        return {
            "odpis": {
                "rodzaj": "Aktualny",
                "naglowekA": {
                    "rejestr": f"Rej{c.krs_register}",
                    "numerKRS": c.krs,
                    "dataCzasOdpisu": datetime.now().strftime("%d.%m.%Y %H:%M:%S"),
                    "stanZDnia": date.today().strftime("%d.%m.%Y"),
                    "dataRejestracjiWKRS": _pl_date(c.start_date),
                    "numerOstatniegoWpisu": 3,
                    "dataOstatniegoWpisu": _pl_date(c.start_date),
                    "sygnaturaAktSprawyDotyczacejOstatniegoWpisu": "RDF/000001/24/001",
                    "oznaczenieSaduDokonujacegoOstatniegoWpisu": "SYSTEM",
                    "stanPozycji": 1,
                },
                "dane": {
                    "dzial1": {
                        "danePodmiotu": {
                            "formaPrawna": c.krs_legal_form,
                            "identyfikatory": {
                                "regon": c.regon + "00000",
                                "nip": c.nip,
                            },
                            "nazwa": c.name,
                            "czyProwadziDzialalnoscZInnymiPodmiotami": False,
                            "czyPosiadaStatusOPP": False,
                        },
                        "siedzibaIAdres": {
                            "siedziba": {
                                "kraj": "POLSKA",
                                "wojewodztwo": c.voivodeship.upper(),
                                "powiat": c.county.upper(),
                                "gmina": c.commune.upper(),
                                "miejscowosc": c.city.upper(),
                            },
                            "adres": address,
                        },
                        "kapital": {
                            "wysokoscKapitaluZakladowego": {
                                "wartosc": c.capital,
                                "waluta": "PLN",
                            }
                        },
                    },
                    "dzial2": {
                        "reprezentacja": {
                            "nazwaOrganu": "ZARZĄD",
                            "sposobReprezentacji": c.representation,
                            "sklad": [
                                {
                                    "nazwisko": {
                                        "nazwiskoICzlon": _masked(
                                            m.get("last_name", "")
                                        )
                                    },
                                    "imiona": {
                                        "imie": _masked(m.get("first_name", ""))
                                    },
                                    "identyfikator": {"pesel": "8**********"},
                                    "funkcjaWOrganie": m.get("function", ""),
                                    "czyZawieszona": False,
                                }
                                for m in c.board
                            ],
                        }
                    },
                    "dzial3": {
                        "przedmiotDzialalnosci": {
                            "przedmiotPrzewazajacejDzialalnosci": [
                                p for main, p in pkd if main
                            ],
                            "przedmiotPozostalejDzialalnosci": [
                                p for main, p in pkd if not main
                            ],
                        }
                    },
                    "dzial4": {},
                    "dzial5": {},
                    "dzial6": {},
                },
            }
        }
