from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    biuro_billing_month = fields.Date(
        string="Billed month",
        index=True,
        copy=False,
        readonly=True,
        help="The month of office services this invoice bills (set by the monthly "
        "run, Rozlicz klientów).",
    )
    biuro_billing_run_id = fields.Many2one(
        "biuro.billing.run",
        string="Billing run",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
