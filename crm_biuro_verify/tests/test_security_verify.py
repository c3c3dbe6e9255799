"""Attacks on crm_biuro_verify (security review 2026-12, F1, F9-F11; issue #11),
each performed as the weakest role that could try it, as roles x operations."""

import pathlib
import re
from datetime import date

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from ..registries.http import warsaw_now
from ..services import outcomes, writer
from .common import NIP_GUS, NIP_JDG, NIP_SPZOO, VerifyCase

NRB = "61109010140000071219812874"  # a valid NRB the fakes do not list
PESEL = "44051401359"
ADDON = pathlib.Path(__file__).resolve().parents[1]


def assert_no_none(case, value, path="answer"):
    """Walk ``value`` and fail on any None (XML-RPC cannot carry it)."""
    case.assertIsNotNone(value, path)
    if isinstance(value, dict):
        for key, item in value.items():
            assert_no_none(case, item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            assert_no_none(case, item, f"{path}[{index}]")


@tagged("post_install", "-at_install")
class TestVerifySecurityMatrix(VerifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "biuro_verify_portal2", groups="base.group_portal"
        )
        cls.admin = cls.env.ref("base.user_admin")
        # the victim: another client with evidence and a timeline message
        cls.victim = cls.Partner.browse(cls.Partner.biuro_create_from_nip(NIP_GUS))
        cls.victim_evidence = cls.Evidence.search(
            [("partner_id", "=", cls.victim.id), ("registry", "=", "gus")]
        )
        cls.victim_message = cls.victim.message_post(body="Umowa podpisana")
        cls.today = warsaw_now().date()
        cls.Wizard = cls.env["biuro.client.from.nip"]

    def sent(self):
        return sum(app.total() for app in self.fake.apps.values())

    def forged_lookup(self, nip):
        """The review's F1 payload: back-dated evidence, a fake requestId, x2many
        commands on other records, a manager-only field, a listed account."""
        return {
            "values": {"nip": nip, "name": "Forged sp. z o.o.", "exists": False},
            "evidence": {
                "whitelist": {
                    "registry": "whitelist",
                    "state": "ok",
                    "summary": "Czynny",
                    "request_id": "FAKE-1",
                    "payload": "{}",
                    "snapshot": None,
                    "changes": [],
                    "fill": {"comment": "forged"},
                    "alert": False,
                    "owners": [{"name": "SŁUP", "interest": "100%"}],
                    "accounts": [NRB],
                    "day": "2024-01-02",
                    "updates": {
                        "biuro_pesel": PESEL,
                        "biuro_verification_ids": [[2, self.victim_evidence.id, 0]],
                        "message_ids": [
                            [1, self.victim_message.id, {"body": "<p>tampered</p>"}]
                        ],
                        "ref_company_ids": [
                            [1, self.env.company.id, {"name": "Hacked"}]
                        ],
                    },
                }
            },
        }

    def assert_nothing_forged(self, client):
        evidence = self.evidence(client)
        self.assertTrue(evidence)
        self.assertNotIn("FAKE-1", evidence.mapped("request_id"))
        self.assertEqual(set(evidence.mapped("check_date")), {self.today})
        self.assertTrue(self.victim_evidence.exists())
        self.assertIn("Umowa podpisana", self.victim_message.body)
        self.assertNotEqual(self.env.company.name, "Hacked")
        self.assertFalse(client.biuro_pesel)
        self.assertFalse(client.comment)
        self.assertNotIn(NRB, client.bank_ids.mapped("acc_number"))
        self.assertNotIn("SŁUP", client.biuro_beneficial_owner_ids.mapped("name"))
        self.assertNotEqual(client.name, "Forged sp. z o.o.")

    # --- F1: add by NIP -----------------------------------------------------------

    def test_forged_lookup_data_in_the_wizard_is_never_applied(self):
        """The review's exact attack as an office user: a wizard created with a
        hand-made lookup_data, put in the preview state, then action_create."""
        wizard = self.Wizard.with_user(self.user).create(
            {
                "nip": NIP_SPZOO,
                "state": "preview",
                "lookup_data": self.forged_lookup(NIP_SPZOO),
            }
        )
        action = wizard.action_create()
        client = self.Partner.browse(action["res_id"])
        self.assertEqual(client.biuro_nip, NIP_SPZOO)
        self.assert_nothing_forged(client)
        # what was applied is the registries' answer
        self.assertEqual(client.biuro_regon, "276592498")
        self.assertEqual(
            set(client.bank_ids.mapped("biuro_whitelist_state")), {"listed"}
        )

    def test_wizard_preview_keeps_nothing_the_user_can_write(self):
        wizard = self.Wizard.with_user(self.user).create({"nip": NIP_SPZOO})
        wizard.action_lookup()
        # the raw answers (manager-only payload) are not in the user's wizard
        self.assertFalse(wizard.lookup_data)
        self.assertNotIn("payload", str(wizard.read()[0]))
        # overwriting it between preview and create changes nothing
        wizard.lookup_data = self.forged_lookup(NIP_SPZOO)
        client = self.Partner.browse(wizard.action_create()["res_id"])
        self.assert_nothing_forged(client)

    def test_preview_then_create_asks_the_registries_once(self):
        for how in ("wizard", "rpc"):
            with self.subTest(how=how):
                nip = NIP_SPZOO if how == "wizard" else NIP_JDG
                self.fake.reset()
                if how == "wizard":
                    wizard = self.Wizard.with_user(self.user).create({"nip": nip})
                    wizard.action_lookup()
                    before = self.fake.counts()
                    wizard.action_create()
                else:
                    Partner = self.Partner.with_user(self.user)
                    Partner.biuro_lookup_nip(nip)
                    before = self.fake.counts()
                    Partner.biuro_create_from_nip(nip)
                after = self.fake.counts()
                for registry in ("gus", "whitelist", "krs", "vies"):
                    self.assertEqual(after[registry], before[registry], registry)
                self.assertEqual(before["whitelist"]["search/nips"], 1)

    def test_other_users_lookups_are_not_reused(self):
        self.Partner.with_user(self.user).biuro_lookup_nip(NIP_SPZOO)
        before = self.fake.counts()["whitelist"]["search/nips"]
        self.Partner.with_user(self.manager).biuro_create_from_nip(NIP_SPZOO)
        self.assertEqual(self.fake.counts()["whitelist"]["search/nips"], before + 1)

    def test_create_from_nip_takes_a_nip_only(self):
        Partner = self.Partner.with_user(self.user)
        for argument in (
            self.forged_lookup(NIP_SPZOO),
            [NIP_SPZOO, {"biuro_pesel": PESEL}],
            True,
            None,
        ):
            with (
                self.subTest(argument=argument),
                self.assertRaisesMsg(UserError, "is not a valid NIP"),
            ):
                Partner.biuro_create_from_nip(argument)
        with self.assertRaises(TypeError):
            Partner.biuro_create_from_nip(
                NIP_SPZOO, evidence=self.forged_lookup(NIP_SPZOO)["evidence"]
            )
        self.assertEqual(self.sent(), 0)

    def test_server_side_lookups_are_nobodys(self):
        self.Partner.with_user(self.user).biuro_lookup_nip(NIP_SPZOO)
        Lookup = self.env["biuro.verify.lookup"]
        row = Lookup.search([("user_id", "=", self.user.id)])
        self.assertTrue(row)
        for user in (self.user, self.manager, self.admin, self.outsider, self.portal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Lookup.with_user(user).search([])
                with self.assertRaises(AccessError):
                    row.with_user(user).read(["data"])
                with self.assertRaises(AccessError):
                    row.with_user(user).write({"data": self.forged_lookup(NIP_SPZOO)})
                with self.assertRaises(AccessError):
                    Lookup.with_user(user).create(
                        {"user_id": user.id, "nip": NIP_SPZOO, "day": self.today}
                    )

    def test_writer_applies_its_allow_list_only(self):
        """Whatever an outcome holds, the writer sets the listed plain fields."""
        client = self.make_fake_client(NIP_JDG)
        outcome = outcomes.Outcome(
            "gus",
            "ok",
            "OK",
            fill={"comment": "x", "biuro_regon": [[5]]},
            updates={
                "biuro_pesel": PESEL,
                "message_ids": [[2, self.victim_message.id, 0]],
                "biuro_vat_status": "czynny",
            },
            accounts=[NRB[:-1], {"acc": 1}],
        )
        writer.apply_outcomes(self.env, "gus", self.today, [(client, outcome)])
        self.assertFalse(client.comment or client.biuro_pesel or client.biuro_regon)
        self.assertEqual(client.biuro_vat_status, "czynny")
        self.assertTrue(self.victim_message.exists())
        self.assertFalse(client.bank_ids)

    # --- F11: verdicts are the service's ------------------------------------------

    def test_verdicts_are_not_writable_by_hand(self):
        client = self.make_fake_client(NIP_JDG)
        bank = self.env["res.partner.bank"].create(
            {"acc_number": NRB, "partner_id": client.id}
        )
        owner = self.env["biuro.beneficial.owner"].create(
            {"partner_id": client.id, "name": "JAN CRBR", "source": "crbr"}
        )
        attempts = {
            "write client state": lambda env: (
                env["res.partner"]
                .browse(client.id)
                .write({"biuro_verify_gus_state": "ok"})
            ),
            "write client date": lambda env: (
                env["res.partner"]
                .browse(client.id)
                .write({"biuro_verify_crbr_date": "2026-01-01"})
            ),
            "create verified client": lambda env: env["res.partner"].create(
                {"name": "Fake", "biuro_verify_whitelist_state": "ok"}
            ),
            "mark account listed": lambda env: (
                env["res.partner.bank"]
                .browse(bank.id)
                .write({"biuro_whitelist_state": "listed"})
            ),
            "create listed account": lambda env: env["res.partner.bank"].create(
                {
                    "acc_number": "11114015601081110181488249",
                    "partner_id": client.id,
                    "biuro_whitelist_state": "listed",
                }
            ),
            "create CRBR owner": lambda env: env["biuro.beneficial.owner"].create(
                {"partner_id": client.id, "name": "SŁUP", "source": "crbr"}
            ),
            "edit CRBR owner": lambda env: (
                env["biuro.beneficial.owner"]
                .browse(owner.id)
                .write({"interest": "100%"})
            ),
            "delete CRBR owner": lambda env: (
                env["biuro.beneficial.owner"].browse(owner.id).unlink()
            ),
            "relabel a declared owner": lambda env: (
                env["biuro.beneficial.owner"]
                .create({"partner_id": client.id, "name": "DEKLAROWANY"})
                .write({"source": "crbr"})
            ),
            "x2many on the client": lambda env: (
                env["res.partner"]
                .browse(client.id)
                .write(
                    {
                        "biuro_beneficial_owner_ids": [
                            Command.create({"name": "SŁUP", "source": "crbr"})
                        ]
                    }
                )
            ),
        }
        for user in (self.user, self.manager, self.admin):
            for name, attempt in attempts.items():
                with self.subTest(user=user.login, attempt=name):
                    # an RPC caller sets any context it likes: no flag helps
                    env = self.env(
                        user=user.id,
                        context=dict(
                            self.env.context,
                            tracking_disable=True,
                            biuro_verify_trusted=True,
                        ),
                        su=False,
                    )
                    with self.assertRaises(AccessError), mute_logger("odoo.models"):
                        attempt(env)
        self.assertFalse(client.biuro_verify_gus_state)
        self.assertFalse(bank.biuro_whitelist_state)
        self.assertEqual(owner.interest, False)
        self.assertTrue(owner.exists())
        # declared owners stay the users' to edit
        declared = (
            self.env["biuro.beneficial.owner"]
            .with_user(self.user)
            .create({"partner_id": client.id, "name": "ANNA DEKLAROWANA"})
        )
        declared.write({"interest": "50%"})
        self.assertEqual(declared.source, "declared")

    def test_verdict_error_is_translated(self):
        client = self.make_fake_client(NIP_JDG)
        with self.assertRaisesMsg(AccessError, "weryfikacja w rejestrach"):
            client.with_user(self.user).with_context(lang="pl_PL").write(
                {"biuro_verify_gus_state": "ok"}
            )

    def test_the_service_still_writes_verdicts(self):
        client = self.make_fake_client(NIP_SPZOO).with_user(self.user)
        client.action_biuro_verify()
        self.assertEqual(client.biuro_verify_whitelist_state, "ok")
        self.assertEqual(
            set(client.biuro_bank_account_ids.mapped("biuro_whitelist_state")),
            {"listed"},
        )

    def test_changing_a_listed_account_drops_its_mark(self):
        client = self.Partner.browse(self.Partner.biuro_create_from_nip(NIP_SPZOO))
        bank = client.bank_ids[0].with_user(self.user)
        self.assertEqual(bank.biuro_whitelist_state, "listed")
        bank.acc_number = NRB
        self.assertFalse(bank.biuro_whitelist_state)
        self.assertFalse(bank.biuro_whitelist_date)

    def test_merge_carries_the_verdicts(self):
        survivor = self.make_fake_client(NIP_JDG)
        merged = self.make_fake_client(NIP_SPZOO)
        merged.action_biuro_verify()
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.manager)
            .with_context(
                active_model="res.partner",
                active_ids=(survivor | merged).ids,
                biuro_merge_dst_partner_id=survivor.id,
            )
            .create({})
        )
        wizard.action_merge()
        self.assertEqual(survivor.biuro_verify_whitelist_state, "ok")
        self.assertEqual(
            set(survivor.bank_ids.mapped("biuro_whitelist_state")), {"listed"}
        )

    # --- F10: daily cap, cross-company answers ------------------------------------

    def test_daily_cap_of_lookups(self):
        icp = self.env["ir.config_parameter"]
        icp.set_param("crm_biuro_verify.lookup_daily_limit", "2")
        icp.set_param("crm_biuro_verify.lookup_daily_limit_manager", "3")
        Partner = self.Partner.with_user(self.user)
        Partner.biuro_lookup_nip(NIP_SPZOO)
        Partner.biuro_lookup_nip(NIP_JDG)
        Partner.biuro_lookup_nip(NIP_SPZOO)  # reused: not counted, no request
        sent = self.sent()
        with self.assertRaisesMsg(UserError, "today's 2 lookups by NIP"):
            Partner.biuro_lookup_nip("7740001454")
        with self.assertRaisesMsg(UserError, "today's 2 lookups by NIP"):
            self.Wizard.with_user(self.user).create(
                {"nip": "7740001454"}
            ).action_lookup()
        self.assertEqual(self.sent(), sent)
        # the manager has a cap of its own; the daily cron is not capped
        Manager = self.Partner.with_user(self.manager)
        for nip in (NIP_SPZOO, NIP_JDG, "7740001454"):
            Manager.biuro_lookup_nip(nip)
        with self.assertRaisesMsg(UserError, "today's 3 lookups by NIP"):
            Manager.biuro_lookup_nip("5260250995")
        self.make_fake_client(NIP_SPZOO)
        result = self.Partner._cron_biuro_verify()
        self.assertTrue(result["done"])
        # only administrators change the cap
        for user in (self.user, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                icp.with_user(user).set_param(
                    "crm_biuro_verify.lookup_daily_limit", "1000"
                )

    def test_other_companys_client_is_not_named(self):
        company_b = self.env["res.company"].create({"name": "Biuro B"})
        hidden = self.make_fake_client(NIP_SPZOO, company_id=company_b.id)
        hidden.name = "Tajny Klient B"
        user_b = new_test_user(
            self.env,
            "biuro_user_b",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        # a user of company A learns only that the NIP is taken
        answer = self.Partner.with_user(self.user).biuro_lookup_nip(NIP_SPZOO)
        self.assertTrue(answer["exists"])
        self.assertIs(answer["existing_id"], False)
        self.assertEqual(answer["existing_name"], "")
        self.assertNotIn("Tajny", str(answer))
        assert_no_none(self, answer)
        with self.assertRaises(UserError) as caught:
            self.Partner.with_user(self.user).biuro_create_from_nip(NIP_SPZOO)
        self.assertIn("cannot open", str(caught.exception))
        self.assertNotIn("Tajny", str(caught.exception))
        wizard = self.Wizard.with_user(self.user).create({"nip": NIP_SPZOO})
        action = wizard.action_lookup()
        self.assertNotIn("Tajny", str(action))
        self.assertNotIn("next", action["params"])
        self.assertFalse(wizard.existing_partner_id)
        # a forged existing_partner_id opens nothing either
        wizard.existing_partner_id = hidden
        self.assertNotIn("Tajny", str(wizard.action_open_existing()))
        self.assertEqual(self.sent(), 0)
        # the client's own company sees it
        answer = self.Partner.with_user(user_b).biuro_lookup_nip(NIP_SPZOO)
        self.assertEqual(answer["existing_id"], hidden.id)
        self.assertEqual(answer["existing_name"], "Tajny Klient B")

    def test_probes_of_hidden_clients_count_in_the_cap(self):
        company_b = self.env["res.company"].create({"name": "Biuro C"})
        self.make_fake_client(NIP_SPZOO, company_id=company_b.id)
        self.env["ir.config_parameter"].set_param(
            "crm_biuro_verify.lookup_daily_limit", "2"
        )
        Partner = self.Partner.with_user(self.user)
        Partner.biuro_lookup_nip(NIP_SPZOO)
        Partner.biuro_lookup_nip(NIP_SPZOO)
        with self.assertRaisesMsg(UserError, "today's 2 lookups"):
            Partner.biuro_lookup_nip(NIP_SPZOO)

    # --- point 9: answers XML-RPC can carry ---------------------------------------

    def test_answers_hold_no_none(self):
        Partner = self.Partner.with_user(self.user)
        for app in self.fake.apps.values():
            app.set_faults(http_500=True)
        down = Partner.biuro_lookup_nip(NIP_SPZOO)
        assert_no_none(self, down)
        self.assertEqual(
            {src["state"] for src in down["sources"].values()}, {"unavailable"}
        )
        self.assertIs(down["vat_ue"], False)
        with self.assertRaisesMsg(UserError, "No registry returned the company"):
            Partner.biuro_create_from_nip(NIP_SPZOO)
        for app in self.fake.apps.values():
            app.reset()
        unknown = Partner.biuro_lookup_nip("7740001454")
        assert_no_none(self, unknown)
        self.assertEqual(unknown["name"], "")
        up = Partner.biuro_lookup_nip(NIP_SPZOO)
        assert_no_none(self, up)
        self.assertEqual(set(up), set(down))
        client = self.Partner.browse(Partner.biuro_create_from_nip(NIP_SPZOO))
        assert_no_none(self, client.with_user(self.user).action_biuro_verify())
        assert_no_none(
            self, client.with_user(self.user).action_biuro_open_verifications()
        )
        wizard = self.Wizard.with_user(self.user).create({"nip": NIP_JDG})
        assert_no_none(self, wizard.action_lookup())
        assert_no_none(self, wizard.action_create())
        again = self.Wizard.with_user(self.user).create({"nip": NIP_JDG})
        assert_no_none(self, again.action_lookup())
        assert_no_none(self, again.action_open_existing())

    # --- roles x public methods ---------------------------------------------------

    def test_public_methods_refuse_portal_and_plain_employees(self):
        client = self.victim
        calls = {
            "biuro_lookup_nip": lambda user: self.Partner.with_user(
                user
            ).biuro_lookup_nip(NIP_SPZOO),
            "biuro_create_from_nip": lambda user: self.Partner.with_user(
                user
            ).biuro_create_from_nip(NIP_SPZOO),
            "action_biuro_verify": lambda user: client.with_user(
                user
            ).action_biuro_verify(),
            "action_biuro_open_verifications": lambda user: client.with_user(
                user
            ).action_biuro_open_verifications(),
            "wizard": lambda user: self.Wizard.with_user(user).create(
                {"nip": NIP_SPZOO}
            ),
            "write verdict": lambda user: client.with_user(user).write(
                {"biuro_verify_gus_state": "ok"}
            ),
        }
        for user in (self.portal, self.outsider):
            for name, call in calls.items():
                with (
                    self.subTest(user=user.login, call=name),
                    self.assertRaises(AccessError),
                    mute_logger("odoo.models"),
                ):
                    call(user)
        self.assertEqual(self.sent(), 0)

    def test_settings_cannot_be_saved_by_non_administrators(self):
        """set_values is public: over RPC any user may call it on no record."""
        icp = self.env["ir.config_parameter"]
        Settings = self.env["res.config.settings"]
        for user in (self.portal, self.outsider, self.user, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Settings.with_user(user).browse().set_values()
        self.assertEqual(icp.get_param("crm_biuro_verify.whitelist_enabled"), "True")
        self.assertTrue(icp.get_param("crm_biuro_verify.gus_key"))

    # --- point 10: uniqueness holds for empty values too --------------------------

    def test_one_check_per_client_registry_and_day(self):
        Evidence = self.env["biuro.verification"]
        vals = {
            "partner_id": self.victim.id,
            "registry": "krs",
            "check_date": date(2026, 1, 5),
            "state": "ok",
        }
        Evidence.create(vals)
        with (
            self.assertRaises(psycopg2.IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Evidence.create(vals)
        self.env.cr.execute(
            """SELECT pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conname = 'biuro_verification_partner_registry_day_unique'"""
        )
        self.assertIn("NULLS NOT DISTINCT", self.env.cr.fetchone()[0])
        # and no column of the rule can be empty
        columns = ("partner_id", "registry", "check_date")
        for column in columns:
            select = SQL(", ").join(
                SQL("NULL") if name == column else SQL.identifier(name)
                for name in columns
            )
            with (
                self.subTest(column=column),
                self.assertRaises(psycopg2.IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(
                    SQL(
                        "INSERT INTO biuro_verification"
                        " (partner_id, registry, check_date, state)"
                        " SELECT %s, state FROM biuro_verification WHERE id = %s",
                        select,
                        self.victim_evidence.id,
                    )
                )

    # --- every sudo says why ------------------------------------------------------

    def test_every_sudo_is_commented(self):
        missing = []
        for path in ADDON.rglob("*.py"):
            if "tests" in path.parts or "fake_registries" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                if ".sudo(" not in line:
                    continue
                window = lines[max(0, number - 3) : number + 1]
                if not any(re.search(r"#.*sudo:", text) for text in window):
                    missing.append(f"{path.relative_to(ADDON)}:{number + 1}")
        self.assertEqual(missing, [])
