from odoo import api, models


class ReportBiuroClientCard(models.AbstractModel):
    """Values of the "Karta klienta" PDF: what the template cannot find by itself."""

    _name = "report.crm_biuro.report_biuro_client_card"
    _description = "Client card report"

    @api.model
    def _get_report_values(self, docids, data=None):
        partners = self.env["res.partner"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "contracts": {
                partner.id: partner.biuro_contract_ids.filtered(
                    lambda contract: contract.state == "active"
                )
                for partner in partners
            },
            "verifications": {
                partner.id: self._latest_verifications(partner) for partner in partners
            },
        }

    @api.model
    def _latest_verifications(self, partner):
        """Hook: the latest registry checks of the partner for the card,
        [{date, name, state, summary}] (crm_biuro_verify fills it in). None
        here."""
        return []
