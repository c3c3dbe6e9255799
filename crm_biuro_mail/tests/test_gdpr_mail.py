"""The e-mail routing in crm_biuro's personal data requests (the hooks
_biuro_gdpr_mail_routing and _biuro_gdpr_erase_deleted)."""

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.test_gdpr import GdprReviewCase


@tagged("post_install", "-at_install")
class TestGdprMailRouting(GdprReviewCase):
    def test_routing_exported_and_erased(self):
        sender = self.env["biuro.mail.sender"].create(
            {"email": "piotr.kowalski@gmail.com", "partner_id": self.client.id}
        )
        if not self.env["biuro.mail.domain"].search(
            [("partner_id", "=", self.client.id)]
        ):
            self.env["biuro.mail.domain"].create(
                {"name": "kowalska-uslugi.pl", "partner_id": self.client.id}
            )
        unassigned, lookalike = self.env["biuro.mail.unassigned"].create(
            [
                {
                    "name": "Pytanie",
                    "email_from": '"Piotr Kowalski" <piotr.kowalski@gmail.com>',
                },
                {"name": "Inne", "email_from": "apiotr.kowalski@gmail.com"},
            ]
        )
        files = self._export_files(self.client)
        routing = files["mail_routing.json"]
        self.assertEqual(
            [row["email"] for row in routing["biuro.mail.sender"]],
            ["piotr.kowalski@gmail.com"],
        )
        self.assertTrue(routing["biuro.mail.domain"])
        self.assertEqual(len(routing["biuro.mail.unassigned"]), 1)
        self._anonymize(self.client)
        self.assertFalse(sender.exists())
        self.assertFalse(
            self.env["biuro.mail.domain"].search([("partner_id", "=", self.client.id)])
        )
        self.assertFalse(unassigned.exists())
        self.assertTrue(lookalike.exists())
