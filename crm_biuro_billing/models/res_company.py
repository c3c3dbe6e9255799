from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Art. 76h of the Polish accounting act: an office keeping books must hold civil
    # liability (OC) insurance; its contracts name the policy.
    biuro_oc_insurer = fields.Char(string="OC insurer")
    biuro_oc_policy_number = fields.Char(string="OC policy number")
    biuro_oc_sum = fields.Monetary(
        string="OC sum insured", currency_field="currency_id"
    )
