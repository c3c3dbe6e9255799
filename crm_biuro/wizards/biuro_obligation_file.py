from odoo import Command, api, fields, models


class BiuroObligationFile(models.TransientModel):
    """Mark many obligations as filed at once, with the filing date and reference."""

    _name = "biuro.obligation.file"
    _description = "Mark obligations as filed"

    obligation_ids = fields.Many2many("biuro.obligation", string="Obligations")
    filed_date = fields.Date(required=True, default=fields.Date.context_today)
    reference = fields.Char(help="e.g. the UPO number")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "biuro.obligation":
            values["obligation_ids"] = [
                Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_file(self):
        self.ensure_one()
        vals = {"state": "filed", "filed_date": self.filed_date}
        if self.reference:
            vals["reference"] = self.reference
        self.obligation_ids.write(vals)
        return {"type": "ir.actions.act_window_close"}
