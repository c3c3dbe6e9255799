from collections import defaultdict

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

# Records of a client that are not client records (biuro.client.record.mixin)
# but still belong to it through their partner_id.
EXTRA_RECORD_MODELS = ("biuro.obligation",)


class ResPartner(models.Model):
    """The client's whole story: its own timeline, its contacts' and the
    timelines of its records (contracts, inspections, obligations, documents...).
    The "Tasks" and "E-mails" counters, lists and the dashboard read it here, in
    a constant number of queries for any number of clients."""

    _inherit = "res.partner"

    biuro_invoice_ids = fields.Many2many(
        "account.move",
        string="Customer invoices",
        compute="_compute_biuro_invoice_ids",
        groups="account.group_account_invoice",
    )
    biuro_customer_move_count = fields.Integer(
        string="Invoice and credit note count",
        compute="_compute_biuro_customer_move_count",
    )

    # --- the client's records -----------------------------------------------------

    @api.model
    def _biuro_record_models(self):
        """Models whose records belong to a client through ``partner_id`` (those
        inheriting biuro.client.record.mixin, whichever addon adds them)."""
        mixin = self.env.registry["biuro.client.record.mixin"]
        names = [*mixin._inherit_children, *EXTRA_RECORD_MODELS]
        return [
            name
            for name in names
            if name in self.env
            and not self.env[name]._abstract
            and "partner_id" in self.env[name]._fields
        ]

    def _biuro_related_records(self):
        """{client id: {model: set of ids}}: the client and its contacts
        (res.partner), and its records of every record model. Read in SQL, ids
        only: what a user sees of them is filtered by his own search."""
        clients = self.commercial_partner_id
        related = {
            client.id: defaultdict(set, {"res.partner": {client.id}})
            for client in clients
        }
        if not clients:
            return related
        # One query whatever the number of record models (addons add theirs):
        # ids only, of the contacts and records of clients the user reads; what
        # the user sees of their activities and messages is his own search's.
        self.flush_model(["commercial_partner_id"])
        parts = [
            SQL(
                "SELECT 'res.partner', id, commercial_partner_id FROM res_partner"
                " WHERE commercial_partner_id = ANY(%s)",
                clients.ids,
            )
        ]
        for model in self._biuro_record_models():
            Model = self.env[model]
            Model.flush_model(["partner_id"])
            parts.append(
                SQL(
                    "SELECT %s, id, partner_id FROM %s WHERE partner_id = ANY(%s)",
                    model,
                    SQL.identifier(Model._table),
                    clients.ids,
                )
            )
        self.env.cr.execute(SQL(" UNION ALL ").join(parts))
        for model, res_id, client_id in self.env.cr.fetchall():
            related[client_id][model].add(res_id)
        return related

    @api.model
    def _biuro_related_domain(self, related, model_field, id_field):
        """A domain matching rows (activities, messages) of the given records."""
        by_model = defaultdict(set)
        for models_ids in related.values():
            for model, ids in models_ids.items():
                by_model[model] |= ids
        if not by_model:
            return expression.FALSE_DOMAIN
        return expression.OR(
            [
                [(model_field, "=", model), (id_field, "in", sorted(ids))]
                for model, ids in by_model.items()
            ]
        )

    @api.model
    def _biuro_count_per_client(self, related, groups):
        """Sum ``groups`` ((model, res_id, count) rows) per client."""
        owner = {
            (model, res_id): client
            for client, models_ids in related.items()
            for model, ids in models_ids.items()
            for res_id in ids
        }
        counts = defaultdict(int)
        for model, res_id, count in groups:
            client = owner.get((model, res_id))
            if client:
                counts[client] += count
        return counts

    # --- e-mails and activities ---------------------------------------------------

    @api.model
    def _biuro_email_domain(self):
        """E-mails both ways: received, sent by mail, and messages sent to the
        followers from a timeline ("Send message"; internal notes are not)."""
        return [
            "|",
            ("message_type", "in", ("email", "email_outgoing")),
            "&",
            ("message_type", "=", "comment"),
            ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
        ]

    def _biuro_emails_domain(self, related=None):
        related = related if related is not None else self._biuro_related_records()
        return expression.AND(
            [
                self._biuro_related_domain(related, "model", "res_id"),
                self._biuro_email_domain(),
            ]
        )

    def _biuro_activities_domain(self, related=None):
        related = related if related is not None else self._biuro_related_records()
        return self._biuro_related_domain(related, "res_model", "res_id")

    def _compute_biuro_message_counts(self):
        """Tasks: the open and done activities of the client and its records;
        E-mails: the mail both ways on the same timelines."""
        related = self._biuro_related_records() if self.ids else {}
        emails, activities = {}, {}
        if related:
            groups = (
                self.env["mail.message"]
                # sudo: a counter per partner on screen, no message content
                .sudo()
                ._read_group(
                    self._biuro_emails_domain(related),
                    ["model", "res_id"],
                    ["__count"],
                )
            )
            emails = self._biuro_count_per_client(related, groups)
            groups = (
                self.env["mail.activity"]
                # sudo: a counter per partner on screen, no activity content
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    self._biuro_activities_domain(related),
                    ["res_model", "res_id"],
                    ["__count"],
                )
            )
            activities = self._biuro_count_per_client(related, groups)
        for partner in self:
            client = partner.commercial_partner_id.id
            partner.biuro_email_count = emails.get(client, 0)
            partner.biuro_activity_count = activities.get(client, 0)

    def action_biuro_open_emails(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("E-mails"),
            "res_model": "mail.message",
            "view_mode": "list,form",
            "domain": self._biuro_emails_domain(),
        }

    def action_biuro_open_activities(self):
        """One list of the client's activities across its records, open and done
        (done activities are kept for the activity types that keep them)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Tasks"),
            "res_model": "mail.activity",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("crm_biuro.mail_activity_view_list_biuro").id, "list"),
                (False, "form"),
            ],
            "domain": self._biuro_activities_domain(),
            "context": {
                "active_test": False,
                "default_res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_res_id": self.id,
            },
        }

    # --- invoices -----------------------------------------------------------------

    def _biuro_customer_moves_domain(self):
        """The "Invoices" page and stat button: customer invoices and credit
        notes of the client and of all its contacts, drafts left out."""
        return [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "!=", "draft"),
            ("commercial_partner_id", "in", self.commercial_partner_id.ids),
        ]

    def _compute_biuro_invoice_ids(self):
        moves = self.env["account.move"].search(
            self._biuro_customer_moves_domain() if self.ids else [("id", "=", 0)],
            order="invoice_date desc, id desc",
        )
        for partner in self:
            partner.biuro_invoice_ids = moves.filtered(
                lambda m, p=partner: m.commercial_partner_id == p.commercial_partner_id
            )

    def _compute_biuro_customer_move_count(self):
        counts = {}
        if self.ids and self.env["account.move"].has_access("read"):
            counts = dict(
                self.env["account.move"]._read_group(
                    self._biuro_customer_moves_domain(),
                    ["commercial_partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.biuro_customer_move_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_biuro_open_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = self._biuro_customer_moves_domain()
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_partner_id": self.id,
        }
        return action
