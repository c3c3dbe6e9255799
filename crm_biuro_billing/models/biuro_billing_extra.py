from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("move_line_id"):
                self._biuro_refuse_invoice_link()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"move_line_id"} and self.filtered(
            lambda e: e.state == "billed"
        ):
            raise UserError(_("An item already on an invoice cannot be changed."))
        if "move_line_id" in vals:
            self._biuro_check_invoice_link(vals["move_line_id"])
        return super().write(vals)

    def _biuro_check_invoice_link(self, line_id):
        """The invoice line of an item is the one the monthly run made for it:
        ``readonly`` guards the form only, and over RPC an office user could mark
        an item billed (never invoiced) or unbill a billed one (invoiced twice,
        then edited or deleted). Superuser code is trusted."""
        if self.env.su:
            return
        # sudo: only which item the line bills is read (office users may not read
        # invoice lines); nothing is returned
        line = self.env["account.move.line"].sudo().browse(line_id or [])
        if not line or any(line.biuro_billing_extra_id != extra for extra in self):
            self._biuro_refuse_invoice_link()

    def _biuro_refuse_invoice_link(self):
        raise AccessError(
            _(
                "The invoice line of an extra item is set by the monthly billing "
                "run only, to the line that bills it."
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        if self.filtered(lambda e: e.state == "billed"):
            raise UserError(_("An item already on an invoice cannot be deleted."))
