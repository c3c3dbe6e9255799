"""`biuro.month.mixin` on its own, on test-only models: the month field always holds
the first day of its month, on create and write, whatever its name."""

from datetime import date

from odoo_test_helper import FakeModelLoader

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMonthMixin(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_month_record import BiuroTestMonthRecord, BiuroTestPeriodRecord

        cls.loader.update_registry((BiuroTestMonthRecord, BiuroTestPeriodRecord))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.Month = cls.env["biuro.test.month.record"]
        cls.Period = cls.env["biuro.test.period.record"]

    def test_any_day_is_stored_as_the_first_of_its_month(self):
        records = self.Month.create(
            [
                {"name": "string", "month": "2026-02-28"},
                {"name": "date", "month": date(2026, 12, 31)},
                {"name": "first", "month": "2026-03-01"},
            ]
        )
        self.assertEqual(
            records.mapped("month"),
            [date(2026, 2, 1), date(2026, 12, 1), date(2026, 3, 1)],
        )

    def test_write_normalises_too(self):
        record = self.Month.create({"name": "R", "month": "2026-01-15"})
        record.write({"month": "2026-07-19"})
        self.assertEqual(record.month, date(2026, 7, 1))
        record.write({"name": "renamed"})  # other fields leave the month alone
        self.assertEqual(record.month, date(2026, 7, 1))

    def test_empty_month_stays_empty(self):
        record = self.Month.create({"name": "no month"})
        self.assertFalse(record.month)
        record.write({"month": False})
        self.assertFalse(record.month)

    def test_the_model_names_its_month_field(self):
        record = self.Period.create({"period": "2026-05-20", "month": "2026-05-20"})
        self.assertEqual(record.period, date(2026, 5, 1))
        self.assertEqual(record.month, date(2026, 5, 20))
        record.write({"period": "2026-06-30"})
        self.assertEqual(record.period, date(2026, 6, 1))
