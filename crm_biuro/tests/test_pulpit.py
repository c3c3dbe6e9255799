from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.base.controllers.rpc import dumps as xmlrpc_dumps

from .common import BiuroCase
from .common_team import TeamMixin

# queries of one get_tiles() call of the manager's office view, caches warm: a
# few per tile (the count, the action of the list), never per client
MAX_QUERIES = 80


@tagged("post_install", "-at_install")
class TestPulpit(TeamMixin, BiuroCase):
    """The Pulpit's one call: rights, what each tile counts, the list it opens,
    and a number of queries that does not grow with the office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        cls.Pulpit = cls.env["biuro.pulpit"]
        cls.today = fields.Date.context_today(cls.Pulpit)

    def _tiles(self, user, scope="mine"):
        result = self.Pulpit.with_user(user).get_tiles(scope)
        return {tile["key"]: tile for tile in result["tiles"]}

    def _listed(self, user, tile):
        action = tile["action"]
        return self.env[action["res_model"]].with_user(user).search(action["domain"])

    def test_only_office_users_and_the_office_view_for_managers(self):
        with self.assertRaises(AccessError):
            self.Pulpit.with_user(self.outsider).get_tiles()
        with self.assertRaises(AccessError):
            self.Pulpit.with_user(self.accountant_a).get_tiles("office")
        with self.assertRaises(UserError):
            self.Pulpit.with_user(self.manager).get_tiles("everything")
        result = self.Pulpit.with_user(self.accountant_a).get_tiles()
        self.assertFalse(result["can_see_office"])
        office = self.Pulpit.with_user(self.manager).get_tiles("office")
        self.assertTrue(office["can_see_office"])
        # the answer marshals over Odoo's XML-RPC (no None in tiles and actions)
        for answer in (result, office):
            self.assertIn("obligations_late", xmlrpc_dumps((answer,)))

    def test_deadlines_tiles_mine_and_office(self):
        late_a = self.make_obligation(self.client_a, self.today - timedelta(days=3))
        self.make_obligation(self.client_b, self.today - timedelta(days=2), "late")
        # the last day of this week (Sunday) counts, the next Monday does not
        sunday = self.today + timedelta(days=6 - self.today.weekday())
        week_a = self.make_obligation(self.client_a, sunday)
        self.make_obligation(self.client_a, sunday + timedelta(days=1))
        self.make_obligation(self.client_a, self.today - timedelta(days=4), "filed")
        mine = self._tiles(self.accountant_a)
        self.assertEqual(mine["obligations_late"]["count"], 1)
        self.assertEqual(
            self._listed(self.accountant_a, mine["obligations_late"]), late_a
        )
        self.assertEqual(mine["obligations_week"]["count"], 1)
        self.assertEqual(
            self._listed(self.accountant_a, mine["obligations_week"]), week_a
        )
        self.assertEqual(
            mine["obligations_late"]["action"]["context"], {"group_by": "partner_id"}
        )
        # the team member of client A sees the same
        self.assertEqual(self._tiles(self.assistant_a)["obligations_late"]["count"], 1)
        office = self._tiles(self.manager, "office")
        late = self._listed(self.manager, office["obligations_late"])
        self.assertEqual(office["obligations_late"]["count"], len(late))
        self.assertGreaterEqual(len(late), 2)
        self.assertEqual(self._tiles(self.manager)["obligations_late"]["count"], 0)

    def test_documents_contracts_and_clients_tiles(self):
        portal = self.env["res.users"].create(
            {
                "name": "Klient Portalowy",
                "login": "pulpit_portal",
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        Document = self.env["biuro.document"]
        from_client = Document.create(
            {
                "name": "Faktury",
                "partner_id": self.client_a.id,
                "uploaded_by": portal.id,
            }
        )
        Document.create({"name": "Nasza notatka", "partner_id": self.client_a.id})
        Document.create(
            {
                "name": "Przetworzone",
                "partner_id": self.client_a.id,
                "uploaded_by": portal.id,
                "state": "processed",
            }
        )
        ending = self.env["biuro.contract"].create(
            {
                "partner_id": self.client_a.id,
                "date_start": date(2025, 1, 1),
                "date_end": self.today + timedelta(days=10),
                "state": "active",
            }
        )
        # client B sent last month's documents, client A did not
        last_month = (self.today.replace(day=1) - timedelta(days=1)).replace(day=1)
        Document.create(
            {"name": "Wyciąg", "partner_id": self.client_b.id, "period": last_month}
        )
        (self.client_a | self.client_b).biuro_state = "active"
        tiles = self._tiles(self.accountant_a)
        self.assertEqual(
            self._listed(self.accountant_a, tiles["documents_from_clients"]),
            from_client,
        )
        self.assertEqual(
            self._listed(self.accountant_a, tiles["contracts_ending"]), ending
        )
        self.assertEqual(
            self._listed(self.accountant_a, tiles["clients_without_documents"]),
            self.client_a,
        )
        office = self._tiles(self.manager, "office")
        without = self._listed(self.manager, office["clients_without_documents"])
        self.assertIn(self.client_a, without)
        self.assertNotIn(self.client_b, without)
        self.assertEqual(
            office["clients_without_documents"]["action"]["res_model"], "res.partner"
        )

    def test_counts_respect_record_rules(self):
        other_company = self.env["res.company"].create({"name": "Inne Biuro"})
        obligation = self.make_obligation(self.client_a, self.today - timedelta(days=1))
        self.assertEqual(self._tiles(self.accountant_a)["obligations_late"]["count"], 1)
        # a record of a company the accountant does not work in is not counted
        obligation.company_id = other_company
        self.assertEqual(self._tiles(self.accountant_a)["obligations_late"]["count"], 0)

    def test_team_visibility_applies_to_the_office_view(self):
        self.make_obligation(self.client_b, self.today - timedelta(days=1))
        self.set_team_visibility(True)
        # managers keep the whole office; a restricted accountant has no office view
        office = self._tiles(self.manager, "office")
        self.assertIn(
            self.client_b,
            self._listed(self.manager, office["obligations_late"]).partner_id,
        )

    def test_the_tile_hook_adds_tiles(self):
        tiles = self.Pulpit._biuro_pulpit_tiles()
        keys = [tile["key"] for tile in tiles]
        self.assertEqual(len(keys), len(set(keys)))
        for tile in tiles:
            self.assertTrue({"key", "name", "model", "domain"} <= set(tile))

    def test_office_view_queries_do_not_grow_with_clients(self):
        Partner = self.env["res.partner"]
        late_day = self.today - timedelta(days=1)

        def grow_to(count):
            clients = Partner.search_count(
                [("biuro_client", "=", True), ("name", "like", "Klient Pulpitu")]
            )
            new = Partner.create(
                [
                    {
                        "name": f"Klient Pulpitu {index:03d}",
                        "is_company": True,
                        "biuro_client": True,
                        "biuro_state": "active",
                        "biuro_accountant_id": self.accountant_a.id,
                    }
                    for index in range(clients, count)
                ]
            )
            for client in new:
                self.make_obligation(client, late_day)

        views = [
            (self.Pulpit.with_user(self.manager), "office"),
            (self.Pulpit.with_user(self.accountant_a), "mine"),
        ]
        grow_to(10)
        budgets = {}
        counts = {}
        for pulpit, scope in views:
            pulpit.get_tiles(scope)  # warm the caches of the rules and the actions
            # the budget is measured with 10 clients (it depends on the sister
            # addons installed: each adds its tiles) and must hold with 200
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = pulpit.get_tiles(scope)
            self.env.flush_all()
            budgets[scope] = self.cr.sql_log_count - before
            self.assertLessEqual(budgets[scope], MAX_QUERIES)
            if scope == "office":
                counts[10] = result
        grow_to(200)
        for pulpit, scope in views:
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(budgets[scope]):
                result = pulpit.get_tiles(scope)
            if scope == "office":
                counts[200] = result
        late = {
            size: next(t for t in result["tiles"] if t["key"] == "obligations_late")
            for size, result in counts.items()
        }
        self.assertEqual(late[200]["count"] - late[10]["count"], 190)

    def test_the_pulpit_is_the_landing_page_of_the_app(self):
        root = self.env.ref("crm_biuro.menu_biuro_root")
        first = root.child_id.sorted(lambda menu: (menu.sequence, menu.id))[0]
        self.assertEqual(first, self.env.ref("crm_biuro.menu_biuro_pulpit"))
        self.assertEqual(first.action, self.env.ref("crm_biuro.action_biuro_pulpit"))
