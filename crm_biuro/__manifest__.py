# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM (biuro rachunkowe)",
    "summary": "Client registry of a Polish accounting office: identifiers, "
    "tax profile, contacts, contracts, inspections, documents, timeline",
    "version": "18.0.1.0.2",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    # partner_autocomplete is auto-installed with contacts; we depend on it to turn
    # off its registry lookups while a Polish NIP is typed (see the model file).
    # base_import: the client import template and its column mapping
    "depends": [
        "contacts",
        "mail",
        "account",
        "partner_autocomplete",
        "base_import",
    ],
    "external_dependencies": {
        "python": ["python-stdnum", "holidays", "vobject", "openpyxl"]
    },
    "data": [
        "security/crm_biuro_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_biuro_security.xml",
        "data/biuro_declaration_type_data.xml",
        "data/biuro_document_category_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/base_import_mapping_data.xml",
        "views/res_partner_views.xml",
        "views/res_partner_records_views.xml",
        "views/biuro_contract_views.xml",
        "views/biuro_tax_inspection_views.xml",
        "views/biuro_document_views.xml",
        "wizards/biuro_obligation_file_views.xml",
        "views/biuro_obligation_views.xml",
        "views/res_partner_dashboard_views.xml",
        "views/biuro_declaration_type_views.xml",
        "wizards/biuro_client_mass_update_views.xml",
        "views/res_partner_export_views.xml",
        "views/biuro_client_duplicate_views.xml",
        "wizards/biuro_gdpr_anonymize_views.xml",
        "wizards/biuro_gdpr_export_views.xml",
        "report/biuro_client_card_report.xml",
        "report/biuro_report_views.xml",
        "views/crm_biuro_menus.xml",
        "views/res_partner_tax_profile_views.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/biuro_tax_profile_demo.xml",
        "demo/biuro_records_demo.xml",
        "demo/biuro_office_history_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_biuro/static/tests/tours/*.js",
        ],
    },
}
