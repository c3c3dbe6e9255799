from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_biuro.email_domains import PUBLIC_EMAIL_DOMAINS

from ..mail_address import domain_candidates, normalize_domain


@tagged("post_install", "-at_install")
class TestClientDomains(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Omega S.A.",
                "is_company": True,
                "biuro_client": True,
                "website": "http://WWW.Omega-SA.pl/kontakt",
            }
        )

    def test_normalize(self):
        self.assertEqual(normalize_domain("@Firma.PL"), "firma.pl")
        self.assertEqual(normalize_domain("https://www.firma.pl/o-nas"), "firma.pl")
        self.assertEqual(normalize_domain("jan@sub.firma.pl"), "sub.firma.pl")
        self.assertFalse(normalize_domain("localhost"))
        self.assertFalse(normalize_domain(""))
        self.assertEqual(
            domain_candidates("a.b.firma.pl"),
            ["a.b.firma.pl", "b.firma.pl", "firma.pl"],
        )

    def test_filled_from_website_and_contacts(self):
        self.assertEqual(self.client.biuro_email_domains, "omega-sa.pl")
        self.env["res.partner"].create(
            [
                {"name": "A", "email": "a@omega.com", "parent_id": self.client.id},
                # a private mailbox never becomes a client domain
                {"name": "B", "email": "b@gmail.com", "parent_id": self.client.id},
            ]
        )
        self.assertEqual(self.client.biuro_email_domains, "omega-sa.pl, omega.com")
        contact = self.client.child_ids.filtered(lambda p: p.name == "A")
        contact.email = "a@omega-group.eu"
        self.assertIn("omega-group.eu", self.client.biuro_email_domains)

    def test_not_for_non_clients(self):
        partner = self.env["res.partner"].create(
            {"name": "Supplier", "is_company": True, "website": "supplier.pl"}
        )
        self.assertFalse(partner.biuro_email_domains)

    def test_editable(self):
        self.client.biuro_email_domains = "omega.pl; @OMEGA-SA.PL  omega.de"
        self.assertEqual(
            self.client.biuro_email_domains, "omega-sa.pl, omega.de, omega.pl"
        )
        self.client.biuro_email_domains = "omega.pl"
        self.assertEqual(self.client.biuro_mail_domain_ids.mapped("name"), ["omega.pl"])
        found = self.env["res.partner"].search(
            [("biuro_email_domains", "=", "omega.pl")]
        )
        self.assertEqual(found, self.client)

    def test_public_domain_refused(self):
        with self.assertRaisesRegex(ValidationError, "wp.pl is a public mailbox"):
            self.client.biuro_email_domains = "omega.pl, wp.pl"

    def test_invalid_domain_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a domain name"):
            self.client.biuro_email_domains = "nie-domena"

    def test_public_domains_match_the_duplicate_finder(self):
        """crm_biuro's duplicate finder and this addon ignore the same public
        mailbox domains (the list here starts from the same set)."""
        names = set(self.env["biuro.mail.public.domain"].search([]).mapped("name"))
        self.assertEqual(names, set(PUBLIC_EMAIL_DOMAINS))
