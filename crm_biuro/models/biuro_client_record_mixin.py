from markupsafe import Markup

from odoo import fields, models


def office_env(env):
    """The environment the office's own timeline messages are written in.

    A client's timeline is the office's record, read by its staff: a message is
    written in the language of the office (its company's language), not in the
    English source text when no language is in the context — installing or
    importing data, scheduled jobs — nor in the language of a portal person whose
    change is being recorded. Staff working in their own language keep it.
    """
    if env.lang and not env.user.share:
        return env
    lang = env.company.partner_id.lang or env.user.lang
    if lang and lang != env.lang and env["res.lang"]._get_data(code=lang):
        return env(context=dict(env.context, lang=lang))
    return env


def post_on_client_timeline(client, label, record):
    """A note on the client's chatter (its timeline) linking to `record`."""
    link = Markup('<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>') % (
        record._name,
        record.id,
        record.display_name,
    )
    client.message_post(
        body=Markup("%s %s") % (label, link), subtype_xmlid="mail.mt_note"
    )


class BiuroClientRecordMixin(models.AbstractModel):
    """What contracts, inspections and documents share: they belong to one client
    and one company of the office, and they announce themselves on the client's
    timeline, so the chatter of the client tells its whole story."""

    _name = "biuro.client.record.mixin"
    _description = "Record of an office client"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        # a client with contracts, inspections or documents is archived, not deleted
        ondelete="restrict",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    def _biuro_timeline_label(self):
        """The words before the link, e.g. "New contract:"."""
        raise NotImplementedError

    def _biuro_post_on_client_timeline(self):
        # the label and the record's name (selection labels inside it) both in the
        # office's language
        for record in self.with_env(office_env(self.env)):
            post_on_client_timeline(
                record.partner_id, record._biuro_timeline_label(), record
            )
