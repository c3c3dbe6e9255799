from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BiuroCase

MODELS = {
    "biuro.contract": {"date_start": date(2026, 1, 1)},
    "biuro.tax.inspection": {},
    "biuro.document": {"name": "Faktury 01/2026"},
}


@tagged("post_install", "-at_install")
class TestRecordsAccess(BiuroCase):
    """Per-user matrix on contracts, inspections and documents, and company walls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.make_client()

    def _vals(self, model):
        return {"partner_id": self.client.id, **MODELS[model]}

    def test_user_reads_writes_creates_but_does_not_delete(self):
        for model in MODELS:
            record = self.env[model].with_user(self.user).create(self._vals(model))
            record.write({"partner_id": self.client.id})
            self.assertTrue(record.with_user(self.user).read([]))
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.user).unlink()

    def test_manager_deletes(self):
        for model in MODELS:
            record = self.env[model].with_user(self.manager).create(self._vals(model))
            record.unlink()
            self.assertFalse(record.exists())

    def test_outsider_sees_nothing(self):
        for model in MODELS:
            record = self.env[model].create(self._vals(model))
            with self.assertRaises(AccessError, msg=model):
                record.with_user(self.outsider).read(["partner_id"])
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.outsider).create(self._vals(model))

    def test_records_of_another_company_are_invisible(self):
        company_b = self.env["res.company"].create({"name": "Kancelaria Doradcza B"})
        user_b = new_test_user(
            self.env,
            "biuro_user_b",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        for model in MODELS:
            mine = self.env[model].create(self._vals(model))
            theirs = self.env[model].create(
                {**self._vals(model), "company_id": company_b.id}
            )
            seen_by_a = (
                self.env[model]
                .with_user(self.user)
                .search([("id", "in", (mine | theirs).ids)])
            )
            seen_by_b = (
                self.env[model]
                .with_user(user_b)
                .search([("id", "in", (mine | theirs).ids)])
            )
            self.assertEqual(seen_by_a, mine, model)
            self.assertEqual(seen_by_b, theirs, model)
        # the client itself (no company) is shared by both companies
        self.assertTrue(self.client.with_user(user_b).read(["name"]))
