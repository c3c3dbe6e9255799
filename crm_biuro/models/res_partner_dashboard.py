from odoo import _, fields, models


class ResPartner(models.Model):
    """The client dashboard: counters and the latest history in a fixed number of
    queries, whatever the size of the client's history (no N+1)."""

    _inherit = "res.partner"

    biuro_activity_count = fields.Integer(
        string="Tasks", compute="_compute_biuro_message_counts"
    )
    biuro_email_count = fields.Integer(
        string="E-mails", compute="_compute_biuro_message_counts"
    )
    biuro_dashboard_html = fields.Html(
        string="Client dashboard",
        compute="_compute_biuro_dashboard_html",
        sanitize=False,
    )

    def _biuro_dashboard_stats(self):
        """(label, value) pairs; records of optional models count when installed."""
        self.ensure_one()
        stats = [
            (_("Invoices"), self.biuro_invoice_count),
            (_("Tasks"), self.biuro_activity_count),
            (_("E-mails"), self.biuro_email_count),
        ]
        optional = [
            ("biuro_document_count", _("Documents")),
            ("biuro_contract_count", _("Contracts")),
            ("biuro_inspection_count", _("Inspections")),
            ("biuro_obligation_count", _("Open obligations")),
        ]
        stats += [
            (label, self[name]) for name, label in optional if name in self._fields
        ]
        return stats

    def _compute_biuro_dashboard_html(self):
        qweb = self.env["ir.qweb"]
        for partner in self:
            if not partner.id or not partner.biuro_client:
                partner.biuro_dashboard_html = False
                continue
            messages = self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)],
                order="date desc, id desc",
                limit=15,
            )
            related = partner._biuro_related_records()
            emails = self.env["mail.message"].search(
                partner._biuro_emails_domain(related),
                order="date desc, id desc",
                limit=10,
            )
            tasks = self.env["mail.activity"].search(
                partner._biuro_activities_domain(related),
                order="date_deadline desc, id desc",
                limit=5,
            )
            # one read per model fills the cache the template reads from
            (messages | emails).read(["date", "subject", "author_id", "preview"])
            tasks.read(["summary", "date_deadline", "user_id", "activity_type_id"])
            partner.child_ids.read(["name", "email", "phone", "biuro_contact_role"])
            partner.biuro_dashboard_html = qweb._render(
                "crm_biuro.client_dashboard",
                {
                    "partner": partner,
                    "stats": partner._biuro_dashboard_stats(),
                    "tasks": tasks,
                    "emails": emails,
                    "events": messages,
                    "changes": partner._biuro_dashboard_changes(messages),
                    "contacts": partner.child_ids,
                    "finance": partner._biuro_dashboard_finance(),
                    "roles": dict(
                        self._fields["biuro_contact_role"]._description_selection(
                            self.env
                        )
                    ),
                },
            )

    def _biuro_dashboard_changes(self, messages):
        """Tracked changes of the timeline messages as "Field: old → new" lines.

        Tracking values are readable by administrators only, so they are read with
        sudo, and for all messages at once (a constant number of queries); only
        those of fields the user may read are shown (as in Odoo's chatter)."""
        # sudo: `messages` were searched with the user's rights, and the tracking
        # values are filtered on the user's field access right below
        trackings = messages.sudo().tracking_value_ids._filter_has_field_access(
            self.env
        )
        message_of = {
            tracking.id: tracking.mail_message_id.id for tracking in trackings
        }
        changes = {}
        for info in trackings._tracking_value_format():
            old, new = info["oldValue"]["value"], info["newValue"]["value"]
            line = f"{info['changedField']}: {old or '-'} → {new or '-'}"
            changes.setdefault(message_of[info["id"]], []).append(line)
        return changes

    def action_biuro_dashboard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dashboard: %(client)s", client=self.display_name),
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("crm_biuro.view_partner_biuro_dashboard").id, "form")
            ],
            "target": "current",
        }
