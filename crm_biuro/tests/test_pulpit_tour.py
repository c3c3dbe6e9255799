from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPulpitTour(HttpCase):
    def test_pulpit_renders_and_opens_a_tile(self):
        manager = new_test_user(
            self.env,
            "pulpit_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager",
        )
        keeper = new_test_user(
            self.env,
            "pulpit_keeper",
            groups="base.group_user,crm_biuro.group_biuro_user",
        )
        client = self.env["res.partner"].create(
            {
                "name": "Pulpitowa sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "biuro_accountant_id": keeper.id,
            }
        )
        due = fields.Date.context_today(client) - timedelta(days=2)
        self.env["biuro.obligation"].create(
            {
                "partner_id": client.id,
                "declaration_type_id": self.env.ref(
                    "crm_biuro.declaration_type_jpk_v7m"
                ).id,
                "period_start": due.replace(day=1),
                "period_end": due.replace(day=1),
                "due_date": due,
            }
        )
        self.start_tour(
            "/odoo",
            "crm_biuro_pulpit_tour",
            login=manager.login,
        )
