from odoo import api, fields, models


class BiuroWorkItemLine(models.Model):
    """One step of a client's monthly checklist, ticked by hand or automatically."""

    _name = "biuro.work.item.line"
    _description = "Step of a client's monthly work"
    _order = "sequence, id"

    work_item_id = fields.Many2one(
        "biuro.work.item", required=True, index=True, ondelete="cascade"
    )
    check_id = fields.Many2one(
        "biuro.work.check", string="Step", required=True, ondelete="restrict"
    )
    name = fields.Char(related="check_id.name")
    auto_source = fields.Selection(related="check_id.auto_source")
    sequence = fields.Integer(default=10)
    done = fields.Boolean()
    # set when the step was ticked automatically: it is unticked automatically too,
    # a step ticked by hand never is
    done_auto = fields.Boolean(string="Ticked automatically", readonly=True)
    done_date = fields.Datetime(readonly=True)
    done_by_id = fields.Many2one("res.users", string="Ticked by", readonly=True)
    company_id = fields.Many2one(related="work_item_id.company_id", store=True)

    _sql_constraints = [
        (
            "check_uniq",
            "unique nulls not distinct (work_item_id, check_id)",
            "This step is already in the checklist.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._stamp_vals(dict(vals)) for vals in vals_list])

    def write(self, vals):
        return super().write(self._stamp_vals(dict(vals)))

    def _stamp_vals(self, vals):
        """Who ticked a step and when (cleared when it is unticked)."""
        if "done" in vals:
            vals.setdefault("done_auto", False)
            vals["done_date"] = fields.Datetime.now() if vals["done"] else False
            vals["done_by_id"] = self.env.uid if vals["done"] else False
        return vals
