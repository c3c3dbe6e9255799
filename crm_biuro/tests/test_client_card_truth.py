from datetime import date

from odoo.tests import tagged

from .common import NIP_A, BiuroCase
from .common_accounting import BiuroAccountingCase


@tagged("post_install", "-at_install")
class TestClientInvoicesPage(BiuroAccountingCase):
    """Issue 17.2: the Invoices page lists the customer invoices and credit notes
    of the client and all its contacts, the same set as the stat button."""

    def test_invoices_page_and_stat_button_show_one_set(self):
        client = self.make_client("Piekarnia Kłos sp. z o.o.", vat="PL" + NIP_A)
        contact = self.env["res.partner"].create(
            {"name": "Anna Kłos", "parent_id": client.id}
        )
        invoice = self.make_invoice(client, date(2026, 3, 1), 1000)
        to_contact = self.make_invoice(contact, date(2026, 3, 2), 500)
        refund = self.make_invoice(client, date(2026, 3, 3), 200, "out_refund")
        bill = self.make_invoice(client, date(2026, 3, 4), 300, "in_invoice")
        draft = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": client.id}
        )
        expected = invoice | to_contact | refund
        client.invalidate_recordset()
        self.assertEqual(client.biuro_invoice_ids, expected)
        self.assertEqual(client.biuro_customer_move_count, 3)
        action = client.action_biuro_open_invoices()
        self.assertEqual(self.env["account.move"].search(action["domain"]), expected)
        self.assertNotIn(bill, client.biuro_invoice_ids)
        self.assertNotIn(draft, client.biuro_invoice_ids)
        # the page shows the state; the view reads the computed set, not invoice_ids
        arch = client.get_view(self.env.ref("crm_biuro.view_partner_form_biuro").id)[
            "arch"
        ]
        self.assertIn('name="biuro_invoice_ids"', arch)
        self.assertNotIn('name="invoice_ids"', arch)
        self.assertIn('name="biuro_customer_move_count"', arch)


@tagged("post_install", "-at_install")
class TestClientTasksAndEmails(BiuroCase):
    """Issue 17.3 and 17.4: Tasks and E-mails cover the client, its contacts and
    its records; done activities of the office's types stay listed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client()
        cls.contract = cls.env["biuro.contract"].create(
            {
                "partner_id": cls.client.id,
                "contract_type": "bookkeeping",
                "date_start": date(2026, 1, 1),
                "monthly_fee": 800,
            }
        )
        cls.inspection = cls.env["biuro.tax.inspection"].create(
            {"partner_id": cls.client.id}
        )

    def test_tasks_cover_records_and_done_activities(self):
        todo = "mail.mail_activity_data_todo"
        self.assertTrue(self.env.ref(todo).keep_done)
        on_client = self.client.activity_schedule(todo, summary="Na kliencie")
        on_contract = self.contract.activity_schedule(todo, summary="Aneks")
        on_inspection = self.inspection.activity_schedule(todo, summary="Pismo")
        other = self.make_client("Inna firma", vat=False)
        other.activity_schedule(todo, summary="Nie nasze")
        on_contract.action_done()
        self.assertFalse(on_contract.active)  # kept as done, not deleted
        self.client.invalidate_recordset()
        self.assertEqual(self.client.biuro_activity_count, 3)
        action = self.client.with_user(self.user).action_biuro_open_activities()
        Activity = self.env["mail.activity"].with_context(**action["context"])
        listed = Activity.search(action["domain"])
        self.assertEqual(listed, on_client | on_contract | on_inspection)
        self.assertEqual(
            set(listed.mapped("state")) & {"done"}, {"done"}, "done ones are listed"
        )

    def test_emails_count_mail_sent_from_the_timelines(self):
        contact = self.env["res.partner"].create(
            {"name": "Jan", "parent_id": self.client.id, "email": "jan@klient.pl"}
        )
        received = self.client.message_post(
            body="Faktury za marzec", message_type="email", subject="Faktury"
        )
        sent = self.client.message_post(
            body="Prosimy o wyciągi",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=contact.ids,
        )
        from_contract = self.contract.message_post(
            body="Aneks do umowy",
            subject="Aneks nr 1",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        note = self.client.message_post(body="Notatka", subtype_xmlid="mail.mt_note")
        self.client.invalidate_recordset()
        self.assertEqual(self.client.biuro_email_count, 3)
        action = self.client.action_biuro_open_emails()
        listed = self.env["mail.message"].search(action["domain"])
        self.assertEqual(listed, received | sent | from_contract)
        self.assertNotIn(note, listed)
        # the dashboard's latest e-mails are the same mail
        html = str(self.client.with_user(self.user).biuro_dashboard_html)
        self.assertIn("Aneks nr 1", html)
