from odoo import models


class ResPartner(models.Model):
    """The portal access rows in crm_biuro's personal data requests (GDPR): who
    belongs to a request, whose timelines may name the people, what the erasure
    closes and what the export lists."""

    _inherit = "res.partner"

    def _biuro_gdpr_scope_extra(self):
        """The portal people who hold access only to clients of the scope: the
        portal creates them without a parent company."""
        extra = super()._biuro_gdpr_scope_extra()
        # sudo: callers checked the manager; access rows of every company, revoked
        # ones too, are read only to find the holders
        Access = self.env["biuro.portal.access"].sudo().with_context(active_test=False)
        holders = Access.search([("client_id", "in", self.ids)]).partner_id
        for holder in holders - self:
            if holder.parent_id:
                continue
            elsewhere = Access.with_context(active_test=True).search_count(
                [("partner_id", "=", holder.id), ("client_id", "not in", self.ids)]
            )
            if not elsewhere:
                extra |= holder
        return extra

    def _biuro_access_clients(self):
        clients = super()._biuro_access_clients()
        # sudo: callers checked the manager; revoked rows count too
        Access = self.env["biuro.portal.access"].sudo().with_context(active_test=False)
        return clients | Access.search([("partner_id", "in", self.ids)]).client_id

    def _biuro_gdpr_erase_archived(self):
        """Access rows to or of the people are closed."""
        # sudo: callers checked the manager and the subject; rows of every company
        Access = self.env["biuro.portal.access"].sudo().with_context(active_test=False)
        access = Access.search(
            ["|", ("client_id", "in", self.ids), ("partner_id", "in", self.ids)]
        )
        return [*super()._biuro_gdpr_erase_archived(), access]

    def _biuro_gdpr_access_rows(self, partner, scope, is_client):
        """A client's own access rows, or the person's own rows (not the
        co-workers' nor those of other clients)."""
        rows = super()._biuro_gdpr_access_rows(partner, scope, is_client)
        # sudo: the caller checked the manager and the subject; its own rows
        Access = self.env["biuro.portal.access"].sudo().with_context(active_test=False)
        return rows or Access.search(
            [("client_id", "=", partner.id)]
            if is_client
            else [("partner_id", "in", scope.ids)]
        )

    def _biuro_gdpr_own_file_models(self):
        return super()._biuro_gdpr_own_file_models() | {"biuro.portal.access"}
