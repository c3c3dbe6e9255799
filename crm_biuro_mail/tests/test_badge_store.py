from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.mail.tools.discuss import Store

from .common import BiuroMailCase


@tagged("post_install", "-at_install")
class TestBadgeStore(BiuroMailCase):
    """The web client receives, with each message author, the client the author
    belongs to and whether it is verified."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create(
            {"name": "Not a client", "email": "x@example.com"}
        )
        cls.messages = cls.env["mail.message"]
        for author in (cls.anna, cls.client_a, cls.other):
            cls.messages |= cls.client_a.message_post(
                body="Hello", author_id=author.id, message_type="comment"
            )

    def partner_data(self, user):
        result = Store(self.messages.with_user(user)).get_result()
        return {values["id"]: values for values in result["res.partner"]}

    def test_author_badge_data(self):
        data = self.partner_data(self.user)
        self.assertEqual(data[self.anna.id]["biuro_client_id"], self.client_a.id)
        self.assertEqual(data[self.client_a.id]["biuro_client_id"], self.client_a.id)
        self.assertIs(data[self.anna.id]["biuro_verified"], False)
        self.assertIs(data[self.other.id]["biuro_client_id"], False)
        # the usual author data is still there
        self.assertEqual(data[self.anna.id]["name"], "Anna Nowak")

    def test_no_badge_for_users_outside_the_office(self):
        data = self.partner_data(self.outsider)
        self.assertNotIn("biuro_client_id", data[self.anna.id])
        self.assertEqual(data[self.anna.id]["name"], "Anna Nowak")

    def test_verified_when_registry_check_ok(self):
        # stand in for crm_biuro_verify's answer to the hook with a plain field
        self.client_a.ref = "ok"
        with patch.object(
            type(self.env["res.partner"]),
            "_biuro_is_verified",
            lambda self: self.ref == "ok",
        ):
            data = self.partner_data(self.user)
            self.assertIs(data[self.anna.id]["biuro_verified"], True)
            self.client_a.ref = "error"
            self.assertIs(
                self.partner_data(self.user)[self.anna.id]["biuro_verified"], False
            )

    def test_partner_to_store_opt_in(self):
        store = Store(
            self.anna.with_user(self.user), fields=["name", "biuro_client_badge"]
        )
        values = store.get_result()["res.partner"][0]
        self.assertEqual(values["name"], "Anna Nowak")
        self.assertEqual(values["biuro_client_id"], self.client_a.id)
        plain = Store(self.anna.with_user(self.user), fields=["name"]).get_result()
        self.assertNotIn("biuro_client_id", plain["res.partner"][0])

    def test_store_query_count(self):
        """The badge costs a constant number of queries for a page of messages:
        twelve authors of two clients cost what one author costs."""
        one = self.messages[:1]
        page = self.messages
        for index in range(10):
            contact = self.env["res.partner"].create(
                {"name": f"C{index}", "parent_id": self.client_b.id}
            )
            page |= self.client_b.message_post(
                body="Hi", author_id=contact.id, message_type="comment"
            )

        def count(messages):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Store(messages.with_user(self.user))
            return self.env.cr.sql_log_count - before

        count(page)  # warm the registry caches (groups, ACLs)
        self.assertEqual(count(page), count(one))
