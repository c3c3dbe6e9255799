from odoo import api, fields, models


class BiuroPayrollHeadcount(models.Model):
    """How many people a client had on its payroll in a month: the history behind
    the client's current count, read by the monthly run for per-employee fees."""

    _name = "biuro.payroll.headcount"
    _inherit = ["biuro.month.mixin"]
    _description = "Employees on payroll in a month"
    _order = "partner_id, month desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    month = fields.Date(required=True, index=True)
    employees = fields.Integer(string="Employees on payroll", required=True)

    _sql_constraints = [
        (
            "month_unique",
            "UNIQUE NULLS NOT DISTINCT(partner_id, company_id, month)",
            "A client has one payroll headcount per month.",
        ),
        ("employees_positive", "CHECK(employees >= 0)", "A headcount is not negative."),
    ]

    @api.model
    def _headcounts(self, partners, company, month):
        """{partner id: employees} as of `month` (the latest month not after it)."""
        if not partners:
            return {}
        self.flush_model(["partner_id", "company_id", "month", "employees"])
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (partner_id) partner_id, employees
              FROM biuro_payroll_headcount
             WHERE partner_id = ANY(%s) AND company_id = %s AND month <= %s
          ORDER BY partner_id, month DESC
            """,
            (list(partners.ids), company.id, month),
        )
        return dict(self.env.cr.fetchall())
