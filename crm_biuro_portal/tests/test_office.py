from lxml import etree

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import PortalWorld


@tagged("post_install", "-at_install")
class TestOfficeSide(PortalWorld, MockEmail, TransactionCase):
    """The "Portal" tab of the client form: invite, change level, revoke."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.client = cls.make_company("Klient Biura sp. z o.o.", with_records=False)
        cls.other = cls.make_company("Drugi Klient sp. z o.o.", with_records=False)

    def invite(self, client, email, name, level):
        office = self.office_user
        action = client.with_user(office).action_biuro_portal_invite()
        self.assertEqual(action["res_model"], "biuro.portal.invite")
        wizard = (
            self.env[action["res_model"]]
            .with_user(office)
            .with_context(**action["context"])
            .create({"email": email, "name": name, "level": level})
        )
        self.assertEqual(wizard.client_id, client)
        with self.mock_mail_gateway():
            wizard.action_invite()
        return self.env["biuro.portal.access"].search(
            [("client_id", "=", client.id), ("partner_id.email", "=", email)]
        )

    def test_portal_tab_on_the_client_form(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.office_user)
            .get_view(self.env.ref("base.view_partner_form").id, "form")["arch"]
        )
        page = etree.fromstring(arch).xpath("//page[@name='biuro_portal']")
        self.assertTrue(page)
        self.assertTrue(page[0].xpath(".//button[@name='action_biuro_portal_invite']"))
        self.assertTrue(page[0].xpath(".//field[@name='biuro_portal_access_ids']"))

    def test_invite_creates_the_portal_user_and_sends_the_invitation(self):
        access = self.invite(
            self.client, "ksiegowa@klient.test", "Maria Księgowa", "accountant"
        )
        self.assertEqual(access.level, "accountant")
        self.assertEqual(access.partner_id.name, "Maria Księgowa")
        user = access.user_id
        self.assertTrue(user._is_portal())
        self.assertEqual(user.login, "ksiegowa@klient.test")
        self.assertEqual(len(self._mails), 1)
        self.assertIn("ksiegowa@klient.test", self._mails[0]["email_to"][0])
        # a second company for the same person: same user, no new invitation
        second = self.invite(self.other, "ksiegowa@klient.test", "", "readonly")
        self.assertEqual(second.user_id, user)
        self.assertEqual(len(self._mails), 0)
        self.assertEqual(
            user.partner_id.biuro_portal_company_access_ids.client_id,
            self.client | self.other,
        )

    def test_change_level_and_revoke_from_the_form(self):
        access = self.invite(self.client, "wlasciciel@klient.test", "Piotr", "readonly")
        office_client = self.client.with_user(self.office_user)
        office_client.write(
            {"biuro_portal_access_ids": [Command.update(access.id, {"level": "owner"})]}
        )
        self.assertEqual(access.level, "owner")
        self.assertIn("Read-only → Owner", self.client.message_ids[0].preview)
        self.client.message_subscribe(partner_ids=access.partner_id.ids)
        access.with_user(self.office_user).action_revoke()
        self.assertFalse(access.active)
        self.assertFalse(self.client.biuro_portal_access_ids)
        self.assertNotIn(access.partner_id, self.client.message_partner_ids)
        self.assertEqual(
            self.client.message_ids[0].preview, "Portal access of Piotr revoked."
        )
        self.assertEqual(
            self.client.message_ids[0].author_id, self.office_user.partner_id
        )
