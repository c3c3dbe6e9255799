from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplianceCase


@tagged("post_install", "-at_install")
class TestKsefObligations(ComplianceCase):
    """The client's KSeF profile feeds the deadline engine through
    res.partner._biuro_obligation_profile_values: its dates become obligations
    without a copy in crm_biuro, and follow the KSeF record when it changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(
            name="E-Faktury sp. z o.o.",
            biuro_state="active",
            biuro_legal_form="spzoo",
            biuro_books_type="full",
            biuro_tax_form="cit",
            biuro_vat_status="czynny",
            biuro_accountant_id=cls.user.id,
        )

    def ksef(self):
        return {
            o.code: o.due_date
            for o in self.env["biuro.obligation"].search(
                [("partner_id", "=", self.client.id), ("code", "like", "KSEF_%")]
            )
        }

    @freeze_time("2026-12-08")
    def test_ksef_dates_become_obligations(self):
        profile = (
            self.env["biuro.ksef.profile"]
            .with_user(self.user)
            .create(
                {
                    "partner_id": self.client.id,
                    "issue_start": "2026-04-01",
                    "exemption": "transitional",
                    "exemption_end": date(2026, 12, 31),
                }
            )
        )
        values = self.client._biuro_obligation_profile_values()
        self.assertEqual(values["ksef_start"], date(2026, 4, 1))
        Credential = self.env["biuro.ksef.credential"].with_user(self.user)
        Credential.create(
            {"profile_id": profile.id, "credential_type": "token", "serial": "T-1"}
        )
        certificate = Credential.create(
            {
                "profile_id": profile.id,
                "credential_type": "certificate",
                "certificate_kind": "auth",
                "serial": "C-1",
                "valid_to": date(2027, 2, 28),
            }
        )
        self.assertEqual(
            self.ksef(),
            {
                "KSEF_EXEMPTION_END": date(2026, 12, 31),
                "KSEF_TOKEN_EXPIRY": date(2026, 12, 31),
                "KSEF_CERT_EXPIRY": date(2027, 2, 28),
            },
        )
        # a renewed certificate moves the date; crm_biuro holds no copy of it
        certificate.valid_to = date(2027, 3, 5)
        self.assertEqual(self.ksef()["KSEF_CERT_EXPIRY"], date(2027, 3, 5))
        self.assertNotIn("ksef_start", self.env["biuro.tax.profile"]._fields)

    @freeze_time("2026-12-08")
    def test_a_ksef_date_is_reminded_a_month_ahead(self):
        self.env["biuro.ksef.profile"].create(
            {
                "partner_id": self.client.id,
                "exemption": "transitional",
                "exemption_end": date(2026, 12, 31),
            }
        )
        self.env["biuro.obligation"]._cron_deadlines()
        [obligation] = self.env["biuro.obligation"].search(
            [("partner_id", "=", self.client.id), ("code", "=", "KSEF_EXEMPTION_END")]
        )
        self.assertTrue(obligation.reminder_scheduled, "23 days ahead, rule says 30")
        self.assertEqual(obligation.activity_ids.user_id, self.user)
