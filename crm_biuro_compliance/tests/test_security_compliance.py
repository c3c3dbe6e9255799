from contextlib import contextmanager

from psycopg2.errors import NotNullViolation, UniqueViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import ComplianceCase

R, W, C, U = "read", "write", "create", "unlink"


@tagged("post_install", "-at_install")
class TestComplianceSecurity(ComplianceCase):
    """Roles × operations on every model of the compliance file. AML data: the
    AML officer and managers only; office users keep powers of attorney, KSeF and
    processing agreements; portal users read the powers of attorney of their own
    companies only; a plain employee sees nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_state="active")
        cls.foreign = cls.make_client("Obca Firma sp. z o.o.", vat="7251801126")
        cls.env["biuro.portal.access"].create(
            {
                "partner_id": cls.portal_user.partner_id.id,
                "client_id": cls.client.id,
                "level": "owner",
            }
        )
        cls.case = cls.make_case(cls.client)
        cls.person = cls.add_ubo(cls.case, "Jan Kowalski", 100.0, pesel="44051401359")
        cls.discrepancy = cls.env["biuro.aml.discrepancy"].create(
            {
                "case_id": cls.case.id,
                "owner_name": "Anna Nowak",
                "field": "missing_in_office",
                "key": "k",
            }
        )
        cls.mandate = cls.make_mandate(cls.client)
        cls.foreign_mandate = cls.make_mandate(cls.foreign)
        cls.profile = cls.env["biuro.ksef.profile"].create(
            {"partner_id": cls.client.id}
        )
        cls.permission = cls.env["biuro.ksef.permission"].create(
            {"profile_id": cls.profile.id}
        )
        cls.credential = cls.env["biuro.ksef.credential"].create(
            {"profile_id": cls.profile.id, "credential_type": "token", "serial": "T"}
        )
        cls.agreement = cls.env["biuro.processing.agreement"].create(
            {"partner_id": cls.client.id, "version": "2026/1"}
        )
        cls.roles = {
            "aml": cls.aml_officer,
            "manager": cls.manager,
            "user": cls.user,
            "employee": cls.outsider,
            "portal": cls.portal_user,
        }

    @classmethod
    def make_mandate(cls, client):
        mandate = cls.env["biuro.mandate"].create(
            {
                "partner_id": client.id,
                "mandate_type": "upl1",
                "attorney_id": cls.user.id,
            }
        )
        mandate.action_activate()
        return mandate

    def allowed(self, user, record, operation):
        try:
            records = record.with_user(user)
            if operation == R:
                records.check_access(R)
                records.read(["display_name"])
            elif operation == W:
                records.check_access(W)
            elif operation == U:
                records.check_access(U)
            elif operation == C:
                records.browse().check_access(C)
        except AccessError:
            return False
        return True

    def assert_matrix(self, record, expected):
        for role, operations in expected.items():
            user = self.roles[role]
            for operation in (R, W, C, U):
                with self.subTest(model=record._name, role=role, op=operation):
                    self.assertEqual(
                        self.allowed(user, record, operation),
                        operation in operations,
                    )

    def test_aml_models(self):
        for record in (self.case, self.discrepancy):
            self.assert_matrix(
                record,
                {
                    "aml": {R, W, C},
                    "manager": {R, W, C, U},
                    "user": set(),
                    "employee": set(),
                    "portal": set(),
                },
            )
        self.assert_matrix(
            self.person,
            {
                "aml": {R, W, C, U},
                "manager": {R, W, C, U},
                "user": set(),
                "employee": set(),
                "portal": set(),
            },
        )

    def test_office_models(self):
        for record in (self.mandate, self.profile, self.agreement):
            self.assert_matrix(
                record,
                {
                    "aml": {R, W, C},
                    "manager": {R, W, C, U},
                    "user": {R, W, C},
                    "employee": set(),
                    "portal": {R} if record == self.mandate else set(),
                },
            )
        for record in (self.permission, self.credential):
            self.assert_matrix(
                record,
                {
                    "aml": {R, W, C, U},
                    "manager": {R, W, C, U},
                    "user": {R, W, C, U},
                    "employee": set(),
                    "portal": set(),
                },
            )

    def test_portal_reads_only_its_companies_mandates(self):
        Mandate = self.env["biuro.mandate"].with_user(self.portal_user)
        self.assertEqual(Mandate.search([]), self.mandate)
        self.assertFalse(self.allowed(self.portal_user, self.foreign_mandate, R))
        draft = self.env["biuro.mandate"].create(
            {"partner_id": self.client.id, "attorney_id": self.user.id}
        )
        self.assertFalse(self.allowed(self.portal_user, draft, R))

    def test_identity_fields_of_people_are_aml_only(self):
        self.assertEqual(self.person.with_user(self.aml_officer).pesel, "44051401359")
        self.assertEqual(self.person.with_user(self.manager).pesel, "44051401359")
        # the client summary fields are hidden from office users
        with self.assertRaises(AccessError):
            self.client.with_user(self.user).read(["biuro_aml_state"])
        self.assertEqual(
            self.client.with_user(self.aml_officer).biuro_aml_state, "draft"
        )

    def test_office_user_cannot_reach_aml_through_the_client(self):
        client = self.client.with_user(self.user)
        with self.assertRaises(AccessError):
            client.read(["biuro_aml_case_ids"])
        with self.assertRaises(AccessError):
            self.case.with_user(self.user).action_compare_crbr()

    def test_portal_reads_its_contract_but_not_its_aml_state(self):
        """Issue #11, F7: the contract is the company's, the AML state behind it
        is the office's (computed with sudo: it must not reach portal people)."""
        contract = self.env["biuro.contract"].create(
            {"partner_id": self.client.id, "contract_type": "payroll"}
        )
        contract.action_activate()
        mine = contract.with_user(self.portal_user)
        self.assertEqual(mine.read(["state"])[0]["state"], "active")
        for name in ("biuro_aml_approved", "biuro_processing_agreement_id"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                mine.read([name])
        self.assertNotIn("biuro_aml_approved", mine.fields_get())
        # office users keep the warning of the contract form
        self.assertIn(
            "biuro_aml_approved",
            contract.with_user(self.user).read(["biuro_aml_approved"])[0],
        )

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Biuro Kraków"})
        self.aml_officer.write({"company_ids": [(4, other_company.id)]})
        case = self.case.with_user(self.aml_officer).with_context(
            allowed_company_ids=[other_company.id]
        )
        with self.assertRaises(AccessError):
            case.read(["risk_level"])
        mandate = self.mandate.with_user(self.aml_officer).with_context(
            allowed_company_ids=[other_company.id]
        )
        with self.assertRaises(AccessError):
            mandate.read(["state"])


@tagged("post_install", "-at_install")
class TestComplianceUniqueness(ComplianceCase):
    """Issue #11 point 10: the uniqueness rules of the compliance file hold in the
    database, for whatever entry path (ORM, import, SQL) and for empty values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_state="active")

    @contextmanager
    def refused(self, error):
        """The database refuses what the block writes (rolled back to a savepoint)."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(error),
            self.env.cr.savepoint(),
        ):
            yield
            self.env.flush_all()

    def constraint_definition(self, name):
        self.env.cr.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s",
            [name],
        )
        return self.env.cr.fetchone()[0]

    def test_one_ksef_profile_per_client_and_company(self):
        self.assertIn(
            "NULLS NOT DISTINCT",
            self.constraint_definition("biuro_ksef_profile_partner_company_unique"),
        )
        Profile = self.env["biuro.ksef.profile"].with_user(self.user)
        Profile.create({"partner_id": self.client.id})
        with self.refused(UniqueViolation):
            Profile.create({"partner_id": self.client.id})
            Profile.env.flush_all()
        # the company is a key column: it can never be empty (NOT NULL)
        with self.refused(NotNullViolation):
            self.env.cr.execute(
                """INSERT INTO biuro_ksef_profile (partner_id, company_id)
                       VALUES (%s, NULL)""",
                [self.client.id],
            )

    def copy_row_by_sql(self, record, **changes):
        """A copy of ``record``'s row written by SQL, past every ORM check."""
        table = record._table
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            [table],
        )
        columns = [name for (name,) in self.env.cr.fetchall()]
        values = [
            SQL("%s", changes[name]) if name in changes else SQL.identifier(name)
            for name in columns
        ]
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s WHERE id = %s",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                SQL(", ").join(values),
                SQL.identifier(table),
                record.id,
            )
        )

    def test_one_open_aml_case_also_for_sql_writes(self):
        """The ORM check names the client; the partial unique index refuses a
        second open case that bypasses the ORM (an import script, a concurrent
        transaction); a rejected case does not count."""
        case = self.make_case(self.client)
        self.env.flush_all()
        with self.refused(UniqueViolation):
            self.copy_row_by_sql(case)
        with self.refused(UniqueViolation):
            self.copy_row_by_sql(case, state="in_review")
        # a rejected case of the same client is history, not a second open case
        with self.env.cr.savepoint():
            self.copy_row_by_sql(case, state="rejected")


