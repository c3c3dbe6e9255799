from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BiuroCase
from .common_team import TeamMixin

RECORD_MODELS = ("biuro.contract", "biuro.tax.inspection", "biuro.document")


@tagged("post_install", "-at_install")
class TestTeamVisibility(TeamMixin, BiuroCase):
    """ "Accountants see only their clients": role × model, setting on and off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_team()
        cls.records = {}
        for model in RECORD_MODELS:
            cls.records[model] = {
                client: cls.env[model].create(cls.record_vals(model, client))
                for client in (cls.client_a, cls.client_b)
            }

    def setUp(self):
        super().setUp()
        self.records["biuro.obligation"] = {
            client: self.make_obligation(client, date(2026, 2, 25))
            for client in (self.client_a, self.client_b)
        }
        self.contact_b = self.env["res.partner"].create(
            {"name": "Jan Kontaktowy", "parent_id": self.client_b.id}
        )

    def _visible(self, user, model):
        ids = [rec.id for rec in self.records[model].values()]
        return self.env[model].with_user(user).search([("id", "in", ids)])

    def test_setting_off_every_office_user_sees_every_client(self):
        self.set_team_visibility(False)
        for model in self.records:
            with self.subTest(model=model):
                self.assertEqual(len(self._visible(self.accountant_a, model)), 2)
        clients = self.env["res.partner"].with_user(self.accountant_a)
        self.assertEqual(
            clients.search([("id", "in", (self.client_a | self.client_b).ids)]),
            self.client_a | self.client_b,
        )
        self.records["biuro.contract"][self.client_b].with_user(self.accountant_a).read(
            ["name"]
        )

    def test_setting_on_accountant_sees_only_own_clients_records(self):
        self.set_team_visibility(True)
        for user in (self.accountant_a, self.assistant_a):
            for model, by_client in self.records.items():
                with self.subTest(user=user.login, model=model):
                    self.assertEqual(
                        self._visible(user, model), by_client[self.client_a]
                    )
                    foreign = by_client[self.client_b].with_user(user)
                    with self.assertRaises(AccessError):
                        foreign.read(["partner_id"])
                    with self.assertRaises(AccessError):
                        foreign.write({"partner_id": self.client_b.id})
        # nor is a record created for another's client
        for model in RECORD_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.accountant_a).create(
                    self.record_vals(model, self.client_b)
                )
        # accountant B sees B only
        self.assertEqual(
            self._visible(self.accountant_b, "biuro.document"),
            self.records["biuro.document"][self.client_b],
        )

    def test_setting_on_clients_and_their_contacts(self):
        self.set_team_visibility(True)
        partners = self.env["res.partner"].with_user(self.accountant_a)
        both = (self.client_a | self.client_b | self.contact_b).ids
        self.assertEqual(partners.search([("id", "in", both)]), self.client_a)
        with self.assertRaises(AccessError):
            self.client_b.with_user(self.accountant_a).read(["name"])
        with self.assertRaises(AccessError):
            self.contact_b.with_user(self.accountant_a).read(["name"])
        # partners that are not office clients stay visible (colleagues, suppliers)
        supplier = self.env["res.partner"].create({"name": "Dostawca papieru"})
        self.assertTrue(supplier.with_user(self.accountant_a).read(["name"]))
        self.assertTrue(
            self.accountant_b.partner_id.with_user(self.accountant_a).read(["name"])
        )

    def test_setting_on_profile_history_and_suspensions_follow_the_client(self):
        for client in (self.client_a, self.client_b):
            self.env["biuro.client.suspension"].create(
                {
                    "partner_id": client.id,
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 5, 31),
                }
            )
        clients = (self.client_a | self.client_b).ids
        for model in ("biuro.tax.profile", "biuro.client.suspension"):
            rows = self.env[model].search([("partner_id", "in", clients)])
            self.assertEqual(rows.partner_id, self.client_a | self.client_b, model)
            self.set_team_visibility(False)
            visible = (
                self.env[model]
                .with_user(self.accountant_a)
                .search([("partner_id", "in", clients)])
            )
            self.assertEqual(visible, rows, model)
            self.set_team_visibility(True)
            visible = (
                self.env[model]
                .with_user(self.accountant_a)
                .search([("partner_id", "in", clients)])
            )
            self.assertEqual(visible.partner_id, self.client_a, model)
            foreign = rows.filtered(lambda r: r.partner_id == self.client_b)
            with self.assertRaises(AccessError):
                foreign.with_user(self.accountant_a).read(["partner_id"])

    def test_setting_on_manager_sees_all(self):
        self.set_team_visibility(True)
        for model in self.records:
            with self.subTest(model=model):
                self.assertEqual(len(self._visible(self.manager, model)), 2)
        self.assertTrue(self.client_b.with_user(self.manager).read(["name"]))

    def test_setting_on_timeline_messages_and_emails_follow_the_client(self):
        self.set_team_visibility(True)
        mails = {
            client: client.message_post(
                body="Faktury w załączeniu", message_type="email", email_from="k@x.pl"
            )
            for client in (self.client_a, self.client_b)
        }
        found = (
            self.env["mail.message"]
            .with_user(self.accountant_a)
            .search([("id", "in", [m.id for m in mails.values()])])
        )
        self.assertEqual(found, mails[self.client_a])
        with self.assertRaises(AccessError):
            mails[self.client_b].with_user(self.accountant_a).read(["body"])

    def test_switch_applies_at_once(self):
        document_b = self.records["biuro.document"][self.client_b]
        self.set_team_visibility(False)
        self.assertTrue(document_b.with_user(self.accountant_a).read(["name"]))
        self.set_team_visibility(True)
        with self.assertRaises(AccessError):
            document_b.with_user(self.accountant_a).read(["name"])
        self.set_team_visibility(False)
        self.assertTrue(document_b.with_user(self.accountant_a).read(["name"]))

    def test_assigning_the_accountant_opens_the_client(self):
        self.set_team_visibility(True)
        with self.assertRaises(AccessError):
            self.client_b.with_user(self.accountant_a).read(["name"])
        self.client_b.biuro_assistant_ids = [(4, self.accountant_a.id)]
        self.assertTrue(self.client_b.with_user(self.accountant_a).read(["name"]))

    def test_a_client_created_by_a_restricted_accountant_is_theirs(self):
        self.set_team_visibility(True)
        client = (
            self.env["res.partner"]
            .with_user(self.accountant_a)
            .create({"name": "Nowy Klient sp. z o.o.", "biuro_client": True})
        )
        self.assertEqual(client.biuro_accountant_id, self.accountant_a)
        self.assertTrue(client.with_user(self.accountant_a).read(["name"]))

    def test_only_administrators_change_the_setting(self):
        settings = self.env["res.config.settings"]
        with self.assertRaises(AccessError):
            settings.with_user(self.manager).create({"biuro_team_visibility": True})
        settings.create({"biuro_team_visibility": True}).execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("crm_biuro.team_visibility"),
            "True",
        )
        with self.assertRaises(AccessError):
            self.client_b.with_user(self.accountant_a).read(["name"])

    def test_the_setting_is_on_the_settings_page(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="biuro_team_visibility"', arch)
