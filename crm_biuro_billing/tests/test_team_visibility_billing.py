from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import BiuroCase
from odoo.addons.crm_biuro.tests.common_team import TeamMixin


@tagged("post_install", "-at_install")
class TestTeamVisibilityBilling(TeamMixin, BiuroCase):
    """Extra items and payroll headcounts follow their client under "Accountants
    see only their clients"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        clients = (cls.client_a, cls.client_b)
        cls.extras = cls.env["biuro.billing.extra"].create(
            [
                {"partner_id": c.id, "month": "2026-02-01", "name": "Korekta PIT"}
                for c in clients
            ]
        )
        cls.headcounts = cls.env["biuro.payroll.headcount"].create(
            [
                {"partner_id": c.id, "month": "2026-02-01", "employees": 3}
                for c in clients
            ]
        )

    def test_records_follow_the_client(self):
        for records in (self.extras, self.headcounts):
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
