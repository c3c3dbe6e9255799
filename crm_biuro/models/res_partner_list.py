from odoo import api, fields, models
from odoo.tools import SQL

from .biuro_contract import CONTRACT_TYPES
from .res_partner import UNPAID

# The rank of each payment status in the list's sort: the order of PAYMENT_STATES.
PAYMENT_RANKS = {"overdue": 0, "current": 1, "paid": 2, "none": 3}


class ResPartner(models.Model):
    """The client list sorts, filters and groups by what it shows: payment
    status and last activity sort by the same facts their computes read (an SQL
    expression, so the values never go stale); the client's active contract
    and its type are stored for filters, columns and grouping."""

    _inherit = "res.partner"

    biuro_active_contract_id = fields.Many2one(
        "biuro.contract",
        string="Active contract",
        compute="_compute_biuro_active_contract",
        store=True,
        index="btree_not_null",
    )
    biuro_contract_type = fields.Selection(
        CONTRACT_TYPES,
        string="Contract type",
        compute="_compute_biuro_active_contract",
        store=True,
        help="The type of the client's active contract (the earliest started).",
    )
    biuro_missing_nip = fields.Boolean(
        string="Company without NIP",
        compute="_compute_biuro_missing_nip",
        search="_search_biuro_missing_nip",
    )

    @api.depends(
        "biuro_contract_ids.state",
        "biuro_contract_ids.contract_type",
        "biuro_contract_ids.date_start",
    )
    def _compute_biuro_active_contract(self):
        for partner in self:
            active = partner.biuro_contract_ids.filtered(
                lambda c: c.state == "active"
            ).sorted(lambda c: (c.date_start, c.id))[:1]
            partner.biuro_active_contract_id = active
            partner.biuro_contract_type = active.contract_type or False

    @api.depends("is_company", "biuro_client", "biuro_nip", "vat", "parent_id")
    def _compute_biuro_missing_nip(self):
        for partner in self:
            partner.biuro_missing_nip = bool(
                partner.biuro_client
                and partner.is_company
                and not partner.parent_id
                and not partner.biuro_nip
                and not partner.vat  # a foreign company has its own tax id
            )

    def _search_biuro_missing_nip(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("biuro_client", "=", True),
            ("is_company", "=", True),
            ("parent_id", "=", False),
            ("biuro_nip", "=", False),
            ("vat", "=", False),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        if field_name == "biuro_payment_state":
            return SQL(
                "%s %s %s", self._biuro_payment_rank_sql(alias), direction, nulls
            )
        if field_name == "biuro_last_message_date":
            return SQL(
                "%s %s %s", self._biuro_last_message_sql(alias), direction, nulls
            )
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def _biuro_payment_rank_sql(self, alias):
        """The rank of _compute_biuro_invoicing's payment status, in SQL."""
        today = fields.Date.context_today(self)
        self.env["account.move"].flush_model(
            [
                "payment_state",
                "invoice_date_due",
                "commercial_partner_id",
                "move_type",
                "state",
            ]
        )
        self.flush_model(["commercial_partner_id"])
        return SQL(
            """(SELECT CASE
                    WHEN bool_or(m.payment_state IN %(unpaid)s
                                 AND m.invoice_date_due < %(today)s) THEN %(overdue)s
                    WHEN bool_or(m.payment_state IN %(unpaid)s) THEN %(current)s
                    WHEN count(m.id) > 0 THEN %(paid)s
                    ELSE %(none)s END
                 FROM account_move m
                WHERE m.commercial_partner_id = %(partner)s
                  AND m.move_type = 'out_invoice' AND m.state = 'posted')""",
            unpaid=UNPAID,
            today=today,
            partner=SQL.identifier(alias, "commercial_partner_id"),
            **PAYMENT_RANKS,
        )

    def _biuro_last_message_sql(self, alias):
        """_compute_biuro_last_message_date in SQL."""
        self.env["mail.message"].flush_model(
            ["model", "res_id", "message_type", "date"]
        )
        return SQL(
            """(SELECT max(msg.date) FROM mail_message msg
                WHERE msg.model = 'res.partner' AND msg.res_id = %s
                  AND msg.message_type IN ('comment', 'email'))""",
            SQL.identifier(alias, "id"),
        )
