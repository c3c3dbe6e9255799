from odoo import fields, models, tools
from odoo.tools import SQL

IDLE_MONTHS = 6


class BiuroReportActivity(models.Model):
    """Aktywność: when the office last invoiced, wrote to or heard from, and received a
    document of each client; clients idle for more than six months stand out.

    A SQL view: one row per active client, three grouped subqueries."""

    _name = "biuro.report.activity"
    _description = "Client activity report"
    _auto = False
    _order = "last_activity_date asc nulls first, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Accountant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    biuro_state = fields.Selection(
        lambda self: self.env["res.partner"]._fields["biuro_state"].selection,
        string="Client status",
        readonly=True,
    )
    last_invoice_date = fields.Date(readonly=True)
    last_message_date = fields.Date(readonly=True)
    last_document_date = fields.Date(readonly=True)
    last_activity_date = fields.Date(readonly=True)
    idle_days = fields.Integer(string="Days idle", readonly=True, aggregator="max")
    idle = fields.Boolean(
        string="Idle for more than 6 months",
        readonly=True,
        help="No invoice, message or document for more than six months, or never.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH dates AS (
                    SELECT p.id AS partner_id,
                           p.biuro_accountant_id AS user_id,
                           p.company_id,
                           p.biuro_state,
                           inv.last_date AS last_invoice_date,
                           msg.last_date AS last_message_date,
                           doc.last_date AS last_document_date,
                           GREATEST(inv.last_date, msg.last_date, doc.last_date)
                               AS last_activity_date
                      FROM res_partner p
                      LEFT JOIN (
                            SELECT commercial_partner_id AS partner_id,
                                   MAX(invoice_date) AS last_date
                              FROM account_move
                             WHERE move_type IN ('out_invoice', 'out_refund')
                               AND state = 'posted'
                             GROUP BY commercial_partner_id
                      ) inv ON inv.partner_id = p.id
                      LEFT JOIN (
                            -- what people wrote: e-mails and notes, not the automatic
                            -- notifications of the timeline
                            SELECT res_id AS partner_id, MAX(date)::date AS last_date
                              FROM mail_message
                             WHERE model = 'res.partner'
                               AND message_type IN ('comment', 'email')
                             GROUP BY res_id
                      ) msg ON msg.partner_id = p.id
                      LEFT JOIN (
                            SELECT partner_id, MAX(create_date)::date AS last_date
                              FROM biuro_document
                             GROUP BY partner_id
                      ) doc ON doc.partner_id = p.id
                     WHERE p.biuro_client AND p.parent_id IS NULL AND p.active
                )
                SELECT partner_id AS id, *,
                       CURRENT_DATE - last_activity_date AS idle_days,
                       COALESCE(
                           last_activity_date
                               < CURRENT_DATE - INTERVAL '1 month' * %(months)s,
                           TRUE
                       ) AS idle
                  FROM dates
            )
            """,
                table=SQL.identifier(self._table),
                months=IDLE_MONTHS,
            )
        )
