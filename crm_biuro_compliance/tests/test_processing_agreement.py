from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ComplianceCase


@tagged("post_install", "-at_install")
class TestProcessingAgreement(ComplianceCase):
    """The umowa powierzenia per client: shown next to the contract; clients without
    one, or with one of an older version than the office uses, are listed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.icp.set_param("crm_biuro_compliance.agreement_version", "2026/1")
        cls.missing = cls.make_client(
            "Bez Umowy sp. z o.o.", vat=False, biuro_state="active"
        )
        cls.outdated = cls.make_client(
            "Stara Umowa sp. z o.o.", vat=False, biuro_state="active"
        )
        cls.current = cls.make_client(
            "Nowa Umowa sp. z o.o.", vat=False, biuro_state="active"
        )
        cls.Agreement = cls.env["biuro.processing.agreement"]
        cls.old = cls.Agreement.create(
            {
                "partner_id": cls.outdated.id,
                "version": "2019/1",
                "date_signed": "2019-03-01",
                "data_scope": "Dane kadrowe pracowników",
            }
        )
        cls.Agreement.create(
            {
                "partner_id": cls.current.id,
                "version": "2019/1",
                "date_signed": "2019-03-01",
            }
        )
        cls.new = cls.Agreement.create(
            {
                "partner_id": cls.current.id,
                "version": "2026/1",
                "date_signed": "2026-01-10",
            }
        )

    def test_state_of_each_client(self):
        self.assertEqual(self.missing.biuro_processing_agreement_state, "missing")
        self.assertEqual(self.outdated.biuro_processing_agreement_state, "outdated")
        self.assertEqual(self.current.biuro_processing_agreement_state, "current")
        self.assertFalse(self.old.is_current)
        self.assertTrue(self.new.is_current)

    def test_missing_and_outdated_listed(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_biuro_compliance.action_biuro_clients_agreement_missing"
        )
        self.assertEqual(action["res_model"], "res.partner")
        mine = self.missing | self.outdated | self.current
        listed = self.env["res.partner"].search(
            safe_eval(action["domain"]) + [("id", "in", mine.ids)]
        )
        self.assertEqual(listed, self.missing | self.outdated)
        current = self.env["res.partner"].search(
            [
                ("id", "in", mine.ids),
                ("biuro_processing_agreement_state", "=", "current"),
            ]
        )
        self.assertEqual(current, self.current)

    def test_shown_next_to_the_contract(self):
        contract = self.env["biuro.contract"].create(
            {
                "partner_id": self.current.id,
                "contract_type": "payroll",
                "date_start": "2026-01-01",
            }
        )
        self.assertEqual(contract.biuro_processing_agreement_id, self.new)
        bare = self.env["biuro.contract"].create(
            {
                "partner_id": self.missing.id,
                "contract_type": "payroll",
                "date_start": "2026-01-01",
            }
        )
        self.assertFalse(bare.biuro_processing_agreement_id)
