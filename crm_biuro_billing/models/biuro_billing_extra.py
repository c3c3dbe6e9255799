from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_biuro.models.biuro_month_mixin import first_of_month


class BiuroBillingExtra(models.Model):
    """A one-off item added by hand on a client for a month (an extra return, a
    certificate, a visit at the tax office): the monthly run puts it on the
    client's invoice of that month, once."""

    _name = "biuro.billing.extra"
    _inherit = ["biuro.month.mixin"]
    _description = "Extra billing item"
    _order = "month desc, partner_id, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: first_of_month(fields.Date.context_today(self)),
        help="The month whose invoice carries the item (its first day).",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        domain=[("type", "=", "service")],
        check_company=True,
    )
    name = fields.Char(string="Description", required=True)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    price = fields.Monetary()
    move_line_id = fields.Many2one(
        "account.move.line", string="Invoice line", readonly=True, copy=False
    )
    move_id = fields.Many2one(related="move_line_id.move_id", string="Invoice")
    state = fields.Selection(
        [("to_bill", "To bill"), ("billed", "Billed")],
        compute="_compute_state",
        store=True,
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
        ("price_positive", "CHECK(price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("move_line_id", "move_line_id.parent_state")
    def _compute_state(self):
        for extra in self:
            billed = extra.move_line_id and extra.move_line_id.parent_state != "cancel"
            extra.state = "billed" if billed else "to_bill"

    def write(self, vals):
        if set(vals) - {"move_line_id"} and self.filtered(
            lambda e: e.state == "billed"
        ):
            raise UserError(_("An item already on an invoice cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        if self.filtered(lambda e: e.state == "billed"):
            raise UserError(_("An item already on an invoice cannot be deleted."))
