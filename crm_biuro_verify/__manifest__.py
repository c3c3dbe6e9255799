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
    "external_dependencies": {"python": ["zeep", "requests"]},
    "data": [],
}
