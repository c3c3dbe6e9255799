from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class BiuroClientMassUpdate(models.TransientModel):
    """Change the accountant, the status or the tags of many clients at once."""

    _name = "biuro.client.mass.update"
    _description = "Update several clients at once"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    biuro_accountant_id = fields.Many2one(
        "res.users", string="New accountant in charge", domain=[("share", "=", False)]
    )
    biuro_state = fields.Selection(
        lambda self: self.env["res.partner"]._fields["biuro_state"].selection,
        string="New status",
    )
    add_category_ids = fields.Many2many(
        "res.partner.category", "biuro_mass_update_add_tag_rel", string="Add tags"
    )
    remove_category_ids = fields.Many2many(
        "res.partner.category", "biuro_mass_update_remove_tag_rel", string="Remove tags"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [
                Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_apply(self):
        self.ensure_one()
        vals = {}
        if self.biuro_accountant_id:
            vals["biuro_accountant_id"] = self.biuro_accountant_id.id
        if self.biuro_state:
            vals["biuro_state"] = self.biuro_state
        tags = [Command.link(tag.id) for tag in self.add_category_ids]
        tags += [Command.unlink(tag.id) for tag in self.remove_category_ids]
        if tags:
            vals["category_id"] = tags
        if not vals:
            raise UserError(_("Choose at least one change to apply."))
        # one write: tracking logs each client's old and new value on its timeline
        self.partner_ids.write(vals)
        return {"type": "ir.actions.act_window_close"}
