from odoo import models

from ..services.registry_table import REGISTRIES


class ResPartner(models.Model):
    """The answers of this addon to crm_biuro's hooks: whether a client is
    verified (crm_biuro_mail's badge) and the verification evidence and beneficial
    owners in the personal data export (GDPR)."""

    _inherit = "res.partner"

    def _biuro_is_verified(self):
        """Every registry that was checked answered ``ok`` (and one at least)."""
        self.ensure_one()
        states = [
            self[registry.state_field]
            for registry in REGISTRIES
            if self[registry.state_field]
        ]
        return bool(states) and all(state == "ok" for state in states)

    def _biuro_gdpr_verifications(self, partners):
        """Exported without the raw answers (RAW_FIELDS of crm_biuro)."""
        return super()._biuro_gdpr_verifications(partners) or self._biuro_gdpr_related(
            "biuro.verification", partners
        )

    def _biuro_gdpr_beneficial_owners(self, partners):
        return super()._biuro_gdpr_beneficial_owners(
            partners
        ) or self._biuro_gdpr_related("biuro.beneficial.owner", partners)

    def _biuro_gdpr_own_file_models(self):
        return super()._biuro_gdpr_own_file_models() | {
            "biuro.verification",
            "biuro.beneficial.owner",
        }
