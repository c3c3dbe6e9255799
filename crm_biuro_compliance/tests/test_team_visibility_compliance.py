from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_biuro.tests.common import BiuroCase
from odoo.addons.crm_biuro.tests.common_team import TeamMixin


@tagged("post_install", "-at_install")
class TestTeamVisibilityCompliance(TeamMixin, BiuroCase):
    """AML cases, powers of attorney and KSeF credentials follow their client under
    "Accountants see only their clients"; their Pulpit tiles count per client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        # an AML officer is an office user too: restricted like any accountant
        cls.accountant_a.groups_id = [
            (4, cls.env.ref("crm_biuro_compliance.group_biuro_aml").id)
        ]
        cls.aml_b = new_test_user(
            cls.env, "biuro_aml_b", groups="crm_biuro_compliance.group_biuro_aml"
        )
        today = fields.Date.context_today(cls.env["biuro.mandate"])
        cls.mandates, cls.credentials, cls.cases = {}, {}, {}
        for client in (cls.client_a, cls.client_b):
            mandate = cls.env["biuro.mandate"].create(
                {
                    "partner_id": client.id,
                    "mandate_type": "upl1",
                    "attorney_id": client.biuro_accountant_id.id,
                    "date_from": today - timedelta(days=300),
                    "date_to": today + timedelta(days=5),
                }
            )
            mandate.action_activate()
            cls.mandates[client] = mandate
            profile = cls.env["biuro.ksef.profile"].create({"partner_id": client.id})
            cls.credentials[client] = cls.env["biuro.ksef.credential"].create(
                {
                    "profile_id": profile.id,
                    "credential_type": "certificate",
                    "certificate_kind": "auth",
                    "serial": f"SER-{client.id}",
                    "valid_to": today + timedelta(days=3),
                }
            )
            cls.cases[client] = cls.env["biuro.aml.case"].create(
                {"partner_id": client.id}
            )

    def test_records_follow_the_client(self):
        for records in (self.mandates, self.credentials, self.cases):
            model = records[self.client_a]._name
            ids = [record.id for record in records.values()]
            with self.subTest(model=model):
                self.set_team_visibility(False)
                Model = self.env[model].with_user(self.accountant_a)
                self.assertEqual(len(Model.search([("id", "in", ids)])), 2)
                self.set_team_visibility(True)
                self.assertEqual(
                    Model.search([("id", "in", ids)]), records[self.client_a]
                )
                with self.assertRaises(AccessError):
                    records[self.client_b].with_user(self.accountant_a).read(
                        ["partner_id"]
                    )
                # an AML officer with no client sees none of them
                self.assertFalse(
                    self.env[model].with_user(self.aml_b).search([("id", "in", ids)])
                )
                self.assertEqual(
                    len(
                        self.env[model]
                        .with_user(self.manager)
                        .search([("id", "in", ids)])
                    ),
                    2,
                )

    def test_pulpit_tiles(self):
        self.assertEqual(self.mandates[self.client_a].state, "expiring")
        tiles = {
            tile["key"]: tile
            for tile in self.env["biuro.pulpit"]
            .with_user(self.accountant_a)
            .get_tiles()["tiles"]
        }
        for key, records in (
            ("mandates_expiring", self.mandates),
            ("ksef_credentials_expiring", self.credentials),
        ):
            with self.subTest(tile=key):
                action = tiles[key]["action"]
                listed = (
                    self.env[action["res_model"]]
                    .with_user(self.accountant_a)
                    .search(action["domain"])
                )
                self.assertEqual(listed, records[self.client_a])
                self.assertEqual(tiles[key]["count"], 1)
