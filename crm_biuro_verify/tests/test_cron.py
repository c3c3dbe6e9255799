import math
from unittest.mock import patch

from odoo.tests import tagged

from ..services.run import VerificationRun
from .common import VerifyCase


class InjectedCrash(Exception):
    pass


@tagged("post_install", "-at_install")
class TestDailyCron(VerifyCase):
    generated = 100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # only the 100 clients of this test are active
        cls.Partner.search(
            [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        ).write({"biuro_state": "inactive"})
        cls.clients = cls.Partner.browse()
        for nip, company in cls.generated_companies.items():
            cls.clients |= cls.Partner.create(
                {
                    "name": company.name.title(),
                    "is_company": True,
                    "biuro_client": True,
                    "biuro_state": "active",
                    "vat": nip,
                    "country_id": cls.poland.id,
                    "biuro_legal_form": "jdg"
                    if company.entity_type == "F"
                    else "spzoo",
                    "biuro_krs": company.krs or False,
                }
            )
        cls.cron = cls.env.ref("crm_biuro_verify.ir_cron_biuro_verify")
        cls.crbr_clients = cls.clients.filtered(lambda c: c.biuro_legal_form == "spzoo")

    def run_cron(self):
        self.cron.method_direct_trigger()

    def assert_one_record_per_client_and_registry(self):
        self.Evidence.flush_model()
        self.env.cr.execute(
            """SELECT registry, count(*), count(DISTINCT partner_id)
                 FROM biuro_verification
                WHERE partner_id = ANY(%s) GROUP BY registry""",
            (self.clients.ids,),
        )
        rows = {
            registry: (total, distinct)
            for registry, total, distinct in self.env.cr.fetchall()
        }
        self.assertEqual(rows["gus"], (100, 100))
        self.assertEqual(rows["whitelist"], (100, 100))
        self.assertEqual(rows["krs"], (80, 80))
        self.assertEqual(rows["crbr"], (80, 80))
        self.assertNotIn("vies", rows)  # no client of this set trades in the EU

    def test_batched_requests_one_login_and_progress(self):
        self.run_cron()
        counts = self.fake.counts()
        self.assertEqual(counts["whitelist"]["search/nips"], math.ceil(100 / 30))
        self.assertEqual(sum(counts["whitelist"].values()), math.ceil(100 / 30))
        self.assertEqual(counts["gus"]["DaneSzukajPodmioty"], math.ceil(100 / 20))
        self.assertEqual(counts["gus"]["Zaloguj"], 1)
        self.assertNotIn("DanePobierzPelnyRaport", counts["gus"])
        self.assertEqual(counts["krs"]["OdpisAktualny"], 80)
        self.assertEqual(
            counts["crbr"]["PobierzInformacjeOSpolkachIBeneficjentach"], 80
        )
        self.assert_one_record_per_client_and_registry()
        self.assertEqual(set(self.clients.mapped("biuro_verify_gus_state")), {"ok"})
        self.assertEqual(
            set(self.clients.mapped("biuro_verify_whitelist_state")), {"ok"}
        )
        self.assertEqual(
            set(self.crbr_clients.mapped("biuro_verify_crbr_state")), {"ok"}
        )
        # the white list filled the VAT status (every 7th client is exempt) and accounts
        exempt = self.clients.filtered(lambda c: c.biuro_vat_status == "zwolniony")
        self.assertEqual(len(exempt), 100 // 7)
        self.assertEqual(len(self.clients.mapped("biuro_bank_account_ids")), 100)
        # progress reported to the cron: everything done, nothing left
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], order="id desc", limit=1
        )
        self.assertEqual((progress.done, progress.remaining), (100 + 100 + 80 + 80, 0))
        # GUS's limits were honoured (100 NIPs in 5 searches of 20, plus the login)
        self.assertGreater(self.clock.slept, 0)

    def test_second_run_the_same_day_sends_nothing(self):
        self.run_cron()
        self.fake.reset()
        self.run_cron()
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
        self.assert_one_record_per_client_and_registry()
        # "verify now" reuses the same-day answers too
        self.clients[:3].action_biuro_verify()
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)

    def test_crash_in_the_middle_then_resume(self):
        applied = []
        original = VerificationRun._after_apply

        def crash_after_two_batches(run, registry, count):
            original(run, registry, count)
            applied.append(registry)
            if len(applied) == 2:
                raise InjectedCrash("worker killed")

        with patch.object(VerificationRun, "_after_apply", crash_after_two_batches):
            # Not assertRaises: its savepoint would roll back the batches saved
            # before the crash, which the cron commits. The server action wraps
            # the error of its code in a ValueError.
            try:
                self.run_cron()
            except Exception as error:  # noqa: BLE001
                self.assertIn("worker killed", str(error))
            else:
                self.fail("the injected crash did not happen")
        done_before = self.Evidence.search_count(
            [("partner_id", "in", self.clients.ids)]
        )
        self.assertGreater(done_before, 0)
        self.assertLess(done_before, 360)
        self.fake.reset()
        self.run_cron()
        self.assert_one_record_per_client_and_registry()
        # the rerun asked only for what was not saved before the crash
        resumed = self.fake.counts()
        checked_wl = self.Evidence.search_count(
            [("partner_id", "in", self.clients.ids), ("registry", "=", "whitelist")]
        )
        self.assertEqual(checked_wl, 100)
        self.assertLessEqual(
            resumed["whitelist"].get("search/nips", 0), math.ceil(100 / 30)
        )
        # a third run has nothing left to do
        self.fake.reset()
        self.run_cron()
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)

    def test_time_slices_resume_and_report_the_remaining_work(self):
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.cron_time_budget", "0.000001"
        )
        self.fake.set_latency(0.02)  # registries answer slower than the slice lasts
        result = self.Partner._cron_biuro_verify()
        self.assertGreater(result["done"], 0)
        self.assertGreater(result["remaining"], 0)
        self.assertEqual(result["done"] + result["remaining"], 360)
        for _slice in range(100):
            result = self.Partner._cron_biuro_verify()
            if not result["remaining"]:
                break
        self.assert_one_record_per_client_and_registry()
        counts = self.fake.counts()
        self.assertEqual(counts["gus"]["DaneSzukajPodmioty"], math.ceil(100 / 20))
        self.assertEqual(counts["whitelist"]["search/nips"], math.ceil(100 / 30))
        # one GUS session for the whole run, kept between the slices
        self.assertEqual(counts["gus"]["Zaloguj"], 1)
        self.assertEqual(
            self.Partner._cron_biuro_verify(), {"done": 0, "remaining": 0, "states": {}}
        )

    def test_a_slice_without_progress_asks_the_scheduler_to_come_back(self):
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        with patch.object(
            VerificationRun, "run", lambda run: setattr(run, "remaining", 5) or run
        ):
            result = self.Partner._cron_biuro_verify()
        self.assertEqual((result["done"], result["remaining"]), (0, 5))
        new = (
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
            - triggers
        )
        self.assertEqual(len(new), 1)
