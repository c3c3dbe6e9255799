from odoo import api, fields, models

from odoo.addons.crm_biuro.models.biuro_month_mixin import first_of_month


class ResPartner(models.Model):
    _inherit = "res.partner"

    biuro_payroll_employees = fields.Integer(
        string="Employees on payroll",
        compute="_compute_biuro_payroll_employees",
        inverse="_inverse_biuro_payroll_employees",
        groups="crm_biuro.group_biuro_user",
        help="People on the client's payroll this month; a change is kept per month "
        "(the history bills the per-employee fees of past months right).",
    )
    biuro_payroll_headcount_ids = fields.One2many(
        "biuro.payroll.headcount",
        "partner_id",
        string="Payroll history",
        groups="crm_biuro.group_biuro_user",
    )
    biuro_billing_extra_ids = fields.One2many(
        "biuro.billing.extra",
        "partner_id",
        string="Extra billing items",
        groups="crm_biuro.group_biuro_user",
    )

    @api.depends_context("company")
    @api.depends("biuro_payroll_headcount_ids.employees")
    def _compute_biuro_payroll_employees(self):
        month = first_of_month(fields.Date.context_today(self))
        counts = self.env["biuro.payroll.headcount"]._headcounts(
            self.filtered("id"), self.env.company, month
        )
        for partner in self:
            partner.biuro_payroll_employees = counts.get(partner.id, 0)

    def _inverse_biuro_payroll_employees(self):
        month = first_of_month(fields.Date.context_today(self))
        headcount = self.env["biuro.payroll.headcount"]
        for partner in self:
            current = headcount.search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", self.env.company.id),
                    ("month", "=", month),
                ]
            )
            if current:
                current.employees = partner.biuro_payroll_employees
            else:
                headcount.create(
                    {
                        "partner_id": partner.id,
                        "company_id": self.env.company.id,
                        "month": month,
                        "employees": partner.biuro_payroll_employees,
                    }
                )

    biuro_payment_blocked = fields.Boolean(
        string="Blocked for non-payment",
        compute="_compute_biuro_payment_blocked",
        store=True,
        index=True,
        help="An invoice of the client reached a blocking reminder level and is "
        "still unpaid.",
    )

    @api.depends(
        "invoice_ids.payment_state",
        "invoice_ids.biuro_reminder_level_id.block_client",
    )
    def _compute_biuro_payment_blocked(self):
        for partner in self:
            partner.biuro_payment_blocked = any(
                move.biuro_reminder_level_id.block_client
                and move.payment_state in ("not_paid", "partial")
                and move.state == "posted"
                for move in partner.invoice_ids
            )

    def _biuro_blocked_for_portal(self):
        """The companies among these that are blocked for non-payment, for the
        portal's invoice pages (the callers pass only companies whose invoices the
        person may read)."""
        # sudo: the block flag and name of companies whose invoices the caller was
        # allowed to read (see the portal controller); nothing else is read
        return self.sudo().filtered("biuro_payment_blocked")
