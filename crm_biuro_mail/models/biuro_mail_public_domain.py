from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..mail_address import PUBLIC_EMAIL_DOMAINS, normalize_domain


class BiuroMailPublicDomain(models.Model):
    """Domains of public mailbox providers (gmail.com, wp.pl, ...): anyone can have an
    address there, so such a domain never identifies a client."""

    _name = "biuro.mail.public.domain"
    _description = "Public mailbox domain"
    _order = "name"

    name = fields.Char(string="Domain", required=True, index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "name_uniq",
            "unique nulls not distinct (name)",
            "This public mailbox domain is already listed.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._biuro_normalize_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._biuro_normalize_vals(vals)
        return super().write(vals)

    @api.model
    def _biuro_normalize_vals(self, vals):
        if "name" in vals:
            domain = normalize_domain(vals["name"])
            if not domain:
                raise ValidationError(
                    _(
                        "Public mailbox domain: %(value)s is not a domain name "
                        "(expected e.g. gmail.com).",
                        value=vals["name"] or "-",
                    )
                )
            vals["name"] = domain

    @api.model
    def _biuro_load_public_domains(self):
        """Install and update: add the public mailbox providers of crm_biuro's
        list (the one the duplicate finder uses) that are missing, under their
        usual xml ids; the domains managers added or archived stay as they are."""
        known = set(self.with_context(active_test=False).search([]).mapped("name"))
        self._load_records(
            [
                {
                    "xml_id": "crm_biuro_mail.public_domain_"
                    + name.replace(".", "_").replace("-", "_"),
                    "values": {"name": name},
                    "noupdate": True,
                }
                for name in sorted(PUBLIC_EMAIL_DOMAINS - known)
            ]
        )
        return True

    @api.model
    def _biuro_public_names(self, domains):
        """The subset of ``domains`` that are public mailbox domains (one query)."""
        domains = [domain for domain in domains if domain]
        if not domains:
            return set()
        # sudo: the public list is reference data, read to skip such domains
        return set(self.sudo().search([("name", "in", domains)]).mapped("name"))
