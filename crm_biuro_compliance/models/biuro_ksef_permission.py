from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GRANTEES = [
    ("office", "The office's NIP"),
    ("staff", "A named employee"),
]


class BiuroKsefPermission(models.Model):
    """One grant of KSeF permissions by the client to the office (to its NIP, which
    the office passes on internally) or to a named employee."""

    _name = "biuro.ksef.permission"
    _description = "KSeF permission granted to the office"
    _order = "profile_id, revocation_date desc, grant_date desc, id"

    profile_id = fields.Many2one(
        "biuro.ksef.profile", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="profile_id.partner_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="profile_id.company_id", store=True, index=True
    )
    grantee = fields.Selection(GRANTEES, required=True, default="office")
    grantee_user_id = fields.Many2one(
        "res.users", string="Employee", domain=[("share", "=", False)]
    )
    scope_read = fields.Boolean(string="Read invoices", default=True)
    scope_issue = fields.Boolean(string="Issue invoices")
    scope_manage = fields.Boolean(string="Manage permissions")
    granted_by = fields.Char(help="The person who granted it for the client.")
    grant_date = fields.Date(required=True, default=fields.Date.context_today)
    revocation_date = fields.Date()
    last_checked = fields.Date(string="Last checked in KSeF")
    active_grant = fields.Boolean(
        string="In force", compute="_compute_active_grant", store=True
    )

    @api.depends("revocation_date")
    def _compute_active_grant(self):
        for grant in self:
            grant.active_grant = not grant.revocation_date

    @api.constrains("grantee", "grantee_user_id", "grant_date", "revocation_date")
    def _check_grant(self):
        for grant in self:
            if grant.grantee == "staff" and not grant.grantee_user_id:
                raise ValidationError(_("Name the employee the permission was given."))
            if not (grant.scope_read or grant.scope_issue or grant.scope_manage):
                raise ValidationError(_("A KSeF permission has at least one scope."))
            if grant.revocation_date and grant.revocation_date < grant.grant_date:
                raise ValidationError(_("A permission is revoked after it is granted."))
