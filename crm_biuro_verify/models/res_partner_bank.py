from odoo import api, fields, models

from ..registries.identifiers import clean_nrb
from . import trust

WHITELIST_STATES = [
    ("listed", "On the white list"),
    ("not_listed", "Not on the white list"),
]


# The white list's verdict on an account: written by the verification service only.
VERDICT_FIELDS = frozenset({"biuro_whitelist_state", "biuro_whitelist_date"})


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

    @api.model_create_multi
    def create(self, vals_list):
        trust.check_verdict_write(self, vals_list, VERDICT_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        trust.check_verdict_write(self, [vals], VERDICT_FIELDS)
        if (
            not trust.is_trusted(self.env)
            and {"acc_number", "partner_id"} & set(vals)
            and any(self.mapped("biuro_whitelist_state"))
        ):
            # another number or holder: the white list's mark was about the old
            # one; the next check marks it again
            vals = dict(vals, biuro_whitelist_state=False, biuro_whitelist_date=False)
        return super().write(vals)

    def _biuro_nrb(self):
        """The 26-digit Polish account number (NRB) the white list uses, or ""."""
        self.ensure_one()
        nrb = clean_nrb(self.sanitized_acc_number or self.acc_number)
        return nrb if len(nrb) == 26 and nrb.isdigit() else ""
