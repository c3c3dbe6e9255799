from odoo import _, api, fields, models
from odoo.exceptions import UserError

DISCREPANCY_FIELDS = [
    ("missing_in_crbr", "Owner not in CRBR"),
    ("missing_in_office", "Owner in CRBR only"),
    ("citizenship", "Citizenship"),
    ("residence", "Country of residence"),
    ("share", "Share"),
]
DISCREPANCY_STATES = [
    ("open", "Open"),
    ("explained", "Explained"),
    ("reported", "Reported to CRBR"),
]


class BiuroAmlDiscrepancy(models.Model):
    """A difference between the UBOs the office established and the owners CRBR
    shows (art. 61a): clarified with the client (explained) or notified to the
    register (reported). CRBR's side is copied here, because the register's rows
    are replaced at each check and the discrepancy is evidence in itself."""

    _name = "biuro.aml.discrepancy"
    _description = "Discrepancy between the office's UBOs and CRBR"
    _inherit = ["mail.thread", "biuro.workflow.mixin"]
    _order = "case_id, state, owner_name, id"
    # the comparison's findings and the buttons' states: hiding or moving an open
    # discrepancy by hand would let its case be approved
    _biuro_workflow_fields = {
        "state": "open",
        "active": True,
        "resolved_date": False,
    }
    _biuro_workflow_write_only = ("case_id", "field", "key", "crbr_value")

    case_id = fields.Many2one(
        "biuro.aml.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    active = fields.Boolean(
        default=True,
        help="Archived when a later comparison no longer finds the difference.",
    )
    person_id = fields.Many2one(
        "biuro.aml.person", string="Office's UBO", ondelete="set null"
    )
    owner_name = fields.Char(string="Owner", required=True)
    field = fields.Selection(
        DISCREPANCY_FIELDS, string="Difference", required=True, readonly=True
    )
    office_value = fields.Char(string="Office's finding", readonly=True)
    crbr_value = fields.Char(string="CRBR says", readonly=True)
    key = fields.Char(readonly=True, index=True, help="What identifies the difference.")
    verification_id = fields.Many2one(
        "biuro.verification",
        string="CRBR evidence",
        readonly=True,
        ondelete="set null",
    )
    crbr_check_date = fields.Date(string="CRBR checked on", readonly=True)
    found_date = fields.Date(
        string="Found on", readonly=True, default=fields.Date.context_today
    )
    resolved_date = fields.Date(string="No longer found on", readonly=True)
    state = fields.Selection(
        DISCREPANCY_STATES, default="open", required=True, tracking=True, index=True
    )
    explanation = fields.Text(tracking=True)
    report_date = fields.Date(
        string="Reported on",
        tracking=True,
        help="The date the discrepancy was notified to CRBR.",
    )
    report_reference = fields.Char(string="Report reference", tracking=True)

    @api.depends("owner_name", "field")
    def _compute_display_name(self):
        labels = dict(self._fields["field"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.owner_name}: {labels.get(line.field, '')}"

    def action_explain(self):
        for line in self:
            if not line.explanation:
                raise UserError(
                    _("Write the explanation of %s first.", line.display_name)
                )
        self._biuro_workflow_write({"state": "explained"})
        return True

    def action_report(self):
        for line in self:
            if not line.report_date:
                raise UserError(
                    _(
                        "Give the date %s was reported to CRBR first.",
                        line.display_name,
                    )
                )
        self._biuro_workflow_write({"state": "reported"})
        return True

    def action_reopen(self):
        self._biuro_workflow_write({"state": "open"})
        return True
