from odoo import fields, models

from ..registries.identifiers import clean_nrb

WHITELIST_STATES = [
    ("listed", "On the white list"),
    ("not_listed", "Not on the white list"),
]


class ResPartnerBank(models.Model):
    """A client's bank account, marked by the white-list check: paying more than
    15 000 PLN to an account that is not on the list costs the payer its tax
    deduction, so the office wants to know."""

    _inherit = "res.partner.bank"

    biuro_whitelist_state = fields.Selection(
        WHITELIST_STATES, string="White list", readonly=True, copy=False
    )
    biuro_whitelist_date = fields.Date(
        string="White list checked on", readonly=True, copy=False
    )

    def _biuro_nrb(self):
        """The 26-digit Polish account number (NRB) the white list uses, or ""."""
        self.ensure_one()
        nrb = clean_nrb(self.sanitized_acc_number or self.acc_number)
        return nrb if len(nrb) == 26 and nrb.isdigit() else ""
