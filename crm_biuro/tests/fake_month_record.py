"""Test-only models on `biuro.month.mixin`, registered by odoo-test-helper's
FakeModelLoader for the mixin's own tests (they never reach a real database)."""

from odoo import fields, models


class BiuroTestMonthRecord(models.Model):
    _name = "biuro.test.month.record"
    _inherit = ["biuro.month.mixin"]
    _description = "Record of one month (test only)"

    name = fields.Char()
    month = fields.Date()


class BiuroTestPeriodRecord(models.Model):
    """A model whose month is kept in a field of another name (as biuro.document's
    `period`)."""

    _name = "biuro.test.period.record"
    _inherit = ["biuro.month.mixin"]
    _description = "Record of one period (test only)"
    _biuro_month_field = "period"

    period = fields.Date()
    month = fields.Date(help="Not the month field of this model: left as typed.")
