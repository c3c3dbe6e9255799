from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BiuroCase


@tagged("post_install", "-at_install")
class TestContract(BiuroCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_accountant_id=cls.user.id)

    def make_contract(self, **vals):
        return self.env["biuro.contract"].create(
            {
                "partner_id": self.client.id,
                "contract_type": "bookkeeping",
                "date_start": date(2026, 1, 1),
                "monthly_fee": 800,
                **vals,
            }
        )

    def test_number_from_sequence(self):
        contract = self.make_contract()
        self.assertRegex(contract.name, r"^UM/\d{4}/\d{4}$")

    def test_end_before_start_is_refused(self):
        with self.assertRaisesMsg(ValidationError, "ends .* before it starts"):
            self.make_contract(date_end=date(2025, 12, 31))

    def test_overlapping_active_bookkeeping_contracts_are_refused(self):
        self.make_contract(state="active", date_end=date(2026, 12, 31))
        with self.assertRaisesMsg(ValidationError, "already has an active bookkeeping"):
            self.make_contract(state="active", date_start=date(2026, 6, 1))
        # another type, or a later period, is fine
        self.make_contract(state="active", contract_type="payroll")
        self.make_contract(state="active", date_start=date(2027, 1, 1))

    def _reminders(self, contract):
        return contract.activity_ids.filtered(lambda a: contract.name in a.summary)

    def test_reminder_30_days_before_the_end_once_for_the_accountant(self):
        contract = self.make_contract(state="active", date_end=date(2026, 6, 30))
        cron = self.env["biuro.contract"]
        with freeze_time("2026-05-30"):  # 31 days before: too early
            cron._cron_biuro_contracts()
        self.assertFalse(self._reminders(contract))
        with freeze_time("2026-05-31"):  # 30 days before
            cron._cron_biuro_contracts()
            cron._cron_biuro_contracts()  # rerun: no duplicate
        reminder = self._reminders(contract)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.user)
        self.assertEqual(reminder.date_deadline, date(2026, 6, 30))

    def test_reminder_days_are_configurable(self):
        self.env["ir.config_parameter"].set_param(
            "crm_biuro.contract_reminder_days", 10
        )
        contract = self.make_contract(state="active", date_end=date(2026, 6, 30))
        with freeze_time("2026-06-19"):
            self.env["biuro.contract"]._cron_biuro_contracts()
        self.assertFalse(self._reminders(contract))
        with freeze_time("2026-06-20"):
            self.env["biuro.contract"]._cron_biuro_contracts()
        self.assertEqual(len(self._reminders(contract)), 1)

    def test_ended_contract_expires(self):
        contract = self.make_contract(state="active", date_end=date(2026, 6, 30))
        with freeze_time("2026-06-30"):  # last day: still active
            self.env["biuro.contract"]._cron_biuro_contracts()
        self.assertEqual(contract.state, "active")
        with freeze_time("2026-07-01"):
            self.env["biuro.contract"]._cron_biuro_contracts()
        self.assertEqual(contract.state, "expired")

    def test_auto_renew_extends_by_its_own_length(self):
        contract = self.make_contract(
            state="active", date_end=date(2026, 12, 31), auto_renew=True
        )
        with freeze_time("2027-01-01"):
            self.env["biuro.contract"]._cron_biuro_contracts()
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.date_end, date(2027, 12, 31))
