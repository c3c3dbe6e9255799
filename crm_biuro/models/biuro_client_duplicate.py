from odoo import _, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..email_domains import PUBLIC_EMAIL_DOMAINS


def company_domain_sql(column):
    """SQL of email_domains.company_domain() on a column of normalised addresses
    (a test keeps the two equal): the host after the @ without dots around it nor
    www., NULL for none, for no dot or for a public mailbox."""
    host = SQL(
        "regexp_replace(btrim(split_part(%s, '@', 2), '.'), '^www[.]', '')", column
    )
    return SQL(
        "CASE WHEN strpos(%(host)s, '.') > 0 AND %(host)s NOT IN %(public)s "
        "THEN %(host)s END",
        host=host,
        public=tuple(sorted(PUBLIC_EMAIL_DOMAINS)),
    )


REASONS = [
    ("nip", "Same NIP"),
    ("name", "Same name"),
    ("email_domain", "Same e-mail domain"),
]


class BiuroClientDuplicate(models.Model):
    """Pairs of partners that may be the same firm ("Możliwe duplikaty"): a client
    and another company-level partner sharing a NIP, a name once the legal form,
    punctuation and case are ignored, or a company e-mail domain. Partners with a
    user account are left out, and a user sees only pairs of partners of its
    companies (record rule).

    A SQL view over the keys stored on res.partner (see res_partner_matching.py) and
    the company domain of the normalised e-mail (email_domains), so the list is a
    handful of joins. The unique index lets only one client
    hold a NIP, so a NIP pair is a client and a non-client partner (e.g. one created
    by an invoice or an import before it became a client)."""

    _name = "biuro.client.duplicate"
    _description = "Possible duplicate client"
    _auto = False
    _order = "partner_id, reason, duplicate_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    duplicate_id = fields.Many2one(
        "res.partner", string="Possible duplicate", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    reason = fields.Selection(REASONS, readonly=True)
    match_value = fields.Char(string="Shared value", readonly=True)
    duplicate_is_client = fields.Boolean(string="Also a client", readonly=True)
    # Read as the user, not with sudo (the default of related fields): the record
    # rule of this view already keeps only pairs of partners the user may read.
    partner_nip = fields.Char(
        related="partner_id.biuro_nip", string="NIP", compute_sudo=False
    )
    duplicate_nip = fields.Char(
        related="duplicate_id.biuro_nip", string="Its NIP", compute_sudo=False
    )
    duplicate_email = fields.Char(
        related="duplicate_id.email", string="Its e-mail", compute_sudo=False
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH candidate AS (
                    SELECT id, company_id, biuro_client AS client, is_company,
                           biuro_nip, biuro_name_key,
                           %(email_domain)s AS email_domain
                      FROM res_partner
                     WHERE active AND parent_id IS NULL
                       -- anonymised clients all share one name
                       AND biuro_anonymized_date IS NULL
                       -- a partner with a login (portal or staff, active or not)
                       -- is never proposed: its holder may set its name, e-mail
                       -- and VAT, and a merge would bind the login to the client
                       AND NOT EXISTS (
                           SELECT 1 FROM res_users u WHERE u.partner_id = res_partner.id
                       )
                ), pair AS (
                    SELECT a.id AS a_id, b.id AS b_id, a.client AS a_client,
                           b.client AS b_client, a.company_id AS a_company,
                           b.company_id AS b_company, 'nip' AS reason,
                           a.biuro_nip AS match_value
                      FROM candidate a
                      JOIN candidate b ON b.biuro_nip = a.biuro_nip AND b.id > a.id
                     WHERE a.client OR b.client
                    UNION ALL
                    SELECT a.id, b.id, a.client, b.client, a.company_id, b.company_id,
                           'name', a.biuro_name_key
                      FROM candidate a
                      JOIN candidate b
                        ON b.biuro_name_key = a.biuro_name_key AND b.id > a.id
                     WHERE a.client OR b.client
                    UNION ALL
                    -- people at a firm share its domain: only firms are compared
                    SELECT a.id, b.id, a.client, b.client, a.company_id, b.company_id,
                           'email_domain', a.email_domain
                      FROM candidate a
                      JOIN candidate b
                        ON b.email_domain = a.email_domain
                       AND b.id > a.id
                     WHERE (a.client OR b.client) AND a.is_company AND b.is_company
                )
                SELECT row_number() OVER (ORDER BY a_id, b_id, reason) AS id,
                       CASE WHEN a_client THEN a_id ELSE b_id END AS partner_id,
                       CASE WHEN a_client THEN b_id ELSE a_id END AS duplicate_id,
                       a_client AND b_client AS duplicate_is_client,
                       CASE WHEN a_client THEN a_company ELSE b_company END
                           AS company_id,
                       reason,
                       match_value
                  FROM pair
            )
            """,
                table=SQL.identifier(self._table),
                email_domain=company_domain_sql(SQL.identifier("email_normalized")),
            )
        )

    def action_merge(self):
        """Odoo's merge wizard with both partners, the client surviving."""
        self.ensure_one()
        if not (self.partner_id.exists() and self.duplicate_id.exists()):
            raise UserError(_("One of the two partners no longer exists."))
        (self.partner_id | self.duplicate_id).check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_partner_merge"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_ids": [self.partner_id.id, self.duplicate_id.id],
            "biuro_merge_dst_partner_id": self.partner_id.id,
        }
        return action
