from odoo import api, fields, models

from odoo.addons.crm_biuro.models.biuro_document import first_of_month


class BiuroBillingMonthMixin(models.AbstractModel):
    """A record of one month (a billing run, an extra item, a payroll headcount): the
    `month` field always holds the first day of the month, whatever day is typed."""

    _name = "biuro.billing.month.mixin"
    _description = "Record of one billing month"

    @api.model
    def _biuro_month_vals(self, vals):
        if vals.get("month"):
            vals["month"] = first_of_month(fields.Date.to_date(vals["month"]))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._biuro_month_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._biuro_month_vals(vals))
