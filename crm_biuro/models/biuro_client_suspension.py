from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class BiuroClientSuspension(models.Model):
    """A period the client's activity was suspended (zawieszenie działalności,
    Prawo przedsiębiorców art. 22–25): no monthly obligation is generated for it."""

    _name = "biuro.client.suspension"
    _description = "Suspension of a client's activity"
    _order = "partner_id, date_start"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    # the client's company: whoever sees the client sees its history
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )
    date_start = fields.Date(string="Suspended from", required=True)
    date_end = fields.Date(
        string="Resumed on", help="Leave empty while the activity is suspended."
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for suspension in self:
            if suspension.date_end and suspension.date_end < suspension.date_start:
                raise ValidationError(_("A suspension cannot end before it starts."))

    @api.depends("date_start", "date_end")
    def _compute_display_name(self):
        for suspension in self:
            suspension.display_name = (
                f"{suspension.date_start or ''} – {suspension.date_end or ''}"
            )
