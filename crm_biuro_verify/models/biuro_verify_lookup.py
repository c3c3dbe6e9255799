from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..registries.http import warsaw_now

# How long the answer of a lookup may be reused (preview, then create).
LOOKUP_TTL = timedelta(minutes=15)
# Daily cap of NIP lookups per user (system parameters, administrators only).
LIMIT_PARAM = "crm_biuro_verify.lookup_daily_limit"
MANAGER_LIMIT_PARAM = "crm_biuro_verify.lookup_daily_limit_manager"
DEFAULT_LIMIT = 50
DEFAULT_MANAGER_LIMIT = 200


class BiuroVerifyLookup(models.Model):
    """The registries' answers of one "add a client by NIP" lookup, kept on the
    server for the user who asked (never in a field a user can write), so that
    creating the client right after the preview reuses them instead of asking the
    registries again. Also the log the daily cap of lookups per user counts.

    No user has any access right on this model: only the server writes and reads
    it, with sudo, after the caller's rights were checked (res_partner_lookup).
    Rows are deleted by the autovacuum after a day.
    """

    _name = "biuro.verify.lookup"
    _description = "Registry lookup by NIP (server-side)"
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users", required=True, index=True, ondelete="cascade", readonly=True
    )
    nip = fields.Char(string="NIP", required=True, readonly=True)
    day = fields.Date(required=True, readonly=True, help="Day (Europe/Warsaw).")
    # {"values": the preview, "evidence": {registry: outcome}}; empty for a lookup
    # answered without asking the registries (a client the caller cannot read).
    data = fields.Json(readonly=True)
    reusable = fields.Boolean(readonly=True)

    @api.model
    def _biuro_today(self):
        return warsaw_now().date()

    @api.model
    def _biuro_daily_limit(self, user):
        """Lookups ``user`` may make a day (0: no cap)."""
        manager = user.has_group("crm_biuro.group_biuro_manager")
        param, default = (
            (MANAGER_LIMIT_PARAM, DEFAULT_MANAGER_LIMIT)
            if manager
            else (LIMIT_PARAM, DEFAULT_LIMIT)
        )
        raw = self.env["ir.config_parameter"].get_param(param)
        try:
            limit = int(raw) if raw not in (None, False, "") else default
        except ValueError:
            limit = default
        return max(limit, 0)

    @api.model
    def _biuro_check_limit(self, user):
        """UserError when ``user`` has used up today's lookups."""
        limit = self._biuro_daily_limit(user)
        if not limit:
            return
        used = self.search_count(
            [("user_id", "=", user.id), ("day", "=", self._biuro_today())]
        )
        if used >= limit:
            raise UserError(
                self.env._(
                    "You have used today's %(limit)s lookups by NIP. The limit "
                    "keeps the office's daily quota of the VAT white list for the "
                    "daily check of all clients; try again tomorrow or ask an "
                    "administrator to raise it.",
                    limit=limit,
                )
            )

    @api.model
    def _biuro_store(self, user, nip, data=None, reusable=False):
        return self.create(
            {
                "user_id": user.id,
                "nip": nip,
                "day": self._biuro_today(),
                "data": data or {},
                "reusable": reusable,
            }
        )

    @api.model
    def _biuro_fresh(self, user, nip):
        """The reusable answer ``user`` got for ``nip`` in the last minutes, or an
        empty recordset."""
        return self.search(
            [
                ("user_id", "=", user.id),
                ("nip", "=", nip),
                ("day", "=", self._biuro_today()),
                ("reusable", "=", True),
                ("create_date", ">=", fields.Datetime.now() - LOOKUP_TTL),
            ],
            limit=1,
        )

    @api.autovacuum
    def _gc_lookups(self):
        """Forget the lookups of past days (registry answers with personal data)."""
        self.search([("day", "<", self._biuro_today() - timedelta(days=1))]).unlink()
