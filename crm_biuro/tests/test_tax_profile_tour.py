from datetime import date

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import NIP_B


@tagged("post_install", "-at_install")
class TestTaxProfileTour(HttpCase):
    def test_change_the_tax_form_from_the_next_year_in_the_browser(self):
        client = self.env["res.partner"].create(
            {
                "name": "Historia w Przeglądarce sp.j.",
                "is_company": True,
                "biuro_client": True,
                "vat": NIP_B,
                "biuro_state": "active",
                "biuro_legal_form": "spj",
                "biuro_books_type": "kpir",
                "biuro_tax_form": "liniowy",
                "biuro_vat_status": "czynny",
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{client.id}",
            "crm_biuro_tax_profile_history_tour",
            login="admin",
        )
        today = fields.Date.context_today(client)
        rows = client.biuro_tax_profile_ids.sorted("date_from")
        self.assertEqual(rows.mapped("tax_form"), ["liniowy", "skala"])
        self.assertEqual(rows[-1].date_from, date(today.year + 1, 1, 1))
        self.assertEqual(client.biuro_tax_form, "skala")
