"""Odoo tests of the registry checks run against the local fake registries
(``fake_registries``: real HTTP on 127.0.0.1): the system parameters point at them,
so no test ever reaches a real registry."""

import copy
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.addons.crm_biuro.tests.common import BiuroCase

from ..fake_registries import FakeRegistries, generate_companies, sample_companies
from ..registries.http import WARSAW
from ..services import config

# Sample companies of the fakes (fake_registries.data.sample_companies)
NIP_SPZOO = "9542300619"  # "EUROPEJSKA" sp. z o.o.: KRS, 2 accounts, 2 owners in CRBR
NIP_GUS = "5261040828"  # GUS itself: 1 account, nothing in CRBR
NIP_JDG = "7010000005"  # MIKOŁAJ TESTOWY, sole trader, VAT exempt, not in VIES


class VirtualClock:
    """An aware clock whose sleep() advances it: GUS's rate limits are applied and
    measured without the tests waiting for them."""

    def __init__(self):
        self.moment = datetime.now(WARSAW)
        self.slept = 0.0

    def now(self):
        return self.moment

    def sleep(self, seconds):
        self.slept += seconds
        self.moment += timedelta(seconds=seconds)


def configure_fakes(env, fake, **extra):
    """Point every registry at the fakes, with short retries (system parameters)."""
    # sudo: test setup, system parameters are admin-only
    icp = env["ir.config_parameter"].sudo()
    for name, url in fake.urls.items():
        icp.set_param(f"crm_biuro_verify.{name}_url", url)
        icp.set_param(f"crm_biuro_verify.{name}_enabled", "True")
    params = {
        "gus_key": "fake-gus-key-0123456",
        "retry_backoff": "0.01",
        "retry_attempts": "2",
        "timeout": "5",
        "cron_time_budget": "600",
    }
    params.update(extra)
    for key, value in params.items():
        icp.set_param(f"crm_biuro_verify.{key}", value)
    icp.set_param(config.QUOTA_PARAM, False)
    config.reset_shared_state()


class VerifyCase(BiuroCase):
    """BiuroCase with the fake registries running, seeded with the sample companies
    and ``generated`` generated ones (valid NIPs, REGONs and NRBs)."""

    generated = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = sample_companies()
        cls.generated_companies = (
            generate_companies(cls.generated) if cls.generated else {}
        )
        companies.update(cls.generated_companies)
        cls.companies = copy.deepcopy(companies)
        cls.fake = FakeRegistries(companies).start()
        cls.addClassCleanup(cls.fake.stop)
        cls.clock = VirtualClock()
        cls.startClassPatcher(
            patch.object(
                config,
                "new_gus_limiter",
                lambda: config.SharedGusLimiter(
                    clock=cls.clock.now, sleep=cls.clock.sleep
                ),
            )
        )
        configure_fakes(cls.env, cls.fake)
        cls.Partner = cls.env["res.partner"]
        cls.Evidence = cls.env["biuro.verification"]

    def setUp(self):
        super().setUp()
        self.fake.reset()
        # the registries' data as seeded (a test may have changed a company)
        for company in copy.deepcopy(self.companies).values():
            self.fake.store.add(company)
        config.reset_shared_state()
        self.addCleanup(config.reset_shared_state)

    def evidence(self, partners, registry=None):
        domain = [("partner_id", "in", partners.ids)]
        if registry:
            domain.append(("registry", "=", registry))
        return self.Evidence.search(domain)

    def age_evidence(self, days=1):
        """Make every check so far look ``days`` old (the next run is "tomorrow")."""
        self.env["biuro.verification"].flush_model()
        # in two steps: (partner, registry, day) is unique at every row update
        self.env.cr.execute(
            "UPDATE biuro_verification SET check_date = check_date - 100000"
        )
        self.env.cr.execute(
            "UPDATE biuro_verification SET check_date = check_date + %s",
            (100000 - days,),
        )
        self.env["biuro.verification"].invalidate_model()

    def make_fake_client(self, nip, **vals):
        """A client for a NIP the fakes know, as an office would type it in."""
        company = self.fake.store.get(nip)
        legal = "jdg" if company.entity_type == "F" else "spzoo"
        values = {
            "biuro_state": "active",
            "biuro_legal_form": legal,
            "biuro_krs": company.krs or False,
        }
        values.update(vals)
        return self.make_client(name=company.name.title(), vat=nip, **values)
