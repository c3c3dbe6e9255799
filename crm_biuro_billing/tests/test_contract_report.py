from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestContractReport(BillingCase):
    def test_agreement_names_scope_fees_insurance_and_notice(self):
        self.env.company.write(
            {
                "biuro_oc_policy_number": "OC/BR/2026/004417",
                "biuro_oc_insurer": "TU Ubezpieczenia Testowe S.A.",
                "biuro_oc_sum": 50000,
            }
        )
        contract = self.make_contract(
            self.client_a,
            [
                {"product_id": self.kpir.id, "kind": "flat", "price": 450},
                {
                    "product_id": self.document.id,
                    "kind": "per_document",
                    "price": 8,
                    "included_qty": 30,
                },
            ],
            notice_days=90,
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crm_biuro_billing.report_biuro_contract", contract.ids
        )
        html = html.decode()
        for expected in (
            contract.name,
            "Alfa sp. z o.o.",
            "KPiR do 30 dokumentów",
            "Dokument ponad limit",
            "OC/BR/2026/004417",
            "TU Ubezpieczenia Testowe S.A.",
            "76h",
            "90",
        ):
            self.assertIn(expected, html)
