from dateutil.relativedelta import relativedelta

from odoo import _, fields, models
from odoo.tools import SQL, format_amount

FINANCE_MONTHS = 24
TOP_SERVICES = 5
CUSTOMER_MOVES = ("out_invoice", "out_refund")


class ResPartner(models.Model):
    """The client's finances on its dashboard: revenue per month, the services
    invoiced most, how punctually it pays, its average invoice; and "Issue an
    invoice" with the client filled in. Aggregates only, in a fixed number of
    queries (like the payment status, shown to every office user)."""

    _inherit = "res.partner"

    def _biuro_finance_moves_domain(self, since):
        return [
            ("move_type", "in", CUSTOMER_MOVES),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ("invoice_date", ">=", since),
        ]

    def _biuro_dashboard_finance(self):
        """{months, top_services, punctuality, average} of the client."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=FINANCE_MONTHS - 1)
        return {
            "months": self._biuro_finance_months(first),
            "top_services": self._biuro_finance_top_services(first),
            "punctuality": self._biuro_finance_punctuality(),
            "average": format_amount(
                self.env, self.biuro_invoice_average, self.env.company.currency_id
            ),
        }

    def _biuro_finance_months(self, first):
        """Net revenue (untaxed, credit notes deducted) of each of the last
        months, oldest first, with each bar's height in % of the highest."""
        groups = (
            self.env["account.move"]
            # sudo: monthly totals of a client the user reads (no invoice shown)
            .sudo()
            ._read_group(
                self._biuro_finance_moves_domain(first),
                ["invoice_date:month"],
                ["amount_untaxed_signed:sum"],
            )
        )
        totals = {month: amount for month, amount in groups}
        months = [first + relativedelta(months=n) for n in range(FINANCE_MONTHS)]
        top = max([abs(v) for v in totals.values()] or [0]) or 1
        currency = self.env.company.currency_id
        return [
            {
                "label": month.strftime("%m.%Y"),
                "amount": format_amount(self.env, totals.get(month, 0.0), currency),
                "height": round(max(totals.get(month, 0.0), 0.0) * 100 / top),
            }
            for month in months
        ]

    def _biuro_finance_top_services(self, first):
        domain = [
            ("move_id.move_type", "in", CUSTOMER_MOVES),
            ("parent_state", "=", "posted"),
            ("display_type", "=", "product"),
            ("move_id.commercial_partner_id", "=", self.commercial_partner_id.id),
            ("move_id.invoice_date", ">=", first),
        ]
        groups = (
            self.env["account.move.line"]
            # sudo: totals per product of a client the user reads (no line shown)
            .sudo()
            ._read_group(
                domain,
                ["product_id"],
                ["balance:sum"],
                order="balance:sum",
                limit=TOP_SERVICES,
            )
        )
        currency = self.env.company.currency_id
        return [
            {
                "name": product.display_name or _("Lines without a product"),
                "amount": format_amount(self.env, -balance, currency),
            }
            for product, balance in groups
            if balance < 0
        ]

    def _biuro_finance_punctuality(self):
        """Paid invoices paid by their due date or late, and the average delay
        of the late ones (days from due date to the last payment)."""
        self.env["account.move"].flush_model(
            ["commercial_partner_id", "move_type", "state", "payment_state"]
        )
        self.env["account.move.line"].flush_model(["move_id", "display_type"])
        self.env["account.partial.reconcile"].flush_model(["debit_move_id", "max_date"])
        # plain SQL: aggregates only, of a client the user reads (as the sudo
        # aggregates above); no invoice data leaves this method
        self.env.cr.execute(
            SQL(
                """SELECT m.invoice_date_due, max(apr.max_date)
                     FROM account_move m
                     JOIN account_move_line l
                       ON l.move_id = m.id AND l.display_type = 'payment_term'
                     JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                    WHERE m.commercial_partner_id = %s
                      AND m.move_type = 'out_invoice' AND m.state = 'posted'
                      AND m.payment_state IN ('paid', 'in_payment')
                    GROUP BY m.id, m.invoice_date_due""",
                self.commercial_partner_id.id,
            )
        )
        delays = [
            (paid - due).days for due, paid in self.env.cr.fetchall() if due and paid
        ]
        late = [days for days in delays if days > 0]
        return {
            "on_time": len(delays) - len(late),
            "late": len(late),
            "average_days_late": round(sum(late) / len(late), 1) if late else 0,
        }

    def action_biuro_new_invoice(self):
        """A new customer invoice with the client filled in."""
        self.ensure_one()
        self.env["account.move"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": _("Issue an invoice"),
            "res_model": "account.move",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_move_type": "out_invoice",
                "default_partner_id": self.commercial_partner_id.id,
            },
        }
