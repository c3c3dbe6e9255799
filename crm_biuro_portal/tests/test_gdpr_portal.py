"""The portal access rows in crm_biuro's personal data requests (the hooks
_biuro_gdpr_scope_extra, _biuro_access_clients, _biuro_gdpr_erase_archived and
_biuro_gdpr_access_rows)."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import NIP_B
from odoo.addons.crm_biuro.tests.test_gdpr import GdprReviewCase
from odoo.addons.crm_biuro.tests.test_security_gdpr import GdprSecurityCase


@tagged("post_install", "-at_install")
class TestGdprPortalPeople(GdprReviewCase):
    def test_portal_people(self):
        # sudo: the test reads back, past the user's rights, what the code wrote
        Access = self.env["biuro.portal.access"].sudo()
        other_client = self.make_client("Biuro Inne", NIP_B)
        anna, ewa = self.env["res.partner"].create(
            [
                {"name": "Anna Nowak", "email": "anna.nowak@poczta.pl"},
                {"name": "Ewa Zielińska", "email": "ewa.zielinska@poczta.pl"},
            ]
        )
        anna_user = self.env["res.users"].create(
            {
                "login": "anna.nowak@poczta.pl",
                "partner_id": anna.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        Access.create(
            [
                {"partner_id": anna.id, "client_id": self.client.id},
                {"partner_id": ewa.id, "client_id": self.client.id},
                {"partner_id": ewa.id, "client_id": other_client.id},
            ]
        )
        self._anonymize(self.client)
        self.assertEqual(anna.name, "Deleted person")
        self.assertFalse(anna.email)
        self.assertFalse(anna_user.with_context(active_test=False).active)
        self.assertEqual(ewa.name, "Ewa Zielińska")
        self.assertFalse(Access.search([("client_id", "=", self.client.id)]))
        self.assertTrue(
            Access.search(
                [("partner_id", "=", ewa.id), ("client_id", "=", other_client.id)]
            )
        )
        # a person anonymised alone: the clients' timelines that named her are cleaned
        self._anonymize(ewa)
        self.assertNotIn("Zielińska", self._timeline_text(other_client))
        self.assertFalse(Access.search([("partner_id", "=", ewa.id)]))


@tagged("post_install", "-at_install")
class TestGdprPortalExport(GdprSecurityCase):
    def test_person_export_holds_own_access_rows_only(self):
        # sudo: the test reads back, past the user's rights, what the code wrote
        Access = self.env["biuro.portal.access"].sudo()
        coworker = self.env["res.partner"].create(
            {"name": "Anna Współpracownik", "email": "anna@alfa-handel.pl"}
        )
        own, _coworkers = Access.create(
            [
                {"partner_id": self.person.id, "client_id": self.client_a.id},
                {"partner_id": coworker.id, "client_id": self.client_a.id},
            ]
        )
        files = self.person.with_user(self.office_manager)._biuro_gdpr_files()
        text = str(files)
        self.assertEqual(
            [row["id"] for row in files["portal_access.json"]["access"]], [own.id]
        )
        self.assertNotIn("Anna Współpracownik", text)
        # the client's export holds all the client's rows
        files = self.client_a.with_user(self.office_manager)._biuro_gdpr_files()
        self.assertEqual(len(files["portal_access.json"]["access"]), 2)
