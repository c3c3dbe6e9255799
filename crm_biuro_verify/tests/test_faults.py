import json

from odoo.tests import tagged

from ..registries import warsaw_now
from ..services.run import TRIP_AFTER
from .common import NIP_SPZOO, VerifyCase

OUTAGES = {
    "gus": [
        {"http_500": True},
        {"timeout": True, "hang": 0.2},
        {"soap_fault": "Receiver:Internal error"},
        {"malformed": True},
    ],
    "whitelist": [
        {"http_500": True},
        {"timeout": True, "hang": 0.2},
        {"error_code": "WL-100"},
        {"error_code": "WL-195"},
        {"error_code": "WL-196"},
        {"malformed": True},
    ],
    "vies": [
        {"http_500": True},
        {"timeout": True, "hang": 0.2},
        {"soap_fault": "MS_UNAVAILABLE"},
        {"soap_fault": "MS_MAX_CONCURRENT_REQ"},
        {"soap_fault": "TIMEOUT"},
        {"soap_fault": "SERVICE_UNAVAILABLE"},
        {"soap_fault": "GLOBAL_MAX_CONCURRENT_REQ"},
        {"malformed": True},
    ],
    "krs": [
        {"http_500": True},
        {"timeout": True, "hang": 0.2},
        {"error_code": "503"},
        {"malformed": True},
    ],
    "crbr": [
        {"http_500": True},
        {"timeout": True, "hang": 0.2},
        {"soap_fault": "Receiver:Internal Error (from server)"},
        {"malformed": True},
    ],
}
KEPT_FIELDS = (
    "name",
    "street",
    "city",
    "biuro_regon",
    "biuro_krs",
    "biuro_legal_form",
    "biuro_vat_status",
    "biuro_vat_ue",
    "biuro_pkd_main",
)


@tagged("post_install", "-at_install")
class TestRegistryFaults(VerifyCase):
    """Every outage ends in ``unavailable`` and keeps what the client has."""

    generated = 8

    def setUp(self):
        super().setUp()
        client_id = self.Partner.biuro_create_from_nip(NIP_SPZOO)
        self.client = self.Partner.browse(client_id)
        self.client.write({"biuro_state": "active"})
        self.assertEqual(self.client.biuro_verify_crbr_state, "ok")
        self.age_evidence()
        self.fake.reset()

    def stored(self):
        client = self.client
        return (
            {name: client[name] for name in KEPT_FIELDS},
            sorted((b.acc_number, b.biuro_whitelist_state) for b in client.bank_ids),
            sorted(client.biuro_beneficial_owner_ids.mapped("name")),
        )

    def test_every_outage_is_unavailable_and_blanks_nothing(self):
        before = self.stored()
        for registry, faults in OUTAGES.items():
            for fault in faults:
                with self.subTest(registry=registry, fault=fault):
                    self.fake.reset()
                    getattr(self.fake, registry).set_faults(**fault)
                    self.client.action_biuro_verify()
                    self.assertEqual(
                        self.client[f"biuro_verify_{registry}_state"], "unavailable"
                    )
                    record = self.evidence(self.client, registry)[0]
                    self.assertEqual(record.state, "unavailable")
                    self.assertEqual(
                        record.check_date, self.client[f"biuro_verify_{registry}_date"]
                    )
                    self.assertEqual(self.stored(), before)
                    # the other registries answered normally
                    others = {"gus", "whitelist", "vies", "crbr"} - {registry}
                    for other in others:
                        self.assertEqual(
                            self.client[f"biuro_verify_{other}_state"], "ok"
                        )
                    self.age_evidence()

    def test_vies_invalid_input_is_not_an_outage(self):
        self.fake.vies.set_faults(soap_fault="INVALID_INPUT")
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_vies_state, "warning")
        self.assertTrue(self.client.biuro_vat_ue)

    def test_outage_is_retried_by_the_next_check(self):
        self.fake.whitelist.set_faults(http_500=True)
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "unavailable")
        self.fake.reset()
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "ok")
        self.assertEqual(self.fake.counts()["whitelist"]["search/nips"], 1)
        # still one record for the day: the outage was replaced by the answer
        today = self.evidence(self.client, "whitelist").filtered(
            lambda e: e.check_date == self.client.biuro_verify_whitelist_date
        )
        self.assertEqual(len(today), 1)
        self.assertEqual(today.state, "ok")

    def test_white_list_quota_spent_stops_calls_until_midnight(self):
        self.fake.whitelist.set_faults(error_code="WL-191")
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_whitelist_state, "unavailable")
        self.assertEqual(self.fake.counts()["whitelist"]["search/nips"], 1)
        record = self.evidence(self.client, "whitelist")[0]
        self.assertIn("WL-191", record.summary)
        self.fake.reset()  # even if the registry would answer again...
        self.client.action_biuro_verify()
        other = self.make_fake_client(next(iter(self.generated_companies)))
        other.action_biuro_verify()
        # ... no white-list request is sent again today
        self.assertFalse(self.fake.counts()["whitelist"])
        self.assertEqual(other.biuro_verify_whitelist_state, "unavailable")
        self.assertEqual(self.client.biuro_verify_gus_state, "ok")

    def test_our_own_daily_budget_is_never_exceeded(self):
        today = warsaw_now().date().isoformat()
        quota = {"day": today, "used": {"search": 100}, "blocked_until": None}
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.whitelist_quota", json.dumps(quota)
        )
        self.client.action_biuro_verify()
        self.assertFalse(self.fake.counts()["whitelist"])
        self.assertEqual(self.client.biuro_verify_whitelist_state, "unavailable")

    def test_a_dead_registry_is_not_hammered(self):
        clients = self.client
        for nip in self.generated_companies:
            clients |= self.make_fake_client(nip)
        crbr_clients = clients.filtered(lambda c: c.biuro_legal_form == "spzoo")
        self.assertGreater(len(crbr_clients), TRIP_AFTER + 2)
        self.fake.crbr.set_faults(http_500=True)
        clients.action_biuro_verify()
        self.assertEqual(
            set(crbr_clients.mapped("biuro_verify_crbr_state")), {"unavailable"}
        )
        # TRIP_AFTER failed requests (each tried twice), the others not even sent
        sent = self.fake.counts()["crbr"]["PobierzInformacjeOSpolkachIBeneficjentach"]
        self.assertEqual(sent, TRIP_AFTER * 2)
        summaries = (
            self.evidence(crbr_clients, "crbr")
            .filtered(lambda e: e.check_date == self.client.biuro_verify_crbr_date)
            .mapped("summary")
        )
        self.assertEqual(
            sum("Not checked" in s for s in summaries), len(crbr_clients) - TRIP_AFTER
        )
        # GUS and the white list are not affected
        self.assertEqual(set(clients.mapped("biuro_verify_gus_state")), {"ok"})

    def test_gus_session_expiry_logs_in_again(self):
        self.fake.gus.session_expiry_after = 2
        values = self.Partner.biuro_lookup_nip("5261040828")
        self.assertEqual(values["sources"]["gus"]["state"], "ok")
        self.assertEqual(values["regon"], "000331501")
        self.assertEqual(self.fake.counts()["gus"]["Zaloguj"], 2)

    def test_gus_refuses_the_key(self):
        self.fake.gus.key = "the-real-key-00000000"
        self.addCleanup(setattr, self.fake.gus, "key", None)
        self.client.action_biuro_verify()
        self.assertEqual(self.client.biuro_verify_gus_state, "unavailable")
        self.assertIn("key", self.evidence(self.client, "gus")[0].summary)
        self.assertEqual(self.stored()[0]["biuro_regon"], "276592498")
