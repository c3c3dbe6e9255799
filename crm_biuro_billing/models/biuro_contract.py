from odoo import api, fields, models


class BiuroContract(models.Model):
    _inherit = "biuro.contract"

    line_ids = fields.One2many(
        "biuro.contract.line", "contract_id", string="Price terms", copy=True
    )
    # The fee stays writable: contracts without price terms keep the amount typed
    # in by hand (crm_biuro's forms, imports and reports go on using it).
    monthly_fee = fields.Monetary(
        compute="_compute_monthly_fee", store=True, readonly=False, precompute=True
    )
    billing_prorate = fields.Selection(
        [("prorate", "Prorate by days"), ("full", "Full month")],
        string="Partial months",
        default="prorate",
        required=True,
        tracking=True,
        help="How the flat fee of a month in which the contract starts or ends is "
        "billed.",
    )

    biuro_indexed_from = fields.Date(
        string="Last indexation from",
        copy=False,
        readonly=True,
        help="The month from which the prices were last raised (waloryzacja).",
    )

    @api.depends(
        "line_ids.kind", "line_ids.price", "line_ids.date_from", "line_ids.date_to"
    )
    def _compute_monthly_fee(self):
        today = fields.Date.context_today(self)
        for contract in self:
            # the flat lines in force today (an indexation plans the next ones ahead)
            flat = contract.line_ids.filtered(
                lambda line: (
                    line.kind == "flat"
                    and (not line.date_from or line.date_from <= today)
                    and (not line.date_to or line.date_to >= today)
                )
            )
            if flat:
                contract.monthly_fee = sum(flat.mapped("price"))
            elif not contract.line_ids:
                # no price terms: the fee typed in by hand stays
                contract.monthly_fee = contract._origin.monthly_fee or (
                    contract.monthly_fee
                )
            else:
                contract.monthly_fee = 0.0
