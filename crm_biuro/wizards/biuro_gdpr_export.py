import base64

from odoo import api, fields, models


class BiuroGdprExport(models.TransientModel):
    """GDPR (RODO) right of access ("Eksport danych osobowych"): a ZIP of JSON files
    with what the office holds about a client or a person (see
    res_partner_gdpr_export)."""

    _name = "biuro.gdpr.export"
    _description = "Personal data export"

    partner_id = fields.Many2one(
        "res.partner", string="Client or person", required=True
    )
    data = fields.Binary(string="Archive", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        self.env["res.partner"]._biuro_check_gdpr_manager()
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_id"):
            values["partner_id"] = context["active_id"]
        return values

    def action_export(self):
        self.env["res.partner"]._biuro_check_gdpr_manager()
        self.ensure_one()
        self.write(
            {
                "data": base64.b64encode(self.partner_id._biuro_gdpr_zip()),
                "file_name": f"rodo-{self.partner_id.id}.zip",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.file_name}"
            "?download=true",
            "target": "download",
        }
