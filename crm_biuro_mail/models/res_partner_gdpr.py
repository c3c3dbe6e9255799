from odoo import models
from odoo.osv import expression

# the e-mail routing of a client, kept per partner
ROUTING_MODELS = ("biuro.mail.sender", "biuro.mail.domain")


class ResPartner(models.Model):
    """The e-mail routing in crm_biuro's personal data requests (GDPR): the senders
    known as the people, the client's domains and the unassigned e-mails the people
    sent are deleted by the erasure and listed by the export (a mailbox shared with
    the company is not a person's: left out)."""

    _inherit = "res.partner"

    def _biuro_gdpr_erase_deleted(self, emails):
        result = super()._biuro_gdpr_erase_deleted(emails)
        domain = [("partner_id", "in", self.ids)]
        if emails:
            domain = expression.OR([domain, [("email", "in", list(emails))]])
        result["biuro.mail.sender"] = (
            # sudo: callers checked the manager; routing rows of every company
            self.env["biuro.mail.sender"].sudo().search(domain)
        )
        result["biuro.mail.domain"] = (
            self.env["biuro.mail.domain"]
            # sudo: callers checked the manager; routing rows of every company
            .sudo()
            .search([("partner_id", "in", self.ids)])
        )
        if emails:
            result["biuro.mail.unassigned"] = (
                self.env["biuro.mail.unassigned"]
                # sudo: callers checked the manager; routing rows of every company
                .sudo()
                .search([("sender_email", "in", list(emails))])
            )
        return result

    def _biuro_gdpr_mail_routing(self, partners):
        result = super()._biuro_gdpr_mail_routing(partners)
        for model in ROUTING_MODELS:
            result[model] = self._biuro_gdpr_values(
                self._biuro_gdpr_related(model, partners)
            )
        emails = partners._biuro_personal_emails(partners._biuro_personal_terms())
        unassigned = (
            self.env["biuro.mail.unassigned"]
            # sudo: subject checked by the caller; e-mails from its own addresses
            .sudo()
            .search([("sender_email", "in", list(emails))])
        )
        result["biuro.mail.unassigned"] = self._biuro_gdpr_values(unassigned)
        return result
