from odoo import _, api, fields, models

from . import params


class BiuroPulpit(models.AbstractModel):
    _inherit = "biuro.pulpit"

    @api.model
    def _biuro_pulpit_tiles(self):
        """Powers of attorney and KSeF credentials that end within the notice
        period of the compliance settings (or have ended)."""
        tiles = super()._biuro_pulpit_tiles()
        horizon = fields.Date.add(
            self._biuro_pulpit_today(), days=params.get_int(self.env, "alert_days")
        )
        tiles += [
            {
                "key": "mandates_expiring",
                "name": _("Powers of attorney expiring"),
                "model": "biuro.mandate",
                "domain": [("state", "in", ("expiring", "expired"))],
                "client_field": "partner_id",
                "action": "crm_biuro_compliance.biuro_mandate_action",
                "icon": "fa-id-card-o",
                "level": "warning",
                "sequence": 60,
            },
            {
                "key": "ksef_credentials_expiring",
                "name": _("KSeF credentials expiring"),
                "model": "biuro.ksef.credential",
                "domain": [
                    ("valid_to", "!=", False),
                    ("valid_to", "<=", fields.Date.to_string(horizon)),
                ],
                "client_field": "partner_id",
                "action": "crm_biuro_compliance.biuro_ksef_credential_action",
                "icon": "fa-key",
                "level": "warning",
                "sequence": 65,
            },
        ]
        return tiles
