from odoo import fields, models


class BiuroReminderLevel(models.Model):
    """A step of the office's collections: how many days after the due date it
    comes, the e-mail the client gets and whether the accountant has to act."""

    _name = "biuro.reminder.level"
    _description = "Payment reminder level"
    _order = "days_overdue, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    days_overdue = fields.Integer(
        string="Days after the due date", required=True, default=7
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail",
        domain=[("model", "=", "account.move")],
        help="Sent to the client with the overdue invoice; leave empty for no e-mail.",
    )
    schedule_activity = fields.Boolean(
        string="Task for the accountant",
        help="The client's accountant gets a to-do to call the client.",
    )
    block_client = fields.Boolean(
        string="Blocks the client",
        help="While an invoice at this level is unpaid the client is flagged as "
        "blocked for non-payment (dashboard, billing list).",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty for every company of the office."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("days_positive", "CHECK(days_overdue > 0)", "Days must be positive."),
    ]
