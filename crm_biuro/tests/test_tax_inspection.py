from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import BiuroCase


@tagged("post_install", "-at_install")
class TestTaxInspection(BiuroCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(biuro_accountant_id=cls.user.id)

    def make(self, **vals):
        return self.env["biuro.tax.inspection"].create(
            {"partner_id": self.client.id, **vals}
        )

    def test_tax_inspection_start_window_after_the_notice(self):
        # notice delivered Mon 2 March 2026: start no earlier than 9 March (+7 days)
        # and no later than 1 April (+30 days), Prawo przedsiębiorców art. 48
        inspection = self.make(
            procedure="kontrola_podatkowa", notice_date=date(2026, 3, 2)
        )
        self.assertEqual(inspection.earliest_start_date, date(2026, 3, 9))
        self.assertEqual(inspection.latest_start_date, date(2026, 4, 1))
        self.assertFalse(inspection.correction_deadline)
        self.assertFalse(inspection.objection_deadline)

    def test_kcs_correction_window(self):
        # authorisation 10 Feb 2026: corrections until 24 Feb (14 days, KAS art. 62)
        inspection = self.make(
            procedure="kontrola_celno_skarbowa",
            inspection_type="kcs",
            notice_date=date(2026, 2, 10),
        )
        self.assertEqual(inspection.correction_deadline, date(2026, 2, 24))
        self.assertFalse(inspection.earliest_start_date)

    def test_zus_objection_deadline(self):
        # protocol delivered 15 May 2026: objections until 29 May (14 days, sus art. 89)
        inspection = self.make(
            procedure="kontrola_zus",
            inspection_type="zus",
            notice_date=date(2026, 4, 1),
            protocol_date=date(2026, 5, 15),
        )
        self.assertEqual(inspection.objection_deadline, date(2026, 5, 29))
        self.assertEqual(inspection.earliest_start_date, date(2026, 4, 8))

    def test_activity_before_each_deadline_once(self):
        inspection = self.make(
            procedure="kontrola_celno_skarbowa", notice_date=date(2026, 2, 10)
        )
        cron = self.env["biuro.tax.inspection"]
        with freeze_time("2026-02-20"):  # 4 days before 24 Feb: not yet (3 days)
            cron._cron_biuro_inspection_deadlines()
        self.assertFalse(inspection.activity_ids)
        with freeze_time("2026-02-21"):
            cron._cron_biuro_inspection_deadlines()
            cron._cron_biuro_inspection_deadlines()
        self.assertEqual(len(inspection.activity_ids), 1)
        self.assertEqual(inspection.activity_ids.user_id, self.user)
        self.assertEqual(inspection.activity_ids.date_deadline, date(2026, 2, 24))

    def test_closed_inspection_gets_no_reminders(self):
        inspection = self.make(
            procedure="kontrola_zus",
            protocol_date=date(2026, 5, 15),
            state="closed",
        )
        with freeze_time("2026-05-27"):
            self.env["biuro.tax.inspection"]._cron_biuro_inspection_deadlines()
        self.assertFalse(inspection.activity_ids)
