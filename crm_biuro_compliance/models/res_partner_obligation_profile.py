from odoo import fields, models


class ResPartner(models.Model):
    """The KSeF dates of the client's KSeF profile feed the deadline engine
    (crm_biuro keeps no copy of them): the start of mandatory e-invoicing, the end
    of a transitional exemption, the expiry of the office's tokens and
    certificates."""

    _inherit = "res.partner"

    def _biuro_obligation_profile_values(self):
        values = super()._biuro_obligation_profile_values()
        Profile = self.env["biuro.ksef.profile"]
        # on the form being edited the client is a new record: read its origin's
        client_id = self._origin.id
        if not client_id or not Profile.has_access("read"):
            return values
        profile = Profile.search(
            [("partner_id", "=", client_id)], order="company_id, id", limit=1
        )
        if not profile:
            return values
        credentials = profile.credential_ids.filtered("valid_to")
        tokens = credentials.filtered(lambda c: c.credential_type == "token")
        certificates = credentials - tokens
        values.update(
            ksef_start=fields.Date.to_date(profile.issue_start) or None,
            ksef_exemption_end=profile.exemption_end or None,
            ksef_token_expiry=min(tokens.mapped("valid_to"), default=None),
            ksef_certificate_expiry=self._biuro_next_expiry(certificates),
        )
        return values

    def _biuro_next_expiry(self, certificates):
        """The first certificate end still ahead (an expired one was replaced or
        already acted on), else the last one."""
        today = fields.Date.context_today(self)
        ends = sorted(certificates.mapped("valid_to"))
        return next((end for end in ends if end >= today), ends[-1] if ends else None)

    def _biuro_regenerate_after_ksef_change(self):
        """The KSeF dates are engine inputs: the client's deadlines follow them (for
        the clients the user may edit; the others at the next monthly run)."""
        clients = self._biuro_active_clients().filtered(
            lambda partner: partner.has_access("write")
        )
        clients._biuro_regenerate_obligations(announce=True)
