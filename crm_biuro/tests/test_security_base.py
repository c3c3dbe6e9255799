"""Who may do what in crm_biuro, and the attacks of the December 2026 security
review (issue #11) replayed as the weakest role that could try them.

Roles: office user (crm_biuro.group_biuro_user, the lowest office role), office
manager, a plain internal employee without the office groups, and a portal person.
"""

from contextlib import contextmanager
from datetime import date

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import NIP_A, NIP_B, PESEL_OK, BiuroCase

NIP_C = "9542638005"

R, W, C, U = "read", "write", "create", "unlink"
ALL = {R, W, C, U}
# (model): {role: operations allowed by the access rights}
MATRIX = {
    "res.partner": {
        "user": ALL,
        "manager": ALL,
        "outsider": {R},
        "portal": {R},
    },
    "biuro.declaration.type": {"user": {R}, "manager": ALL},
    "biuro.document.category": {"user": {R}, "manager": ALL},
    "biuro.contract": {"user": {R, W, C}, "manager": ALL},
    "biuro.tax.inspection": {"user": {R, W, C}, "manager": ALL},
    "biuro.document": {"user": {R, W, C}, "manager": ALL},
    "biuro.obligation": {"user": {R, W, C}, "manager": ALL},
    "biuro.tax.profile": {"user": {R, W, C}, "manager": ALL},
    "biuro.client.suspension": {"user": ALL, "manager": ALL},
    "biuro.client.duplicate": {"user": {R}, "manager": {R}},
    "biuro.report.activity": {"user": {R}, "manager": {R}},
    "biuro.client.mass.update": {"user": ALL, "manager": ALL},
    "biuro.obligation.file": {"user": ALL, "manager": ALL},
    "biuro.report.wizard": {"user": ALL, "manager": ALL},
    "biuro.client.report": {"user": ALL, "manager": ALL},
    "biuro.gdpr.anonymize": {"manager": ALL},
    "biuro.gdpr.export": {"manager": ALL},
}
# crm_biuro_portal lets portal people read their clients' documents and contracts
# (record rules then keep them to their own clients)
PORTAL_ADDON_READS = {"biuro.document", "biuro.contract", "biuro.document.category"}


