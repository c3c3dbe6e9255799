# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM: Client Billing",
    "summary": "Price lists on client contracts and the monthly run that "
    "invoices every client on Odoo's own accounting (rozliczanie klientów)",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["crm_biuro", "account"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_biuro_billing_security.xml",
        "security/crm_biuro_billing_team_security.xml",
        "data/mail_template_data.xml",
        "data/biuro_reminder_level_data.xml",
        "data/ir_cron_data.xml",
        "views/biuro_contract_views.xml",
        "views/biuro_billing_extra_views.xml",
        "views/biuro_payroll_headcount_views.xml",
        "views/res_partner_views.xml",
        "views/biuro_billing_run_views.xml",
        "views/biuro_reminder_level_views.xml",
        "wizards/biuro_contract_indexation_views.xml",
        "views/res_company_views.xml",
        "report/biuro_contract_report.xml",
        "views/biuro_billing_report_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_dashboard_views.xml",
        "views/portal_templates.xml",
        "views/crm_biuro_billing_menus.xml",
    ],
    "demo": [
        "demo/biuro_contract_line_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_biuro_billing/static/tests/tours/*.js",
        ],
    },
}
