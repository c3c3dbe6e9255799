from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .res_partner import TAX_PROFILE_FIELDS

# Changing any of these changes which declarations a client owes and when.
PROFILE_FIELDS = {*TAX_PROFILE_FIELDS, "biuro_declaration_ids", "biuro_state"}


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

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._biuro_active_clients()._biuro_regenerate_obligations()
        return partners

    def _biuro_active_clients(self):
        return self.filtered(lambda p: p.biuro_client and p.biuro_state == "active")

    def write(self, vals):
        res = super().write(vals)
        if PROFILE_FIELDS & set(vals):
            # a profile change regenerates the future, untouched obligations
            self._biuro_active_clients()._biuro_regenerate_obligations()
        return res

    def action_biuro_generate_obligations(self):
        """Generate (or bring up to date) the obligations of the next months.

        Office staff only (whoever may create obligations), on clients they may
        edit."""
        self.env["biuro.obligation"].check_access("create")
        self._biuro_regenerate_obligations()
        return True

    def _biuro_regenerate_obligations(self):
        """Bring the clients' obligations in line with their profiles.

        The caller must be allowed to edit the clients (checked here); what follows
        is the system's consequence of the profile: creating the missing
        obligations, moving the due dates of untouched ones and dropping untouched
        future ones (never a done, filed or worked-on one, see
        `biuro.obligation._is_untouched`). Office users may not delete obligations
        by hand, and the obligations of every company of the client must be seen
        to avoid doubles, so this runs as superuser."""
        clients = self.filtered("biuro_client")
        if not clients:
            return
        clients.check_access("write")
        today = fields.Date.context_today(self)
        # sudo: the caller may write these clients (checked above); only generated,
        # untouched obligations are created, moved or dropped from their profile
        self.env["biuro.obligation"].sudo()._generate_for_clients(
            # sudo: the caller may write these clients (checked above); only generated,
            # untouched obligations are created, moved or dropped from their profile
            clients.sudo(),
            today,
            today + relativedelta(months=3),
        )
