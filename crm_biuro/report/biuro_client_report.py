from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

REVENUE_TYPES = ("out_invoice", "out_refund")


def previous_period(date_from, date_to):
    """The period of the same length just before: whole months shift by months (Q2 →
    Q1, a year → the year before), other periods by their number of days."""
    next_day = date_to + relativedelta(days=1)
    if date_from.day == 1 and next_day.day == 1:
        delta = relativedelta(next_day, date_from)
        months = delta.years * 12 + delta.months
        return date_from - relativedelta(months=months), date_from - relativedelta(
            days=1
        )
    length = date_to - date_from
    prev_to = date_from - relativedelta(days=1)
    return prev_to - length, prev_to


class BiuroClientReport(models.TransientModel):
    """One line per client for a period: the rows of the TOP klienci, Rentowność and
    Geografia reports (list, pivot and graph views).

    Lines are made by `_generate` from a few grouped queries whatever the number of
    clients (no N+1):
    - revenue: posted customer invoices minus credit notes, untaxed, in the
      company currency, by invoice date;
    - costs: analytic lines with a negative amount (vendor bills, expenses,
      timesheets...) on analytic accounts whose customer is the client, by date. Tag a
      vendor bill line with the client's analytic account to count it as a cost of
      that client.
    """

    _name = "biuro.client.report"
    _description = "Client report line"
    _order = "revenue desc, partner_id"
    _rec_name = "partner_id"

    wizard_id = fields.Many2one(
        "biuro.report.wizard", required=True, ondelete="cascade", index=True
    )
    date_from = fields.Date(related="wizard_id.date_from")
    date_to = fields.Date(related="wizard_id.date_to")
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Accountant", readonly=True)
    state_id = fields.Many2one(
        "res.country.state", string="Voivodeship or state", readonly=True
    )
    country_id = fields.Many2one("res.country", string="Country", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    rank = fields.Integer(readonly=True, aggregator=None)
    invoice_count = fields.Integer(string="Invoices", readonly=True)
    revenue = fields.Monetary(readonly=True)
    previous_revenue = fields.Monetary(string="Previous period", readonly=True)
    growth = fields.Float(
        string="Growth (%)",
        readonly=True,
        aggregator=None,
        help="Change of the revenue against the previous period of the same length; "
        "empty when the previous period had no revenue.",
    )
    share = fields.Float(
        string="Share (%)", readonly=True, help="Share of the revenue of all clients."
    )
    costs = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)
    margin_rate = fields.Float(string="Margin (%)", readonly=True, aggregator=None)
    client_count = fields.Integer(string="Clients", readonly=True, default=1)

    @api.model
    def _generate(self, wizard):
        """Create the lines of `wizard` (its period and companies); return them."""
        companies = self.env.companies
        clients = (
            self.env["res.partner"]
            # sudo: clients of the user's allowed companies (env.companies is checked
            # against the user's companies), the report's fields only
            .sudo()
            .search_fetch(
                [
                    ("biuro_client", "=", True),
                    ("parent_id", "=", False),
                    "|",
                    ("company_id", "=", False),
                    ("company_id", "in", companies.ids),
                ],
                ["state_id", "country_id", "biuro_accountant_id"],
            )
        )
        date_from, date_to = wizard.date_from, wizard.date_to
        revenue = self._revenue_by_client(clients, companies, date_from, date_to)
        previous = self._revenue_by_client(
            clients, companies, *previous_period(date_from, date_to)
        )
        costs = self._costs_by_client(clients, companies, date_from, date_to)
        total = sum(amount for amount, __ in revenue.values())
        currency = self.env.company.currency_id
        vals_list = []
        for client in clients:
            amount, count = revenue.get(client.id, (0.0, 0))
            before = previous.get(client.id, (0.0, 0))[0]
            cost = costs.get(client.id, 0.0)
            vals_list.append(
                {
                    "wizard_id": wizard.id,
                    "partner_id": client.id,
                    "user_id": client.biuro_accountant_id.id,
                    "state_id": client.state_id.id,
                    "country_id": client.country_id.id,
                    "currency_id": currency.id,
                    "invoice_count": count,
                    "revenue": amount,
                    "previous_revenue": before,
                    "growth": (amount - before) / abs(before) * 100 if before else 0.0,
                    "share": amount / total * 100 if total else 0.0,
                    "costs": cost,
                    "margin": amount - cost,
                    "margin_rate": (amount - cost) / amount * 100 if amount else 0.0,
                }
            )
        vals_list.sort(key=lambda vals: -vals["revenue"])
        for rank, vals in enumerate(vals_list, 1):
            vals["rank"] = rank
        return self.create(vals_list)

    @api.model
    def _revenue_by_client(self, clients, companies, date_from, date_to):
        """{client id: (untaxed revenue, number of invoices)} in one query."""
        groups = (
            self.env["account.move"]
            # sudo: revenue aggregates of the user's companies; office staff need
            # not have invoicing rights, no invoice is returned
            .sudo()
            ._read_group(
                [
                    ("move_type", "in", REVENUE_TYPES),
                    ("state", "=", "posted"),
                    ("company_id", "in", companies.ids),
                    ("commercial_partner_id", "in", clients.ids),
                    ("invoice_date", ">=", date_from),
                    ("invoice_date", "<=", date_to),
                ],
                ["commercial_partner_id"],
                ["amount_untaxed_signed:sum", "__count"],
            )
        )
        return {partner.id: (amount, count) for partner, amount, count in groups}

    @api.model
    def _costs_by_client(self, clients, companies, date_from, date_to):
        """{client id: costs} from the analytic accounts of the clients: one query
        per analytic plan holding such accounts (each plan is a column of the lines)."""
        accounts = (
            self.env["account.analytic.account"]
            # sudo: the analytic accounts of the listed clients, used as keys only
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("partner_id", "in", clients.ids)], ["partner_id", "root_plan_id"]
            )
        )
        costs = {}
        # sudo: cost aggregates of the user's companies (company_id filtered below)
        Line = self.env["account.analytic.line"].sudo()
        for plan in accounts.root_plan_id:
            column = plan._column_name()
            if column not in Line._fields:
                continue
            groups = Line._read_group(
                [
                    (
                        column,
                        "in",
                        accounts.filtered(lambda a, p=plan: a.root_plan_id == p).ids,
                    ),
                    ("amount", "<", 0),
                    ("company_id", "in", companies.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                [column],
                ["amount:sum"],
            )
            for account, amount in groups:
                partner = account.partner_id.id
                costs[partner] = costs.get(partner, 0.0) - amount
        return costs
