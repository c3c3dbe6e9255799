from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..mail_address import normalize_domain


class BiuroMailDomain(models.Model):
    """E-mail domains of a client: mail from any address of such a domain belongs to
    the client. A small indexed table, so that routing an e-mail costs one indexed
    lookup, whatever the number of contacts."""

    _name = "biuro.mail.domain"
    _description = "Client e-mail domain"
    _order = "name"

    name = fields.Char(string="Domain", required=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "name_partner_uniq",
            "unique nulls not distinct (name, partner_id)",
            "This domain is already registered for this client.",
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
                        "E-mail domain: %(value)s is not a domain name "
                        "(expected e.g. firma.pl).",
                        value=vals["name"] or "-",
                    )
                )
            vals["name"] = domain

    @api.constrains("name")
    def _check_not_public(self):
        public = self.env["biuro.mail.public.domain"]._biuro_public_names(
            self.mapped("name")
        )
        for record in self:
            if record.name in public:
                raise ValidationError(
                    _(
                        "E-mail domain: %(domain)s is a public mailbox domain and "
                        "cannot identify the client %(client)s.",
                        domain=record.name,
                        client=record.partner_id.display_name,
                    )
                )

    @api.constrains("name")
    def _check_not_office(self):
        Partner = self.env["res.partner"]
        office = Partner._biuro_office_addresses()
        for record in self:
            if Partner._biuro_is_office_domain(record.name, office):
                raise ValidationError(
                    _(
                        "E-mail domain: %(domain)s belongs to the office (its "
                        "mailbox, its companies or its staff) and cannot identify "
                        "the client %(client)s.",
                        domain=record.name,
                        client=record.partner_id.display_name,
                    )
                )
