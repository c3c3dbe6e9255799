from odoo.tests import new_test_user

from odoo.addons.crm_biuro.tests.common import BiuroCase

AML_GROUPS = "base.group_user,crm_biuro_compliance.group_biuro_aml"


class ComplianceMixin:
    """Users of every role of the compliance file and helpers that build it."""

    @classmethod
    def setup_compliance(cls):
        cls.aml_officer = new_test_user(
            cls.env, "biuro_aml_officer", groups=AML_GROUPS, lang="en_US"
        )
        cls.portal_user = new_test_user(
            cls.env, "biuro_portal_owner", groups="base.group_portal"
        )
        cls.Case = cls.env["biuro.aml.case"]
        cls.Mandate = cls.env["biuro.mandate"]
        # sudo: test setup, system parameters are admin-only
        cls.icp = cls.env["ir.config_parameter"].sudo()

    @classmethod
    def make_case(cls, client, **vals):
        return cls.Case.create({"partner_id": client.id, **vals})

    @classmethod
    def add_ubo(cls, case, name, share=0.0, country="base.pl", **vals):
        return cls.env["biuro.aml.person"].create(
            {
                "case_id": case.id,
                "name": name,
                "is_ubo": True,
                "share_percent": share,
                "citizenship_id": cls.env.ref(country).id,
                **vals,
            }
        )

    @classmethod
    def approve(cls, case):
        if not case.person_ids:
            cls.add_ubo(case, "Jan Kowalski", 100.0)
        case.relationship_purpose = case.relationship_purpose or "Full bookkeeping"
        if case.state == "draft":
            case.action_submit()
        case.action_approve()
        return case


class ComplianceCase(ComplianceMixin, BiuroCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_compliance()
