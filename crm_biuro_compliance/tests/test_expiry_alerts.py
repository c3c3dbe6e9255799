from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplianceCase


@tagged("post_install", "-at_install")
class TestExpiryAlerts(ComplianceCase):
    """ID documents, powers of attorney and KSeF credentials: an activity N days
    (30 by default) before the end, once per end date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client(
            biuro_state="active", biuro_accountant_id=cls.user.id
        )
        cls.activity_type = cls.env.ref(
            "crm_biuro_compliance.mail_activity_type_compliance"
        )

    def alerts(self, record):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    @freeze_time("2026-12-04")
    def test_id_document_expiry(self):
        case = self.make_case(self.client, user_id=self.aml_officer.id)
        person = self.add_ubo(
            case,
            "Jan Kowalski",
            100.0,
            id_document_type="id_card",
            id_document_number="ABC123456",
            id_document_expiry=date(2027, 1, 20),
        )
        Person = self.env["biuro.aml.person"]
        Person._cron_id_expiry_alerts()
        self.assertFalse(self.alerts(case), "50 days ahead: too early")
        with freeze_time("2026-12-22"):
            Person._cron_id_expiry_alerts()
            Person._cron_id_expiry_alerts()
        alert = self.alerts(case)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.aml_officer)
        self.assertEqual(alert.date_deadline, date(2027, 1, 20))
        self.assertIn("Jan Kowalski", alert.summary)
        # a new document: a new alert when that one nears its end
        person.id_document_expiry = date(2036, 1, 20)
        with freeze_time("2035-12-30"):
            Person._cron_id_expiry_alerts()
        self.assertEqual(len(self.alerts(case)), 2)

    @freeze_time("2026-12-04")
    def test_mandate_expiring_then_expired(self):
        mandate = self.Mandate.create(
            {
                "partner_id": self.client.id,
                "mandate_type": "upl1",
                "attorney_id": self.user.id,
                "date_from": date(2025, 1, 1),
                "date_to": date(2027, 2, 28),
            }
        )
        self.assertEqual(mandate.state, "draft")
        mandate.action_activate()
        self.assertEqual(mandate.state, "active")
        self.Mandate._cron_mandate_alerts()
        self.assertFalse(self.alerts(self.client))
        with freeze_time("2027-02-01"):
            self.Mandate._cron_mandate_alerts()
            self.assertEqual(mandate.state, "expiring")
            alert = self.alerts(self.client)
            self.assertEqual(len(alert), 1)
            self.assertEqual(alert.user_id, self.user, "the client's accountant")
        with freeze_time("2027-03-01"):
            self.Mandate._cron_mandate_alerts()
            self.assertEqual(mandate.state, "expired")
            self.assertEqual(len(self.alerts(self.client)), 1, "one alert per end date")

    @freeze_time("2026-12-04")
    def test_mandate_revocation_needs_date_and_form(self):
        mandate = self.Mandate.create(
            {
                "partner_id": self.client.id,
                "mandate_type": "ppo1",
                "attorney_id": self.user.id,
            }
        )
        mandate.action_activate()
        with self.assertRaisesMsg(Exception, "revocation date and form"):
            mandate.action_revoke()
        mandate.write({"revocation_date": date(2026, 12, 4), "revocation_form": "opo1"})
        mandate.action_revoke()
        self.assertEqual(mandate.state, "revoked")
        self.Mandate._cron_mandate_alerts()
        self.assertEqual(mandate.state, "revoked")

    @freeze_time("2026-12-04")
    def test_ksef_token_ends_31_december_2026(self):
        profile = self.env["biuro.ksef.profile"].create(
            {"partner_id": self.client.id, "issue_start": "2026-04-01"}
        )
        Credential = self.env["biuro.ksef.credential"]
        token = Credential.create(
            {"profile_id": profile.id, "credential_type": "token", "serial": "T-1"}
        )
        self.assertEqual(token.valid_to, date(2026, 12, 31))
        with self.assertRaisesMsg(ValidationError, "31 December 2026"):
            token.valid_to = date(2027, 3, 1)
        cert = Credential.create(
            {
                "profile_id": profile.id,
                "credential_type": "certificate",
                "certificate_kind": "auth",
                "serial": "4F2A",
                "valid_to": date(2028, 6, 30),
            }
        )
        Credential._cron_credential_alerts()
        alerts = self.alerts(self.client)
        self.assertEqual(len(alerts), 1)
        self.assertIn("T-1", alerts.summary)
        self.assertEqual(alerts.user_id, self.user)
        with freeze_time("2028-06-10"):
            Credential._cron_credential_alerts()
        self.assertEqual(len(self.alerts(self.client)), 2)
        self.assertTrue(
            any(cert.serial in s for s in self.alerts(self.client).mapped("summary"))
        )

    def test_certificate_needs_kind_and_end(self):
        profile = self.env["biuro.ksef.profile"].create({"partner_id": self.client.id})
        with self.assertRaisesMsg(ValidationError, "type and its end"):
            self.env["biuro.ksef.credential"].create(
                {
                    "profile_id": profile.id,
                    "credential_type": "certificate",
                    "serial": "X",
                }
            )

    @freeze_time("2026-12-04")
    def test_obligations_without_upl1_of_the_person_filing(self):
        obligation = self.env["biuro.obligation"].create(
            {
                "partner_id": self.client.id,
                "declaration_type_id": self.env["biuro.declaration.type"]
                .search([], limit=1)
                .id,
                "period_start": date(2026, 11, 1),
                "period_end": date(2026, 11, 30),
                "due_date": date(2026, 12, 25),
                "user_id": self.user.id,
            }
        )
        self.assertTrue(obligation.biuro_upl1_missing)
        mandate = self.Mandate.create(
            {
                "partner_id": self.client.id,
                "mandate_type": "upl1",
                "attorney_id": self.manager.id,
                "date_from": date(2026, 1, 1),
            }
        )
        mandate.action_activate()
        obligation.invalidate_recordset(["biuro_upl1_missing"])
        self.assertTrue(obligation.biuro_upl1_missing, "another person's UPL-1")
        mandate.attorney_id = self.user
        obligation.invalidate_recordset(["biuro_upl1_missing"])
        self.assertFalse(obligation.biuro_upl1_missing)
