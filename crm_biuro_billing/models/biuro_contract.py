import base64

from odoo import _, api, fields, models


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

    # the agreement printed from the template, signed by both parties, scanned back
    signed_file = fields.Binary(
        string="Signed agreement",
        attachment=True,
        copy=False,
        groups="crm_biuro.group_biuro_user",
        help="The scan of the agreement signed by both parties.",
    )
    signed_file_name = fields.Char(copy=False, groups="crm_biuro.group_biuro_user")
    signed_date = fields.Date(
        string="Signed on",
        copy=False,
        tracking=True,
        groups="crm_biuro.group_biuro_user",
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

    def write(self, vals):
        if vals.get("signed_file"):
            # a new scan does not lose the one it replaces: it stays on the timeline
            for contract in self.filtered("signed_file"):
                contract.message_post(
                    body=_("The signed agreement was replaced; the previous scan:"),
                    attachments=[
                        (
                            contract.signed_file_name or f"{contract.name}.pdf",
                            base64.b64decode(contract.signed_file),
                        )
                    ],
                    subtype_xmlid="mail.mt_note",
                )
        return super().write(vals)

    def _biuro_contract_report(self):
        return self.env.ref("crm_biuro_billing.action_report_biuro_contract")
