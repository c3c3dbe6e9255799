from odoo.tests import tagged

from ..models.res_partner_search import TRIGRAM_COLUMNS, nip_term
from .common import NIP_A, NIP_B, BiuroCase


@tagged("post_install", "-at_install")
class TestClientSearch(BiuroCase):
    """The client list's search box: name, NIP in any format, city."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls.make_client(
            name="Piekarnia Zawiercie sp. z o.o.", vat=NIP_A, city="Kraków"
        )
        cls.beta = cls.make_client(name="Usługi Beta", vat=NIP_B, city="Zawiercie")

    def find(self, text):
        clients = self.alpha | self.beta
        return self.env["res.partner"].search(
            [("biuro_search", "ilike", text), ("id", "in", clients.ids)]
        )

    def test_nip_in_any_format(self):
        for text in ("7251801126", "PL7251801126", "pl 725-180-11-26", "725 18 01 126"):
            with self.subTest(text=text):
                self.assertEqual(self.find(text), self.beta)
        self.assertEqual(self.find("526-025"), self.alpha)  # the start of a NIP

    def test_name_and_city(self):
        self.assertEqual(self.find("piekarnia"), self.alpha)
        self.assertEqual(self.find("kraków"), self.alpha)
        # one word in a name and in a city: both
        self.assertEqual(self.find("Zawiercie"), self.alpha | self.beta)
        self.assertFalse(self.find("Gdańsk"))

    def test_negation_and_terms_that_are_no_nip(self):
        clients = self.alpha | self.beta
        found = self.env["res.partner"].search(
            [("biuro_search", "not ilike", "piekarnia"), ("id", "in", clients.ids)]
        )
        self.assertEqual(found, self.beta)
        self.assertEqual(nip_term("PL 12"), "")
        self.assertEqual(nip_term("ul. 3 Maja"), "")
        self.assertEqual(nip_term("PL-725-180"), "725180")

    def test_trigram_indexes_exist(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        names = {row[0] for row in self.env.cr.fetchall()}
        for column in TRIGRAM_COLUMNS:
            self.assertIn(f"res_partner_{column}_biuro_trgm_idx", names)
