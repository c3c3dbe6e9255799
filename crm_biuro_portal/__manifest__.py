# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM: Client Portal",
    "summary": "Customer portal: one login, many companies, "
    "access levels owner / accountant / read-only",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_biuro", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_biuro_portal_security.xml",
        "data/ir_config_parameter_data.xml",
        "views/res_partner_views.xml",
        "views/biuro_portal_access_views.xml",
        "views/portal_templates.xml",
        "views/portal_request_templates.xml",
        "wizards/biuro_portal_invite_views.xml",
    ],
    "demo": [
        "demo/portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_biuro_portal/static/tests/tours/*.js",
        ],
    },
}
