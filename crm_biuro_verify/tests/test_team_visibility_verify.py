from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import BiuroCase
from odoo.addons.crm_biuro.tests.common_team import TeamMixin

from ..services.writer import ACTIVITY_TYPE


@tagged("post_install", "-at_install")
class TestTeamVisibilityVerify(TeamMixin, BiuroCase):
    """Registry evidence and beneficial owners follow their client; the Pulpit
    counts the clients whose registry change nobody has looked at yet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        cls.checks = cls.env["biuro.verification"].create(
            [
                {
                    "partner_id": client.id,
                    "registry": "whitelist",
                    "check_date": fields.Date.today(),
                    "state": "ok",
                }
                for client in (cls.client_a, cls.client_b)
            ]
        )
        cls.owners = cls.env["biuro.beneficial.owner"].create(
            [
                {"partner_id": client.id, "name": "Jan Beneficjent"}
                for client in (cls.client_a, cls.client_b)
            ]
        )

    def test_evidence_and_owners_follow_the_client(self):
        for records in (self.checks, self.owners):
            with self.subTest(model=records._name):
                Model = self.env[records._name].with_user(self.accountant_a)
                self.set_team_visibility(False)
                self.assertEqual(Model.search([("id", "in", records.ids)]), records)
                self.set_team_visibility(True)
                self.assertEqual(Model.search([("id", "in", records.ids)]), records[0])
                with self.assertRaises(AccessError):
                    records[1].with_user(self.accountant_a).read(["partner_id"])
                self.assertEqual(
                    self.env[records._name]
                    .with_user(self.manager)
                    .search([("id", "in", records.ids)]),
                    records,
                )

    def test_registry_alerts_tile(self):
        for client in (self.client_a, self.client_b):
            client.activity_schedule(ACTIVITY_TYPE, user_id=self.manager.id)
        mine = {
            tile["key"]: tile
            for tile in self.env["biuro.pulpit"]
            .with_user(self.accountant_a)
            .get_tiles()["tiles"]
        }
        self.assertEqual(mine["registry_alerts"]["count"], 1)
        action = mine["registry_alerts"]["action"]
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.accountant_a)
            .search(action["domain"]),
            self.client_a,
        )
        office = {
            tile["key"]: tile
            for tile in self.env["biuro.pulpit"]
            .with_user(self.manager)
            .get_tiles("office")["tiles"]
        }
        listed = self.env["res.partner"].search(
            office["registry_alerts"]["action"]["domain"]
        )
        self.assertIn(self.client_b, listed)
        # marked done: looked at, no longer counted
        self.client_a.activity_ids.action_feedback(feedback="Sprawdzone")
        mine = self.env["biuro.pulpit"].with_user(self.accountant_a).get_tiles()
        counts = {tile["key"]: tile["count"] for tile in mine["tiles"]}
        self.assertEqual(counts["registry_alerts"], 0)
