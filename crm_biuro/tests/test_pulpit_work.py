from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import BiuroCase
from .common_team import TeamMixin


@tagged("post_install", "-at_install")
class TestPulpitWork(TeamMixin, BiuroCase):
    """The Pulpit's tiles of late monthly work and open document requests, and the
    team visibility of both models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        cls.Pulpit = cls.env["biuro.pulpit"]
        cls.today = fields.Date.context_today(cls.Pulpit)
        cls.category = cls.env.ref("crm_biuro.document_category_sales_invoices")

    def make_item(self, client, due, month_offset=1):
        month = (self.today.replace(day=1) - timedelta(days=31 * month_offset)).replace(
            day=1
        )
        return self.env["biuro.work.item"].create(
            {
                "partner_id": client.id,
                "month": month,
                "due_date": due,
                "line_ids": [
                    (0, 0, {"check_id": self.env.ref("crm_biuro.work_check_bank").id})
                ],
            }
        )

    def make_request(self, client, due, send=True):
        request = self.env["biuro.document.request"].create(
            {
                "name": f"Dokumenty {client.name}",
                "partner_id": client.id,
                "due_date": due,
                "line_ids": [
                    (0, 0, {"name": "Faktury", "category_id": self.category.id})
                ],
            }
        )
        if send:
            request.action_send()
        return request

    def tiles(self, user, scope="mine"):
        result = self.Pulpit.with_user(user).get_tiles(scope)
        return {tile["key"]: tile for tile in result["tiles"]}

    def listed(self, user, tile):
        action = tile["action"]
        return self.env[action["res_model"]].with_user(user).search(action["domain"])

    def test_late_work_and_open_requests_tiles(self):
        late_a = self.make_item(self.client_a, self.today - timedelta(days=2))
        self.make_item(self.client_a, self.today + timedelta(days=5), month_offset=0)
        done_late = self.make_item(self.client_b, self.today - timedelta(days=2))
        done_late.line_ids.done = True
        open_a = self.make_request(self.client_a, self.today + timedelta(days=3))
        overdue_b = self.make_request(self.client_b, self.today - timedelta(days=1))
        self.make_request(self.client_a, self.today - timedelta(days=5), send=False)
        mine = self.tiles(self.accountant_a)
        self.assertEqual(mine["work_items_late"]["count"], 1)
        self.assertEqual(
            self.listed(self.accountant_a, mine["work_items_late"]), late_a
        )
        self.assertEqual(mine["document_requests_open"]["count"], 1)
        self.assertEqual(
            self.listed(self.accountant_a, mine["document_requests_open"]), open_a
        )
        self.assertEqual(mine["document_requests_overdue"]["count"], 0)
        # the whole office: both clients (the database may hold demo clients too)
        office = self.tiles(self.manager, "office")
        ours = self.client_a | self.client_b
        self.assertEqual(
            self.listed(self.manager, office["document_requests_open"]).filtered(
                lambda r: r.partner_id in ours
            ),
            open_a | overdue_b,
        )
        self.assertEqual(
            self.listed(self.manager, office["document_requests_overdue"]).filtered(
                lambda r: r.partner_id in ours
            ),
            overdue_b,
        )
        self.assertEqual(
            office["work_items_late"]["action"]["res_model"], "biuro.work.item"
        )

    def test_team_visibility(self):
        item_a = self.make_item(self.client_a, self.today)
        request_a = self.make_request(self.client_a, self.today)
        self.set_team_visibility(True)
        Item = self.env["biuro.work.item"]
        Request = self.env["biuro.document.request"]
        for user, sees in (
            (self.accountant_a, True),
            (self.assistant_a, True),
            (self.accountant_b, False),
            (self.manager, True),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(
                    bool(Item.with_user(user).search([("id", "=", item_a.id)])), sees
                )
                self.assertEqual(
                    bool(
                        self.env["biuro.work.item.line"]
                        .with_user(user)
                        .search([("work_item_id", "=", item_a.id)])
                    ),
                    sees,
                )
                self.assertEqual(
                    bool(Request.with_user(user).search([("id", "=", request_a.id)])),
                    sees,
                )
                self.assertEqual(
                    bool(
                        self.env["biuro.document.request.line"]
                        .with_user(user)
                        .search([("request_id", "=", request_a.id)])
                    ),
                    sees,
                )
        self.set_team_visibility(False)
        self.assertTrue(
            Item.with_user(self.accountant_b).search([("id", "=", item_a.id)])
        )
