import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMailPluginClientLookup(HttpCase):
    """Issue 17.7: Odoo's mail plugin, called as the add-ins call it (an API key
    of the plugin's scope), shows the office client and logs on its timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "biuro_plugin_user",
            groups="base.group_user,crm_biuro.group_biuro_user",
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Tartak Modrzew sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "vat": "PL5260250274",
                "country_id": cls.env.ref("base.pl").id,
                "biuro_state": "active",
                "email": "biuro@tartak-modrzew.pl",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ewa Modrzew",
                "parent_id": cls.client.id,
                "email": "ewa@tartak-modrzew.pl",
            }
        )
        cls.outsider = new_test_user(
            cls.env, "biuro_plugin_outsider", groups="base.group_user"
        )
        cls.key = cls.plugin_key(cls.user)
        cls.outsider_key = cls.plugin_key(cls.outsider)

    @classmethod
    def plugin_key(cls, user):
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                "odoo.plugin.outlook",
                "Outlook",
                fields.Datetime.now() + timedelta(days=1),
            )
        )

    def call(self, route, key=None, expect_error=False, **params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key or self.key}",
            },
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        if expect_error:
            self.assertIn("error", body, body)
            return body["error"]
        self.assertNotIn("error", body, body)
        return body["result"]

    def test_contact_of_a_client_is_shown_as_the_crm_client(self):
        result = self.call(
            "/mail_plugin/partner/get", email="ewa@tartak-modrzew.pl", name="Ewa"
        )
        self.assertEqual(result["partner"]["id"], self.contact.id)
        self.assertEqual(result["biuro_client"]["id"], self.client.id)
        self.assertEqual(result["biuro_client"]["nip"], "5260250274")
        self.assertIn("Tartak Modrzew", result["partner"]["title"])

    def test_unknown_sender_of_a_client_domain_finds_the_client(self):
        result = self.call(
            "/mail_plugin/partner/get", email="nowy@tartak-modrzew.pl", name="Nowy"
        )
        self.assertEqual(result["partner"]["id"], -1)
        self.assertEqual(result["partner"]["company"]["id"], self.client.id)

    def test_log_on_a_contact_lands_on_the_client_timeline(self):
        before = self.client.biuro_email_count
        self.assertTrue(
            self.call(
                "/mail_plugin/log_mail_content",
                model="res.partner",
                res_id=self.contact.id,
                message="<p>Wysłałem deklarację VAT-7</p>",
            )
        )
        message = self.client.message_ids[:1]
        self.assertIn("VAT-7", str(message.body))
        self.assertEqual(message.message_type, "email")
        self.assertEqual(message.author_id, self.user.partner_id)
        self.client.invalidate_recordset()
        self.assertEqual(self.client.biuro_email_count, before + 1)

    def test_no_key_no_lookup(self):
        response = self.url_open(
            "/mail_plugin/partner/get",
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "params": {"partner_id": 1}}
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertNotIn("result", response.json())

    def test_employees_outside_the_office_see_no_client_and_log_nothing(self):
        """A plain employee (not an office user) reads the contact as Odoo lets
        him, but never the client's data, and cannot log on its timeline."""
        result = self.call(
            "/mail_plugin/partner/get",
            key=self.outsider_key,
            email="nowy@tartak-modrzew.pl",
            name="Nowy",
        )
        self.assertNotIn("biuro_client", result)
        count = len(self.client.message_ids)
        with self.assertLogs("odoo.http", "WARNING"):
            self.call(
                "/mail_plugin/log_mail_content",
                key=self.outsider_key,
                expect_error=True,
                model="res.partner",
                res_id=self.contact.id,
                message="<p>x</p>",
            )
        self.client.invalidate_recordset()
        self.assertEqual(len(self.client.message_ids), count)
