"""MF VAT white list ("Wykaz podatników VAT", Biała Lista), REST/JSON with requests.

The product uses one call: ``GET /api/search/nips/{nip,nip,...}?date=``, at most 30
NIPs per request (the API's single-NIP, bank-account and ``check`` calls are not used:
a client's accounts come with its NIP's answer).

Every answer has a ``requestId`` (the "klucz weryfikacyjny", proof of due diligence):
each result keeps it. Searches are limited per IP to 100 requests a day.
:class:`WhiteListQuota` counts them (persist it with
:meth:`WhiteListQuota.to_dict` between runs) and, after ``WL-191`` (quota spent, HTTP
429), refuses every further call until midnight Europe/Warsaw. ``WL-195``/``WL-196``
(database being updated) are retried with backoff. Other ``WL-1xx`` codes are invalid
input.
"""

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from . import errors
from .http import (
    DEFAULT_TIMEOUT,
    RetryPolicy,
    call_with_retry,
    chunks,
    http_status_error,
    malformed,
    new_session,
    next_midnight,
    request_errors,
    warsaw_now,
)
from .identifiers import clean_nip, is_nip_format, is_valid_nip

REGISTRY = "whitelist"
WL_PROD_URL = "https://wl-api.mf.gov.pl"
WL_TEST_URL = "https://wl-test.mf.gov.pl"
MAX_NIPS = 30
SEARCH = "search"
DAILY_LIMITS = {SEARCH: 100}

QUOTA_CODE = "WL-191"
RETRY_CODES = frozenset({"WL-195", "WL-196"})
SERVER_CODES = frozenset({"WL-100"})
INPUT_CODES = frozenset({f"WL-{n}" for n in (*range(101, 119), 130, 190)})


class WhiteListQuota:
    """Daily request budget of the white list, and the WL-191 block.

    ``state`` (from :meth:`to_dict`) restores the counters of the same day, so a cron
    that is killed and rerun does not overspend. The day rolls over at midnight
    Europe/Warsaw (``clock`` returns an aware datetime).
    """

    def __init__(self, limits=None, clock=None, state=None):
        self.limits = dict(DAILY_LIMITS, **(limits or {}))
        self.clock = clock or warsaw_now
        self.day = self.clock().date()
        self.used = Counter()
        self.blocked_until = None
        if state:
            self._load(state)

    def _load(self, state):
        if state.get("day") != self.day.isoformat():
            return
        self.used = Counter(state.get("used") or {})
        until = state.get("blocked_until")
        self.blocked_until = datetime.fromisoformat(until) if until else None

    def to_dict(self):
        self._roll()
        return {
            "day": self.day.isoformat(),
            "used": dict(self.used),
            "blocked_until": self.blocked_until.isoformat()
            if self.blocked_until
            else None,
        }

    def _roll(self):
        now = self.clock()
        if self.blocked_until and now >= self.blocked_until:
            self.blocked_until = None
        if now.date() != self.day:
            self.day = now.date()
            self.used = Counter()

    def remaining(self, kind):
        self._roll()
        if self.blocked_until:
            return 0
        return max(0, self.limits[kind] - self.used[kind])

    @property
    def blocked(self):
        self._roll()
        return self.blocked_until is not None

    def block(self):
        """WL-191: no more calls today."""
        self.blocked_until = next_midnight(self.clock())
        return self.blocked_until

    def _unavailable(self, message, code):
        now = self.clock()
        until = self.blocked_until or next_midnight(now)
        return errors.Unavailable(
            message,
            registry=REGISTRY,
            code=code,
            reason=errors.REASON_QUOTA,
            until=until,
            retry_after=(until - now).total_seconds(),
        )

    def reserve(self, kind, units=1):
        """Count a request before it is sent; raise Unavailable if it may not be."""
        self._roll()
        if self.blocked_until:
            raise self._unavailable(
                "white-list daily limit spent (WL-191); no calls until midnight",
                QUOTA_CODE,
            )
        if self.used[kind] + units > self.limits[kind]:
            raise self._unavailable(
                f"own daily {kind} budget of the white list spent", "QUOTA"
            )
        self.used[kind] += units


