"""Local fake registries for tests and benchmarks (plain Python, no Odoo import).

Real HTTP on 127.0.0.1 (one port, any free one), speaking the wire formats of the
public samples: GUS BIR SOAP 1.2 with MTOM multipart answers and entity-escaped inner
XML, white-list JSON, VIES SOAP 1.1, KRS JSON, CRBR SOAP 1.2.

Usage (pytest with the addon directory on sys.path: ``from fake_registries import
...``; Odoo tests: ``from odoo.addons.crm_biuro_verify.fake_registries import ...``)::

    with FakeRegistries(generate_companies(100)) as fake:
        gus = GusClient(fake.urls["gus"], "any-key", rate_limiter=None)
        ...
        assert fake.gus.counts["DaneSzukajPodmioty"] == 5

* ``FakeRegistries(companies=None)`` - ``companies`` maps NIP -> :class:`FakeCompany`
  (or a dict of its fields); default :func:`sample_companies`. ``fake.store.add(...)``
  adds more while running.
* ``fake.urls`` - ``{"gus", "whitelist", "vies", "krs", "crbr"}`` -> the URL to
  configure (GUS/VIES/CRBR: service URL; white list/KRS: base URL).
* ``fake.gus``, ``fake.whitelist``, ``fake.vies``, ``fake.krs``, ``fake.crbr`` - the
  apps: ``.counts`` (requests per operation), ``.requests`` (operation, params),
  ``.set_faults(...)`` (see :class:`Faults`), ``.reset()``.
* Registry-specific switches: ``fake.gus.session_expiry_after``, ``fake.gus.key``,
  ``fake.gus.framing``, ``fake.gus.expire_sessions()``; ``fake.whitelist.quota_after``;
  ``fake.vies.foreign``.
* ``fake.flatfile`` - the white list's daily flat file (``GET {fake.flatfile_url}
  YYYYMMDD.7z``), generated from the store; kept out of ``fake.urls``/``counts()``.
* ``fake.counts()`` - ``{registry: {operation: n}}``; ``fake.reset()`` - counters and
  faults of every app; ``fake.set_latency(0.2)`` - latency on every app.

Operation names counted: GUS ``Zaloguj``, ``Wyloguj``, ``GetValue``,
``DaneSzukajPodmioty``, ``DanePobierzPelnyRaport``;
white list ``search/nips``; VIES
``checkVat``, ``checkVatApprox``; KRS ``OdpisAktualny``; CRBR
``PobierzInformacjeOSpolkachIBeneficjentach``. A request the real service would refuse
as malformed is counted as ``invalid``.
"""

from .crbr import FakeCrbr
from .data import (
    LEGAL_FORMS,
    CompanyStore,
    FakeCompany,
    generate_companies,
    is_valid_nip,
    is_valid_nrb,
    nip_check_digit,
    nrb_with_check,
    owner,
    regon_with_check,
    sample_companies,
)
from .flatfile import FakeFlatFile
from .gus import FakeGus
from .krs import FakeKrs
from .server import FakeApp, FakeRequest, FakeResponse, FakeServer, Faults
from .vies import FakeVies
from .whitelist import FakeWhiteList

REGISTRIES = ("gus", "whitelist", "vies", "krs", "crbr")


class FakeRegistries:
    """The five fakes on one local port; a context manager, or start()/stop()."""

    def __init__(self, companies=None, *, host="127.0.0.1", port=0):
        self.store = CompanyStore(
            sample_companies() if companies is None else companies
        )
        self.gus = FakeGus(self.store)
        self.whitelist = FakeWhiteList(self.store)
        self.vies = FakeVies(self.store)
        self.krs = FakeKrs(self.store)
        self.crbr = FakeCrbr(self.store)
        self.apps = {
            app.name: app
            for app in (self.gus, self.whitelist, self.vies, self.krs, self.crbr)
        }
        # The flat file is not an API of its own: apart from ``apps`` (whose URLs a
        # test configures), so it stays off until its URL is set on purpose.
        self.flatfile = FakeFlatFile(self.store)
        self.server = FakeServer([*self.apps.values(), self.flatfile], host, port)

    def start(self):
        self.server.start()
        return self

    def stop(self):
        self.server.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def base_url(self):
        return self.server.base_url

    @property
    def urls(self):
        base = self.server.base_url
        return {
            name: base + app.prefix + app.service_path
            for name, app in self.apps.items()
        }

    @property
    def flatfile_url(self):
        """Base URL of the daily flat files (parameter ``whitelist_flat_url``)."""
        return self.server.base_url + self.flatfile.prefix + self.flatfile.service_path

    @property
    def vies_test_url(self):
        """The fake of VIES's official test service (answers by test VAT number)."""
        return self.server.base_url + self.vies.prefix + "/services/checkVatTestService"

    def counts(self):
        return {name: dict(app.counts) for name, app in self.apps.items()}

    def reset(self):
        for app in (*self.apps.values(), self.flatfile):
            app.reset()

    def set_latency(self, seconds):
        for app in self.apps.values():
            app.faults.latency = seconds


__all__ = [
    "LEGAL_FORMS",
    "REGISTRIES",
    "CompanyStore",
    "FakeApp",
    "FakeCompany",
    "FakeCrbr",
    "FakeFlatFile",
    "FakeGus",
    "FakeKrs",
    "FakeRegistries",
    "FakeRequest",
    "FakeResponse",
    "FakeServer",
    "FakeVies",
    "FakeWhiteList",
    "Faults",
    "generate_companies",
    "is_valid_nip",
    "is_valid_nrb",
    "nip_check_digit",
    "nrb_with_check",
    "owner",
    "regon_with_check",
    "sample_companies",
]
