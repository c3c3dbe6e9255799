from odoo import _, api, models


class BiuroPulpit(models.AbstractModel):
    _inherit = "biuro.pulpit"

    @api.model
    def _biuro_pulpit_tiles(self):
        """The e-mails of the client mailbox no client was found for: the office's
        queue, the same in "my clients" and in "whole office"."""
        tiles = super()._biuro_pulpit_tiles()
        tiles.append(
            {
                "key": "unassigned_emails",
                "name": _("Unassigned e-mails"),
                "model": "biuro.mail.unassigned",
                "domain": [("state", "=", "pending")],
                "client_field": False,
                "action": "crm_biuro_mail.biuro_mail_unassigned_action",
                "icon": "fa-envelope-o",
                "level": "warning",
                "sequence": 35,
            }
        )
        return tiles
