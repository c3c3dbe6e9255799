from datetime import date

from odoo import fields
from odoo.tests import tagged

from .common import BiuroCase


@tagged("post_install", "-at_install")
class TestCalendarEntries(BiuroCase):
    """Issue 17.9: the important dates of the clients on one calendar."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_accountant_id=cls.user.id)
        cls.contract = cls.env["biuro.contract"].create(
            {
                "partner_id": cls.client.id,
                "contract_type": "bookkeeping",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "monthly_fee": 800,
            }
        )
        cls.inspection = cls.env["biuro.tax.inspection"].create(
            {
                "partner_id": cls.client.id,
                "procedure": "kontrola_podatkowa",
                "notice_date": date(2026, 3, 2),
            }
        )
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "Jan Właściciel",
                "parent_id": cls.client.id,
                "biuro_contact_role": "owner",
                "biuro_birthday": date(1980, 5, 17),
            }
        )
        vat7 = cls.env["biuro.declaration.type"].search([("code", "=", "JPK_V7M")])
        cls.obligation = cls.env["biuro.obligation"].create(
            {
                "partner_id": cls.client.id,
                "declaration_type_id": vat7.id,
                "period_start": date(2026, 4, 1),
                "period_end": date(2026, 4, 30),
                "due_date": date(2026, 5, 25),
            }
        )
        cls.env.flush_all()

    def entries(self, user=None):
        Entry = self.env["biuro.calendar.entry"].with_user(user or self.user)
        return Entry.search([("partner_id", "=", self.client.id)])

    def test_each_kind_in_its_colour(self):
        entries = self.entries()
        by_kind = {
            kind: entries.filtered(lambda e, k=kind: e.kind == k)
            for kind in set(entries.mapped("kind"))
        }
        self.assertEqual(
            set(by_kind), {"obligation", "contract_end", "inspection", "birthday"}
        )
        self.assertEqual(by_kind["contract_end"].date, date(2026, 12, 31))
        self.assertEqual(by_kind["obligation"].date, date(2026, 5, 25))
        steps = by_kind["inspection"]
        self.assertIn("notice", steps.mapped("step"))
        self.assertIn(date(2026, 3, 2), steps.mapped("date"))
        self.assertIn(self.inspection.latest_start_date, steps.mapped("date"))
        year = fields.Date.today().year
        self.assertEqual(
            sorted(by_kind["birthday"].mapped("date")),
            [date(y, 5, 17) for y in (year - 1, year, year + 1)],
        )
        self.assertEqual(by_kind["birthday"].person_id, self.owner)
        colours = {kind: set(rec.mapped("color")) for kind, rec in by_kind.items()}
        self.assertTrue(all(len(c) == 1 for c in colours.values()))
        self.assertEqual(len({c.pop() for c in colours.values()}), 4)
        self.assertIn("Birthday", by_kind["birthday"][:1].display_name)
        # filterable: the search view has a filter per kind
        arch = self.env["biuro.calendar.entry"].get_view(
            self.env.ref("crm_biuro.biuro_calendar_entry_view_search").id, "search"
        )["arch"]
        for kind in by_kind:
            self.assertIn(f'name="kind_{kind}"', arch)
        action = by_kind["contract_end"].action_open_record()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("biuro.contract", self.contract.id),
        )

    def test_dates_follow_their_records(self):
        self.contract.date_end = date(2027, 1, 31)
        self.obligation.state = "cancelled"
        self.env.flush_all()
        entries = self.entries()
        self.assertEqual(
            entries.filtered(lambda e: e.kind == "contract_end").date, date(2027, 1, 31)
        )
        self.assertFalse(entries.filtered(lambda e: e.kind == "obligation"))

    def test_only_who_reads_the_client_sees_its_dates(self):
        self.assertTrue(self.entries(self.user))
        other_company = self.env["res.company"].create({"name": "Inne biuro"})
        # the client moves to a company the user is not in: its records' dates
        # (still in the user's company) are hidden with it
        self.client.company_id = other_company
        self.env.flush_all()
        self.assertFalse(self.entries(self.user))
