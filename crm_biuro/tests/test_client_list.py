from datetime import date, timedelta

from odoo.tests import tagged

from .common import BiuroCase
from .common_accounting import BiuroAccountingCase

LIST_COLUMNS = [
    "name",
    "biuro_nip",
    "city",
    "email",
    "country_id",
    "biuro_state",
    "biuro_legal_form",
    "biuro_accountant_id",
    "biuro_payment_state",
    "biuro_last_message_date",
    "biuro_active_contract_id",
    "biuro_contract_type",
    "create_date",
    "activity_ids",
]


@tagged("post_install", "-at_install")
class TestClientListSorting(BiuroAccountingCase):
    """Issue 17.5: payment status and last activity sort in the database, by the
    same facts their computes show."""

    def test_sort_by_payment_status_and_last_activity(self):
        today = date.today()
        paid = self.make_client("C paid")
        overdue = self.make_client("A overdue")
        current = self.make_client("B current")
        none = self.make_client("D none")
        invoice = self.make_invoice(paid, today - timedelta(days=40), 100)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.make_invoice(
            overdue, today - timedelta(days=40), 100, due=today - timedelta(days=10)
        )
        self.make_invoice(current, today, 100, due=today + timedelta(days=14))
        clients = paid | overdue | current | none
        Partner = self.env["res.partner"]
        fields_info = Partner.fields_get(
            ["biuro_payment_state", "biuro_last_message_date"], ["sortable"]
        )
        self.assertTrue(fields_info["biuro_payment_state"]["sortable"])
        self.assertTrue(fields_info["biuro_last_message_date"]["sortable"])
        ordered = Partner.search(
            [("id", "in", clients.ids)], order="biuro_payment_state, id"
        )
        self.assertEqual(
            ordered.mapped("biuro_payment_state"),
            ["overdue", "current", "paid", "none"],
        )
        self.assertEqual(ordered, overdue | current | paid | none)
        # last activity: the latest comment or e-mail on the client's timeline
        for client, day in (
            (none, "2026-01-03"),
            (paid, "2026-01-01"),
            (current, "2026-01-02"),
        ):
            message = client.message_post(body="Rozmowa", message_type="comment")
            message.date = day
        overdue.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
        ).unlink()
        clients.invalidate_recordset()
        ordered = Partner.search(
            [("id", "in", clients.ids)], order="biuro_last_message_date desc nulls last"
        )
        self.assertEqual(
            ordered.mapped("name"), ["D none", "B current", "C paid", "A overdue"]
        )
        self.assertEqual(
            ordered.mapped("biuro_last_message_date")[:3],
            sorted(ordered.mapped("biuro_last_message_date")[:3], reverse=True),
        )


@tagged("post_install", "-at_install")
class TestClientListFilters(BiuroCase):
    """Issue 17.5: country and contract type filters and groupings, optional
    columns, company clients without NIP."""

    def test_contract_type_country_and_missing_nip(self):
        client = self.make_client()
        contract = self.env["biuro.contract"].create(
            {
                "partner_id": client.id,
                "contract_type": "payroll",
                "date_start": date(2026, 1, 1),
                "monthly_fee": 500,
            }
        )
        self.assertFalse(client.biuro_active_contract_id)
        contract.state = "active"
        self.assertEqual(client.biuro_active_contract_id, contract)
        self.assertEqual(client.biuro_contract_type, "payroll")
        german = self.make_client(
            "Müller GmbH", vat=False, country_id=self.env.ref("base.de").id
        )
        without_nip = self.make_client("Bez NIP sp. z o.o.", vat=False)
        person = self.make_client("Jan Kowalski", vat=False, is_company=False)
        ids = (client | german | without_nip | person).ids
        Partner = self.env["res.partner"]
        groups = dict(
            Partner._read_group(
                [("id", "in", ids)], ["biuro_contract_type"], ["__count"]
            )
        )
        self.assertEqual(groups["payroll"], 1)
        groups = Partner._read_group([("id", "in", ids)], ["country_id"], ["__count"])
        self.assertEqual(dict(groups)[self.env.ref("base.de")], 1)
        missing = Partner.search([("id", "in", ids), ("biuro_missing_nip", "=", True)])
        # a foreign company without any tax id is warned; with its own VAT id not
        self.assertEqual(missing, german | without_nip)
        german.vat = "DE811569869"
        self.assertFalse(german.biuro_missing_nip)
        self.assertEqual(
            Partner.search([("id", "in", ids), ("biuro_missing_nip", "=", True)]),
            without_nip,
        )
        self.assertTrue(without_nip.biuro_missing_nip)
        self.assertFalse(client.biuro_missing_nip)
        contract.state = "terminated"
        self.assertFalse(client.biuro_contract_type)
        # the views offer all of it
        search = Partner.get_view(
            self.env.ref("crm_biuro.view_partner_search_biuro").id, "search"
        )["arch"]
        for name in (
            "missing_nip",
            "group_country",
            "group_contract_type",
            "contract_payroll",
        ):
            self.assertIn(f'name="{name}"', search)
        form = Partner.get_view(self.env.ref("crm_biuro.view_partner_form_biuro").id)[
            "arch"
        ]
        for name in ("create_date", "write_date", "biuro_missing_nip_warning"):
            self.assertIn(f'name="{name}"', form)

    def test_list_columns_read_in_constant_queries(self):
        """10 clients or 100: the same number of queries for the list's columns."""
        counts = []
        for size in (10, 100):
            clients = self.env["res.partner"].create(
                [
                    {
                        "name": f"Klient {size} {index:03d}",
                        "is_company": True,
                        "biuro_client": True,
                        "email": f"k{index}@firma{size}.pl",
                        "country_id": self.poland.id,
                        "biuro_state": "active",
                        "biuro_accountant_id": self.user.id,
                    }
                    for index in range(size)
                ]
            )
            self.env.flush_all()
            Partner = self.env["res.partner"].with_user(self.user)
            read = lambda ids=clients.ids, P=Partner: P.search_read(
                [("id", "in", ids)],
                LIST_COLUMNS,
                order="biuro_payment_state, biuro_last_message_date desc",
            )
            read()  # warm the caches that do not depend on the clients
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rows = read()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(rows), size)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertLessEqual(counts[1], 20, counts)
