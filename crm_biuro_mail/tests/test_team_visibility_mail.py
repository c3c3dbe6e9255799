from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BiuroMailCase


@tagged("post_install", "-at_install")
class TestTeamVisibilityMail(BiuroMailCase):
    """With "Accountants see only their clients" on, the gateway still routes every
    client's e-mail; the accountant reads the e-mails of their own clients only;
    unassigned e-mails stay the office's queue on the Pulpit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "biuro_mail_acc",
            groups="base.group_user,crm_biuro.group_biuro_user",
        )
        cls.client_a.biuro_accountant_id = cls.accountant
        cls.env["ir.config_parameter"].set_param("crm_biuro.team_visibility", "True")

    def test_gateway_routes_to_every_client_and_the_timeline_follows_the_client(self):
        self.assertEqual(
            self.process(self.build_mail("biuro@alfa.pl", subject="Do A")),
            self.client_a.id,
        )
        # client B is not the accountant's: the gateway routes there all the same
        self.process(self.build_mail("jan.kowalski@gmail.com", subject="Do B"))
        mail_b = self.emails_of(self.client_b)
        self.assertEqual(mail_b.subject, "Do B")
        self.process(self.build_mail("nieznany@example.org", subject="Nieznany"))
        self.assertTrue(self.unassigned("Nieznany"))
        Message = self.env["mail.message"].with_user(self.accountant)
        mails = Message.search([("subject", "in", ("Do A", "Do B"))])
        self.assertEqual(mails, self.emails_of(self.client_a))
        with self.assertRaises(AccessError):
            mail_b.with_user(self.accountant).read(["body"])

    def test_unassigned_emails_tile(self):
        self.process(self.build_mail("nieznany@example.org", subject="Nieznany"))
        pending = self.env["biuro.mail.unassigned"].search_count(
            [("state", "=", "pending")]
        )
        tiles = {
            tile["key"]: tile
            for tile in self.env["biuro.pulpit"]
            .with_user(self.accountant)
            .get_tiles()["tiles"]
        }
        self.assertEqual(tiles["unassigned_emails"]["count"], pending)
        self.assertGreaterEqual(pending, 1)
        self.assertEqual(
            tiles["unassigned_emails"]["action"]["res_model"], "biuro.mail.unassigned"
        )
