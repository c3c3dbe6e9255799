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
        Item = self.env["biuro.work.item"]
        if not Item.has_access("read"):
            return stats
        month = first_of_month(fields.Date.context_today(self))
        item = Item.search(
            [("partner_id", "=", self.id), ("month", "=", month)], limit=1
        )
        if item:
            done = len(item.line_ids.filtered("done"))
            stats.append(
                (
                    _("Work of %(month)s", month=month.strftime("%m/%Y")),
                    f"{done}/{len(item.line_ids)}",
                )
            )
        return stats
