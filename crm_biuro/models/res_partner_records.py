from odoo import fields, models


class ResPartner(models.Model):
    """Counters and shortcuts of the client's contracts, inspections and documents."""

    _inherit = "res.partner"

    biuro_contract_ids = fields.One2many("biuro.contract", "partner_id", "Contracts")
    biuro_inspection_ids = fields.One2many(
        "biuro.tax.inspection", "partner_id", "Inspections"
    )
    biuro_document_ids = fields.One2many("biuro.document", "partner_id", "Documents")
    biuro_contract_count = fields.Integer(
        "Contract count", compute="_compute_biuro_record_counts"
    )
    biuro_inspection_count = fields.Integer(
        "Inspection count", compute="_compute_biuro_record_counts"
    )
    biuro_document_count = fields.Integer(
        "Document count", compute="_compute_biuro_record_counts"
    )

    def _compute_biuro_record_counts(self):
        """One grouped query per model for all partners on screen."""
        counts = {}
        for model in ("biuro.contract", "biuro.tax.inspection", "biuro.document"):
            counts[model] = (
                dict(
                    self.env[model]._read_group(
                        [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                    )
                )
                if self.ids and self.env[model].has_access("read")
                else {}
            )
        for partner in self:
            partner.biuro_contract_count = counts["biuro.contract"].get(partner, 0)
            partner.biuro_inspection_count = counts["biuro.tax.inspection"].get(
                partner, 0
            )
            partner.biuro_document_count = counts["biuro.document"].get(partner, 0)

    def _biuro_open_records(self, model, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_biuro_open_contracts(self):
        return self._biuro_open_records(
            "biuro.contract", "crm_biuro.biuro_contract_action"
        )

    def action_biuro_open_inspections(self):
        return self._biuro_open_records(
            "biuro.tax.inspection", "crm_biuro.biuro_tax_inspection_action"
        )

    def action_biuro_open_documents(self):
        return self._biuro_open_records(
            "biuro.document", "crm_biuro.biuro_document_action"
        )
