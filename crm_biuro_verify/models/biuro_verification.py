from odoo import api, fields, models

from ..services import registry_table

REGISTRIES = registry_table.SELECTION
VERIFY_STATES = [
    ("ok", "OK"),
    ("changed", "Changed"),
    ("warning", "Warning"),
    ("not_found", "Not found"),
    ("unavailable", "Unavailable"),
]


class BiuroVerification(models.Model):
    """One registry's answer about one client on one day: the office's proof of
    due diligence. Written only by the verification service (never by hand), one
    record per client, registry and day; a second check the same day reuses it."""

    _name = "biuro.verification"
    _description = "Registry verification of a client"
    _order = "check_date desc, id desc"
    _rec_name = "registry"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True, string="Company"
    )
    registry = fields.Selection(REGISTRIES, required=True, readonly=True)
    check_date = fields.Date(
        string="Checked on",
        required=True,
        readonly=True,
        help="Day of the check (Europe/Warsaw).",
    )
    state = fields.Selection(VERIFY_STATES, required=True, readonly=True)
    summary = fields.Char(readonly=True)
    request_id = fields.Char(
        string="Request id",
        readonly=True,
        help="The registry's own identifier of the answer: the white list's "
        "requestId (verification key), CRBR's request id, VIES's consultation number.",
    )
    source = fields.Selection(
        [("api", "Registry API"), ("flat_file", "White-list flat file")],
        default="api",
        required=True,
        readonly=True,
        help="Who answered: the registry's online service, or the white list's "
        "daily flat file (see the file's date and size).",
    )
    flat_file_id = fields.Many2one(
        "biuro.whitelist.flat.file",
        string="Flat file",
        readonly=True,
        ondelete="restrict",
        help="The day's flat file this answer was read from.",
    )
    changes = fields.Text(
        readonly=True, help="What changed since the previous check: field: old → new."
    )
    # The raw answer may hold personal data (CRBR: PESEL and dates of birth), so
    # only managers read it.
    payload = fields.Text(
        string="Raw answer", readonly=True, groups="crm_biuro.group_biuro_manager"
    )
    # What the next check compares with (normalised registry data, no raw text).
    snapshot = fields.Json(readonly=True, groups="base.group_system")

    _sql_constraints = [
        (
            "partner_registry_day_unique",
            # NULLS NOT DISTINCT: holds even if a column were ever left empty
            # (all three are required, hence NOT NULL, too)
            "unique nulls not distinct (partner_id, registry, check_date)",
            "A client is checked in a registry at most once a day.",
        )
    ]

    @api.depends("registry", "check_date")
    def _compute_display_name(self):
        labels = dict(self._fields["registry"]._description_selection(self.env))
        for record in self:
            record.display_name = (
                f"{labels.get(record.registry, '')} {record.check_date or ''}"
            )
