from odoo import fields, models

from ..models.biuro_portal_access import LEVELS


class BiuroPortalInvite(models.TransientModel):
    """ "Invite to the portal" on a client form: who (e-mail and name) and at which
    level. The work is done by biuro.portal.access.invite, the same method the
    owners use in the portal."""

    _name = "biuro.portal.invite"
    _description = "Invite a person to the client portal"

    client_id = fields.Many2one(
        "res.partner",
        string="Client company",
        required=True,
        domain=[("biuro_client", "=", True)],
    )
    email = fields.Char(string="E-mail", required=True)
    name = fields.Char(help="Used when the person is not known yet.")
    level = fields.Selection(LEVELS, required=True, default="readonly")

    def action_invite(self):
        self.ensure_one()
        self.env["biuro.portal.access"].invite(
            self.client_id.id, self.email, self.name, self.level
        )
        return {"type": "ir.actions.act_window_close"}
