from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from ..fake_registries import FakeRegistries
from ..services import config
from .common import NIP_SPZOO, VirtualClock, configure_fakes


@tagged("post_install", "-at_install")
class TestAddByNipTour(HttpCase):
    """The browser: "Add a client by NIP" → preview → create → verification bar.
    The fake registries run in this process, where the test server answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeRegistries().start()
        cls.addClassCleanup(cls.fake.stop)
        clock = VirtualClock()
        cls.startClassPatcher(
            patch.object(
                config,
                "new_gus_limiter",
                lambda: config.SharedGusLimiter(clock=clock.now, sleep=clock.sleep),
            )
        )
        configure_fakes(cls.env, cls.fake)
        cls.addClassCleanup(config.reset_shared_state)

    def test_add_client_by_nip_in_the_browser(self):
        self.start_tour(
            "/odoo/action-crm_biuro.action_biuro_clients",
            "crm_biuro_verify_add_by_nip_tour",
            login="admin",
        )
        client = self.env["res.partner"].search(
            [("biuro_nip", "=", NIP_SPZOO), ("biuro_client", "=", True)]
        )
        self.assertEqual(len(client), 1)
        self.assertEqual(client.biuro_krs, "0000135115")
        # the last step: active, the admin in charge, the edited profile and the
        # proposed declarations (PIT-4R follows "has employees")
        self.assertEqual(client.biuro_state, "active")
        self.assertEqual(client.biuro_accountant_id, self.env.ref("base.user_admin"))
        self.assertTrue(client.biuro_employer)
        codes = set(client.biuro_declaration_ids.mapped("code"))
        self.assertTrue({"JPK_V7M", "CIT8", "PIT4R"} <= codes, codes)
        for registry in ("gus", "whitelist", "vies", "crbr"):
            self.assertEqual(client[f"biuro_verify_{registry}_state"], "ok")
        self.assertEqual(len(client.biuro_verification_ids), 5)
