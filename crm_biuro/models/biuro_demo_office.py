"""The demo office's working history, written through the product's own flows.

Called once from the demo data (``demo/res_company_demo.xml``, noupdate): the staff work
in Polish, and every client that is served has a few months of fee invoices, posted and
paid the way an office does it (payment registered on the invoice), so that the payment
status, the invoice tab and the reports have something true to show: paid, not yet due
and overdue clients.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

OFFICE_LANG = "pl_PL"
# Monthly fee (PLN, net) by the kind of books the office keeps for the client.
MONTHLY_FEE = {"kpir": 450.0, "ryczalt": 300.0, "full": 1450.0, "none": 200.0}
# Which demo clients pay late or settle everything: the rest have a current invoice.
OVERDUE_CLIENTS = (
    "crm_biuro.partner_client_zielinscy_demo",
    "crm_biuro.partner_client_budmax_demo",
    "crm_biuro.partner_client_kaminski_demo",
)
PAID_UP_CLIENTS = (
    "crm_biuro.partner_client_kowalski_demo",
    "crm_biuro.partner_client_softwerk_demo",
    "crm_biuro.partner_client_lewandowska_demo",
)
STAFF = (
    "base.user_admin",
    "crm_biuro.user_accountant_zielinska_demo",
    "crm_biuro.user_accountant_lis_demo",
)


class BiuroDemoOffice(models.AbstractModel):
    _name = "biuro.demo.office"
    _description = "Demo office history (demo data only)"

    @api.model
    def _office_env(self):
        """The environment the office's staff work in: Polish when it is installed."""
        if self.env["res.lang"]._get_data(code=OFFICE_LANG):
            return self.env(context=dict(self.env.context, lang=OFFICE_LANG))
        return self.env

    @api.model
    def _call_as_office(self, model, method, ids):
        """A public action of any model run on demo records as the office's staff
        run it: in their language (a data file's function has none, and what the
        action writes on a timeline would come out English)."""
        if method.startswith("_"):
            raise ValueError(f"{method} is not a public action")
        return getattr(self._office_env()[model].browse(ids), method)()

    @api.model
    def _load_translations(self, module):
        """Odoo loads an addon's translations after its demo data; what the demo
        writes on timelines (field and selection labels inside messages) would then
        stay English. Loaded first, the demo reads in the users' languages."""
        langs = [
            code
            for code, _name in self.env["res.lang"].get_installed()
            if code != "en_US"
        ]
        if langs:
            self.env["ir.module.module"]._load_module_terms([module], langs)

    @api.model
    def _setup_staff(self):
        env = self._office_env()
        staff = self.env["res.users"].browse(
            [self.env.ref(xmlid).id for xmlid in STAFF]
        )
        values = {"tz": "Europe/Warsaw"}
        if env.lang == OFFICE_LANG:
            values["lang"] = OFFICE_LANG
        # the office company's own language is set where the office is created
        # (`make run`, or by hand in the settings): it decides the timeline's language
        staff.write(values)

    @api.model
    def _create_invoice_history(self):
        env = self._office_env()
        company = self.env.ref("base.main_company")
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        if not journal:  # no chart of accounts: nothing to invoice with
            return
        product = self.env.ref("crm_biuro.product_bookkeeping_demo")
        overdue = {self.env.ref(xmlid).id for xmlid in OVERDUE_CLIENTS}
        paid_up = {self.env.ref(xmlid).id for xmlid in PAID_UP_CLIENTS}
        clients = env["res.partner"].search(
            [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        )
        today = fields.Date.context_today(self)
        for client in clients:
            fee = MONTHLY_FEE.get(client.biuro_books_type or "none", 600.0)
            # the fees of the two past months, issued on the 5th with 14 days to pay,
            # and this month's, issued two days ago
            for months_back in (2, 1, 0):
                if months_back:
                    issued = today.replace(day=5) - relativedelta(months=months_back)
                else:
                    issued = today - timedelta(days=2)
                invoice = self._post_invoice(env, journal, client, product, fee, issued)
                if months_back == 2 or client.id in paid_up:
                    paid = True
                else:
                    paid = months_back == 1 and client.id not in overdue
                if paid:
                    self._register_payment(
                        env, invoice, min(issued + timedelta(days=9), today)
                    )

    @api.model
    def _create_obligation_history(self):
        """Two months of past deadlines next to the coming ones, in every state an
        office meets: filed with the UPO number, done and waiting to be filed, late
        (the daily job marks them), cancelled, and the coming ones to do."""
        env = self._office_env()
        Obligation = env["biuro.obligation"]
        clients = env["res.partner"].search(
            [("biuro_client", "=", True), ("biuro_state", "=", "active")]
        )
        today = fields.Date.context_today(self)
        start = today.replace(day=1) - relativedelta(months=2)
        Obligation._generate_for_clients(
            clients, start, today + relativedelta(months=3)
        )
        past = Obligation.search(
            [("partner_id", "in", clients.ids), ("due_date", "<", today)],
            order="due_date, id",
        )
        late_clients = {self.env.ref(xmlid).id for xmlid in OVERDUE_CLIENTS}
        late = past.filtered(
            lambda o: (
                o.partner_id.id in late_clients
                and o.due_date >= start + relativedelta(months=1)
            )
        )
        to_file = past - late
        for number, obligation in enumerate(to_file, start=1):
            if number % 9 == 0:
                obligation.action_done()  # prepared, not yet sent
                continue
            env["biuro.obligation.file"].create(
                {
                    "obligation_ids": [Command.set(obligation.ids)],
                    "filed_date": obligation.due_date - timedelta(days=number % 4),
                    "reference": f"UPO-{obligation.due_date:%Y%m}-{obligation.id:05d}",
                }
            ).action_file()
        coming = Obligation.search(
            [("partner_id", "in", clients.ids), ("due_date", ">=", today)],
            order="due_date, id",
            limit=1,
        )
        coming.write({"state": "cancelled"})
        Obligation._cron_deadlines()

    @api.model
    def _post_invoice(self, env, journal, client, product, fee, issued):
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": client.id,
                "journal_id": journal.id,
                "invoice_date": issued,
                "invoice_date_due": issued + timedelta(days=14),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": product.with_env(env).display_name
                            + f" {issued:%m/%Y}",
                            "quantity": 1,
                            "price_unit": fee,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @api.model
    def _register_payment(self, env, invoice, paid_on):
        wizard = (
            env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": paid_on})
        )
        wizard._create_payments()
