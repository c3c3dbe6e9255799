from odoo import _, api, fields, models
from odoo.exceptions import UserError

REPORTS = [
    ("top", "TOP clients"),
    ("profitability", "Profitability"),
    ("geography", "Geography"),
]


class BiuroReportWizard(models.TransientModel):
    """The period of a client report (TOP klienci, Rentowność, Geografia); opens the
    report lines in list, pivot and graph views."""

    _name = "biuro.report.wizard"
    _description = "Client report period"

    report = fields.Selection(REPORTS, required=True, default="top")
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=12, day=31),
    )
    line_ids = fields.One2many("biuro.client.report", "wizard_id")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(_("The period ends before it starts."))

    def action_open(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.env["biuro.client.report"]._generate(self)
        views = {
            "top": ["list", "graph", "pivot"],
            "profitability": ["list", "pivot", "graph"],
            "geography": ["pivot", "graph", "list"],
        }[self.report]
        name = dict(self._fields["report"]._description_selection(self.env))[
            self.report
        ]
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "%(report)s: %(start)s – %(end)s",
                report=name,
                start=self.date_from,
                end=self.date_to,
            ),
            "res_model": "biuro.client.report",
            "view_mode": ",".join(views),
            "views": [
                (
                    self.env.ref(
                        f"crm_biuro.biuro_client_report_view_{view}_{self.report}"
                    ).id,
                    view,
                )
                for view in views
            ],
            "search_view_id": [
                self.env.ref("crm_biuro.biuro_client_report_view_search").id
            ],
            "domain": [("wizard_id", "=", self.id)],
            "context": {"biuro_report": self.report},
            "target": "current",
        }
