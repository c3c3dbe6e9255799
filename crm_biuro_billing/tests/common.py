from odoo import Command

from odoo.addons.crm_biuro.tests.common_accounting import BiuroAccountingCase


class BillingCase(BiuroAccountingCase):
    """An office company with a chart of accounts, its service products and a
    helper for contracts with price terms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.company_data["default_tax_sale"]
        cls.journal = cls.company_data["default_journal_sale"]
        cls.kpir = cls._create_product(name="KPiR do 30 dokumentów", list_price=450)
        cls.document = cls._create_product(name="Dokument ponad limit", list_price=8)
        cls.payroll = cls._create_product(name="Kadry i płace", list_price=60)
        cls.advisory = cls._create_product(name="Doradztwo (godz.)", list_price=250)
        cls.annual = cls._create_product(name="Zeznanie roczne", list_price=300)
        cls.client_a = cls.make_client("Alfa sp. z o.o.", biuro_state="active")
        cls.client_b = cls.make_client("Beta Jan Nowak", biuro_state="active")

    @classmethod
    def make_contract(cls, partner, lines, **vals):
        return cls.env["biuro.contract"].create(
            {
                "partner_id": partner.id,
                "contract_type": vals.pop("contract_type", "bookkeeping"),
                "date_start": vals.pop("date_start", "2025-01-01"),
                "state": "active",
                "line_ids": [Command.create(line) for line in lines],
                **vals,
            }
        )

    def run_month(self, month, company=None, **vals):
        run = self.env["biuro.billing.run"].create(
            {
                "month": month,
                "company_id": (company or self.env.company).id,
                **vals,
            }
        )
        run.action_run()
        return run

    def invoices(self, partner, month=None):
        domain = [("partner_id", "=", partner.id), ("move_type", "=", "out_invoice")]
        if month:
            domain.append(("biuro_billing_month", "=", month))
        return self.env["account.move"].search(domain)