@dataclass
class WhiteListPerson:
    company_name: str = ""
    first_name: str = ""
    last_name: str = ""
    nip: str = ""
    pesel: str = ""

    @classmethod
    def from_json(cls, data):
        data = data or {}
        return cls(
            company_name=data.get("companyName") or "",
            first_name=data.get("firstName") or "",
            last_name=data.get("lastName") or "",
            nip=data.get("nip") or "",
            pesel=data.get("pesel") or "",
        )


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class WhiteListSubject:
    name: str
    nip: str
    status_vat: str  # Czynny / Zwolniony / Niezarejestrowany
    regon: str = ""
    pesel: str = ""
    krs: str = ""
    residence_address: str = ""
    working_address: str = ""
    representatives: list = field(default_factory=list)
    authorized_clerks: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    registration_legal_date: date | None = None
    registration_denial_date: date | None = None
    registration_denial_basis: str = ""
    restoration_date: date | None = None
    restoration_basis: str = ""
    removal_date: date | None = None
    removal_basis: str = ""
    account_numbers: list = field(default_factory=list)
    has_virtual_accounts: bool = False

    @classmethod
    def from_json(cls, data):
        def people(key):
            return [WhiteListPerson.from_json(p) for p in data.get(key) or []]

        return cls(
            name=data.get("name") or "",
            nip=data.get("nip") or "",
            status_vat=data.get("statusVat") or "",
            regon=data.get("regon") or "",
            pesel=data.get("pesel") or "",
            krs=data.get("krs") or "",
            residence_address=data.get("residenceAddress") or "",
            working_address=data.get("workingAddress") or "",
            representatives=people("representatives"),
            authorized_clerks=people("authorizedClerks"),
            partners=people("partners"),
            registration_legal_date=_date(data.get("registrationLegalDate")),
            registration_denial_date=_date(data.get("registrationDenialDate")),
            registration_denial_basis=data.get("registrationDenialBasis") or "",
            restoration_date=_date(data.get("restorationDate")),
            restoration_basis=data.get("restorationBasis") or "",
            removal_date=_date(data.get("removalDate")),
            removal_basis=data.get("removalBasis") or "",
            # Deduplicated, order kept: the official example lists one account twice.
            account_numbers=list(dict.fromkeys(data.get("accountNumbers") or [])),
            has_virtual_accounts=bool(data.get("hasVirtualAccounts")),
        )


@dataclass
class WhiteListResult:
    """The white list's answer about one NIP on ``date``."""

    nip: str
    subject: WhiteListSubject | None
    request_id: str
    request_datetime: str = ""
    day: date | None = None
    raw: str = field(default="", repr=False)
    error: errors.RegistryError | None = None

    @property
    def found(self):
        return self.subject is not None


def _dump(payload):
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _error_body(body):
    """(code, message) of an error body ``{code, message}`` / ``{exception: {...}}``."""
    if not isinstance(body, dict):
        return None, None
    source = body.get("exception") if isinstance(body.get("exception"), dict) else body
    code = source.get("code")
    message = source.get("message") or body.get("message") or ""
    return (str(code) if code else None), message


def parse_entries(result, nips, day=None):
    """``result`` of a multi-NIP search -> {nip: WhiteListResult}.

    Accepts both shapes: ``entries[{identifier, subjects, error}]`` (API 1.4+) and the
    older flat ``subjects`` list (matched to NIPs by their ``nip``).
    """
    request_id = result.get("requestId") or ""
    when = result.get("requestDateTime") or ""
    out = {}

    def make(nip, subjects, entry, error=None):
        raw = _dump({"requestId": request_id, "requestDateTime": when, "entry": entry})
        subject = WhiteListSubject.from_json(subjects[0]) if subjects else None
        return WhiteListResult(nip, subject, request_id, when, day, raw, error)

    if "entries" in result:
        for entry in result.get("entries") or []:
            nip = clean_nip(entry.get("identifier") or "")
            code, message = _error_body(entry.get("error"))
            error = None
            if code:
                error = errors.InvalidInput(
                    message or code, registry=REGISTRY, code=code, request_id=request_id
                )
            out[nip] = make(nip, entry.get("subjects") or [], entry, error)
    else:
        for subject in result.get("subjects") or []:
            nip = clean_nip(subject.get("nip") or "")
            out[nip] = make(nip, [subject], {"identifier": nip, "subjects": [subject]})
    for nip in nips:
        if nip not in out:
            out[nip] = make(nip, [], {"identifier": nip, "subjects": []})
    return out


