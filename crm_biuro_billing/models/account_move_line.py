from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # What a line of a monthly invoice bills: a rerun of the month skips the price
    # terms and extras already on a live invoice of that month.
    biuro_contract_line_id = fields.Many2one(
        "biuro.contract.line",
        string="Contract price term",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="set null",
        groups="base.group_user",  # office internals, not for portal people
    )
    biuro_billing_extra_id = fields.Many2one(
        "biuro.billing.extra",
        string="Extra billing item",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="set null",
        groups="base.group_user",  # office internals, not for portal people
    )
