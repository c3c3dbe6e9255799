from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..mail_address import normalize_domain


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
    def _biuro_public_names(self, domains):
        """The subset of ``domains`` that are public mailbox domains (one query)."""
        domains = [domain for domain in domains if domain]
        if not domains:
            return set()
        # sudo: the public list is reference data, read to skip such domains
        return set(self.sudo().search([("name", "in", domains)]).mapped("name"))
