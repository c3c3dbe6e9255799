from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.crm_biuro.models.biuro_client_record_mixin import (
    post_on_client_timeline,
)
from odoo.addons.crm_biuro.models.biuro_month_mixin import first_of_month

INDEXED_KINDS = ("flat", "per_document", "per_employee", "per_hour")


class BiuroContractIndexation(models.TransientModel):
    """Waloryzacja: raise the prices of selected contracts by a percentage from a
    month. Each price term in force is closed the day before and continued at the
    new price, so past months are still billed at the old one."""

    _name = "biuro.contract.indexation"
    _description = "Contract price indexation"

    contract_ids = fields.Many2many(
        "biuro.contract",
        string="Contracts",
        required=True,
        default=lambda self: self._default_contracts(),
    )
    percent = fields.Float(string="Raise (%)", required=True, digits=(5, 2))
    date_from = fields.Date(
        string="From the month",
        required=True,
        default=lambda self: first_of_month(fields.Date.context_today(self)),
    )

    @api.model
    def _default_contracts(self):
        if self.env.context.get("active_model") == "biuro.contract":
            return self.env["biuro.contract"].browse(self.env.context.get("active_ids"))
        return self.env["biuro.contract"]

    def action_apply(self):
        self.ensure_one()
        if not 0 < self.percent <= 100:
            raise UserError(_("The raise must be more than 0% and at most 100%."))
        contracts = self.contract_ids
        contracts.check_access("write")
        self.env["biuro.contract.line"].check_access("create")
        start = first_of_month(self.date_from)
        done_before = contracts.filtered(
            lambda c: c.biuro_indexed_from and c.biuro_indexed_from >= start
        )
        if done_before:
            raise UserError(
                _(
                    "These contracts were already indexed from this month or later: "
                    "%(contracts)s",
                    contracts=", ".join(done_before.mapped("name")),
                )
            )
        for contract in contracts:
            self._index(contract, start)
        return True

    def _index(self, contract, start):
        factor = 1 + self.percent / 100
        changes = []
        for line in contract.line_ids.filtered(
            lambda t: (
                t.kind in INDEXED_KINDS
                and t.price
                and (not t.date_to or t.date_to >= start)
            )
        ):
            new_price = contract.currency_id.round(line.price * factor)
            changes.append((line.name, line.price, new_price))
            if line.date_from and line.date_from >= start:
                line.price = new_price  # the term only starts then: raise it in place
                continue
            line.copy(
                {
                    "contract_id": contract.id,
                    "date_from": start,
                    "date_to": line.date_to,
                    "price": new_price,
                    "name": line.name,
                }
            )
            line.date_to = fields.Date.subtract(start, days=1)
        contract.biuro_indexed_from = start
        rows = Markup("").join(
            Markup("<li>%s: %s → %s</li>") % (name, old, new)
            for name, old, new in changes
        )
        body = Markup("%s<ul>%s</ul>") % (
            _(
                "Prices indexed by %(percent)s%% from %(month)s:",
                percent=self.percent,
                month=start.strftime("%m/%Y"),
            ),
            rows,
        )
        contract.message_post(body=body, subtype_xmlid="mail.mt_note")
        post_on_client_timeline(
            contract.partner_id,
            _("Prices indexed by %(percent)s%%:", percent=self.percent),
            contract,
        )
        return changes
