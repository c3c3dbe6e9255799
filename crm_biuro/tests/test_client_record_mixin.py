"""`biuro.client.record.mixin` on its own: what every record of a client (contract,
inspection, document, and whatever a sister addon adds) inherits from it, shown on a
test-only model so no concrete model's extra behaviour hides a regression."""

from odoo_test_helper import FakeModelLoader
from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestClientRecordMixin(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_client_record import BiuroTestClientRecord

        cls.loader.update_registry((BiuroTestClientRecord,))
        cls.addClassCleanup(cls.loader.restore_registry)
        cls.Record = cls.env["biuro.test.client.record"]
        cls.client = cls.env["res.partner"].create(
            {"name": "Mixin Test sp. z o.o.", "is_company": True, "biuro_client": True}
        )

    def test_record_belongs_to_a_client_of_the_current_company(self):
        record = self.Record.create({"name": "R1", "partner_id": self.client.id})
        self.assertEqual(record.company_id, self.env.company)
        self.assertEqual(
            self.Record._fields["partner_id"].get_domain_list(self.Record),
            [("biuro_client", "=", True)],
        )

    def test_client_is_required(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Record.create({"name": "orphan"})

    def test_client_with_records_cannot_be_deleted(self):
        self.Record.create({"name": "R2", "partner_id": self.client.id})
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.client.unlink()
        self.assertTrue(self.client.exists())

    def test_record_announces_itself_on_the_client_timeline(self):
        record = self.Record.create({"name": "R3", "partner_id": self.client.id})
        before = len(self.client.message_ids)
        record._biuro_post_on_client_timeline()
        self.assertEqual(len(self.client.message_ids), before + 1)
        note = self.client.message_ids[0]
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn("Test record:", note.body)
        self.assertIn(f'data-oe-model="{record._name}"', note.body)
        self.assertIn(f'data-oe-id="{record.id}"', note.body)
