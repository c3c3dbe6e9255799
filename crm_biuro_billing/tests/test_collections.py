from freezegun import freeze_time

from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestCollections(BillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client_a.write(
            {
                "email": "ksiegowosc@alfa.example.pl",
                "biuro_accountant_id": cls.office_user.id,
            }
        )
        with freeze_time("2026-01-03"):
            cls.invoice = cls.make_invoice(
                cls.client_a, "2026-01-03", 450, due="2026-01-10"
            )

    def cron(self):
        # sudo: the cron runs as the superuser (OdooBot)
        self.env["account.move"].sudo()._cron_biuro_reminders()

    def reminder_messages(self):
        return self.invoice.message_ids.filtered(
            lambda m: (
                m.message_type == "comment" and self.invoice.name in (m.subject or "")
            )
        )

    def test_levels_follow_the_delay_once_each(self):
        with freeze_time("2026-01-12"):
            self.cron()
            self.assertFalse(self.invoice.biuro_reminder_level_id)
        with freeze_time("2026-01-18"):
            self.cron()
            self.cron()  # a second run the same day sends nothing more
            self.assertEqual(
                self.invoice.biuro_reminder_level_id,
                self.env.ref("crm_biuro_billing.reminder_level_1"),
            )
            self.assertEqual(len(self.reminder_messages()), 1)
            self.assertIn(self.client_a, self.reminder_messages().partner_ids)
            self.assertFalse(self.client_a.biuro_payment_blocked)
            self.assertEqual(self.invoice.biuro_days_overdue, 8)
        with freeze_time("2026-02-16"):
            self.cron()
            final = self.env.ref("crm_biuro_billing.reminder_level_3")
            self.assertEqual(self.invoice.biuro_reminder_level_id, final)
            self.assertEqual(len(self.reminder_messages()), 2)
            activity = self.invoice.activity_ids
            self.assertEqual(activity.user_id, self.office_user)
            self.assertIn("Alfa", activity.summary)
            self.assertTrue(self.client_a.biuro_payment_blocked)
            blocked = self.env["res.partner"].search(
                [("biuro_payment_blocked", "=", True)]
            )
            self.assertIn(self.client_a, blocked)

    def test_blocked_client_flagged_on_its_dashboard_and_in_the_list(self):
        with freeze_time("2026-02-16"):
            self.cron()
        self.assertTrue(self.client_a.biuro_payment_blocked)
        view = self.env.ref("crm_biuro.view_partner_biuro_dashboard")
        partners = self.env["res.partner"].with_context(lang="en_US")
        arch = partners.get_views([(view.id, "form")])["views"]["form"]["arch"]
        self.assertIn('invisible="not biuro_payment_blocked"', arch)
        self.assertIn("Blocked for non-payment", arch)
        action = self.client_a.action_biuro_dashboard()
        self.assertEqual(action["res_id"], self.client_a.id)
        search = self.env.ref("crm_biuro.view_partner_search_biuro")
        search_arch = partners.get_views([(search.id, "search")])["views"]["search"][
            "arch"
        ]
        self.assertIn('name="pay_blocked"', search_arch)

    def test_payment_lifts_the_block(self):
        with freeze_time("2026-02-16"):
            self.cron()
            self.assertTrue(self.client_a.biuro_payment_blocked)
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=self.invoice.ids
            ).create({"payment_date": "2026-02-16"})._create_payments()
            self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
            self.assertFalse(self.client_a.biuro_payment_blocked)
            self.cron()
            self.assertEqual(len(self.reminder_messages()), 1)

    def test_paid_and_not_client_invoices_not_reminded(self):
        stranger = self.env["res.partner"].create({"name": "Nie klient"})
        with freeze_time("2026-01-03"):
            other = self.make_invoice(stranger, "2026-01-03", 100, due="2026-01-10")
        with freeze_time("2026-02-16"):
            self.cron()
        self.assertFalse(other.biuro_reminder_level_id)
        self.assertTrue(self.invoice.biuro_reminder_level_id)

    def test_collections_list_shows_the_overdue(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_biuro_billing.action_biuro_collections"
        )
        self.assertEqual(action["res_model"], "account.move")
        with freeze_time("2026-01-18"):
            overdue = self.env["account.move"].search(
                self.env["account.move"]._biuro_overdue_domain(self.env.cr.now().date())
            )
        self.assertIn(self.invoice, overdue)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPostAndSend(BillingCase):
    def test_post_and_send_the_run(self):
        self.client_a.email = "biuro@alfa.example.pl"
        for client in self.client_a | self.client_b:
            self.make_contract(
                client, [{"product_id": self.kpir.id, "kind": "flat", "price": 450}]
            )
        run = self.run_month("2026-02-01")
        run.action_post_invoices()
        self.assertEqual(set(run.move_ids.mapped("state")), {"posted"})
        result = run.action_send_invoices()
        self.assertEqual(result["params"]["sent"], 1)
        self.assertEqual(result["params"]["without_email"], self.client_b.ids)
        sent = run.move_ids.filtered(lambda m: m.partner_id == self.client_a)
        self.assertTrue(sent.is_move_sent)
        message = sent.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(sent.name, message.subject)
        self.assertTrue(message.attachment_ids)
        self.assertIn(self.client_a, message.partner_ids)
        self.assertIn(self.client_b.name, run.message_ids[0].body)
        # sending again sends nothing twice
        self.assertEqual(run.action_send_invoices()["params"]["sent"], 0)
