from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import params


class BiuroContract(models.Model):
    """Art. 34-35 of the AML act: the measures come before the relationship. An
    active bookkeeping contract needs an approved AML case of the client: blocked,
    or only warned about (Settings → Accounting office)."""

    _inherit = "biuro.contract"

    # office-only: portal people read their company's contracts over JSON-RPC, and
    # the AML state of their company is not theirs to learn (issue #11, F7)
    biuro_aml_approved = fields.Boolean(
        string="AML case approved",
        compute="_compute_biuro_aml_approved",
        groups="base.group_user",
    )
    biuro_processing_agreement_id = fields.Many2one(
        "biuro.processing.agreement",
        string="Processing agreement",
        compute="_compute_biuro_processing_agreement_id",
        groups="base.group_user",
    )

    @api.depends("partner_id")
    def _compute_biuro_aml_approved(self):
        approved = self._biuro_aml_approved_clients()
        for contract in self:
            # _origin: a contract being edited in a form holds new-record ids
            contract.biuro_aml_approved = (
                contract.partner_id._origin.id,
                contract.company_id._origin.id,
            ) in approved

    @api.depends("partner_id")
    def _compute_biuro_processing_agreement_id(self):
        Agreement = self.env["biuro.processing.agreement"]
        for contract in self:
            contract.biuro_processing_agreement_id = Agreement.search(
                [
                    ("partner_id", "=", contract.partner_id._origin.id),
                    ("company_id", "=", contract.company_id._origin.id),
                ],
                limit=1,
            )

    def _biuro_aml_approved_clients(self):
        """{(partner_id, company_id)} of the clients of these contracts whose AML
        case is approved."""
        cases = (
            self.env["biuro.aml.case"]
            # sudo: office users may not read AML cases; only whether the case of
            # these contracts' clients is approved is read, nothing is returned
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id._origin.ids),
                    ("state", "=", "approved"),
                ]
            )
        )
        return {(c.partner_id.id, c.company_id.id) for c in cases}

    def _biuro_needs_aml_check(self):
        return self.filtered(
            lambda c: c.state == "active" and c.contract_type == "bookkeeping"
        )

    @api.constrains("state", "contract_type", "partner_id")
    def _check_biuro_aml_case(self):
        contracts = self._biuro_needs_aml_check()
        if not contracts or params.contract_mode(self.env) != "block":
            return
        approved = contracts._biuro_aml_approved_clients()
        for contract in contracts:
            if (contract.partner_id.id, contract.company_id.id) not in approved:
                raise ValidationError(
                    _(
                        "%(client)s cannot have an active bookkeeping contract "
                        "before its AML case is approved.",
                        client=contract.partner_id.display_name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals or "contract_type" in vals:
            self._biuro_warn_without_aml()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts._biuro_warn_without_aml()
        return contracts

    def _biuro_warn_without_aml(self):
        """In "warn" mode the contract is activated and its chatter says so."""
        contracts = self._biuro_needs_aml_check()
        if not contracts or params.contract_mode(self.env) != "warn":
            return
        approved = contracts._biuro_aml_approved_clients()
        for contract in contracts:
            if (contract.partner_id.id, contract.company_id.id) not in approved:
                contract.message_post(
                    body=Markup("<p>%s</p>")
                    % _(
                        "Activated although the client's AML case is not "
                        "approved (%(date)s).",
                        date=fields.Date.context_today(contract),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
