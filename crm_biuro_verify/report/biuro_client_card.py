from odoo import api, models

LATEST_VERIFICATIONS = 5


class ReportBiuroClientCard(models.AbstractModel):
    """The latest registry checks on crm_biuro's client card."""

    _inherit = "report.crm_biuro.report_biuro_client_card"

    @api.model
    def _latest_verifications(self, partner):
        """The latest check of each registry: [{date, name, state, summary}]."""
        rows = super()._latest_verifications(partner)
        Verification = self.env["biuro.verification"]
        states = dict(Verification._fields["state"]._description_selection(self.env))
        # the newest row of each registry, not the client's whole history
        latest = [
            latest_id
            for _registry, latest_id in Verification._read_group(
                [("partner_id", "=", partner.id)], ["registry"], ["id:max"]
            )
        ]
        # newest first, as the model orders them
        for record in Verification.browse(latest).sorted():
            rows.append(
                {
                    "date": record.check_date,
                    "name": record.display_name,
                    "state": states.get(record.state, ""),
                    "summary": record.summary,
                }
            )
        return rows[:LATEST_VERIFICATIONS]
