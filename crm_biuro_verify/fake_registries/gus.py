"""Fake GUS BIR 1.1/1.2: SOAP 1.2 + WS-Addressing in, MTOM multipart out.

The answers copy the framing of the recorded ``Zaloguj`` response (single-part
``multipart/related`` with indented part headers) and put the entity-escaped inner
XML in ``...Result`` (CRLF line ends, ``&#xD;`` on the wire). Report field lists are
taken from the GUS documentation samples in ``fixtures/``.

Switches beside :class:`~.server.Faults`:

* ``key`` - the only accepted user key (``None``: any non-empty key);
* ``session_expiry_after`` - a session dies after this many data calls; the next call
  gets an empty Result and ``GetValue('KomunikatKod')`` answers ``7``;
* ``framing`` - ``"crlf"`` (default, as on the wire) or ``"fixture"`` (the recorded
  file byte for byte: LF line ends, which strict multipart parsers reject).
"""

import random
import re
import string
import threading
import uuid
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from .server import BadRequest, FakeApp, FakeResponse
from .soap import (
    SOAP12,
    WSA,
    children_text,
    local,
    parse_envelope,
    soap12_fault,
    split_fault,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NS_PUBL = "http://CIS/BIR/PUBL/2014/07"
NS_BIR = "http://CIS/BIR/2014/07"
OPERATIONS = {
    "Zaloguj": NS_PUBL,
    "Wyloguj": NS_PUBL,
    "DaneSzukajPodmioty": NS_PUBL,
    "DanePobierzPelnyRaport": NS_PUBL,
    "GetValue": NS_BIR,
}
DATA_OPERATIONS = ("DaneSzukajPodmioty", "DanePobierzPelnyRaport")
_ACTION_BASE = {
    NS_PUBL: "http://CIS/BIR/PUBL/2014/07/IUslugaBIRzewnPubl/",
    NS_BIR: "http://CIS/BIR/2014/07/IUslugaBIR/",
}
_PREFIXES = {
    "praw",
    "fiz",
    "fizc",
    "fizp",
    "fizr",
    "lokpraw",
    "lokfiz",
    "lokfizc",
    "wspolsc",
}
_F_SILO_REPORT = {
    "1": "OsFizycznaDzialalnoscCeidg",
    "2": "OsFizycznaDzialalnoscRolnicza",
    "3": "OsFizycznaDzialalnoscPozostala",
    "4": "OsFizycznaDzialalnoscSkreslonaDo20141108",
}
# Report -> entity types it serves.
REPORT_FAMILY = {
    "OsPrawna": "P",
    "OsPrawnaPkd": "P",
    "OsPrawnaListaJednLokalnych": "P",
    "OsPrawnaSpCywilnaWspolnicy": "P",
    "OsFizycznaDaneOgolne": "F",
    "OsFizycznaPkd": "F",
    "OsFizycznaListaJednLokalnych": "F",
    **{name: "F" for name in _F_SILO_REPORT.values()},
    "JednLokalnaOsPrawnej": "LP",
    "JednLokalnaOsPrawnejPkd": "LP",
    "JednLokalnaOsFizycznej": "LF",
    "JednLokalnaOsFizycznejPkd": "LF",
    "TypPodmiotu": "*",
}
_SELF_FINANCING = (
    "JEDNOSTKA SAMOFINANSUJĄCA NIE BĘDĄCA JEDNOSTKĄ BUDŻETOWĄ LUB SAMORZĄDOWYM "
    "ZAKŁADEM BUDŻETOWYM"
)
_KRS_COURT = (
    "SĄD REJONOWY DLA M.ST.WARSZAWY W WARSZAWIE,XII WYDZIAŁ GOSPODARCZY KRAJOWEGO "
    "REJESTRU SĄDOWEGO"
)
_CEIDG = "CENTRALNA EWIDENCJA I INFORMACJA O DZIAŁALNOŚCI GOSPODARCZEJ"
_REPORT_RE = re.compile(r"^(BIR11|BIR12|BIR121)(\w+)$")


def norm_key(key):
    head, sep, tail = key.partition("_")
    if sep and head.lower() in _PREFIXES:
        key = tail
    return key.replace("_", "").lower()


def _sample_fields(file_name):
    """Field names (in order) of the first record of a documentation sample."""
    path = FIXTURES / file_name
    if not path.exists():
        return None
    root = etree.parse(str(path)).getroot()
    dane = next(d for d in root.iter("dane") if len(d))
    return [child.tag for child in dane if isinstance(child.tag, str)]


def _template_fields(report, version="BIR11"):
    """Field list of ``report``: BIR 1.2 PKD reports gained ``..._pkdWersja`` first."""
    if version != "BIR11" and report == "OsPrawnaPkd":
        return _sample_fields("DanePobierzPelnyRaportResult_inner_BIR12OsPrawnaPkd.xml")
    fields = _sample_fields(f"report_BIR11{report}_docsample.xml")
    if fields and version != "BIR11" and report.endswith("Pkd"):
        fields = [fields[0].split("_", 1)[0] + "_pkdWersja", *fields]
    return fields


# The columns of a search row, in the order of the GUS documentation sample.
SEARCH_FIELDS = tuple(_sample_fields("DaneSzukajPodmiotyResult_inner_docsample_1.xml"))


def inner_xml(rows):
    """Rows of (tag, value) pairs -> the inner document, CRLF like GUS."""
    lines = ["<root>"]
    for row in rows:
        lines.append("  <dane>")
        for tag, value in row:
            value = str(value or "")
            lines.append(
                f"    <{tag}>{escape(value)}</{tag}>" if value else f"    <{tag} />"
            )
        lines.append("  </dane>")
    lines.append("</root>")
    return "\r\n".join(lines)


def escape_result(text):
    """Entity-escape the inner document as WCF does (CR as &#xD;)."""
    return escape(text).replace("\r", "&#xD;")


class FakeGus(FakeApp):
    name = "gus"
    prefix = "/gus"
    service_path = "/wsBIR/UslugaBIRzewnPubl.svc"

    def __init__(self, store):
        super().__init__(store)
        self.key = None
        self.session_expiry_after = None
        self.framing = "crlf"
        self.sessions = {}  # sid -> {"calls": int, "alive": bool, "code": str}
        self._templates = {}
        self._sid_lock = threading.Lock()
        mime = (FIXTURES / "Zaloguj_response_MTOM_multipart.mime").read_text("utf-8")
        start, end = (
            mime.index("<s:Envelope"),
            mime.index("</s:Envelope>") + len("</s:Envelope>"),
        )
        self._mime_head, self._mime_tail = mime[:start], mime[end:]
        self._mime_boundary = re.search(r"--(uuid:[^\s]+?)\s", mime).group(1)

    def reset(self):
        self.key = None
        self.session_expiry_after = None
        self.framing = "crlf"
        with self._sid_lock:
            self.sessions.clear()
        return super().reset()

    def expire_sessions(self):
        """Kill every open session now (the next data call gets an empty Result)."""
        with self._sid_lock:
            for session in self.sessions.values():
                session["alive"] = False

    # -- wire format --

    def parse(self, request):
        if request.method != "POST":
            raise BadRequest(FakeResponse.text(405, "POST only", "text/plain"))
        if "application/soap+xml" not in request.headers.get("content-type", ""):
            raise BadRequest(
                FakeResponse.text(
                    415,
                    "Cannot process the message because the content type is not "
                    "application/soap+xml",
                    "text/plain",
                )
            )
        element, header = parse_envelope(request, SOAP12)
        operation = local(element)
        if (
            operation not in OPERATIONS
            or etree.QName(element).namespace != OPERATIONS[operation]
        ):
            raise BadRequest(
                soap12_fault("Sender", f"unknown operation {operation}", 500)
            )
        # WCF refuses a message without WS-Addressing (mandatory for this binding).
        action = header.findtext(f"{{{WSA}}}Action") if header is not None else None
        to = header.findtext(f"{{{WSA}}}To") if header is not None else None
        if not action or not to:
            raise BadRequest(
                soap12_fault("Sender", "WS-Addressing Action/To missing", 400)
            )
        if action.strip() != _ACTION_BASE[OPERATIONS[operation]] + operation:
            raise BadRequest(
                soap12_fault("Sender", f"ActionNotSupported: {action}", 500)
            )
        called = f"http://{request.headers.get('host', '')}{self.prefix}{request.path}"
        if to.strip() != called:
            # WCF's AddressFilter: wsa:To must be the address the message was sent to.
            raise BadRequest(
                soap12_fault("Sender", f"AddressFilter mismatch: To {to!r}", 500)
            )
        params = children_text(element)
        if operation == "DaneSzukajPodmioty":
            search = element.find(f"{{{NS_PUBL}}}pParametryWyszukiwania")
            params = (
                {k: v for k, v in children_text(search).items() if v}
                if search is not None
                else {}
            )
        params["_sid"] = request.headers.get("sid", "")
        params["_message_id"] = header.findtext(f"{{{WSA}}}MessageID") or ""
        return operation, params

    def _answer(self, operation, result, message_id="", status=200):
        namespace = OPERATIONS[operation]
        action = _ACTION_BASE[namespace] + operation + "Response"
        relates = (
            f"<a:RelatesTo>{escape(message_id)}</a:RelatesTo>" if message_id else ""
        )
        envelope = (
            f'<s:Envelope xmlns:s="{SOAP12}" xmlns:a="{WSA}"><s:Header>'
            f'<a:Action s:mustUnderstand="1">{action}</a:Action>{relates}</s:Header>'
            f'<s:Body><{operation}Response xmlns="{namespace}">'
            f"<{operation}Result>{result}</{operation}Result>"
            f"</{operation}Response></s:Body></s:Envelope>"
        )
        return self.mtom(envelope, status)

    def mtom(self, envelope, status=200):
        """Frame an envelope like the recorded answer (one part, indented headers)."""
        boundary = f"uuid:{uuid.uuid4()}+id={random.randint(1, 99999)}"
        head = self._mime_head.replace(self._mime_boundary, boundary)
        tail = self._mime_tail.replace(self._mime_boundary, boundary)
        if self.framing != "fixture":
            head, tail = head.replace("\n", "\r\n"), tail.replace("\n", "\r\n")
        content_type = (
            'multipart/related; type="application/xop+xml"; '
            'start="<http://tempuri.org/0>"; '
            f'boundary="{boundary}"; start-info="application/soap+xml"'
        )
        body = (head + envelope + tail).encode("utf-8")
        return FakeResponse(status, body, {"Content-Type": content_type})

    def fault_response(self, operation, faults):
        code, text = split_fault(faults.soap_fault or "Receiver:Internal error")
        plain = soap12_fault(code, text)
        return self.mtom(plain.body.decode("utf-8"), 500)

    # -- operations --

    def handle(self, operation, params, request):
        message_id = params.pop("_message_id", "")
        sid = params.pop("_sid", "")
        if operation == "Zaloguj":
            return self._answer(
                operation, self._login(params.get("pKluczUzytkownika", "")), message_id
            )
        if operation == "GetValue":
            return self._answer(
                operation,
                escape(self._get_value(sid, params.get("pNazwaParametru", ""))),
                message_id,
            )
        if operation == "Wyloguj":
            with self._sid_lock:
                self.sessions.pop(params.get("pIdentyfikatorSesji", ""), None)
            return self._answer(operation, "true", message_id)
        if not self._use_session(sid):
            return self._answer(operation, "", message_id)
        if operation == "DaneSzukajPodmioty":
            inner = self._search(sid, params)
        else:
            inner = self._report(
                sid, params.get("pRegon", ""), params.get("pNazwaRaportu", "").strip()
            )
        return self._answer(
            operation, escape_result(inner) if inner else "", message_id
        )

    def _login(self, key):
        if not key or (self.key is not None and key != self.key):
            return ""
        sid = "".join(random.choices(string.ascii_lowercase + string.digits, k=20))
        with self._sid_lock:
            self.sessions[sid] = {"calls": 0, "alive": True, "code": "0"}
        return sid

    def _use_session(self, sid):
        with self._sid_lock:
            session = self.sessions.get(sid)
            if session is None or not session["alive"]:
                self.sessions.setdefault(
                    sid, {"calls": 0, "alive": False, "code": "7"}
                )["code"] = "7"
                return False
            limit = self.session_expiry_after
            if limit is not None and session["calls"] >= limit:
                session["alive"], session["code"] = False, "7"
                return False
            session["calls"] += 1
            session["code"] = "0"
            return True

    def _set_code(self, sid, code):
        with self._sid_lock:
            if sid in self.sessions:
                self.sessions[sid]["code"] = code

    def _get_value(self, sid, name):
        with self._sid_lock:
            session = self.sessions.get(sid)
            alive = bool(session and session["alive"])
            code = session["code"] if session else "7"
        values = {
            "StatusSesji": "1" if alive else "0",
            "KomunikatKod": code if alive or code == "7" else "7",
            "KomunikatTresc": {
                "0": "",
                "2": "Do metody DaneSzukaj przekazano zbyt wiele identyfikatorów.",
                "4": "Nie znaleziono podmiotów.",
                "7": "Brak sesji. Sesja wygasła lub przekazano nieprawidłową "
                "wartość nagłówka sid.",
            }.get(code, ""),
            "StanDanych": date.today().strftime("%d-%m-%Y"),
            "StatusUslugi": "1",
            "KomunikatUslugi": "",
        }
        return values.get(name, "")

    def _error(self, code, pl, en, echo):
        return inner_xml(
            [
                [
                    ("ErrorCode", code),
                    ("ErrorMessagePl", pl),
                    ("ErrorMessageEn", en),
                    *echo,
                ]
            ]
        )

    def _search(self, sid, params):
        kind, value = next(iter(params.items()), ("", ""))
        identifiers = [v.strip() for v in value.split(",") if v.strip()]
        if len(identifiers) > 20:
            self._set_code(sid, "2")
            return ""
        found = []
        for ident in identifiers:
            # the client searches by NIPs; the other keys serve GUS's documented
            # sample requests (tests/verify_registries/test_fixtures.py)
            if kind in ("Nip", "Nipy"):
                company = self.store.get(ident)
            elif kind in ("Regon", "Regony9zn", "Regony14zn"):
                company = self.store.by_regon(ident)
            else:
                company = self.store.by_krs(ident.zfill(10))
            if company is not None:
                found.append(company)
        if not found:
            self._set_code(sid, "4")
            return self._error(
                "4",
                "Nie znaleziono podmiotu dla podanych kryteriów wyszukiwania.",
                "No data found for the specified search criteria.",
                [(kind, value)],
            )
        return inner_xml([self._search_row(c) for c in found])

    @staticmethod
    def _search_row(c):
        values = {
            "Regon": c.regon,
            "Nip": c.nip,
            "Nazwa": c.name,
            "Wojewodztwo": c.voivodeship,
            "Powiat": c.county,
            "Gmina": c.commune,
            "Miejscowosc": c.city,
            "KodPocztowy": c.postal_code,
            "Ulica": c.street,
            "NrNieruchomosci": c.house_number,
            "NrLokalu": c.apartment_number,
            "Typ": c.entity_type,
            "SilosID": c.silo_id,
            "DataZakonczeniaDzialalnosci": c.end_date,
        }
        return [(name, values.get(name, "")) for name in SEARCH_FIELDS]

    def _report(self, sid, regon, name):
        match = _REPORT_RE.match(name)
        base = match.group(2) if match else ""
        company = self.store.by_regon(regon) if len(regon) in (9, 14) else None
        echo_type = company.entity_type if company else ""
        if base not in REPORT_FAMILY:
            return self._error(
                "5",
                "Nieprawidłowa lub pusta nazwa raportu.",
                "Invalid or empty report name.",
                [("pRegon", regon), ("Typ_podmiotu", echo_type), ("Raport", name)],
            )
        family = REPORT_FAMILY[base]
        matches = company is not None and (
            family == "*" or (family == company.entity_type and len(regon) == 9)
        )
        if matches and base in _F_SILO_REPORT.values():
            matches = _F_SILO_REPORT.get(company.silo_id) == base
        rows = self._report_rows(company, base, match.group(1)) if matches else None
        if base == "OsPrawnaSpCywilnaWspolnicy" and matches and not rows:
            if company.legal_form != "sc":
                code, pl, en = (
                    "21",
                    "Podmiot nie jest spółką cywilną",
                    "The entity is not a civil law partnership",
                )
            else:
                code = "22"
                pl = "W rejestrze REGON brak jest wprowadzonych wspolników dla tej SC"
                en = "In the REGON register there are no entered partners on this SC"
            return inner_xml(
                [
                    [
                        ("ErrorCode", code),
                        ("pRegon", regon),
                        ("DatabaseSearchResultPl", pl),
                        ("DatabaseSearchResultEn", en),
                    ]
                ]
            )
        if not rows:
            self._set_code(sid, "4")
            return self._error(
                "4",
                "Nie znaleziono wpisu dla podanych kryteriów wyszukiwania.",
                "No data found for the specified search criteria.",
                [("pRegon", regon), ("Typ_podmiotu", echo_type), ("Raport", name)],
            )
        return inner_xml(rows)

    def _template(self, base, version):
        key = (base, version)
        if key not in self._templates:
            self._templates[key] = _template_fields(base, version)
        return self._templates[key]

    def _report_rows(self, c, base, version):
        if base == "TypPodmiotu":
            return [[("Typ", c.entity_type)]]
        fields = self._template(base, version)
        if not fields:
            return None
        if base.endswith("Pkd"):
            return [
                self._fill(fields, self._pkd_values(c, code, text, main))
                for code, text, main in c.pkd
            ]
        if base == "OsPrawnaSpCywilnaWspolnicy":
            return [
                self._fill(fields, self._partner_values(p)) for p in c.partners
            ] or None
        if "ListaJednLokalnych" in base or base.startswith("JednLokalna"):
            return None  # the fake companies have no local units
        return [self._fill(fields, self._values(c))]

    @staticmethod
    def _fill(fields, values):
        return [(name, values.get(norm_key(name), "")) for name in fields]

    @staticmethod
    def _values(c):
        basic_code, basic, specific_code, specific, _krs_form = c.legal_form_symbols
        in_krs = bool(c.krs)
        silo = c.silo_id
        return {
            "regon9": c.regon,
            "nip": c.nip,
            "nazwa": c.name,
            "nazwaskrocona": c.short_name,
            "nazwisko": c.last_name,
            "imie1": c.first_name,
            "numerwrejestrzeewidencji": c.krs,
            "datawpisudorejestruewidencji": c.start_date if in_krs else "",
            "datapowstania": c.start_date,
            "datarozpoczeciadzialalnosci": c.start_date,
            "datawpisudoregon": c.start_date,
            "datawpisudzialalnoscidoregon": c.start_date,
            "datawpisupodmiotudoregon": c.start_date,
            "datazawieszeniadzialalnosci": c.suspension_date,
            "datazaistnieniazmiany": c.start_date,
            "datazaistnieniazmianydzialalnosci": c.start_date,
            "datazakonczeniadzialalnosci": c.end_date,
            "adsiedzkrajsymbol": "PL",
            "adsiedzwojewodztwosymbol": "14",
            "adsiedzkodpocztowy": c.postal_code.replace("-", ""),
            "adsiedznumernieruchomosci": c.house_number,
            "adsiedznumerlokalu": c.apartment_number,
            "numertelefonu": c.phone,
            "adresemail": c.email,
            "adsiedzkrajnazwa": "POLSKA",
            "adsiedzwojewodztwonazwa": c.voivodeship,
            "adsiedzpowiatnazwa": c.county,
            "adsiedzgminanazwa": c.commune,
            "adsiedzmiejscowoscnazwa": c.city,
            "adsiedzmiejscowoscpocztynazwa": c.city,
            "adsiedzulicanazwa": c.street,
            "podstawowaformaprawnasymbol": basic_code,
            "podstawowaformaprawnanazwa": basic,
            "szczegolnaformaprawnasymbol": specific_code,
            "szczegolnaformaprawnanazwa": specific,
            "formafinansowaniasymbol": "1",
            "formafinansowanianazwa": _SELF_FINANCING,
            "formawlasnoscisymbol": "215",
            "formawlasnoscinazwa": "WŁASNOŚĆ PRYWATNA KRAJOWA POZOSTAŁA",
            "organrejestrowysymbol": "071010050" if in_krs else "",
            "organrejestrowynazwa": _KRS_COURT if in_krs else "",
            "rodzajrejestruewidencjisymbol": "138" if in_krs else "",
            "rodzajrejestruewidencjinazwa": "REJESTR PRZEDSIĘBIORCÓW" if in_krs else "",
            "rodzajrejestrusymbol": "151" if silo == "1" else "099",
            "rodzajrejestrunazwa": _CEIDG
            if silo == "1"
            else "PODMIOTY NIE PODLEGAJĄCE WPISOM DO REJESTRU LUB EWIDENCJI",
            "niepodjetodzialalnosci": "false",
            "dzialalnoscceidg": "1" if silo == "1" else "0",
            "dzialalnoscrolnicza": "1" if silo == "2" else "0",
            "dzialalnoscpozostala": "1" if silo == "3" else "0",
            "dzialalnoscskreslonado20141108": "1" if silo == "4" else "0",
            "liczbajednlokalnych": "0",
        }

    @staticmethod
    def _pkd_values(c, code, text, main):
        return {
            "pkdwersja": "2007",
            "pkdkod": code.replace(".", ""),
            "pkdnazwa": text,
            "pkdprzewazajace": "1" if main else "0",
            "silosid": c.silo_id,
            "silossymbol": {"1": "CEIDG", "2": "Rolnicza", "3": "Pozostała"}.get(
                c.silo_id, ""
            ),
        }

    @staticmethod
    def _partner_values(partner):
        return {
            "regonwspolnikspolki": partner.get("regon", ""),
            "imiepierwsze": partner.get("first_name", ""),
            "imiedrugie": partner.get("second_name", ""),
            "nazwisko": partner.get("last_name", ""),
            "firmanazwa": partner.get("company_name", ""),
        }
