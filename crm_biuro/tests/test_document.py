from datetime import date

from odoo.tests import tagged

from .common import BiuroCase


@tagged("post_install", "-at_install")
class TestDocument(BiuroCase):
    def test_period_is_the_first_of_the_month_and_the_timeline_shows_it(self):
        client = self.make_client()
        category = self.env.ref("crm_biuro.document_category_bank_statements")
        document = self.env["biuro.document"].create(
            {
                "name": "Wyciąg 03/2026",
                "partner_id": client.id,
                "category_id": category.id,
                "period": date(2026, 3, 17),
            }
        )
        self.assertEqual(document.period, date(2026, 3, 1))
        self.assertEqual(document.state, "new")
        self.assertEqual(document.uploaded_by, self.env.user)
        document.period = date(2026, 4, 30)
        self.assertEqual(document.period, date(2026, 4, 1))
        self.assertIn("Wyciąg 03/2026", client.message_ids[0].body)
        self.assertEqual(client.biuro_document_count, 1)
