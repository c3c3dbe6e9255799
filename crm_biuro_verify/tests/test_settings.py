from lxml import etree

from odoo.tests import tagged
from odoo.tools import file_open

from ..registries import ENDPOINTS, GUS_TEST_KEY
from ..services.config import VerifyConfig
from .common import NIP_SPZOO, VerifyCase, configure_fakes


@tagged("post_install", "-at_install")
class TestVerifySettings(VerifyCase):
    def param(self, key):
        return (
            # sudo: test setup, system parameters are admin-only
            self.env["ir.config_parameter"].sudo().get_param(f"crm_biuro_verify.{key}")
        )

    def test_defaults_are_the_production_endpoints(self):
        """The data file (noupdate) installs the production endpoints."""
        with file_open(
            "crm_biuro_verify/data/ir_config_parameter_data.xml", "rb"
        ) as data:
            tree = etree.parse(data)
        values = {
            record.findtext("field[@name='key']"): record.findtext(
                "field[@name='value']"
            )
            for record in tree.iter("record")
        }
        for registry in ("gus", "whitelist", "vies", "krs", "crbr"):
            self.assertEqual(
                values[f"crm_biuro_verify.{registry}_url"], ENDPOINTS[registry]["prod"]
            )
            self.assertEqual(values[f"crm_biuro_verify.{registry}_enabled"], "True")
        self.assertEqual(values["crm_biuro_verify.gus_report_version"], "BIR12")
        self.assertNotIn("crm_biuro_verify.gus_key", values)

    def test_test_environment_and_back(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(
            settings.action_biuro_verify_test_environment()["tag"], "reload"
        )
        for registry in ("gus", "whitelist", "vies", "krs", "crbr"):
            self.assertEqual(self.param(f"{registry}_url"), ENDPOINTS[registry]["test"])
        self.assertEqual(self.param("gus_key"), GUS_TEST_KEY)
        settings.action_biuro_verify_production()
        for registry in ("gus", "whitelist", "vies", "krs", "crbr"):
            self.assertEqual(self.param(f"{registry}_url"), ENDPOINTS[registry]["prod"])
        # the test key does not work in production: it is removed, a real key stays
        self.assertFalse(self.param("gus_key"))
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.gus_key", "real-key-000000000000"
        )
        settings.action_biuro_verify_production()
        self.assertEqual(self.param("gus_key"), "real-key-000000000000")

    def test_settings_round_trip(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.biuro_verify_crbr_enabled)
        self.assertEqual(settings.biuro_verify_gus_url, self.fake.urls["gus"])
        settings.write(
            {
                "biuro_verify_crbr_enabled": False,
                "biuro_verify_gus_report_version": "BIR11",
                "biuro_verify_gus_key": "other-key-0000000000",
            }
        )
        settings.execute()
        self.assertEqual(self.param("crbr_enabled"), "False")
        self.assertEqual(self.param("gus_report_version"), "BIR11")
        self.assertEqual(self.param("gus_key"), "other-key-0000000000")
        self.assertFalse(
            self.env["res.config.settings"].create({}).biuro_verify_crbr_enabled
        )
        config = VerifyConfig.load(self.env)
        self.assertFalse(config.is_on("crbr"))
        self.assertEqual(config.gus_report_version, "BIR11")
        self.assertNotIn("other-key", repr(config))

    def test_registry_turned_off_is_not_called(self):
        configure_fakes(self.env, self.fake, crbr_enabled="False", vies_enabled="False")
        client = self.Partner.browse(self.Partner.biuro_create_from_nip(NIP_SPZOO))
        counts = self.fake.counts()
        self.assertFalse(counts["crbr"])
        self.assertFalse(counts["vies"])
        self.assertFalse(client.biuro_verify_crbr_state)
        self.assertEqual(client.biuro_verify_gus_state, "ok")
        self.assertEqual(
            sorted(self.evidence(client).mapped("registry")),
            ["gus", "krs", "whitelist"],
        )

    def test_without_a_gus_key_gus_is_skipped(self):
        configure_fakes(self.env, self.fake, gus_key=False)
        client = self.make_fake_client(NIP_SPZOO)
        client.action_biuro_verify()
        self.assertFalse(self.fake.counts()["gus"])
        self.assertFalse(client.biuro_verify_gus_state)
        self.assertEqual(client.biuro_verify_whitelist_state, "ok")

    def test_report_version_reaches_gus(self):
        configure_fakes(self.env, self.fake, gus_report_version="BIR11")
        self.Partner.biuro_lookup_nip(NIP_SPZOO)
        reports = [
            p.get("pNazwaRaportu")
            for op, p in self.fake.gus.requests
            if op == "DanePobierzPelnyRaport"
        ]
        self.assertTrue(reports)
        self.assertTrue(all(name.startswith("BIR11") for name in reports))