class SecurityCase(BiuroCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, "biuro_portal_person", groups="base.group_portal"
        )
        cls.roles = {
            "user": cls.user,
            "manager": cls.manager,
            "outsider": cls.outsider,
            "portal": cls.portal,
        }
        cls.jpk = cls.env.ref("crm_biuro.declaration_type_jpk_v7m")

    def obligation_vals(self, client, **vals):
        return {
            "partner_id": client.id,
            "declaration_type_id": self.jpk.id,
            "period_start": date(2026, 1, 1),
            "period_end": date(2026, 1, 31),
            "due_date": date(2026, 2, 25),
            **vals,
        }

    @contextmanager
    def assertIntegrity(self, message_regex=None):
        """The database refuses the row (flushed at the end of the block); the
        ValidationError Odoo's RPC layer makes of it carries the constraint's
        message."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError) as caught,
        ):
            yield caught
            self.env.flush_all()
        if message_regex:
            error = _as_validation_error(self.env, caught.exception)
            self.assertRegex(str(error), message_regex)


@tagged("post_install", "-at_install")
class TestSecurityBaseMatrix(SecurityCase):
    """Access rights per role and model, as Odoo core's access tests do."""

    def test_access_rights_matrix(self):
        portal_addon = bool(
            self.env["ir.module.module"].search_count(
                [("name", "=", "crm_biuro_portal"), ("state", "=", "installed")]
            )
        )
        for model, allowed in MATRIX.items():
            for role, user in self.roles.items():
                expected = set(allowed.get(role, ()))
                if role == "portal" and portal_addon and model in PORTAL_ADDON_READS:
                    expected.add(R)
                for operation in (R, W, C, U):
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            self.env[model].with_user(user).has_access(operation),
                            operation in expected,
                        )

    def test_client_records_matrix(self):
        """Real operations on one client's records per role: office users never
        delete, managers do, employees and portal people outside the office do
        nothing."""
        client = self.make_client()
        values = {
            "biuro.contract": {"partner_id": client.id, "contract_type": "payroll"},
            "biuro.tax.inspection": {"partner_id": client.id},
            "biuro.document": {"partner_id": client.id, "name": "Wyciąg 01/2026"},
            "biuro.obligation": self.obligation_vals(client),
        }
        for model, vals in values.items():
            with self.subTest(model=model):
                record = self.env[model].with_user(self.user).create(vals)
                record.with_user(self.user).read(["partner_id"])
                with self.assertRaises(AccessError):
                    record.with_user(self.user).unlink()
                for stranger in (self.outsider, self.portal):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(stranger).create(vals)
                    with self.assertRaises(AccessError):
                        record.with_user(stranger).write({"partner_id": client.id})
                    with self.assertRaises(AccessError):
                        record.with_user(stranger).unlink()
                record.with_user(self.manager).unlink()

    def test_pesel_is_manager_only(self):
        client = self.make_client(biuro_legal_form="jdg", biuro_pesel=PESEL_OK)
        for role in ("user", "outsider", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                client.with_user(self.roles[role]).read(["biuro_pesel"])
        self.assertEqual(client.with_user(self.manager).biuro_pesel, PESEL_OK)

    def test_mass_update_cannot_put_a_portal_user_in_charge(self):
        client = self.make_client()
        wizard = (
            self.env["biuro.client.mass.update"]
            .with_user(self.user)
            .create(
                {
                    "partner_ids": [(6, 0, client.ids)],
                    "biuro_accountant_id": self.portal.id,
                }
            )
        )
        with self.assertRaisesMsg(ValidationError, "not an internal user"):
            wizard.action_apply()
        with self.assertRaisesMsg(ValidationError, "not an internal user"):
            client.with_user(self.user).write(
                {"biuro_assistant_ids": [(4, self.portal.id)]}
            )
        self.assertFalse(client.biuro_accountant_id)

    def test_public_actions_answer_xmlrpc_values(self):
        """Public methods return values XML-RPC carries (no None inside)."""
        import xmlrpc.client

        client = self.make_client()
        contract = self.env["biuro.contract"].create(
            {"partner_id": client.id, "contract_type": "payroll"}
        )
        document = self.env["biuro.document"].create(
            {"partner_id": client.id, "name": "Wyciąg"}
        )
        obligation = self.env["biuro.obligation"].create(self.obligation_vals(client))
        calls = [
            (contract, "action_activate"),
            (contract, "action_terminate"),
            (contract, "action_draft"),
            (document, "action_processed"),
            (document, "action_rejected"),
            (obligation, "action_done"),
            (obligation, "action_todo"),
            (client, "action_biuro_generate_obligations"),
            (client, "action_biuro_suggest_declarations"),
            (client, "action_biuro_export_vcard"),
            (client, "action_biuro_dashboard"),
            (client, "action_biuro_open_contracts"),
            (client, "action_biuro_open_documents"),
            (client, "action_biuro_open_inspections"),
            (client, "action_biuro_open_emails"),
            (client, "action_biuro_open_activities"),
        ]
        for record, method in calls:
            with self.subTest(method=method):
                result = getattr(record.with_user(self.user), method)()
                xmlrpc.client.dumps((result,), allow_none=False)


@tagged("post_install", "-at_install")
class TestSecurityBaseUniqueness(SecurityCase):
    """Issue point 10: every uniqueness rule holds for empty values too."""

    def test_obligation_without_part_is_unique(self):
        client = self.make_client()
        Obligation = self.env["biuro.obligation"].with_user(self.user)
        Obligation.create(self.obligation_vals(client))
        message = "already exists for the client and period: JPK_V7M, 2026-01-01"
        # the same obligation again, without a part: NULL no longer lets it through
        with self.assertRaisesMsg(ValidationError, message):
            Obligation.create(self.obligation_vals(client))
        # an empty string is "no part" as well
        with self.assertRaisesMsg(ValidationError, message):
            Obligation.create(self.obligation_vals(client, part=""))
        # two in one batch
        with self.assertRaisesMsg(ValidationError, "already exists"):
            Obligation.create([self.obligation_vals(client, part="x")] * 2)
        # a different part is a different act of the declaration
        other = Obligation.create(self.obligation_vals(client, part="records"))
        with self.assertRaisesMsg(ValidationError, message):
            other.write({"part": False})

    def test_database_refuses_a_double_that_bypasses_the_orm(self):
        client = self.make_client()
        obligation = self.env["biuro.obligation"].create(self.obligation_vals(client))
        self.env.flush_all()
        with self.assertIntegrity("already exists for the client and period"):
            self.env.cr.execute(
                """
                INSERT INTO biuro_obligation (partner_id, declaration_type_id,
                    period_start, period_end, due_date, state, company_id)
                SELECT partner_id, declaration_type_id, period_start, period_end,
                       due_date, state, company_id
                  FROM biuro_obligation WHERE id = %s
                """,
                [obligation.id],
            )

    def test_strangers_learn_nothing_from_the_check(self):
        client = self.make_client()
        self.env["biuro.obligation"].create(self.obligation_vals(client))
        for stranger in (self.outsider, self.portal):
            with self.subTest(user=stranger.login), self.assertRaises(AccessError):
                self.env["biuro.obligation"].with_user(stranger).create(
                    self.obligation_vals(client)
                )

    def test_import_of_a_double_is_refused(self):
        client = self.make_client()
        Obligation = self.env["biuro.obligation"].with_user(self.user)
        Obligation.create(self.obligation_vals(client))
        columns = [
            "partner_id/.id",
            "declaration_type_id/.id",
            "period_start",
            "period_end",
            "due_date",
            "part",
        ]
        row = [
            str(client.id),
            str(self.jpk.id),
            "2026-01-01",
            "2026-01-31",
            "2026-02-25",
            "",
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = Obligation.load(columns, [row])
        self.assertFalse(result["ids"])
        self.assertEqual([m["type"] for m in result["messages"]], ["error"])
        self.assertIn("already exists", result["messages"][0]["message"])
        self.assertEqual(len(client.biuro_obligation_ids), 1)

    def test_empty_part_is_stored_as_null(self):
        client = self.make_client()
        obligation = self.env["biuro.obligation"].create(
            self.obligation_vals(client, part="  ")
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT part FROM biuro_obligation WHERE id = %s", [obligation.id]
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        with self.assertIntegrity():
            self.env.cr.execute(
                "UPDATE biuro_obligation SET part = '' WHERE id = %s", [obligation.id]
            )

    def test_messages_are_translated(self):
        client = self.make_client()
        Obligation = self.env["biuro.obligation"]
        Obligation.create(self.obligation_vals(client))
        with self.assertRaisesMsg(ValidationError, "Ten obowiązek już istnieje"):
            Obligation.with_context(lang="pl_PL").create(self.obligation_vals(client))
        # the constraint's own message, as the web client shows it
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.IntegrityError) as caught,
            mute_logger("odoo.sql_db"),
        ):
            self.env.cr.execute(
                """
                INSERT INTO biuro_obligation (partner_id, declaration_type_id,
                    period_start, period_end, due_date, state, company_id)
                SELECT partner_id, declaration_type_id, period_start, period_end,
                       due_date, state, company_id
                  FROM biuro_obligation WHERE partner_id = %s
                """,
                [client.id],
            )
        polish = _as_validation_error(
            self.env(context=dict(self.env.context, lang="pl_PL")), caught.exception
        )
        self.assertIn("Ten obowiązek już istnieje", str(polish))

    def test_generator_and_rerun_respect_the_rule(self):
        client = self.make_client(
            biuro_state="active",
            biuro_legal_form="jdg",
            biuro_tax_form="skala",
            biuro_vat_status="czynny",
            biuro_vat_period="monthly",
            biuro_zus_scheme="duzy",
            biuro_declaration_ids=[(6, 0, self.jpk.ids)],
        )
        client.with_user(self.user).action_biuro_generate_obligations()
        generated = client.biuro_obligation_ids
        self.assertTrue(generated)
        self.assertFalse(generated.filtered("part"))
        client.with_user(self.user).action_biuro_generate_obligations()
        self.assertEqual(client.biuro_obligation_ids, generated)

    def test_contract_number_is_unique_per_company(self):
        client = self.make_client()
        Contract = self.env["biuro.contract"].with_user(self.user)
        first = Contract.create({"partner_id": client.id, "contract_type": "payroll"})
        second = Contract.create({"partner_id": client.id, "contract_type": "audit"})
        self.assertNotEqual(first.name, second.name)
        message = f"contract number {first.name} is already used"
        with self.assertRaisesMsg(ValidationError, message):
            second.write({"name": first.name})
        with self.assertRaisesMsg(ValidationError, message):
            Contract.create(
                {"partner_id": client.id, "contract_type": "audit", "name": first.name}
            )
        self.env.flush_all()
        with self.assertIntegrity("contract number is already used"):
            self.env.cr.execute(
                "UPDATE biuro_contract SET name = %s WHERE id = %s",
                [first.name, second.id],
            )
        other_company = self.env["res.company"].create({"name": "Biuro Drugie"})
        # sudo: test setup, the record the attack then targets, made as the superuser
        Contract.sudo().create(
            {
                "partner_id": client.id,
                "contract_type": "audit",
                "name": first.name,
                "company_id": other_company.id,
            }
        )

    def test_declaration_code_is_required_and_unique(self):
        Types = self.env["biuro.declaration.type"].with_user(self.manager)
        with self.assertIntegrity("declaration code must be unique"):
            Types.create({"code": "JPK_V7M", "name": "Kopia"})
        with self.assertIntegrity("must not be empty"):
            Types.create({"code": " ", "name": "Pusty"})

    def test_document_category_code(self):
        """A code is a key for integrations: unique when given; categories without
        a code are not duplicates of one another ("" is stored as no code)."""
        Categories = self.env["biuro.document.category"].with_user(self.manager)
        with self.assertIntegrity("category code must be unique"):
            Categories.create({"name": "Kopia", "code": "sales_invoices"})
        blank = Categories.create([{"name": "Inne A", "code": ""}, {"name": "Inne B"}])
        self.assertEqual(blank.mapped("code"), [False, False])

    def test_nip_unique_among_clients_of_all_companies(self):
        self.make_client(vat=NIP_A)
        other_company = self.env["res.company"].create({"name": "Biuro Drugie"})
        with self.assertRaisesMsg(ValidationError, "already exists"):
            self.make_client(name="Kopia", vat=NIP_A, company_id=other_company.id)
        # clients without a NIP (foreign firms, private persons) are not doubles
        no_nip = self.make_client(name="Bez NIP 1", vat=False)
        no_nip |= self.make_client(name="Bez NIP 2", vat=False)
        self.assertEqual(no_nip.mapped("biuro_nip"), [False, False])


@tagged("post_install", "-at_install")
class TestSecurityBaseObligations(SecurityCase):
    """Review I2: a profile change by an office user regenerates obligations."""

    def _client(self):
        return self.make_client(
            biuro_state="active",
            biuro_legal_form="jdg",
            biuro_tax_form="skala",
            biuro_vat_status="czynny",
            biuro_vat_period="monthly",
            biuro_zus_scheme="duzy",
            biuro_declaration_ids=[
                (
                    6,
                    0,
                    self.env["biuro.declaration.type"]
                    .search([("code", "in", ("JPK_V7M", "ZUS_DRA"))])
                    .ids,
                )
            ],
        )

    def test_office_user_changes_the_tax_profile(self):
        client = self._client()
        monthly = client.biuro_obligation_ids.filtered(lambda o: o.code == "JPK_V7M")
        self.assertGreater(len(monthly), 1)
        filed, done = monthly[0], monthly[1]
        filed.write({"state": "filed", "filed_date": date.today(), "reference": "UPO"})
        done.write({"state": "done"})
        quarterly = self.env["biuro.declaration.type"].search(
            [("code", "in", ("JPK_V7K", "ZUS_DRA"))]
        )
        # before the fix: AccessError (office users may not delete obligations)
        client.with_user(self.user).write(
            {
                "biuro_vat_period": "quarterly",
                "biuro_declaration_ids": [(6, 0, quarterly.ids)],
            }
        )
        left = client.biuro_obligation_ids.filtered(lambda o: o.code == "JPK_V7M")
        self.assertEqual(left, filed | done, "filed and done obligations stay")
        self.assertTrue(
            client.biuro_obligation_ids.filtered(lambda o: o.code == "JPK_V7K")
        )

    def test_office_user_cannot_delete_obligations_by_hand(self):
        client = self._client()
        with self.assertRaises(AccessError):
            client.biuro_obligation_ids[0].with_user(self.user).unlink()

    def test_generation_needs_office_rights_and_write_on_the_client(self):
        client = self._client()
        for stranger in (self.outsider, self.portal):
            with self.subTest(user=stranger.login), self.assertRaises(AccessError):
                client.with_user(stranger).action_biuro_generate_obligations()
        other_company = self.env["res.company"].create({"name": "Biuro Drugie"})
        foreign = self.make_client(
            name="Obcy klient", vat=NIP_B, company_id=other_company.id
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.user).action_biuro_generate_obligations()


@tagged("post_install", "-at_install")
class TestSecurityBaseCompanies(SecurityCase):
    """Review F10: nothing of a client of another company leaks to a user who
    works in one office company only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Biuro Drugie"})
        cls.user_a = new_test_user(
            cls.env,
            "biuro_user_a",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, cls.company_a.ids)],
        )
        cls.both = new_test_user(
            cls.env,
            "biuro_user_ab",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, (cls.company_a | cls.company_b).ids)],
        )
        cls.secret = cls.make_client(
            name="Tajny Klient Drugiego Biura",
            vat=NIP_C,
            company_id=cls.company_b.id,
            email="prezes@tajny-klient.pl",
        )

    def test_duplicate_nip_message_does_not_name_a_foreign_client(self):
        Partner = self.env["res.partner"].with_user(self.user_a)
        with self.assertRaises(ValidationError) as caught:
            Partner.create(
                {
                    "name": "Nowy",
                    "is_company": True,
                    "biuro_client": True,
                    "vat": NIP_C,
                    "company_id": self.company_a.id,
                }
            )
        self.assertIn(NIP_C, str(caught.exception))
        self.assertNotIn("Tajny", str(caught.exception))
        # who may read it is told which client it is
        with self.assertRaisesMsg(ValidationError, "Tajny Klient Drugiego Biura"):
            self.env["res.partner"].with_user(self.both).with_context(
                allowed_company_ids=(self.company_a | self.company_b).ids
            ).create({"name": "Nowy", "biuro_client": True, "vat": NIP_C})

    def test_profile_history_of_a_foreign_client_is_not_read(self):
        history = self.env["biuro.tax.profile"].search(
            [("partner_id", "=", self.secret.id)]
        )
        self.assertEqual(history.company_id, self.company_b)
        Profile = self.env["biuro.tax.profile"].with_user(self.user_a)
        self.assertFalse(Profile.search([("partner_id", "=", self.secret.id)]))
        with self.assertRaises(AccessError):
            history.with_user(self.user_a).read(["tax_form"])
        both = (
            self.env["biuro.tax.profile"]
            .with_user(self.both)
            .with_context(allowed_company_ids=(self.company_a | self.company_b).ids)
        )
        self.assertEqual(both.search([("partner_id", "=", self.secret.id)]), history)

    def test_archived_foreign_client_is_not_named_either(self):
        self.secret.action_archive()
        with self.assertRaises(ValidationError) as caught:
            self.env["res.partner"].with_user(self.user_a).create(
                {"name": "Nowy", "biuro_client": True, "vat": NIP_C}
            )
        self.assertNotIn("Tajny", str(caught.exception))

    def test_duplicates_pair_only_partners_the_user_reads(self):
        # a partner of company A with the same NIP as the client of company B
        local = self.env["res.partner"].create(
            {
                "name": "Lokalny dostawca",
                "is_company": True,
                "vat": NIP_C,
                "company_id": self.company_a.id,
                "email": "biuro@lokalny-dostawca.pl",
            }
        )
        self.env.flush_all()  # the view reads the partners' stored keys
        Duplicate = self.env["biuro.client.duplicate"]
        domain = [("duplicate_id", "=", local.id)]
        self.assertTrue(Duplicate.search(domain), "admin sees the pair")
        self.assertFalse(Duplicate.with_user(self.user_a).search(domain))
        pairs = Duplicate.with_user(self.both).search(domain)
        self.assertEqual(pairs.partner_id, self.secret)
        # the other way round: the foreign partner is the duplicate
        client_a = self.make_client(name="Klient A", vat=NIP_B)
        foreign = self.env["res.partner"].create(
            {
                "name": "Obcy",
                "is_company": True,
                "vat": NIP_B,
                "company_id": self.company_b.id,
                "email": "ktos@obcy-sekret.pl",
            }
        )
        self.env.flush_all()
        self.assertIn(
            foreign,
            Duplicate.search([("partner_id", "=", client_a.id)]).duplicate_id,
        )
        rows = Duplicate.with_user(self.user_a).search(
            [("partner_id", "=", client_a.id)]
        )
        self.assertNotIn(foreign, rows.duplicate_id)
        self.assertNotIn(
            "ktos@obcy-sekret.pl",
            [row["duplicate_email"] for row in rows.read(["duplicate_email"])],
        )


@tagged("post_install", "-at_install")
class TestSecurityBaseMerge(SecurityCase):
    """Review F13: a portal login never ends up on a client through a merge."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(
            name="Kwadratura Koła sp. z o.o.", email="biuro@kwadratura-kola.pl"
        )
        # what a portal person can set on /my/account: the client's name and e-mail
        cls.portal.partner_id.write(
            {
                "name": "Kwadratura Koła sp. z o.o.",
                "email": "biuro@kwadratura-kola.pl",
                "is_company": True,
            }
        )

    def test_partners_with_a_login_are_not_proposed(self):
        self.env.flush_all()
        rows = self.env["biuro.client.duplicate"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertNotIn(self.portal.partner_id, rows.duplicate_id)
        # an archived login counts as well
        self.portal.active = False
        self.env.flush_all()
        rows = self.env["biuro.client.duplicate"].search(
            [("partner_id", "=", self.client.id)]
        )
        self.assertNotIn(self.portal.partner_id, rows.duplicate_id)

    def _merge(self, user, dst):
        partners = self.client | self.portal.partner_id
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .with_context(
                active_model="res.partner",
                active_ids=partners.ids,
                biuro_merge_dst_partner_id=dst.id,
            )
            .create({})
        )
        return wizard.action_merge()

    def test_merge_refuses_a_partner_with_a_login(self):
        for user in (self.manager, self.env.ref("base.user_admin")):
            for dst in (self.client, self.portal.partner_id):
                with (
                    self.subTest(user=user.login, dst=dst.name),
                    self.assertRaisesMsg(UserError, "user account is linked"),
                ):
                    self._merge(user, dst)
        self.assertEqual(self.portal.partner_id.user_ids, self.portal)
        self.assertTrue(self.client.exists())


@tagged("post_install", "-at_install")
class TestSecurityBaseDashboard(SecurityCase):
    """Review I1: the dashboard shows tracked values of readable fields only."""

    def test_grouped_tracked_field_hidden_from_office_users(self):
        client = self.make_client(biuro_legal_form="jdg")
        message = client.message_post(body="Zmiana", message_type="notification")
        pesel_field = self.env["ir.model.fields"]._get("res.partner", "biuro_pesel")
        # sudo: test setup, a tracked value as Odoo's tracking writes it
        self.env["mail.tracking.value"].sudo().create(
            {
                "mail_message_id": message.id,
                "field_id": pesel_field.id,
                "old_value_char": "",
                "new_value_char": PESEL_OK,
            }
        )
        client.invalidate_recordset(["biuro_dashboard_html"])
        html = str(client.with_user(self.user).biuro_dashboard_html)
        self.assertNotIn(PESEL_OK, html)
        client.invalidate_recordset(["biuro_dashboard_html"])
        html = str(client.with_user(self.manager).biuro_dashboard_html)
        self.assertIn(PESEL_OK, html)
