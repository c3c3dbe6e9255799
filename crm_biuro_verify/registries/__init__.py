"""Clients of the Polish/EU public registries (plain Python: no ``odoo`` import).

Import as ``odoo.addons.crm_biuro_verify.registries`` from Odoo, or as ``registries``
with the addon directory on ``sys.path`` (pytest). Every client takes its URL (the
``crm_biuro_verify.*_url`` system parameter), a ``timeout`` in seconds (default 15,
applied to every request), ``retry`` (a :class:`RetryPolicy`: attempts and exponential
backoff, used for *transient* failures only), ``sleep`` (injectable) and ``session``
(a ``requests.Session``). SOAP clients load their WSDL from the bundled ``wsdl/``
folder, never from the network, and send to the configured URL. Clients are not
thread-safe: one per run/worker. ``client.calls`` counts HTTP requests per operation.

Errors (:mod:`.errors`) - catch these four, all subclasses of :class:`RegistryError`
(attributes ``registry``, ``code``, ``raw``, ``request_id``):

* :class:`NotFound` - the registry has no such entity;
* :class:`InvalidInput` - refused input (checked locally before any request when
  possible: NIP/NRB checksums for the white list, formats elsewhere);
* :class:`Unavailable` - outage, timeout, HTTP 5xx, SOAP fault, maintenance page,
  quota or rate limit. ``reason`` (``timeout``, ``connection``, ``http``, ``fault``,
  ``malformed``, ``quota``, ``rate_limit``, ``maintenance``, ``session``, ``auth``,
  ``blocked``), ``transient``, ``until``/``retry_after``. Never a negative answer:
  keep the stored data and retry later;
* :class:`Unexpected` - an answer the client cannot interpret.

Batch methods (``search_nips``) return ``{nip: result}`` in input order, one entry per
distinct cleaned NIP, with ``result.found`` and ``result.error`` (a per-NIP
:class:`InvalidInput`, e.g. a bad checksum, which was not sent); whole-request
failures raise. Single lookups raise :class:`NotFound`. Every result has ``raw`` (the
registry's answer text for that entity, to store as evidence).

GUS - :class:`GusClient` ``(url, key, *, report_version="BIR12"|"BIR11",
rate_limiter=GusRateLimiter()|None, clock=None, report_names=None, ...)``:

* ``login()`` (lazy, once; again once on ``KomunikatKod`` 7), ``logout()``, context
  manager (logs out), ``get_value(name)``;
* ``search_nips(nips)`` -> ``{nip: GusSearchResult}`` (20 NIPs per request: the daily
  run); ``search_nip(nip)`` (raises NotFound);
  :class:`GusSearchResult` ``(nip, entities, raw, error, found, main)``;
  :class:`GusEntity` ``(regon, nip, name, type P/F/LP/LF, silo_id, address fields,
  end_date, active, fields, raw)``;
* ``full_report(regon_or_entity, entity_type=None, silo_id=None, *, kind="main"|
  "general"|"pkd"|"local_units"|"partners"|"type", name=None)`` -> :class:`GusReport`
  ``(report_name, regon, rows, raw, notice_code, details, pkd, local_units,
  partners)``; the name comes from :func:`gus_report_name` (BIR11/BIR12 prefixes);
  :class:`GusDetails` (name, NIP, REGON, KRS ``krs``, legal form, dates incl.
  ``end_date``/``suspension_date``, :class:`GusAddress`, contacts), :class:`PkdCode`
  ``(code "69.20.Z", name, main, version)``;
* ``lookup_nip(nip)`` -> :class:`GusCompany` (entity, details, pkd, reports) for a
  "new client from NIP" preview.
* :class:`GusRateLimiter` ``(clock, sleep, count_identifiers=True)``: GUS's limits by
  time of day (:func:`gus_limits_at`); ``acquire(weight)``, ``floor_seconds(weights)``.

White list - :class:`WhiteListClient` ``(url, *, quota=WhiteListQuota(), clock, ...)``:

* ``search_nips(nips, day=None)`` -> ``{nip: WhiteListResult}`` (30 NIPs per request;
  the daily run and "add a client by NIP");
* :class:`WhiteListResult` ``(nip, subject, request_id, request_datetime, day, raw,
  error, found)``; :class:`WhiteListSubject` ``(name, nip, status_vat Czynny/
  Zwolniony/Niezarejestrowany, regon, krs, addresses, account_numbers, removal_date,
  ...)``;
* :class:`WhiteListQuota` ``(limits={"search": 100}, clock, state)``:
  counts requests per day, ``remaining(kind)``, ``blocked``/``blocked_until``,
  ``to_dict()`` to persist. After WL-191 every call raises :class:`Unavailable`
  (``reason="quota"``, ``until`` = next midnight Europe/Warsaw) without a request.
  WL-195/196 are retried; other WL-1xx are :class:`InvalidInput`.

VIES - :class:`ViesClient` ``(url, *, requester_vat=None, ...)``: ``check_vat(vat,
country_code=None)`` -> :class:`ViesResult` ``(country_code, vat_number, valid, name,
address, request_date, request_identifier, raw)``. Outage faults -> Unavailable (never
``valid=False``), INVALID_INPUT -> InvalidInput.

KRS - :class:`KrsClient` ``(url, ...)``: ``current_extract(krs, register=None)`` ->
:class:`KrsExtract` ``(krs, register P/S, name, legal_form, nip, regon, regon9, seat,
address, capital, board: KrsBody(members: [KrsPerson]), supervisory_bodies, proxies,
pkd: [KrsPkd], state_date, raw)``; register P, then S on 404.

CRBR - :class:`CrbrClient` ``(url, ...)``: ``beneficial_owners(nip)`` ->
:class:`CrbrResult` ``(nip, status, request_id, companies, found, company, owners,
raw)``; :class:`CrbrOwner` ``(name, citizenships, residence_country, interests,
interest_summary, pesel, birth_date)``. ``BrakInformacji`` -> ``found=False``.

White-list flat file - :mod:`.flatfile`: ``flat_hash(day, nip, nrb, n)``,
``account_keys(nrb, masks)`` (the NRB and its masked forms), ``download(base_url,
day, out)``, ``read_archive(archive, FlatFileParser(on_batch))`` -> ``FlatFileStats``
(header: day, transformations); :class:`~.flatfile.FlatFileError` (Unavailable).

``ENDPOINTS`` holds the production and test URLs; ``GUS_TEST_KEY`` the public test key.
"""

