from odoo import _, api, models

from ..services.writer import ACTIVITY_TYPE


class BiuroPulpit(models.AbstractModel):
    _inherit = "biuro.pulpit"

    @api.model
    def _biuro_pulpit_tiles(self):
        """The clients with a registry change nobody has looked at yet (the change
        alert is an open activity until it is marked done)."""
        tiles = super()._biuro_pulpit_tiles()
        alert = self.env.ref(ACTIVITY_TYPE, raise_if_not_found=False)
        if alert:
            tiles.append(
                {
                    "key": "registry_alerts",
                    "name": _("Registry changes to check"),
                    "model": "res.partner",
                    "domain": [
                        ("biuro_client", "=", True),
                        ("activity_ids.activity_type_id", "=", alert.id),
                    ],
                    "client_field": "",
                    "action": "crm_biuro.action_biuro_clients",
                    "icon": "fa-exclamation-triangle",
                    "level": "danger",
                    "sequence": 30,
                }
            )
        return tiles
