from odoo import api, models

# what decides a work item's due date and its "declarations filed" step
WORK_FIELDS = {"state", "due_date", "period_end", "partner_id"}


class BiuroObligation(models.Model):
    """Obligations keep the monthly work items of their clients up to date: the
    due date of the month and the step ticked when the month's obligations are
    filed."""

    _inherit = "biuro.obligation"

    def _biuro_work_pairs(self):
        return {(o.partner_id.id, o.period_end) for o in self}

    @api.model_create_multi
    def create(self, vals_list):
        obligations = super().create(vals_list)
        obligations._biuro_refresh_work_items(obligations._biuro_work_pairs())
        return obligations

    def write(self, vals):
        if not WORK_FIELDS & set(vals):
            return super().write(vals)
        before = self._biuro_work_pairs()
        result = super().write(vals)
        self._biuro_refresh_work_items(before | self._biuro_work_pairs())
        return result

    def _biuro_refresh_work_items(self, pairs):
        # sudo: the caller was allowed to change these obligations; the work items
        # of the same clients and months follow (whoever they are assigned to)
        self.env["biuro.work.item"].sudo()._biuro_refresh_for(pairs)