from . import (
    crbr,
    errors,
    flatfile,
    gus,
    http,
    identifiers,
    krs,
    ratelimit,
    vies,
    whitelist,
)
from .crbr import (
    CRBR_URL,
    CrbrClient,
    CrbrCode,
    CrbrCompany,
    CrbrInterest,
    CrbrOwner,
    CrbrReporter,
    CrbrResult,
)
from .errors import InvalidInput, NotFound, RegistryError, Unavailable, Unexpected
from .gus import (
    GUS_PROD_URL,
    GUS_TEST_KEY,
    GUS_TEST_URL,
    GusAddress,
    GusClient,
    GusCompany,
    GusDetails,
    GusEntity,
    GusPartner,
    GusReport,
    GusSearchResult,
    PkdCode,
    report_name as gus_report_name,
)
from .http import DEFAULT_TIMEOUT, NO_RETRY, RetryPolicy, next_midnight, warsaw_now
from .krs import (
    KRS_URL,
    KrsAddress,
    KrsBody,
    KrsClient,
    KrsExtract,
    KrsPerson,
    KrsPkd,
    KrsSeat,
)
from .ratelimit import GusRateLimiter, Limits, gus_limits_at
from .vies import (
    VIES_TEST_URL,
    VIES_URL,
    ViesClient,
    ViesResult,
)
from .whitelist import (
    WL_PROD_URL,
    WL_TEST_URL,
    WhiteListClient,
    WhiteListPerson,
    WhiteListQuota,
    WhiteListResult,
    WhiteListSubject,
)

REGISTRIES = ("gus", "whitelist", "vies", "krs", "crbr")
ENDPOINTS = {
    "gus": {"prod": GUS_PROD_URL, "test": GUS_TEST_URL},
    "whitelist": {"prod": WL_PROD_URL, "test": WL_TEST_URL},
    "vies": {"prod": VIES_URL, "test": VIES_TEST_URL},
    "krs": {"prod": KRS_URL, "test": KRS_URL},
    "crbr": {"prod": CRBR_URL, "test": CRBR_URL},
}

__all__ = [
    "CRBR_URL",
    "DEFAULT_TIMEOUT",
    "ENDPOINTS",
    "GUS_PROD_URL",
    "GUS_TEST_KEY",
    "GUS_TEST_URL",
    "KRS_URL",
    "NO_RETRY",
    "REGISTRIES",
    "VIES_TEST_URL",
    "VIES_URL",
    "WL_PROD_URL",
    "WL_TEST_URL",
    "CrbrClient",
    "CrbrCode",
    "CrbrCompany",
    "CrbrInterest",
    "CrbrOwner",
    "CrbrReporter",
    "CrbrResult",
    "GusAddress",
    "GusClient",
    "GusCompany",
    "GusDetails",
    "GusEntity",
    "GusPartner",
    "GusRateLimiter",
    "GusReport",
    "GusSearchResult",
    "InvalidInput",
    "KrsAddress",
    "KrsBody",
    "KrsClient",
    "KrsExtract",
    "KrsPerson",
    "KrsPkd",
    "KrsSeat",
    "Limits",
    "NotFound",
    "PkdCode",
    "RegistryError",
    "RetryPolicy",
    "Unavailable",
    "Unexpected",
    "ViesClient",
    "ViesResult",
    "WhiteListClient",
    "WhiteListPerson",
    "WhiteListQuota",
    "WhiteListResult",
    "WhiteListSubject",
    "crbr",
    "errors",
    "flatfile",
    "gus",
    "gus_limits_at",
    "gus_report_name",
    "http",
    "identifiers",
    "krs",
    "next_midnight",
    "ratelimit",
    "vies",
    "warsaw_now",
    "whitelist",
]
