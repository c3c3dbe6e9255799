from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_biuro_verify.fake_registries import FakeRegistries
from odoo.addons.crm_biuro_verify.services import config
from odoo.addons.crm_biuro_verify.tests.common import (
    NIP_SPZOO,
    VirtualClock,
    configure_fakes,
)


@tagged("post_install", "-at_install")
class TestAmlCaseTour(HttpCase):
    """The browser: the AML officer opens a client's case, records a UBO, sees the
    discrepancy against CRBR (the verify addon's fake CRBR) and approves."""

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
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Tourowa Logistyka sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "biuro_state": "active",
                "biuro_legal_form": "spzoo",
                "biuro_krs": "0000135115",
                "vat": NIP_SPZOO,
                "country_id": cls.env.ref("base.pl").id,
            }
        )
        # CRBR: JAN KOWALSKI 60 %, ANNA NOWAK 40 %
        cls.client.action_biuro_verify()
        cls.case = cls.env["biuro.aml.case"].create(
            {
                "partner_id": cls.client.id,
                "relationship_purpose": "Pełna księgowość",
                "state": "in_review",
            }
        )
        cls.env["biuro.aml.person"].create(
            {
                "case_id": cls.case.id,
                "name": "Jan Kowalski",
                "is_ubo": True,
                "share_percent": 60,
                "citizenship_id": cls.env.ref("base.pl").id,
            }
        )

    def test_record_a_ubo_see_the_discrepancy_and_approve(self):
        self.assertEqual(len(self.case.crbr_owner_ids), 2)
        self.start_tour(
            "/odoo/action-crm_biuro_compliance.biuro_aml_case_action",
            "crm_biuro_compliance_aml_case_tour",
            login="admin",
        )
        self.assertEqual(self.case.state, "approved")
        anna = self.case.person_ids.filtered(lambda p: p.name == "Anna Nowak")
        self.assertTrue(anna.is_ubo)
        self.assertEqual(anna.share_percent, 30)
        line = self.case.discrepancy_ids
        self.assertEqual((line.owner_name, line.field), ("Anna Nowak", "share"))
        self.assertEqual(line.state, "explained")
        self.assertIn("CRBR", line.explanation)
        self.assertEqual(self.case.approver_id, self.env.ref("base.user_admin"))
