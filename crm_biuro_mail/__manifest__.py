# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM: Client Mail",
    "summary": "Incoming mail lands on the client's "
    "timeline; a Klient CRM badge on messages",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_biuro", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_biuro_mail_security.xml",
        "data/biuro_mail_public_domain_data.xml",
        "data/mail_alias_data.xml",
        "views/res_partner_views.xml",
        "views/biuro_mail_unassigned_views.xml",
        "views/biuro_mail_config_views.xml",
        "views/crm_biuro_mail_menus.xml",
    ],
    "demo": [
        "demo/mail_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_biuro_mail/static/src/**/*",
        ],
        "web.assets_unit_tests": [
            "crm_biuro_mail/static/tests/**/*",
            ("remove", "crm_biuro_mail/static/tests/tours/**/*"),
        ],
        "web.assets_tests": [
            "crm_biuro_mail/static/tests/tours/**/*",
        ],
    },
}
