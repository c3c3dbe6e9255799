from odoo import fields, models

APPLIES_TO = [
    ("all", "Every client"),
    ("employer", "Employers only"),
    ("vat", "Active VAT payers only"),
]
AUTO_SOURCES = [
    ("obligations_filed", "The month's obligations are filed"),
    ("documents_received", "The month's document requests are complete"),
]


class BiuroWorkCheck(models.Model):
    """A step of the monthly checklist of a client (documents received, invoices
    booked, bank reconciled…). The office edits the list: its own steps (company)
    or the shared ones, each for every client or only for some tax profiles."""

    _name = "biuro.work.check"
    _description = "Step of the monthly work checklist"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    applies_to = fields.Selection(
        APPLIES_TO,
        required=True,
        default="all",
        help="Which clients get this step in their monthly checklist.",
    )
    auto_source = fields.Selection(
        AUTO_SOURCES,
        string="Ticked automatically when",
        help="Leave empty for a step the accountant ticks by hand.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Office",
        index=True,
        help="Empty: the step is used by every office of the database.",
    )

    def _applies_to_client(self, client):
        """Whether this step belongs in the checklist of `client`."""
        self.ensure_one()
        if self.applies_to == "employer":
            return bool(client.biuro_employer)
        if self.applies_to == "vat":
            return client.biuro_vat_status == "czynny"
        return True
