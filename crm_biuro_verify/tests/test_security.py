from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NIP_GUS, NIP_SPZOO, VerifyCase


@tagged("post_install", "-at_install")
class TestVerifySecurity(VerifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "biuro_verify_portal", groups="base.group_portal"
        )
        cls.client = cls.env["res.partner"].browse(
            cls.env["res.partner"].biuro_create_from_nip(NIP_SPZOO)
        )
        cls.portal.partner_id.parent_id = cls.client

    def test_office_user_verifies_and_adds_clients(self):
        partner = self.client.with_user(self.user)
        result = partner.action_biuro_verify()
        self.assertTrue(result["params"]["summary"])
        self.assertEqual(partner.biuro_verify_whitelist_state, "ok")
        evidence = (
            self.env["biuro.verification"]
            .with_user(self.user)
            .search([("partner_id", "=", self.client.id)])
        )
        self.assertEqual(len(evidence), 5)
        self.assertTrue(evidence.mapped("summary"))
        new_id = (
            self.env["res.partner"].with_user(self.user).biuro_create_from_nip(NIP_GUS)
        )
        self.assertTrue(self.env["res.partner"].browse(new_id).biuro_client)

    def test_evidence_is_written_by_the_system_only(self):
        Evidence = self.env["biuro.verification"].with_user(self.user)
        with self.assertRaises(AccessError):
            Evidence.create(
                {
                    "partner_id": self.client.id,
                    "registry": "gus",
                    "check_date": "2026-01-01",
                    "state": "ok",
                }
            )
        record = Evidence.search([("partner_id", "=", self.client.id)], limit=1)
        with self.assertRaises(AccessError):
            record.write({"state": "changed"})
        with self.assertRaises(AccessError):
            record.unlink()

    def test_raw_answers_are_for_managers(self):
        record = self.env["biuro.verification"].search(
            [("partner_id", "=", self.client.id), ("registry", "=", "crbr")]
        )
        with self.assertRaises(AccessError):
            record.with_user(self.user).read(["payload"])
        self.assertIn(
            "KOWALSKI", record.with_user(self.manager).read(["payload"])[0]["payload"]
        )

    def test_gus_key_is_for_administrators_only(self):
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.gus_key", "secret-key-123456789"
        )
        for user in (self.user, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["ir.config_parameter"].with_user(user).get_param(
                        "crm_biuro_verify.gus_key"
                    )
                with self.assertRaises(AccessError):
                    self.env["res.config.settings"].with_user(user).create({})
                # the verification works for them all the same
                self.client.with_user(user).action_biuro_verify()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.biuro_verify_gus_key, "secret-key-123456789")
        self.assertEqual(
            self.env["res.config.settings"]._fields["biuro_verify_gus_key"].groups,
            "base.group_system",
        )

    def test_gus_key_not_read_or_replaced_through_settings_methods(self):
        """res.config.settings methods are public over JSON-RPC for every user:
        default_get must not return the key, and the endpoint buttons must refuse
        anyone but an administrator."""
        # sudo: test setup, system parameters are admin-only
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param("crm_biuro_verify.gus_key", "secret-key-123456789")
        url = icp.get_param("crm_biuro_verify.gus_url")
        Settings = self.env["res.config.settings"]
        for user in (self.portal, self.outsider, self.user, self.manager):
            with self.subTest(user=user.login):
                values = Settings.with_user(user).default_get(
                    ["biuro_verify_gus_key", "biuro_verify_gus_url"]
                )
                self.assertNotIn("secret-key-123456789", str(values))
                for button in (
                    "action_biuro_verify_test_environment",
                    "action_biuro_verify_production",
                ):
                    with self.assertRaises(AccessError):
                        getattr(Settings.with_user(user), button)()
        self.assertEqual(
            icp.get_param("crm_biuro_verify.gus_key"), "secret-key-123456789"
        )
        self.assertEqual(icp.get_param("crm_biuro_verify.gus_url"), url)
        self.assertEqual(
            Settings.default_get(["biuro_verify_gus_key"])["biuro_verify_gus_key"],
            "secret-key-123456789",
        )

    def test_portal_and_outsiders_get_nothing(self):
        for user in (self.portal, self.outsider):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["biuro.verification"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["biuro.beneficial.owner"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).biuro_lookup_nip(NIP_GUS)
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).biuro_create_from_nip(
                        NIP_GUS
                    )
                with self.assertRaises(AccessError):
                    self.client.with_user(user).action_biuro_verify()
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
