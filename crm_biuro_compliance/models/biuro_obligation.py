from collections import defaultdict

from odoo import api, fields, models


class BiuroObligation(models.Model):
    """A declaration is signed electronically by the person filing it only when the
    client's UPL-1 names that person: show the obligations where none does."""

    _inherit = "biuro.obligation"

    biuro_upl1_missing = fields.Boolean(
        string="No UPL-1",
        compute="_compute_biuro_upl1_missing",
        help="No UPL-1 in force on the due date names the person filing it.",
    )

    @api.depends("partner_id", "user_id", "due_date", "state")
    def _compute_biuro_upl1_missing(self):
        # one query for the whole list: the UPL-1s of its clients
        mandates = self.env["biuro.mandate"].search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("mandate_type", "=", "upl1"),
                ("state", "!=", "draft"),
            ]
        )
        by_key = defaultdict(list)
        for mandate in mandates:
            by_key[(mandate.partner_id.id, mandate.attorney_id.id)].append(mandate)
        for obligation in self:
            due = obligation.due_date
            if obligation.state in ("filed", "done", "cancelled") or not due:
                obligation.biuro_upl1_missing = False
                continue
            key = (obligation.partner_id.id, obligation.user_id.id)
            obligation.biuro_upl1_missing = not any(
                m._in_force_on(due) for m in by_key.get(key, [])
            )