@tagged("post_install", "-at_install")
class TestComplianceWorkflowFields(ComplianceCase):
    """Issue #11 (point 2's mechanism on the compliance file): what the buttons set
    after their checks (approval, discrepancy states, revocation) is refused to a
    hand write over RPC, even by the AML officer who may write the record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_state="active")
        cls.case = cls.make_case(cls.client, relationship_purpose="Full bookkeeping")
        cls.add_ubo(cls.case, "Jan Kowalski", 100.0)
        cls.case.action_submit()
        cls.discrepancy = cls.env["biuro.aml.discrepancy"].create(
            {
                "case_id": cls.case.id,
                "owner_name": "Anna Nowak",
                "field": "missing_in_office",
                "key": "anna",
            }
        )

    def test_case_cannot_be_approved_or_backdated_by_hand(self):
        case = self.case.with_user(self.aml_officer)
        attempts = [
            {"state": "approved"},
            {"approver_id": self.manager.id},
            {"approval_date": "2024-01-02", "last_review_date": "2024-01-02"},
            {"ubo_comparison_state": "match"},
        ]
        for vals in attempts:
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                case.write(vals)
        with self.assertRaises(AccessError):
            case.create(
                {
                    "partner_id": self.make_client("Inna sp. z o.o.", vat=False).id,
                    "state": "approved",
                    "approval_date": "2024-01-02",
                }
            )
        self.assertEqual(self.case.state, "in_review")
        self.assertFalse(self.case.approval_date)
        # the button still refuses while the discrepancy is open
        with self.assertRaises(UserError):
            case.action_approve()

    def test_open_discrepancy_cannot_be_hidden_by_hand(self):
        line = self.discrepancy.with_user(self.aml_officer)
        other = self.make_case(self.make_client("Druga sp. z o.o.", vat=False))
        for vals in (
            {"active": False},
            {"state": "explained"},
            {"case_id": other.id},
            {"key": "someone-else", "field": "share"},
            {"resolved_date": "2026-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                line.write(vals)
        self.assertEqual(self.case.open_discrepancy_count, 1)

    def test_the_buttons_still_do_their_work(self):
        line = self.discrepancy.with_user(self.aml_officer)
        line.write({"explanation": "Anna Nowak sold her shares in 2025."})
        self.assertTrue(line.action_explain())
        self.assertEqual(line.state, "explained")
        case = self.case.with_user(self.aml_officer)
        self.assertTrue(case.action_approve())
        self.assertEqual(case.state, "approved")
        self.assertEqual(case.approver_id, self.aml_officer)
        self.assertTrue(case.action_start_review())
        self.assertTrue(case.action_compare_crbr())
        # a power of attorney: activated and revoked by its buttons, not by hand
        mandate = (
            self.env["biuro.mandate"]
            .with_user(self.user)
            .create(
                {
                    "partner_id": self.client.id,
                    "mandate_type": "upl1",
                    "attorney_id": self.user.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            mandate.write({"state": "active"})
        self.assertTrue(mandate.action_activate())
        with self.assertRaises(AccessError):
            mandate.write({"state": "revoked"})
        mandate.write({"revocation_date": mandate.date_from, "revocation_form": "opo1"})
        self.assertTrue(mandate.action_revoke())
        self.assertEqual(mandate.state, "revoked")

    def test_refusal_in_polish(self):
        case = self.case.with_user(self.aml_officer).with_context(lang="pl_PL")
        self.env["res.lang"]._activate_lang("pl_PL")
        with self.assertRaisesRegex(AccessError, "nie ręcznie"):
            case.write({"state": "approved"})
