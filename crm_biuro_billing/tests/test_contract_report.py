import base64

from odoo.tests import HttpCase, new_test_user, tagged

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

    def test_signed_scan_attaches_back_and_a_new_one_keeps_the_old(self):
        contract = self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        first = b"%PDF-1.4 signed agreement, first scan"
        contract.write(
            {
                "signed_file": base64.b64encode(first),
                "signed_file_name": "umowa-podpisana.pdf",
                "signed_date": "2026-01-05",
            }
        )
        self.assertEqual(base64.b64decode(contract.signed_file), first)
        contract.signed_file = base64.b64encode(b"%PDF-1.4 second scan")
        kept = contract.message_ids.attachment_ids.filtered(
            lambda a: a.name == "umowa-podpisana.pdf"
        )
        self.assertEqual(kept.raw, first)


@tagged("post_install", "-at_install")
class TestContractPdfInPortal(BillingCase, HttpCase):
    """The portal's company card offers the agreement as a PDF to the company's
    owner only; another company's contract answers 404."""

    def test_owner_downloads_the_agreement(self):
        if "biuro.portal.access" not in self.env:
            self.skipTest("crm_biuro_portal is not installed")
        contract = self.make_contract(
            self.client_a, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
        )
        foreign = self.make_contract(
            self.client_b, [{"product_id": self.kpir.id, "kind": "flat", "price": 300}]
        )
        people = {}
        for level in ("owner", "accountant"):
            login = f"contract_pdf_{level}"
            user = new_test_user(
                self.env, login, password=login, groups="base.group_portal"
            )
            self.env["biuro.portal.access"].create(
                {
                    "partner_id": user.partner_id.id,
                    "client_id": self.client_a.id,
                    "level": level,
                }
            )
            people[level] = login
        url = f"/my/clients/{self.client_a.id}/contracts/{contract.id}/pdf"
        self.authenticate(people["owner"], people["owner"])
        card = self.url_open(f"/my/clients/{self.client_a.id}")
        self.assertIn(url, card.text)
        pdf = self.url_open(url)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # in tests Odoo renders reports as HTML instead of calling wkhtmltopdf
        self.assertIn(contract.name, pdf.text)
        self.assertIn("KPiR do 30 dokumentów", pdf.text)
        guessed = f"/my/clients/{self.client_a.id}/contracts/{foreign.id}/pdf"
        self.assertEqual(self.url_open(guessed).status_code, 404)
        other = f"/my/clients/{self.client_b.id}/contracts/{foreign.id}/pdf"
        self.assertEqual(self.url_open(other).status_code, 404)
        self.authenticate(people["accountant"], people["accountant"])
        self.assertNotIn(url, self.url_open(f"/my/clients/{self.client_a.id}").text)
        self.assertEqual(self.url_open(url).status_code, 403)
