from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ComplianceCase


@tagged("post_install", "-at_install")
class TestAmlCase(ComplianceCase):
    """Risk → measures → next review; approval; one open case per client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_state="active")

    def test_risk_level_is_the_highest_factor_and_drives_measures(self):
        case = self.make_case(
            self.client,
            risk_client="low",
            risk_service="low",
            risk_channel="low",
            risk_geography="low",
        )
        self.assertEqual(case.risk_level, "low")
        self.assertEqual(case.measures, "simplified")
        case.risk_geography = "high"
        self.assertEqual(case.risk_level, "high")
        self.assertEqual(case.measures, "enhanced")
        # the officer may decide otherwise; it is tracked
        case.risk_level = "standard"
        self.assertEqual(case.measures, "standard")

    @freeze_time("2026-12-04")
    def test_next_review_from_risk_level(self):
        case = self.make_case(self.client)
        self.assertFalse(case.next_review_date)
        self.approve(case)
        self.assertEqual(case.approval_date, date(2026, 12, 4))
        self.assertEqual(case.approver_id, self.env.user)
        self.assertEqual(case.next_review_date, date(2028, 12, 4))
        case.risk_level = "high"
        self.assertEqual(case.next_review_date, date(2027, 12, 4))
        case.risk_level = "low"
        self.assertEqual(case.next_review_date, date(2029, 12, 4))
        # the periods are settings
        self.icp.set_param("crm_biuro_compliance.review_months_low", "6")
        settings = self.env["res.config.settings"].create({})
        settings.execute()
        self.assertEqual(case.next_review_date, date(2027, 6, 4))
        # a broken setting falls back to the default
        self.icp.set_param("crm_biuro_compliance.review_months_high", "soon")
        case.risk_level = "high"
        self.assertEqual(case.next_review_date, date(2027, 12, 4))

    @freeze_time("2026-12-04")
    def test_review_alert_for_the_officer(self):
        case = self.make_case(
            self.client, user_id=self.aml_officer.id, risk_client="high"
        )
        self.add_ubo(case, "Jan Kowalski", 100.0)
        case.source_of_funds = "Revenue of the business"
        self.approve(case)
        self.assertEqual(case.next_review_date, date(2027, 12, 4))
        with freeze_time("2027-11-01"):
            self.Case._cron_review_alerts()
            self.assertFalse(case.activity_ids)
        with freeze_time("2027-11-10"):
            self.Case._cron_review_alerts()
            self.Case._cron_review_alerts()
            self.assertEqual(len(case.activity_ids), 1)
            self.assertEqual(case.activity_ids.user_id, self.aml_officer)
            self.assertIn("2027-12-04", case.activity_ids.summary)

    def test_approval_needs_the_measures_done(self):
        case = self.make_case(self.client, risk_client="high")
        with self.assertRaisesMsg(UserError, "not in review"):
            case.action_approve()
        case.action_submit()
        with self.assertRaisesMsg(UserError, "purpose.*nobody.*source of funds"):
            case.action_approve()
        self.assertEqual(case.state, "in_review")
        self.add_ubo(case, "Jan Kowalski", 100.0)
        case.write({"relationship_purpose": "Books", "source_of_funds": "Sales"})
        case.action_approve()
        self.assertEqual(case.state, "approved")
        case.action_start_review()
        self.assertEqual(case.state, "in_review")

    def test_one_open_case_per_client(self):
        case = self.make_case(self.client)
        with self.assertRaisesMsg(ValidationError, "already has an open AML case"):
            self.make_case(self.client)
        case.action_reject()
        self.assertEqual(self.make_case(self.client).state, "draft")

    def test_pesel_is_checked(self):
        case = self.make_case(self.client)
        with self.assertRaisesMsg(ValidationError, "Invalid PESEL"):
            self.add_ubo(case, "Jan Kowalski", pesel="44051401358")
        person = self.add_ubo(case, "Jan Kowalski", pesel="44051401359")
        self.assertTrue(case.person_ids == person)

    def test_client_list_shows_state_and_next_review(self):
        self.assertEqual(self.client.biuro_aml_state, "none")
        case = self.make_case(self.client, risk_client="high", source_of_funds="Sales")
        self.assertEqual(self.client.biuro_aml_state, "draft")
        self.approve(case)
        self.assertEqual(self.client.biuro_aml_state, "approved")
        self.assertEqual(self.client.biuro_aml_risk_level, "high")
        self.assertEqual(self.client.biuro_aml_next_review, case.next_review_date)


@tagged("post_install", "-at_install")
class TestContractBlock(ComplianceCase):
    """No active bookkeeping contract before the AML case is approved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_state="active")
        cls.Contract = cls.env["biuro.contract"]
        cls.icp.set_param("crm_biuro_compliance.contract_mode", "block")

    def contract(self, **vals):
        return self.Contract.create(
            {"partner_id": self.client.id, "date_start": "2026-01-01", **vals}
        )

    def test_block_without_approved_case(self):
        contract = self.contract()
        self.assertFalse(contract.biuro_aml_approved)
        with self.assertRaisesMsg(ValidationError, "before its AML case is approved"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")
        case = self.make_case(self.client)
        with self.assertRaisesMsg(ValidationError, "before its AML case is approved"):
            contract.action_activate()
        self.approve(case)
        contract.invalidate_recordset(["biuro_aml_approved"])
        self.assertTrue(contract.biuro_aml_approved)
        contract.action_activate()
        self.assertEqual(contract.state, "active")

    def test_block_applies_to_office_users_too(self):
        contract = self.contract().with_user(self.user)
        with self.assertRaisesMsg(ValidationError, "before its AML case is approved"):
            contract.action_activate()
        # an office user can neither read the case nor learn more than "approved"
        self.assertFalse(contract.biuro_aml_approved)

    def test_other_contract_types_are_not_blocked(self):
        contract = self.contract(contract_type="payroll")
        contract.action_activate()
        self.assertEqual(contract.state, "active")

    def test_warn_mode_activates_and_says_so(self):
        self.icp.set_param("crm_biuro_compliance.contract_mode", "warn")
        contract = self.contract()
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        self.assertIn(
            "AML case is not approved", contract.message_ids.sorted("id")[-1].body
        )


@tagged("post_install", "-at_install")
class TestRetention(ComplianceCase):
    """AML cases are kept 5 years after the relationship ends, then listed."""

    def test_retention_counts_from_the_last_contract_end(self):
        self.icp.set_param("crm_biuro_compliance.contract_mode", "block")
        client = self.make_client(biuro_state="active")
        case = self.approve(self.make_case(client))
        contract = self.env["biuro.contract"].create(
            {
                "partner_id": client.id,
                "date_start": "2019-01-01",
                "date_end": "2020-12-31",
            }
        )
        contract.action_activate()
        self.assertFalse(case.retention_until, "the relationship still runs")
        contract.action_terminate()
        self.assertEqual(case.relationship_end_date, date(2020, 12, 31))
        self.assertEqual(case.retention_until, date(2025, 12, 31))
        other = self.make_client("Inna Firma sp. z o.o.", vat="7251801126")
        kept = self.approve(self.make_case(other))
        self.assertFalse(kept.retention_until)
        action = self.env.ref("crm_biuro_compliance.biuro_aml_case_action_retention")
        listed = self.Case.with_context(active_test=False).search(
            [("retention_until", "<", "2026-12-04")]
        )
        self.assertIn(case, listed)
        self.assertNotIn(kept, listed)
        self.assertIn("retention_over", action.context)


@tagged("post_install", "-at_install")
class TestGdpr(ComplianceCase):
    def test_anonymisation_keeps_the_case_and_says_so(self):
        """crm_biuro's GDPR anonymisation (the manager's wizard, preview then
        confirmation) leaves the AML case and its people as they were, and the case
        says why and until when it is kept."""
        client = self.make_client(biuro_state="active")
        case = self.approve(self.make_case(client))
        person = self.add_ubo(case, "Jan Kowalski", 100.0, pesel="44051401359")
        contract = self.env["biuro.contract"].create(
            {
                "partner_id": client.id,
                "date_start": "2020-01-01",
                "date_end": "2024-06-30",
            }
        )
        contract.action_activate()
        contract.action_terminate()
        wizard = (
            self.env["biuro.gdpr.anonymize"]
            .with_user(self.manager)
            .with_context(lang="en_US")
            .create({"partner_id": client.id})
        )
        wizard.action_preview()
        wizard.confirm = True
        wizard.action_anonymize()
        self.assertTrue(client.biuro_anonymized_date)
        self.assertNotEqual(client.name, "Firma Testowa sp. z o.o.")
        self.assertTrue(case.exists())
        self.assertEqual(case.state, "approved")
        self.assertRecordValues(
            person,
            [{"name": "Jan Kowalski", "pesel": "44051401359", "share_percent": 100.0}],
        )
        self.assertEqual(case.retention_until, date(2029, 6, 30))
        note = case.message_ids[0].body
        self.assertIn("kept as the AML act requires", note)
        self.assertIn("2029", note)
