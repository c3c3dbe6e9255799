"""The monthly run (Rozlicz klientów): one draft customer invoice per client and month.

Quantities come from what the office already records: documents of the month
(``biuro.document``), employees on payroll (``biuro.payroll.headcount``), hours booked
on the client (analytic lines in a working-time unit, i.e. timesheets) and one-off
items typed in by hand (``biuro.billing.extra``). Every invoice line remembers the
price term or extra it bills, so a rerun of the month adds only what is missing.
Clients are processed in batches; each client in a savepoint of its own (invoiced whole
or not at all: a client whose invoice Odoo refuses is listed among the skipped with the
reason, the others are billed); the cron commits after each batch and reports its
progress.
"""

import calendar
import logging
import threading
import time
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from odoo.addons.crm_biuro.models.biuro_month_mixin import first_of_month

_logger = logging.getLogger(__name__)

BATCH_SIZE = 100
QUANTITY_KINDS = ("per_document", "per_employee", "per_hour")


def last_of_month(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def _cron_time_budget():
    """Seconds of one cron slice: half of the time a server gives a cron job before
    killing it (limit_time_real_cron, else limit_time_real), so that a slice always
    ends and commits in time; Odoo calls the job again while work is left."""
    limit = config.get("limit_time_real_cron") or 0
    if limit <= 0:
        limit = config.get("limit_time_real") or 120
    return max(limit // 2, 10)


class BiuroBillingRun(models.Model):
    _name = "biuro.billing.run"
    _description = "Monthly client billing run"
    _inherit = ["mail.thread", "biuro.month.mixin"]
    _order = "month desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    month = fields.Date(
        required=True,
        default=lambda self: (
            first_of_month(fields.Date.context_today(self)) - relativedelta(months=1)
        ),
        tracking=True,
        help="The month of services to bill (any day of it).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Sales journal",
        check_company=True,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Leave empty for the company's first sales journal.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Only these clients",
        domain=[("biuro_client", "=", True)],
        help="Leave empty to bill every client with a contract in the month.",
    )
    state = fields.Selection(
        [("draft", "To run"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
    )
    last_partner_id = fields.Integer(
        copy=False, help="Clients up to this id are done (resume point)."
    )
    move_ids = fields.One2many(
        "account.move", "biuro_billing_run_id", string="Invoices", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_counts")
    skip_ids = fields.One2many(
        "biuro.billing.run.skip", "run_id", string="Skipped", readonly=True
    )
    skip_count = fields.Integer(compute="_compute_counts")
    amount_untaxed = fields.Monetary(compute="_compute_counts", string="Untaxed")
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("month", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = (
                _(
                    "Billing %(month)s (%(company)s)",
                    month=run.month.strftime("%m/%Y"),
                    company=run.company_id.name,
                )
                if run.month
                else False
            )

    @api.depends("move_ids.amount_untaxed", "skip_ids")
    def _compute_counts(self):
        for run in self:
            run.invoice_count = len(run.move_ids)
            run.skip_count = len(run.skip_ids)
            run.amount_untaxed = sum(run.move_ids.mapped("amount_untaxed"))

    # --- rights ----------------------------------------------------------------------

    def _check_can_bill(self):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(
            "account.group_account_invoice"
        ):
            raise AccessError(
                _("Billing clients needs the Invoicing rights (Billing or higher).")
            )

    # --- actions ---------------------------------------------------------------------

    def action_run(self):
        """Bill every client of the run's month at once (the button, XML-RPC)."""
        self._check_can_bill()
        for run in self:
            run.write({"state": "running", "last_partner_id": 0})
            run.skip_ids.unlink()
            run._process(auto_commit=False)
        return True

    def action_post_invoices(self):
        """Post the run's draft invoices (after review), all at once."""
        self._check_can_bill()
        drafts = self.move_ids.filtered(lambda m: m.state == "draft")
        drafts.check_access("write")
        drafts.action_post()
        return True

    def action_send_invoices(self):
        """E-mail the run's posted, not yet sent invoices with their PDF (Odoo's
        invoice sending, the office's template); returns how many went out."""
        self._check_can_bill()
        moves = self.move_ids.filtered(
            lambda m: m.state == "posted" and not m.is_move_sent
        )
        moves.check_access("write")
        no_email = moves.filtered(lambda m: not m.partner_id.email)
        to_send = moves - no_email
        if to_send:
            self.env["account.move.send"]._generate_and_send_invoices(
                to_send,
                sending_methods={"email"},
                mail_template=self.env.ref(
                    "crm_biuro_billing.mail_template_biuro_invoice"
                ),
            )
        for run in self:
            run.message_post(
                body=_(
                    "%(sent)s invoice(s) sent by e-mail; %(missing)s client(s) "
                    "without an e-mail address: %(names)s",
                    sent=len(to_send & run.move_ids),
                    missing=len(no_email & run.move_ids),
                    names=", ".join((no_email & run.move_ids).partner_id.mapped("name"))
                    or "-",
                )
            )
        # a notification for the button; its params carry the counts for XML-RPC
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("%(sent)s invoice(s) sent by e-mail.", sent=len(to_send)),
                "type": "warning" if no_email else "success",
                "sticky": False,
                "sent": len(to_send),
                "without_email": no_email.partner_id.ids,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("biuro_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def action_view_skips(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Skipped clients"),
            "res_model": "biuro.billing.run.skip",
            "view_mode": "list",
            "domain": [("run_id", "=", self.id)],
        }

    @api.model
    def bill_month(self, month, partner_ids=None, company_id=None):
        """XML-RPC entry point: bill `month` (any day of it, "YYYY-MM-DD") for all
        clients or the given ones; returns the run's summary."""
        company = (
            self.env["res.company"].browse(int(company_id))
            if company_id
            else self.env.company
        )
        if company not in self.env.user.company_ids:
            raise AccessError(_("You cannot bill the clients of this company."))
        partners = self.env["res.partner"].browse([int(p) for p in partner_ids or []])
        partners.check_access("read")
        run = self.with_company(company).create(
            {
                "month": fields.Date.to_date(month),
                "company_id": company.id,
                "partner_ids": [Command.set(partners.ids)],
            }
        )
        run.action_run()
        return run._summary()

    def _summary(self):
        self.ensure_one()
        return {
            "run_id": self.id,
            "month": fields.Date.to_string(self.month),
            "state": self.state,
            "invoice_ids": self.move_ids.ids,
            "amount_untaxed": self.amount_untaxed,
            "skipped": [
                {
                    "partner_id": skip.partner_id.id,
                    "contract_id": skip.contract_id.id or 0,
                    "reason": skip.reason,
                    "detail": skip.detail or "",
                }
                for skip in self.skip_ids
            ],
        }

    # --- the cron --------------------------------------------------------------------

    @api.model
    def _cron_biuro_billing(self):
        """On the first days of a month: prepare (draft) the last month's invoices
        of every company, in committed batches, resuming where the last slice
        stopped."""
        testing = getattr(threading.current_thread(), "testing", False)
        month = first_of_month(fields.Date.context_today(self)) - relativedelta(
            months=1
        )
        deadline = time.monotonic() + _cron_time_budget()
        done = remaining = 0
        for company in self.env["res.company"].search([]):
            run = self.search(
                [("company_id", "=", company.id), ("month", "=", month)], limit=1
            )
            if not run:
                run = self.with_company(company).create(
                    {"month": month, "company_id": company.id}
                )
            if run.state == "done":
                continue
            run.state = "running"
            counts = run._process(auto_commit=not testing, deadline=deadline)
            done += counts[0]
            remaining += counts[1]
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return True

    # --- the work --------------------------------------------------------------------

    def _month_bounds(self):
        return self.month, last_of_month(self.month)

    def _contract_domain(self):
        first, last = self._month_bounds()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_start", "<=", last),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", first),
            "|",
            ("state", "=", "active"),
            "&",
            ("state", "in", ("expired", "terminated")),
            ("date_end", "!=", False),
        ]
        if self.partner_ids:
            domain.append(("partner_id", "in", self.partner_ids.ids))
        return domain

    def _extra_domain(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("month", "=", self.month),
            ("state", "=", "to_bill"),
        ]
        if self.partner_ids:
            domain.append(("partner_id", "in", self.partner_ids.ids))
        return domain

    def _pending_partner_ids(self):
        """Ids of the clients still to process, in order (after the resume point)."""
        contracts = self.env["biuro.contract"]._read_group(
            self._contract_domain(), ["partner_id"]
        )
        extras = self.env["biuro.billing.extra"]._read_group(
            self._extra_domain(), ["partner_id"]
        )
        ids = {p.id for (p,) in contracts} | {p.id for (p,) in extras}
        return sorted(i for i in ids if i > self.last_partner_id)

    def _process(self, auto_commit=False, deadline=None):
        """Bill the pending clients batch by batch; returns (done, remaining)."""
        self.ensure_one()
        journal = self._journal()
        if not journal:
            raise UserError(
                _(
                    "The company %(company)s has no sales journal to invoice with.",
                    company=self.company_id.name,
                )
            )
        # the run works in its company: its journal, taxes and sequences
        run = self.with_company(self.company_id)
        pending = run._pending_partner_ids()
        done = 0
        while pending:
            batch, pending = pending[:BATCH_SIZE], pending[BATCH_SIZE:]
            with self.env.cr.savepoint():
                run._bill_partners(self.env["res.partner"].browse(batch), journal)
                run.last_partner_id = batch[-1]
            done += len(batch)
            if auto_commit:
                self.env["ir.cron"]._notify_progress(done=done, remaining=len(pending))
                # the cron's slice: keep what is done if a later batch fails
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if deadline and time.monotonic() > deadline and pending:
                return done, len(pending)
        self.state = "done"
        self.message_post(
            body=_(
                "%(invoices)s invoice(s) prepared, %(skips)s client(s) or contract(s) "
                "skipped.",
                invoices=self.invoice_count,
                skips=self.skip_count,
            )
        )
        return done, 0

    def _journal(self):
        return self.journal_id or self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company_id.id)],
            limit=1,
        )

    def _bill_partners(self, partners, journal):
        contracts = self.env["biuro.contract"].search(
            self._contract_domain() + [("partner_id", "in", partners.ids)]
        )
        extras = self.env["biuro.billing.extra"].search(
            self._extra_domain() + [("partner_id", "in", partners.ids)]
        )
        quantities = self._quantities(partners)
        billed_lines, billed_extras, drafts = self._already_billed(partners)
        contracts_by_partner = defaultdict(lambda: self.env["biuro.contract"])
        for contract in contracts:
            contracts_by_partner[contract.partner_id.id] |= contract
        extras_by_partner = defaultdict(lambda: self.env["biuro.billing.extra"])
        for extra in extras:
            extras_by_partner[extra.partner_id.id] |= extra
        skips = []
        for partner in partners:
            lines, partner_skips = self._partner_lines(
                partner,
                contracts_by_partner[partner.id],
                extras_by_partner[partner.id],
                quantities,
                billed_lines,
                billed_extras,
            )
            skips += partner_skips
            if not lines:
                continue
            try:
                with self.env.cr.savepoint():
                    draft = drafts.get(partner.id)
                    line_commands = [Command.create(v) for v in lines]
                    if draft:
                        draft.write({"invoice_line_ids": line_commands})
                    else:
                        self.env["account.move"].create(
                            self._invoice_values(partner, line_commands, journal)
                        )
            except (UserError, ValidationError) as error:
                skips.append(self._skip_values(partner, "error", str(error)))
        if skips:
            self.env["biuro.billing.run.skip"].create(skips)
        # the extras now on an invoice: link them back so a rerun skips them
        extra_lines = self.env["account.move.line"].search(
            [
                ("biuro_billing_extra_id", "in", extras.ids),
                ("parent_state", "!=", "cancel"),
            ]
        )
        for line in extra_lines:
            line.biuro_billing_extra_id.move_line_id = line
        return True

    def _invoice_values(self, partner, line_commands, journal):
        first, last = self._month_bounds()
        values = {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "invoice_origin": _("Services %(month)s", month=first.strftime("%m/%Y")),
            "biuro_billing_month": first,
            "biuro_billing_run_id": self.id,
            "invoice_line_ids": line_commands,
        }
        if "delivery_date" in self.env["account.move"]._fields:
            values["delivery_date"] = last  # data sprzedaży: the month's last day
        return values

    def _skip_values(self, partner, reason, detail, contract=None):
        return {
            "run_id": self.id,
            "partner_id": partner.id,
            "contract_id": contract.id if contract else False,
            "reason": reason,
            "detail": detail,
        }

    def _already_billed(self, partners):
        """Price terms and extras already on a live invoice, and this month's drafts
        (a rerun adds to them instead of making a second invoice)."""
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", self.company_id.id),
                ("parent_state", "!=", "cancel"),
                "|",
                ("biuro_contract_line_id", "!=", False),
                ("biuro_billing_extra_id", "!=", False),
            ]
        )
        billed_lines = defaultdict(set)  # contract line id -> months billed
        billed_extras = set()
        for line in lines:
            if line.biuro_contract_line_id:
                billed_lines[line.biuro_contract_line_id.id].add(
                    line.move_id.biuro_billing_month
                )
            if line.biuro_billing_extra_id:
                billed_extras.add(line.biuro_billing_extra_id.id)
        drafts = {
            move.partner_id.id: move
            for move in self.env["account.move"].search(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "draft"),
                    ("biuro_billing_month", "=", self.month),
                ]
            )
        }
        return billed_lines, billed_extras, drafts

    def _quantities(self, partners):
        """{kind: {partner id: quantity}} of the month for the quantity-based kinds."""
        first, last = self._month_bounds()
        documents = self.env["biuro.document"]._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", self.company_id.id),
                ("period", "=", first),
            ],
            ["partner_id"],
            ["__count"],
        )
        hours = self.env["account.analytic.line"]._read_group(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", self.company_id.id),
                ("date", ">=", first),
                ("date", "<=", last),
                ("category", "=", "other"),
                (
                    "product_uom_id.category_id",
                    "=",
                    self.env.ref("uom.uom_categ_wtime").id,
                ),
            ],
            ["partner_id"],
            ["unit_amount:sum"],
        )
        return {
            "per_document": {p.id: n for p, n in documents},
            "per_employee": self.env["biuro.payroll.headcount"]._headcounts(
                partners, self.company_id, first
            ),
            "per_hour": {p.id: h for p, h in hours},
        }

    def _partner_lines(
        self, partner, contracts, extras, quantities, billed_lines, billed_extras
    ):
        """(invoice line values, skip values) of one client. A client with a bad
        price term gets no line at all: nothing is half-invoiced."""
        first = self.month
        skips = []

        def skip(reason, detail, contract=None):
            skips.append(self._skip_values(partner, reason, detail, contract))

        if partner.biuro_state == "blocked":
            skip("blocked", _("The client is blocked."))
            return [], skips
        terms = []  # (contract, line, days of the month it covers)
        for contract in contracts:
            if not contract.line_ids:
                skip("no_line", _("The contract has no price terms."), contract)
                continue
            terms += self._contract_terms(contract)
        bad = [
            line for (_c, line, _o) in terms if not line.product_id or not line.price
        ]
        bad_extras = extras.filtered(lambda e: not e.price)
        if bad or bad_extras:
            names = [
                line.name or line.contract_id.name for line in bad
            ] + bad_extras.mapped("name")
            skip(
                "bad_price",
                _(
                    "Price terms without a product or a price: %(terms)s",
                    terms=", ".join(names),
                ),
            )
            return [], skips
        values = []
        for contract, line, overlap in terms:
            if line.kind == "one_off":
                if billed_lines.get(line.id):
                    continue
            elif first in billed_lines.get(line.id, ()):
                continue
            vals = self._term_values(contract, line, overlap, quantities, partner)
            if vals:
                values.append(vals)
        for extra in extras:
            if extra.id in billed_extras:
                continue
            values.append(
                {
                    "product_id": extra.product_id.id,
                    "name": extra.name,
                    "quantity": extra.quantity,
                    "price_unit": extra.price,
                    "biuro_billing_extra_id": extra.id,
                }
            )
        return values, skips

    def _contract_terms(self, contract):
        """[(contract, line, (start, end))] of the price terms billed this month."""
        first, last = self._month_bounds()
        period = (max(first, contract.date_start), min(last, contract.date_end or last))
        terms = []
        for line in contract.line_ids:
            if line.kind == "one_off":
                # billed once, in the month it is dated (or the contract starts)
                if first_of_month(line.date_from or contract.date_start) == first:
                    terms.append((contract, line, period))
                continue
            overlap = line._period_overlap(*period)
            if overlap:
                terms.append((contract, line, overlap))
        return terms

    def _term_values(self, contract, line, overlap, quantities, partner):
        first, last = self._month_bounds()
        label = line.name or line.product_id.display_name
        vals = {
            "product_id": line.product_id.id,
            "biuro_contract_line_id": line.id,
            "price_unit": line.price,
            "quantity": 1.0,
        }
        if line.kind == "flat":
            days = (overlap[1] - overlap[0]).days + 1
            month_days = (last - first).days + 1
            if days < month_days and contract.billing_prorate == "prorate":
                vals["price_unit"] = self.currency_id.round(
                    line.price * days / month_days
                )
                label = _(
                    "%(label)s (%(days)s/%(month_days)s days)",
                    label=label,
                    days=days,
                    month_days=month_days,
                )
        elif line.kind in QUANTITY_KINDS:
            counted = quantities[line.kind].get(partner.id, 0)
            extra = counted - line.included_qty
            if extra <= 0:
                return None
            vals["quantity"] = extra
            label = _(
                "%(label)s: %(counted)s, %(included)s included",
                label=label,
                counted=_format_qty(counted),
                included=line.included_qty,
            )
        vals["name"] = _(
            "%(label)s — %(month)s", label=label, month=first.strftime("%m/%Y")
        )
        return vals


def _format_qty(value):
    return int(value) if float(value).is_integer() else round(value, 2)
