from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LINE_KINDS = [
    ("flat", "Monthly flat fee"),
    ("per_document", "Per document above the included count"),
    ("per_employee", "Per employee on payroll"),
    ("per_hour", "Per hour"),
    ("one_off", "One-off"),
]


class BiuroContractLine(models.Model):
    """One price term of a client contract: what is billed, how it is counted and
    for which months it holds."""

    _name = "biuro.contract.line"
    _description = "Contract price term"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "biuro.contract", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Client"
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    # not required in the database: a price list without a product is reported by
    # the monthly run instead of being refused while it is being typed in
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        domain=[("type", "=", "service")],
        check_company=True,
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
    )
    kind = fields.Selection(LINE_KINDS, required=True, default="flat")
    price = fields.Monetary(
        help="Net price: per month (flat), per document above the included count, "
        "per employee, per hour or once (one-off)."
    )
    included_qty = fields.Integer(
        string="Included",
        help="Documents (or employees, hours) covered by the flat fee; only those "
        "above it are billed.",
    )
    date_from = fields.Date(
        string="From",
        help="First day the term holds (for a one-off: the month it is billed in).",
    )
    date_to = fields.Date(string="Until")
    note = fields.Char()

    _sql_constraints = [
        (
            "included_qty_positive",
            "CHECK(included_qty >= 0)",
            "The included count cannot be negative.",
        ),
        ("price_positive", "CHECK(price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.display_name
            elif not line.name:
                line.name = False

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for line in self:
            if line.date_from and line.date_to and line.date_to < line.date_from:
                raise ValidationError(
                    _(
                        "The price term %(term)s ends before it starts.",
                        term=line.name or line.product_id.display_name or "",
                    )
                )

    def _period_overlap(self, first, last):
        """The days of [first, last] this term holds for, as (start, end) or None."""
        self.ensure_one()
        start = max(d for d in (first, self.date_from) if d)
        end = min(d for d in (last, self.date_to) if d)
        return (start, end) if start <= end else None
