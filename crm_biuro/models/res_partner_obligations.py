from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import fields, models

from .biuro_client_record_mixin import office_env


class ResPartner(models.Model):
    _inherit = "res.partner"

    biuro_obligation_ids = fields.One2many(
        "biuro.obligation", "partner_id", string="Obligations"
    )
    biuro_obligation_count = fields.Integer(
        "Open obligations", compute="_compute_biuro_obligation_count"
    )

    def _compute_biuro_obligation_count(self):
        counts = {}
        if self.ids and self.env["biuro.obligation"].has_access("read"):
            counts = dict(
                self.env["biuro.obligation"]._read_group(
                    [("partner_id", "in", self.ids), ("state", "in", ("todo", "late"))],
                    ["partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.biuro_obligation_count = counts.get(partner, 0)

    def action_biuro_generate_obligations(self):
        """Generate (or bring up to date) the obligations of the next months.

        Office staff only (whoever may create obligations), on clients they may
        edit."""
        self.env["biuro.obligation"].check_access("create")
        self._biuro_regenerate_obligations()
        return True

    def _biuro_regenerate_obligations(self, announce=False):
        """Bring the clients' obligations in line with their profile history.

        The caller must be allowed to edit the clients (checked here); what follows
        is the system's consequence of the profile: creating the missing
        obligations, moving the due dates of untouched, not-yet-due ones and
        dropping untouched future ones (never a done, filed, past or worked-on
        one, see `biuro.obligation._is_untouched`). Office users may not delete
        obligations by hand, and the obligations of every company of the client
        must be seen to avoid doubles, so this runs as superuser. With `announce`
        (a profile change) the client's timeline lists what changed."""
        clients = self.filtered("biuro_client")
        if not clients:
            return
        clients.check_access("write")
        today = fields.Date.context_today(self)
        changes = {}
        # sudo: the caller may write these clients (checked above); only generated,
        # untouched obligations are created, moved or dropped from their profile
        self.env["biuro.obligation"].sudo()._generate_for_clients(
            # sudo: the caller may write these clients (checked above); only generated,
            # untouched obligations are created, moved or dropped from their profile
            clients.sudo(),
            today,
            today + relativedelta(months=3),
            changes=changes if announce else None,
        )
        for client in clients:
            if changes.get(client.id):
                client._biuro_post_obligation_changes(changes[client.id])

    def _biuro_post_obligation_changes(self, changes):
        """A note on the timeline: which obligations the profile change created,
        moved or dropped (in the office's language)."""
        env = office_env(self.env)
        labels = {
            "created": env._("New obligation"),
            "moved": env._("Due date moved"),
            "dropped": env._("No longer due"),
        }
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (labels[kind], text) for kind, text in changes
        )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (env._("The tax profile change updated the obligations:"), items),
            subtype_xmlid="mail.mt_note",
        )
