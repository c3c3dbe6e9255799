from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class BiuroDocumentRequestTemplate(models.Model):
    """What the office asks every client for each month (sales and purchase
    invoices, bank statements…). A standing template makes the monthly job create
    each active client's request ("Dokumenty za 11/2026")."""

    _name = "biuro.document.request.template"
    _description = "Document request template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    standing = fields.Boolean(
        string="Monthly standing request",
        default=True,
        help="Every month, each active client gets a request for the documents of "
        "the month before, made from this template.",
    )
    due_day = fields.Integer(
        string="Due on day",
        default=7,
        required=True,
        help="The day of the month after the period by which the documents are due.",
    )
    note = fields.Text(
        string="Message to the client", translate=True, help="Shown in the portal."
    )
    line_ids = fields.One2many(
        "biuro.document.request.template.line",
        "template_id",
        string="Expected documents",
        copy=True,
    )
    company_id = fields.Many2one(
        "res.company",
        string="Office",
        index=True,
        help="Empty: used by every office of the database.",
    )

    @api.constrains("due_day")
    def _check_due_day(self):
        for template in self:
            if not 1 <= template.due_day <= 28:
                raise ValidationError(
                    self.env._("The due day must be between 1 and 28.")
                )

    def _biuro_request_vals(self, client, period):
        """The values of `client`'s request for `period` made from this template,
        in the client's language ("Dokumenty za 11/2026")."""
        self.ensure_one()
        template = self.with_context(lang=client.lang) if client.lang else self
        month = period.strftime("%m/%Y")
        return {
            "name": template.env._("Documents for %(month)s", month=month),
            "partner_id": client.id,
            "company_id": (template.company_id or self.env.company).id,
            "period": period,
            "due_date": period
            + relativedelta(months=1)
            + relativedelta(days=template.due_day - 1),
            "note": template.note,
            "template_id": template.id,
            "line_ids": [
                Command.create(
                    {
                        "name": line.name,
                        "category_id": line.category_id.id,
                        "sequence": line.sequence,
                    }
                )
                for line in template.line_ids
                if client.biuro_employer or not line.employer_only
            ],
        }
