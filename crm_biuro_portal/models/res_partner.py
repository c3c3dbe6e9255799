from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # on a client company: who may see it in the portal (the record rules of the
    # portal are written on this field)
    biuro_portal_access_ids = fields.One2many(
        "biuro.portal.access", "client_id", string="Portal access"
    )
    # on a person: the companies they may see
    biuro_portal_company_access_ids = fields.One2many(
        "biuro.portal.access", "partner_id", string="Portal companies"
    )

    def action_biuro_portal_invite(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite to the portal"),
            "res_model": "biuro.portal.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_client_id": self.id},
        }
