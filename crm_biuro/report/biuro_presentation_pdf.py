from collections import defaultdict

from odoo import _, api, models
from odoo.tools import format_amount

# The columns of each client report in its PDF: (field, label is the field's).
REPORT_COLUMNS = {
    "top": [
        "rank",
        "partner_id",
        "invoice_count",
        "revenue",
        "previous_revenue",
        "growth",
        "share",
    ],
    "profitability": ["partner_id", "revenue", "costs", "margin", "margin_rate"],
    "geography": ["country_id", "state_id", "partner_id", "revenue"],
}


class ReportClientReportPdf(models.AbstractModel):
    """The PDF of a client report (TOP klienci, Rentowność, Geografia): the
    lines on screen, the report's columns, Geografia with a subtotal per region."""

    _name = "report.crm_biuro.report_biuro_client_report_pdf"
    _description = "Client report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        lines = self.env["biuro.client.report"].browse(docids)
        lines.check_access("read")
        report = lines.wizard_id[:1].report or "top"
        names = dict(
            self.env["biuro.report.wizard"]
            ._fields["report"]
            ._description_selection(self.env)
        )
        columns = REPORT_COLUMNS[report]
        fields_info = lines.fields_get(columns, ["string", "type"])
        regions = []
        if report == "geography":
            lines = lines.sorted(
                lambda line: (
                    line.country_id.name or "",
                    line.state_id.name or "",
                    -line.revenue,
                )
            )
            totals = defaultdict(lambda: {"clients": 0, "revenue": 0.0})
            for line in lines:
                key = (line.country_id.name or "", line.state_id.name or _("None"))
                totals[key]["clients"] += 1
                totals[key]["revenue"] += line.revenue
            currency = lines.currency_id[:1] or self.env.company.currency_id
            regions = [
                {
                    "country": country,
                    "state": state,
                    "clients": values["clients"],
                    "revenue": format_amount(self.env, values["revenue"], currency),
                }
                for (country, state), values in sorted(totals.items())
            ]
        rows = [
            [
                self._biuro_cell(line, name, fields_info[name]["type"])
                for name in columns
            ]
            for line in lines
        ]
        return {
            "rows": rows,
            "doc_ids": lines.ids,
            "doc_model": "biuro.client.report",
            "docs": lines,
            "title": names.get(report, ""),
            "wizard": lines.wizard_id[:1],
            "columns": [(name, fields_info[name]["string"]) for name in columns],
            "regions": regions,
        }

    def _biuro_cell(self, line, name, field_type):
        value = line[name]
        if field_type == "many2one":
            return value.display_name or ""
        if field_type == "monetary":
            return format_amount(
                self.env, value, line.currency_id or self.env.company.currency_id
            )
        if field_type == "float":
            return f"{value:.1f}"
        return str(value)
