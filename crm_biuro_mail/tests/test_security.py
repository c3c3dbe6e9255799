from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BiuroMailCase


@tagged("post_install", "-at_install")
class TestMailSecurity(BiuroMailCase):
    """Access per group: office user, office manager, internal user outside the
    office; and company separation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = cls.env["biuro.mail.unassigned"].create(
            {"name": "Spam?", "email_from": "x@nieznana.pl"}
        )
        cls.sender = cls.env["biuro.mail.sender"].create(
            {"email": "known@gmail.com", "partner_id": cls.client_a.id}
        )

    def test_user(self):
        record = self.record.with_user(self.user)
        self.assertEqual(record.name, "Spam?")
        record.partner_id = self.client_a
        with self.assertRaises(AccessError):
            record.unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.mail.unassigned"].with_user(self.user).create({"name": "x"})
        # users keep the e-mail domains of their clients up to date
        self.client_a.with_user(self.user).biuro_email_domains = "alfa.pl, alfa.eu"
        self.assertIn("alfa.eu", self.client_a.biuro_email_domains)
        # remembered senders and the public list are read-only for them
        self.assertEqual(self.sender.with_user(self.user).email, "known@gmail.com")
        with self.assertRaises(AccessError):
            self.sender.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.mail.public.domain"].with_user(self.user).create(
                {"name": "poczta.example"}
            )

    def test_manager(self):
        self.record.with_user(self.manager).unlink()
        self.assertFalse(self.record.exists())
        self.sender.with_user(self.manager).partner_id = self.client_b
        public = (
            self.env["biuro.mail.public.domain"]
            .with_user(self.manager)
            .create({"name": "Poczta.Example"})
        )
        self.assertEqual(public.name, "poczta.example")

    def test_no_group(self):
        for model, record in (
            ("biuro.mail.unassigned", self.record),
            ("biuro.mail.sender", self.sender),
            ("biuro.mail.domain", self.client_a.biuro_mail_domain_ids[:1]),
            ("biuro.mail.public.domain", self.env["biuro.mail.public.domain"]),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.outsider).search([])
            if record:
                with self.subTest(model=model), self.assertRaises(AccessError):
                    record.with_user(self.outsider).read(["id"])

    def test_other_company_unassigned_hidden(self):
        self.record.company_id = self.company_2
        found = self.env["biuro.mail.unassigned"].with_user(self.user).search([])
        self.assertNotIn(self.record, found)
