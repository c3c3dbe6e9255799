# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM: Registry Verification",
    "summary": "Add a client by NIP and verify clients daily in "
    "GUS REGON, the VAT white list, VIES, KRS and CRBR",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_biuro"],
    "external_dependencies": {"python": ["zeep", "requests", "py7zr"]},
    "data": [
        "security/ir.model.access.csv",
        "security/crm_biuro_verify_security.xml",
        "security/crm_biuro_verify_team_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/biuro_verification_views.xml",
        "views/biuro_beneficial_owner_views.xml",
        "views/biuro_whitelist_flat_file_views.xml",
        "views/res_partner_views.xml",
        "views/res_partner_dashboard_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/biuro_client_from_nip_views.xml",
        "views/crm_biuro_verify_menus.xml",
    ],
    "demo": [
        "demo/verify_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_biuro_verify/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_biuro_verify/static/tests/tours/*.js",
        ],
    },
}
