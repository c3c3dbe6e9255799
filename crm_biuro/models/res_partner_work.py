from odoo import _, fields, models

from .biuro_month_mixin import first_of_month


class ResPartner(models.Model):
    """The client's monthly work on its dashboard: the progress of this month."""

    _inherit = "res.partner"

    biuro_work_item_ids = fields.One2many(
        "biuro.work.item", "partner_id", string="Monthly work"
    )

    def _biuro_dashboard_stats(self):
        stats = super()._biuro_dashboard_stats()
        Line = self.env["biuro.work.item.line"]
        if not Line.has_access("read"):
            return stats
        month = first_of_month(fields.Date.context_today(self))
        # one query: the steps of this month's item, ticked or not
        counts = dict(
            Line._read_group(
                [
                    ("work_item_id.partner_id", "=", self.id),
                    ("work_item_id.month", "=", month),
                ],
                ["done"],
                ["__count"],
            )
        )
        if counts:
            stats.append(
                (
                    _("Work of %(month)s", month=month.strftime("%m/%Y")),
                    f"{counts.get(True, 0)}/{sum(counts.values())}",
                )
            )
        return stats
