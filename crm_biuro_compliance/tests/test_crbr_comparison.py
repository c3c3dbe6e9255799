from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crm_biuro_verify.fake_registries import owner
from odoo.addons.crm_biuro_verify.tests.common import NIP_SPZOO, VerifyCase

from .common import ComplianceMixin


@tagged("post_install", "-at_install")
class TestCrbrComparison(ComplianceMixin, VerifyCase):
    """Art. 61a: the case's UBOs against the owners read from the fake CRBR server
    (JAN KOWALSKI 60 %, ANNA NOWAK 40 %, both Polish), through the verify addon's
    real registry check."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_compliance()

    def setUp(self):
        super().setUp()
        self.client = self.make_fake_client(NIP_SPZOO)
        self.case = self.make_case(self.client, user_id=self.aml_officer.id)
        self.company = self.fake.store.get(NIP_SPZOO)

    def verify(self):
        """A registry check, then what runs before its commit (the comparison)."""
        self.client.action_biuro_verify()
        self.env.cr.precommit.run()

    def open_lines(self):
        return self.case.discrepancy_ids.filtered(lambda d: d.state == "open")

    def test_same_owners_match(self):
        self.add_ubo(self.case, "Jan Kowalski", 60.0)
        self.add_ubo(self.case, "Anna Nowak", 40.0)
        self.verify()
        self.assertEqual(self.case.ubo_comparison_state, "match")
        self.assertFalse(self.case.discrepancy_ids)
        self.assertTrue(self.case.crbr_signature)
        self.assertEqual(len(self.case.crbr_owner_ids), 2)

    def test_different_owners_field_by_field(self):
        self.add_ubo(self.case, "Jan Kowalski", 70.0)
        self.add_ubo(self.case, "Anna Nowak", 40.0, country="base.de")
        self.add_ubo(self.case, "Ewa Wiśniewska", 10.0)
        self.verify()
        self.assertEqual(self.case.ubo_comparison_state, "discrepancy")
        lines = {(d.owner_name, d.field): d for d in self.case.discrepancy_ids}
        self.assertEqual(
            set(lines),
            {
                ("Jan Kowalski", "share"),
                ("Anna Nowak", "citizenship"),
                ("Ewa Wiśniewska", "missing_in_crbr"),
            },
        )
        share = lines[("Jan Kowalski", "share")]
        self.assertEqual(share.office_value, "70 %")
        self.assertIn("60", share.crbr_value)
        self.assertEqual(share.verification_id.registry, "crbr")
        self.assertEqual(lines[("Anna Nowak", "citizenship")].crbr_value, "POLSKA")
        # an open discrepancy blocks the approval
        self.case.write({"relationship_purpose": "Books"})
        self.case.action_submit()
        with self.assertRaisesMsg(UserError, "3 discrepancies with CRBR are open"):
            self.case.action_approve()
        # explained and reported ones do not
        share.explanation = "The share was sold on 1 Dec; CRBR not updated yet."
        share.action_explain()
        with self.assertRaisesMsg(UserError, "Give the date"):
            lines[("Anna Nowak", "citizenship")].action_report()
        for line in self.open_lines():
            line.write({"report_date": "2026-12-04"})
            line.action_report()
        self.case.action_approve()
        self.assertEqual(self.case.state, "approved")

    def test_repeated_check_keeps_the_explanations(self):
        self.add_ubo(self.case, "Jan Kowalski", 70.0)
        self.add_ubo(self.case, "Anna Nowak", 40.0)
        self.verify()
        line = self.case.discrepancy_ids
        line.write({"explanation": "Checked with the client"})
        line.action_explain()
        self.case.action_compare_crbr()
        self.assertEqual(self.case.discrepancy_ids, line)
        self.assertEqual(line.state, "explained")
        # the office corrects its finding: the difference is gone, kept archived
        self.case.person_ids.filtered(lambda p: p.name == "Jan Kowalski").write(
            {"share_percent": 60.0}
        )
        self.case.with_user(self.aml_officer).action_compare_crbr()
        self.assertFalse(self.case.discrepancy_ids)
        self.assertEqual(self.case.ubo_comparison_state, "match")
        self.assertFalse(line.active)
        self.assertTrue(line.resolved_date)

    def test_new_crbr_owner_reopens_the_comparison(self):
        self.add_ubo(self.case, "Jan Kowalski", 60.0)
        self.add_ubo(self.case, "Anna Nowak", 30.0)
        self.verify()
        share = self.case.discrepancy_ids
        self.assertEqual(share.field, "share")
        share.write({"explanation": "Anna bought 10 % more; CRBR to follow"})
        share.action_explain()
        self.assertFalse(self.open_lines())
        self.case.write({"relationship_purpose": "Books"})
        self.case.action_submit()
        self.case.action_approve()
        activities = len(self.case.activity_ids)
        # the next day CRBR shows a third owner
        self.company.beneficial_owners = [
            owner("JAN", "KOWALSKI", 60.0),
            owner("ANNA", "NOWAK", 40.0),
            owner("PIOTR", "ZIELIŃSKI", 0.0, citizenship=("DE", "NIEMCY")),
        ]
        self.age_evidence()
        self.verify()
        self.assertEqual(self.client.biuro_verify_crbr_state, "changed")
        fields_ = {(d.owner_name, d.field, d.state) for d in self.case.discrepancy_ids}
        self.assertIn(("PIOTR ZIELIŃSKI", "missing_in_office", "open"), fields_)
        self.assertIn(("Anna Nowak", "share", "open"), fields_, "explained → reopened")
        self.assertEqual(len(self.case.activity_ids), activities + 1)
        self.assertEqual(self.case.activity_ids[-1:].user_id, self.aml_officer)
        self.assertIn("new discrepancies", self.case.message_ids[:1].body)
        # the same answer again changes nothing
        self.age_evidence()
        self.verify()
        self.assertEqual(len(self.case.activity_ids), activities + 1)

    def test_unchanged_crbr_answer_leaves_the_case_alone(self):
        self.add_ubo(self.case, "Jan Kowalski", 60.0)
        self.verify()
        line = self.case.discrepancy_ids
        self.assertEqual(line.field, "missing_in_office")
        line.write({"explanation": "Anna holds her shares for Jan (trust)"})
        line.action_explain()
        self.age_evidence()
        self.verify()
        self.assertEqual(line.state, "explained")
