from odoo import fields, models

from .params import PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    biuro_compliance_review_months_low = fields.Integer(
        string="Review period, low risk (months)",
        config_parameter=PREFIX + "review_months_low",
        default=36,
    )
    biuro_compliance_review_months_standard = fields.Integer(
        string="Review period, standard risk (months)",
        config_parameter=PREFIX + "review_months_standard",
        default=24,
    )
    biuro_compliance_review_months_high = fields.Integer(
        string="Review period, high risk (months)",
        config_parameter=PREFIX + "review_months_high",
        default=12,
    )
    biuro_compliance_alert_days = fields.Integer(
        string="Expiry notice (days)",
        config_parameter=PREFIX + "alert_days",
        default=30,
    )
    biuro_compliance_retention_years = fields.Integer(
        string="Keep AML cases after the relationship (years)",
        config_parameter=PREFIX + "retention_years",
        default=5,
    )
    biuro_compliance_contract_mode = fields.Selection(
        [("block", "Block the contract"), ("warn", "Warn only")],
        string="Contract without an approved AML case",
        config_parameter=PREFIX + "contract_mode",
        default="warn",
    )
    biuro_compliance_agreement_version = fields.Char(
        string="Current processing agreement version",
        config_parameter=PREFIX + "agreement_version",
    )

    def set_values(self):
        result = super().set_values()
        # the review periods may have changed: date the open cases again
        # sudo: only administrators save the settings (base.group_system)
        cases = self.env["biuro.aml.case"].sudo().search([("state", "=", "approved")])
        self.env.add_to_compute(cases._fields["next_review_date"], cases)
        cases._recompute_recordset(["next_review_date"])
        return result
