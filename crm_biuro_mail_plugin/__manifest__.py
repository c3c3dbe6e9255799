# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Accounting Office CRM: Mail Plugin",
    "summary": "Staff mailboxes (Outlook / Gmail add-ins of Odoo's mail plugin) "
    "find the office client of a sender and log the e-mail on its timeline",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/crm-biuro/crm_biuro",
    "author": "crm_biuro contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    # installs itself when an office uses both the client mail and Odoo's plugin
    "auto_install": True,
    "depends": ["crm_biuro_mail", "mail_plugin"],
    "data": [],
}
