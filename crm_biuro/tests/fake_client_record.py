"""A test-only model on `biuro.client.record.mixin`, registered by odoo-test-helper's
FakeModelLoader for the mixin's own tests (it never reaches a real database)."""

from odoo import fields, models


class BiuroTestClientRecord(models.Model):
    _name = "biuro.test.client.record"
    _inherit = ["mail.thread", "biuro.client.record.mixin"]
    _description = "Client record (test only)"

    name = fields.Char(required=True)

    def _biuro_timeline_label(self):
        return "Test record:"
