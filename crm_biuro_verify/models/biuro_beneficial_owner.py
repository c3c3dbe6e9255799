from odoo import api, fields, models
from odoo.exceptions import AccessError

from . import trust

OWNER_SOURCES = [
    ("crbr", "CRBR"),
    ("declared", "Declared by the client"),
]


class BiuroBeneficialOwner(models.Model):
    """A beneficial owner of a client (AML). Owners read from CRBR are replaced by
    each verification; owners declared by the client are kept and compared with
    CRBR, a difference being a warning on the client."""

    _name = "biuro.beneficial.owner"
    _description = "Beneficial owner of a client"
    _order = "partner_id, source, name"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True, string="Company"
    )
    name = fields.Char(required=True)
    citizenship = fields.Char(help="Citizenship(s), as the registry names them.")
    residence_country_id = fields.Many2one("res.country", string="Country of residence")
    interest = fields.Char(
        help="Nature and size of the interest, e.g. shares: 60 %.",
    )
    source = fields.Selection(OWNER_SOURCES, required=True, default="declared")

    # Owners read from CRBR are the registry's answer: only the verification
    # service creates, changes or re-labels them; people declare owners.

    def _biuro_refuse_crbr(self):
        raise AccessError(
            self.env._(
                "Beneficial owners from CRBR are written by the registry "
                "verification only; add the owners the client declares instead."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not trust.is_trusted(self.env) and any(
            vals.get("source") == "crbr" for vals in vals_list
        ):
            self._biuro_refuse_crbr()
        return super().create(vals_list)

    def write(self, vals):
        if not trust.is_trusted(self.env) and (
            vals.get("source") == "crbr"
            or any(owner.source == "crbr" for owner in self)
        ):
            self._biuro_refuse_crbr()
        return super().write(vals)

    def unlink(self):
        # nor are they deleted by hand: the comparison with the owners the office
        # established (AML) stands on them
        if not trust.is_trusted(self.env) and any(o.source == "crbr" for o in self):
            self._biuro_refuse_crbr()
        return super().unlink()