class WhiteListClient:
    """White-list client. Not thread-safe.

    :param url: base URL (``crm_biuro_verify.whitelist_url``), e.g. ``WL_PROD_URL``.
    :param quota: a :class:`WhiteListQuota` the caller keeps and persists (default:
        a new one).
    """

    registry = REGISTRY

    def __init__(
        self,
        url=WL_PROD_URL,
        *,
        timeout=DEFAULT_TIMEOUT,
        retry=None,
        quota=None,
        clock=None,
        sleep=None,
        session=None,
    ):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.clock = clock or warsaw_now
        self.quota = quota if quota is not None else WhiteListQuota(clock=self.clock)
        self._sleep = sleep or time.sleep
        self._session = session or new_session()
        self.calls = Counter()  # HTTP requests sent, per kind (retries included)

    def __repr__(self):
        return f"<WhiteListClient {self.url}>"

    def _day(self, day):
        if day is None:
            return self.clock().date()
        return day if isinstance(day, date) else date.fromisoformat(str(day))

    def _get(self, kind, path, day, units=1):
        def attempt():
            self.quota.reserve(kind, units)
            self.calls[kind] += 1
            with request_errors(REGISTRY):
                response = self._session.get(
                    self.url + path,
                    params={"date": day.isoformat()},
                    timeout=self.timeout,
                )
            return self._decode(response)

        return call_with_retry(attempt, self.retry, self._sleep)

    def _decode(self, response):
        raw = response.text
        try:
            body = response.json()
        except ValueError:
            if response.status_code in (200, 400, 429):
                raise malformed(REGISTRY, "not JSON", raw) from None
            raise http_status_error(REGISTRY, response.status_code, raw) from None
        code, message = _error_body(body)
        if response.status_code == 200 and not code:
            if not isinstance(body, dict) or not isinstance(body.get("result"), dict):
                raise malformed(REGISTRY, "no 'result' object", raw)
            return body["result"]
        request_id = body.get("requestId") if isinstance(body, dict) else None
        kwargs = {
            "registry": REGISTRY,
            "code": code,
            "raw": raw,
            "request_id": request_id,
        }
        if code == QUOTA_CODE:
            until = self.quota.block()
            raise errors.Unavailable(
                message or "daily request limit spent",
                reason=errors.REASON_QUOTA,
                until=until,
                retry_after=(until - self.clock()).total_seconds(),
                **kwargs,
            )
        if code in RETRY_CODES:
            raise errors.Unavailable(
                message or "white-list database being updated",
                reason=errors.REASON_MAINTENANCE,
                transient=True,
                **kwargs,
            )
        if code in SERVER_CODES:
            raise errors.Unavailable(
                message or "white-list server error", transient=True, **kwargs
            )
        if code in INPUT_CODES:
            raise errors.InvalidInput(message or code, **kwargs)
        if code:
            raise errors.Unexpected(message or code, **kwargs)
        raise http_status_error(REGISTRY, response.status_code, raw)

    @staticmethod
    def _check_nip(value):
        nip = clean_nip(value)
        if not is_nip_format(nip):
            return nip, errors.InvalidInput(
                f"NIP {value!r} is not 10 digits", registry=REGISTRY, code="WL-113"
            )
        if not is_valid_nip(nip):
            return nip, errors.InvalidInput(
                f"NIP {nip} has a wrong check digit", registry=REGISTRY, code="WL-115"
            )
        return nip, None

    def search_nips(self, nips, day=None):
        """Search many NIPs, ``MAX_NIPS`` (30) per request, on ``day`` (default today).

        Returns ``{nip: WhiteListResult}`` in input order; ``found`` is False for a NIP
        not on the list. Invalid NIPs get ``error`` and are not sent (no quota spent).
        Quota, outages and timeouts raise :class:`Unavailable`.
        """
        day = self._day(day)
        results, valid = {}, []
        for value in nips:
            nip, error = self._check_nip(value)
            if nip in results:
                continue
            results[nip] = WhiteListResult(nip, None, "", day=day, error=error)
            if not error:
                valid.append(nip)
        for batch in chunks(valid, MAX_NIPS):
            result = self._get(SEARCH, f"/api/search/nips/{','.join(batch)}", day)
            parsed = parse_entries(result, batch, day)
            for nip in batch:
                results[nip] = parsed[nip]
        return results
