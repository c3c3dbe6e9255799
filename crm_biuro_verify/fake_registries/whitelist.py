"""Fake MF white list (REST/JSON, API 1.4+ answer shapes).

Subjects are built on the key set of the official example in ``fixtures/``. Switches
beside :class:`~.server.Faults` (where ``error_code`` answers a WL code):

* ``quota_after`` - after this many requests every request gets ``WL-191`` (HTTP 429)
  until :meth:`reset`.
"""

import json
import random
import string
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .data import is_valid_nip
from .server import FakeApp, FakeResponse

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = "search_bank-account_EntityListResponse_officialdoc_example_v1.3.0.json"
# HTTP status and message per code (official error table).
ERRORS = {
    "WL-100": (500, "Wystąpił nieoczekiwany błąd serwera."),
    "WL-101": (400, "Pole 'data' nie może być puste."),
    "WL-102": (400, "Pole 'data' ma nieprawidłowy format."),
    "WL-103": (400, "Data nie może być datą przyszłą."),
    "WL-108": (400, "Pole 'numer konta' nie może być puste."),
    "WL-109": (400, "Pole 'numer konta' ma nieprawidłową długość. Wymagane 26 znaków."),
    "WL-110": (
        400,
        "Pole 'numer konta' zawiera niedozwolone znaki. Wymagane tylko cyfry.",
    ),
    "WL-111": (400, "Nieprawidłowy numer konta bankowego."),
    "WL-112": (400, "Pole 'NIP' nie może być puste."),
    "WL-113": (400, "Pole 'NIP' ma nieprawidłową długość. Wymagane 10 znaków."),
    "WL-114": (400, "Pole 'NIP' zawiera niedozwolone znaki. Wymagane tylko cyfry."),
    "WL-115": (400, "Nieprawidłowy NIP."),
    "WL-130": (400, "Przekroczono maksymalną liczbę argumentów (30)."),
    "WL-190": (400, "Niepoprawne żądanie."),
    "WL-191": (429, "Limit żądań dla tego adresu IP został na dziś wyczerpany."),
    "WL-195": (400, "Baza danych została zaktualizowana. Ponów zapytanie."),
    "WL-196": (400, "Trwa aktualizacja bazy danych. Spróbuj później."),
}


def request_id():
    alphabet = string.ascii_letters + string.digits
    return (
        "".join(random.choices(alphabet, k=5))
        + "-"
        + "".join(random.choices(alphabet, k=7))
    )


class WlError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class FakeWhiteList(FakeApp):
    name = "whitelist"
    prefix = "/wl"

    def __init__(self, store):
        super().__init__(store)
        self.quota_after = None
        example = json.loads((FIXTURES / EXAMPLE).read_text("utf-8"))
        self.subject_keys = list(example["result"]["subjects"][0])

    def reset(self):
        self.quota_after = None
        return super().reset()

    @staticmethod
    def error(code):
        status, message = ERRORS.get(code, (400, code))
        body = json.dumps({"code": code, "message": message}, ensure_ascii=False)
        return FakeResponse.text(status, body, "application/json;charset=UTF-8")

    def fault_response(self, operation, faults):
        return self.error(faults.error_code or "WL-100")

    def malformed_response(self, operation):
        return FakeResponse.text(
            200,
            '{"result": {"subjects": [{"name": "ABC',
            "application/json;charset=UTF-8",
        )

    def parse(self, request):
        parts = [p for p in request.path.split("/") if p]
        # /api/search/nips/{list}: the one call the client makes
        if len(parts) >= 4 and parts[:2] == ["api", "search"]:
            return f"search/{parts[2]}", {
                "value": parts[3],
                "date": request.param("date", None),
            }
        return "unknown", {"path": request.path}

    def handle(self, operation, params, request):
        if self.quota_after is not None and self.total() > self.quota_after:
            return self.error("WL-191")
        try:
            day = self._check_date(params.get("date"))
            if operation == "search/nips":
                return self._ok(self._search_many(params["value"], day))
        except WlError as exc:
            return self.error(exc.code)
        return self.error("WL-190")

    @staticmethod
    def _check_date(value):
        if value is None or value == "":
            raise WlError("WL-101")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise WlError("WL-102") from None
        if day > datetime.now(ZoneInfo("Europe/Warsaw")).date():
            raise WlError("WL-103")
        return day

    @staticmethod
    def _ok(result):
        result = {
            **result,
            "requestDateTime": datetime.now().strftime("%d-%m-%Y %H:%M:%S"),
            "requestId": request_id(),
        }
        body = json.dumps({"result": result}, ensure_ascii=False)
        return FakeResponse.text(200, body, "application/json;charset=UTF-8")

    @staticmethod
    def _nip_error(nip):
        if not nip:
            return "WL-112"
        if len(nip) != 10:
            return "WL-113"
        if not nip.isdigit():
            return "WL-114"
        if not is_valid_nip(nip):
            return "WL-115"
        return None

    def _subject(self, company):
        values = {
            "name": company.name,
            "nip": company.nip,
            "statusVat": company.vat_status,
            "regon": company.regon,
            "pesel": None,
            "krs": company.krs or None,
            "residenceAddress": None,
            "workingAddress": (
                f"{company.street} {company.house_number}"
                + (f"/{company.apartment_number}" if company.apartment_number else "")
                + f", {company.postal_code} {company.city}"
            ).upper(),
            "representatives": [],
            "authorizedClerks": [],
            "partners": [],
            "registrationLegalDate": company.registration_legal_date or None,
            "registrationDenialDate": None,
            "registrationDenialBasis": None,
            "restorationDate": None,
            "restorationBasis": None,
            "removalDate": company.removal_date or None,
            "removalBasis": company.removal_basis or None,
            "accountNumbers": list(company.accounts),
            "hasVirtualAccounts": company.has_virtual_accounts,
        }
        return {key: values.get(key) for key in self.subject_keys}

    def _find(self, nip):
        company = self.store.get(nip)
        return company if company is not None and company.vat_status else None

    def _search_many(self, value, day):
        nips = value.split(",")
        if len(nips) > 30:
            raise WlError("WL-130")
        entries = []
        for nip in nips:
            code = self._nip_error(nip)
            if code:
                entries.append(
                    {
                        "identifier": nip,
                        "error": {"code": code, "message": ERRORS[code][1]},
                    }
                )
                continue
            company = self._find(nip)
            entries.append(
                {
                    "identifier": nip,
                    "subjects": [self._subject(company)] if company else [],
                }
            )
        return {"entries": entries}
