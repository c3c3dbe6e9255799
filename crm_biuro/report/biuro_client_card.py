from odoo import api, models

LATEST_VERIFICATIONS = 5


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
        """The latest check of each registry, when crm_biuro_verify is installed:
        [{date, name, state, summary}] (read generically, the model is optional)."""
        if "biuro_verification_ids" not in partner._fields:
            return []
        rows, seen = [], set()
        # the verifications come newest first (their model's order)
        for record in partner.biuro_verification_ids:
            fields_ = record._fields
            key = record.registry if "registry" in fields_ else record.id
            if key in seen:
                continue
            seen.add(key)
            states = (
                dict(fields_["state"]._description_selection(self.env))
                if "state" in fields_ and fields_["state"].type == "selection"
                else {}
            )
            rows.append(
                {
                    "date": record.check_date
                    if "check_date" in fields_
                    else record.create_date.date(),
                    "name": record.display_name,
                    "state": states.get(record.state, "") if states else "",
                    "summary": record.summary if "summary" in fields_ else "",
                }
            )
        return rows[:LATEST_VERIFICATIONS]
