from odoo import models


class ResPartner(models.Model):
    """Whether the registries confirmed a client: a question other addons ask
    (crm_biuro_mail's "CRM client" badge) without knowing the addon that answers it
    (crm_biuro_verify)."""

    _inherit = "res.partner"

    def _biuro_is_verified(self):
        """Hook: True when the registry checks of this client all answered well.
        Not known here: False."""
        self.ensure_one()
        return False
