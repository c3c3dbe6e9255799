from odoo.tests import tagged

from .test_security_matrix import TestSecurityMatrix


@tagged("post_install", "-at_install")
class TestSecurityMatrixTeamVisibility(TestSecurityMatrix):
    """The whole portal matrix again with "Accountants see only their clients" on:
    the setting restricts office users only, the portal's rules stay as they are
    (every level, every route, allowed and foreign company)."""

    # Odoo's loader runs a class's own test methods only, unless told otherwise
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("crm_biuro.team_visibility", "True")
