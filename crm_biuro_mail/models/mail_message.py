from odoo import models


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _author_to_store(self, store):
        """Besides the author's name and avatar, send whether the author is a client
        of the office (or a client's contact): the "CRM client" badge of the chatter
        and Discuss. One batch for all messages on screen."""
        res = super()._author_to_store(store)
        # sudo: mail.message: access to author is allowed (as in super)
        self.sudo().author_id._biuro_badge_to_store(store)
        return res
