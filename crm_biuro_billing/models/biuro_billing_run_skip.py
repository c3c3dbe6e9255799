from odoo import fields, models

SKIP_REASONS = [
    ("blocked", "Client blocked"),
    ("no_line", "No contract line"),
    ("bad_price", "Missing price or product"),
    ("error", "Invoice refused"),
]


class BiuroBillingRunSkip(models.Model):
    """A client (or one of its contracts) the monthly run did not invoice, and why."""

    _name = "biuro.billing.run.skip"
    _description = "Client skipped by a billing run"
    _order = "run_id, reason, partner_id"

    run_id = fields.Many2one(
        "biuro.billing.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    contract_id = fields.Many2one("biuro.contract", string="Contract")
    reason = fields.Selection(SKIP_REASONS, required=True)
    detail = fields.Char()
