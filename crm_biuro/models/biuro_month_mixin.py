from odoo import api, fields, models


def first_of_month(value):
    return value.replace(day=1) if value else value


class BiuroMonthMixin(models.AbstractModel):
    """A record of one month (a client's document, and in sister addons a billing
    run, an extra item, a payroll headcount): its month field always holds the first
    day of the month, whatever day is typed."""

    _name = "biuro.month.mixin"
    _description = "Record of one month"
    _biuro_month_field = "month"

    @api.model
    def _biuro_month_vals(self, vals):
        name = self._biuro_month_field
        if vals.get(name):
            vals[name] = first_of_month(fields.Date.to_date(vals[name]))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._biuro_month_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(self._biuro_month_vals(vals))
