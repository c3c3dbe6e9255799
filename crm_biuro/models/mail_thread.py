from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The "<document> created" note in one language. Odoo reads the document's
        name in the environment's language but translates "%s created" with `_()`,
        which falls back to the user's language when the environment has none (data
        files, scripts): the note came out half English ("Client obligation
        utworzono"). Without a language of its own, the note uses the user's."""
        if not self.env.lang and self.env.user.lang:
            return super(
                MailThread, self.with_context(lang=self.env.user.lang)
            )._creation_message()
        return super()._creation_message()
