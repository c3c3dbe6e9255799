from odoo import api, models

LATEST_VERIFICATIONS = 5


class ReportBiuroClientCard(models.AbstractModel):
    """The latest registry checks on crm_biuro's client card."""

    _inherit = "report.crm_biuro.report_biuro_client_card"

    @api.model
    def _latest_verifications(self, partner):
        """The latest check of each registry: [{date, name, state, summary}]."""
        rows = super()._latest_verifications(partner)
        seen = set()
        states = dict(
            self.env["biuro.verification"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        # the verifications come newest first (their model's order)
        for record in partner.biuro_verification_ids:
            if record.registry in seen:
                continue
            seen.add(record.registry)
            rows.append(
                {
                    "date": record.check_date,
                    "name": record.display_name,
                    "state": states.get(record.state, ""),
                    "summary": record.summary,
                }
            )
        return rows[:LATEST_VERIFICATIONS]
