from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ISSUE_STARTS = [
    ("2026-02-01", "1 Feb 2026 (sales above PLN 200 m in 2024)"),
    ("2026-04-01", "1 Apr 2026 (everyone else)"),
]
EXEMPTIONS = [
    ("b2c_only", "B2C invoices only"),
    ("foreign", "Foreign taxpayer without a fixed establishment"),
    ("not_vat", "Not a VAT taxpayer"),
    ("excluded", "Excluded by art. 106d/106ga"),
    ("transitional", "Transitional relief (until 31 Dec 2026)"),
]
CHANNELS = [
    ("own_software", "Own software"),
    ("mf_app", "Ministry's free app"),
    ("office", "The office issues them"),
]


class BiuroKsefProfile(models.Model):
    """How a client stands with KSeF (the national e-invoice system): since when it
    must issue there, any exemption and its end, how it issues, and what the
    office holds: permissions and credentials (metadata only, never a secret)."""

    _name = "biuro.ksef.profile"
    _description = "KSeF profile of a client"
    _inherit = ["mail.thread", "mail.activity.mixin", "biuro.client.record.mixin"]
    _order = "partner_id"
    _sql_constraints = [
        (
            "partner_company_unique",
            "UNIQUE NULLS NOT DISTINCT (partner_id, company_id)",
            "A client has one KSeF profile.",
        ),
    ]

    issue_start = fields.Selection(
        ISSUE_STARTS, string="Must issue in KSeF from", tracking=True
    )
    issue_start_basis = fields.Char(
        string="Basis", help="e.g. 2024 sales with VAT: PLN 12.4 m."
    )
    exemption = fields.Selection(EXEMPTIONS, tracking=True)
    exemption_end = fields.Date(string="Exemption ends", tracking=True)
    issuing_channel = fields.Selection(
        CHANNELS, string="Issues invoices with", tracking=True
    )
    software_name = fields.Char(string="Software")
    permission_ids = fields.One2many(
        "biuro.ksef.permission", "profile_id", string="Permissions"
    )
    credential_ids = fields.One2many(
        "biuro.ksef.credential", "profile_id", string="Credentials"
    )
    note = fields.Text()

    @api.depends("partner_id")
    def _compute_display_name(self):
        for profile in self:
            profile.display_name = _("KSeF: %s", profile.partner_id.display_name or "")

    @api.constrains("exemption", "exemption_end")
    def _check_exemption(self):
        for profile in self:
            if profile.exemption_end and not profile.exemption:
                raise ValidationError(_("An exemption end needs an exemption."))

    def _biuro_timeline_label(self):
        return _("KSeF profile:")

    @api.model_create_multi
    def create(self, vals_list):
        profiles = super().create(vals_list)
        profiles._biuro_post_on_client_timeline()
        return profiles
