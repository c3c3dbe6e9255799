from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.biuro_aml_case import RISK_LEVELS


class BiuroAmlSummary(models.TransientModel):
    """The office's own yearly risk assessment (art. 27 of the AML act): how many
    clients at which risk, with which measures, what was reviewed, approved,
    refused and reported to CRBR in the year — printed as a PDF."""

    _name = "biuro.aml.summary"
    _description = "Annual AML risk assessment summary"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise UserError(_("Choose a year between 2000 and 2100."))

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "crm_biuro_compliance.action_report_aml_summary"
        ).report_action(self)

    def _summary(self):
        """The figures of the report (plain values, read with the user's rights)."""
        self.ensure_one()
        start, end = date(self.year, 1, 1), date(self.year, 12, 31)
        Case = self.env["biuro.aml.case"].with_context(active_test=False)
        company = [("company_id", "=", self.company_id.id)]
        open_cases = Case.search(company + [("state", "!=", "rejected")])
        labels = dict(RISK_LEVELS)
        by_risk = Case._read_group(
            company + [("state", "!=", "rejected")], ["risk_level"], ["__count"]
        )
        by_measures = Case._read_group(
            company + [("state", "!=", "rejected")], ["measures"], ["__count"]
        )
        measure_labels = dict(Case._fields["measures"]._description_selection(self.env))
        risk_labels = dict(Case._fields["risk_level"]._description_selection(self.env))
        Discrepancy = self.env["biuro.aml.discrepancy"].with_context(active_test=False)
        return {
            "year": self.year,
            "company": self.company_id,
            "total": len(open_cases),
            "by_risk": [
                (risk_labels.get(level, labels.get(level, "-")), count)
                for level, count in by_risk
            ],
            "by_measures": [
                (measure_labels.get(m, "-"), count) for m, count in by_measures
            ],
            "pep": len(open_cases.filtered("pep")),
            "approved_in_year": Case.search_count(
                company + [("approval_date", ">=", start), ("approval_date", "<=", end)]
            ),
            "rejected": Case.search_count(company + [("state", "=", "rejected")]),
            "without_approver": len(open_cases.filtered(lambda c: not c.approver_id)),
            "reviews_overdue": len(
                open_cases.filtered(
                    lambda c: c.next_review_date and c.next_review_date <= end
                )
            ),
            "discrepancies_found": Discrepancy.search_count(
                company + [("found_date", ">=", start), ("found_date", "<=", end)]
            ),
            "discrepancies_reported": Discrepancy.search_count(
                company + [("report_date", ">=", start), ("report_date", "<=", end)]
            ),
            "discrepancies_open": Discrepancy.search_count(
                company + [("state", "=", "open"), ("active", "=", True)]
            ),
            "retention_over": Case.search_count(
                company + [("retention_until", "<", fields.Date.context_today(self))]
            ),
        }
