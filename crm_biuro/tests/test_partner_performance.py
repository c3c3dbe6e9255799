from odoo.tests import tagged

from .common import BiuroCase

LIST_FIELDS = [
    "name",
    "biuro_nip",
    "city",
    "biuro_state",
    "biuro_legal_form",
    "biuro_accountant_id",
    "biuro_payment_state",
    "biuro_last_message_date",
    "activity_ids",
]


@tagged("post_install", "-at_install")
class TestPartnerPerformance(BiuroCase):
    """The client list and the dashboard read in a constant number of queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.env["res.partner"].create(
            [
                {
                    "name": f"Klient {index:03d}",
                    "is_company": True,
                    "biuro_client": True,
                    "city": "Kraków",
                    "biuro_state": "active",
                    "biuro_accountant_id": cls.user.id,
                }
                for index in range(80)
            ]
        )

    def test_client_list_of_80_clients(self):
        self.env.invalidate_all()
        # one query per table behind the columns, not one per client (and the
        # team-visibility setting, read once when the record rules are computed)
        with self.assertQueryCount(16):
            self.clients.with_user(self.user).read(LIST_FIELDS)

    def test_dashboard_does_not_grow_with_history(self):
        small, large = self.clients[:2]
        for client, count in ((small, 20), (large, 60)):
            for index in range(count):
                client.message_post(body=f"Notatka {index}", message_type="comment")
                client.activity_schedule(
                    "mail.mail_activity_data_todo", summary=f"Zadanie {index}"
                )
        self.env.flush_all()
        # warm the caches that do not depend on the client (templates, field info)
        large.with_user(self.user).read(["biuro_dashboard_html"])
        # the same budget for 20 and for 60 messages and tasks
        for client in (small, large):
            self.env.invalidate_all()
            # (one grouped query per record model finds the client's records whose
            # tasks and e-mails are shown too; the finances add their aggregates; the
            # progress of this month's work item adds two)
            with self.assertQueryCount(60):
                client.with_user(self.user).read(["biuro_dashboard_html"])
        self.assertIn("Notatka 59", large.biuro_dashboard_html)
        self.assertIn("Zadanie", large.biuro_dashboard_html)
