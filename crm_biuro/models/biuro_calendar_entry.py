from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

KINDS = [
    ("obligation", "Deadline"),
    ("contract_end", "Contract end"),
    ("inspection", "Inspection"),
    ("birthday", "Birthday"),
]
# The calendar's colour of each kind (Odoo's colour indexes).
COLORS = {"obligation": 1, "contract_end": 3, "inspection": 9, "birthday": 10}
INSPECTION_STEPS = [
    ("notice", "Notice or authorisation"),
    ("earliest_start", "Earliest start"),
    ("latest_start", "Latest start"),
    ("start", "Start"),
    ("end", "End"),
    ("protocol", "Protocol or result"),
    ("correction", "Correction deadline"),
    ("objection", "Objection deadline"),
]
# inspection step -> its date column on biuro_tax_inspection
INSPECTION_COLUMNS = {
    "notice": "notice_date",
    "earliest_start": "earliest_start_date",
    "latest_start": "latest_start_date",
    "start": "date_start",
    "end": "date_end",
    "protocol": "protocol_date",
    "correction": "correction_deadline",
    "objection": "objection_deadline",
}
# Each kind's ids live in their own range (the view's ids are stable per source).
ID_RANGE = 10**13


class BiuroCalendarEntry(models.Model):
    """Important dates of the clients on one calendar, read-only: deadlines of
    obligations, ends of contracts, the steps of inspections and the birthdays
    of the clients' people, each kind in its colour. A SQL view over the records
    themselves, so a date is never copied nor out of date."""

    _name = "biuro.calendar.entry"
    _description = "Important date of a client"
    _auto = False
    _order = "date, kind, id"

    date = fields.Date(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    step = fields.Selection(INSPECTION_STEPS, string="Inspection step", readonly=True)
    color = fields.Integer(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    person_id = fields.Many2one("res.partner", string="Person", readonly=True)
    user_id = fields.Many2one("res.users", string="Accountant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    res_model = fields.Char(string="Record model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Record", model_field="res_model", readonly=True
    )
    record_name = fields.Char(string="Record name", readonly=True)

    @api.depends("kind", "step", "partner_id", "person_id", "record_name")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        steps = dict(self._fields["step"]._description_selection(self.env))
        for entry in self:
            label = steps.get(entry.step) if entry.kind == "inspection" else None
            what = label or kinds.get(entry.kind, "")
            who = entry.person_id.name or entry.record_name or ""
            parts = [
                entry.partner_id.name or "",
                who if who != entry.partner_id.name else "",
            ]
            entry.display_name = f"{what}: " + " – ".join(p for p in parts if p)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # an entry is seen only by who may read its client (the record rules of
        # res.partner, team visibility included, apply through "any")
        domain = expression.AND([domain or [], [("partner_id", "any", [])]])
        return super()._search(domain, offset, limit, order)

    def action_open_record(self):
        """Open the contract, inspection, obligation or person of the date."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _inspection_sql(self):
        steps = []
        for index, (step, column) in enumerate(INSPECTION_COLUMNS.items(), start=1):
            steps.append(
                SQL(
                    """SELECT %(base)s + i.id::bigint * 100 + %(index)s AS id,
                              i.%(column)s AS date, 'inspection' AS kind,
                              %(step)s AS step, i.partner_id, NULL::int AS person_id,
                              i.user_id, i.company_id,
                              'biuro.tax.inspection' AS res_model, i.id AS res_id,
                              NULL AS record_name
                         FROM biuro_tax_inspection i
                        WHERE i.%(column)s IS NOT NULL""",
                    base=2 * ID_RANGE,
                    index=index,
                    column=SQL.identifier(column),
                    step=step,
                )
            )
        return SQL(" UNION ALL ").join(steps)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        color_case = SQL(
            "CASE e.kind %s END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", kind, color) for kind, color in COLORS.items()
            ),
        )
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
              SELECT e.*, %(color)s AS color FROM (
                SELECT %(ob)s + o.id::bigint AS id, o.due_date AS date,
                       'obligation' AS kind, NULL AS step, o.partner_id,
                       NULL::int AS person_id, o.user_id, o.company_id,
                       'biuro.obligation' AS res_model, o.id AS res_id,
                       NULL AS record_name
                  FROM biuro_obligation o
                 WHERE o.state != 'cancelled'
                UNION ALL
                SELECT %(ct)s + c.id::bigint, c.date_end, 'contract_end', NULL,
                       c.partner_id, NULL, c.user_id, c.company_id,
                       'biuro.contract', c.id, c.name
                  FROM biuro_contract c
                 WHERE c.date_end IS NOT NULL AND c.state IN ('draft', 'active')
                UNION ALL
                %(inspections)s
                UNION ALL
                SELECT %(bd)s + p.id::bigint * 10000 + y.year, (p.biuro_birthday
                         + make_interval(years => y.year
                             - extract(year FROM p.biuro_birthday)::int))::date,
                       'birthday', NULL, p.commercial_partner_id, p.id,
                       client.biuro_accountant_id, client.company_id,
                       'res.partner', p.id, p.name
                  FROM res_partner p
                  JOIN res_partner client ON client.id = p.commercial_partner_id
                 CROSS JOIN generate_series(
                         extract(year FROM now())::int - 1,
                         extract(year FROM now())::int + 1) AS y(year)
                 WHERE p.biuro_birthday IS NOT NULL AND p.active
                   AND client.biuro_client AND client.active
              ) e
            )""",
                table=SQL.identifier(self._table),
                color=color_case,
                ob=1 * ID_RANGE,
                ct=3 * ID_RANGE,
                bd=4 * ID_RANGE,
                inspections=self._inspection_sql(),
            )
        )
