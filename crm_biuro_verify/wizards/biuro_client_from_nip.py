from odoo import _, api, fields, models

from odoo.addons.crm_biuro.models.res_partner import (
    BIURO_STATES,
    BOOKS_TYPES,
    LEGAL_FORMS,
    TAX_FORMS,
    VAT_PERIODS,
    VAT_STATUSES,
    ZUS_SCHEMES,
)

# The wizard's fields of the last step -> the client's fields.
LAST_STEP_FIELDS = {
    "biuro_state": "biuro_state",
    "accountant_id": "biuro_accountant_id",
    "books_type": "biuro_books_type",
    "tax_form": "biuro_tax_form",
    "vat_period": "biuro_vat_period",
    "zus_scheme": "biuro_zus_scheme",
    "employer": "biuro_employer",
}
# The wizard's profile fields -> the client's (the proposed declarations follow them).
PROFILE_FIELDS = {
    "legal_form": "biuro_legal_form",
    "vat_status": "biuro_vat_status",
    "vat_ue": "biuro_vat_ue",
    "books_type": "biuro_books_type",
    "tax_form": "biuro_tax_form",
    "vat_period": "biuro_vat_period",
    "zus_scheme": "biuro_zus_scheme",
    "employer": "biuro_employer",
}


class BiuroClientFromNip(models.TransientModel):
    """ "Add a client by NIP": type the NIP, look at what the registries say
    (editable), create the client. An existing client is opened instead."""

    _name = "biuro.client.from.nip"
    _description = "Add a client by NIP"

    state = fields.Selection(
        [("nip", "NIP"), ("preview", "Preview"), ("exists", "Existing client")],
        default="nip",
        required=True,
    )
    nip = fields.Char(string="NIP", required=True)
    name = fields.Char()
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    regon = fields.Char(string="REGON")
    krs = fields.Char(string="KRS")
    legal_form = fields.Selection(LEGAL_FORMS)
    legal_form_name = fields.Char(string="Legal form in the registry", readonly=True)
    pkd_text = fields.Text(string="PKD", readonly=True)
    vat_status = fields.Selection(VAT_STATUSES, string="VAT status")
    bank_accounts_text = fields.Text(
        string="Bank accounts on the white list", readonly=True
    )
    vat_ue = fields.Boolean(string="EU VAT (VIES)")
    activity_end_date = fields.Char(string="Activity ended on", readonly=True)
    sources_text = fields.Text(string="Registries", readonly=True)
    existing_partner_id = fields.Many2one(
        "res.partner", string="Existing client", readonly=True
    )
    # The last step: how the office takes the client on (all editable).
    biuro_state = fields.Selection(
        BIURO_STATES, string="Client status", default="active", required=True
    )
    accountant_id = fields.Many2one(
        "res.users",
        string="Accountant in charge",
        default=lambda self: self.env.user if not self.env.user.share else False,
        domain=[("share", "=", False)],
    )
    books_type = fields.Selection(BOOKS_TYPES, string="Books")
    tax_form = fields.Selection(TAX_FORMS, string="Income tax form")
    vat_period = fields.Selection(VAT_PERIODS, string="VAT period", default="monthly")
    zus_scheme = fields.Selection(ZUS_SCHEMES, string="ZUS scheme")
    employer = fields.Boolean(string="Has employees")
    declaration_ids = fields.Many2many(
        "biuro.declaration.type",
        "biuro_client_from_nip_declaration_rel",
        "wizard_id",
        "declaration_type_id",
        string="Required declarations",
        help="Proposed from the tax profile; add or remove any of them.",
    )
    # Unused, kept for compatibility: the registries' answers stay on the server
    # (biuro.verify.lookup), never in a field the user can write.
    lookup_data = fields.Json(readonly=True)

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": _("Add a client by NIP"),
        }

    def action_lookup(self):
        """Ask the registries (an explicit click) and show the preview. The answers
        stay on the server for this user; "Create" reuses them."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        values, _evidence = Partner._biuro_lookup_nip(self.nip)
        if values["exists"]:
            return self._show_existing(values)
        states = dict(
            self.env["biuro.verification"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        registries = dict(
            self.env["biuro.verification"]
            ._fields["registry"]
            ._description_selection(self.env)
        )
        self.write(
            {
                "state": "preview",
                "nip": values["nip"],
                "name": values.get("name") or False,
                "street": values.get("street") or False,
                "zip": values.get("zip") or False,
                "city": values.get("city") or False,
                "regon": values.get("regon") or False,
                "krs": values.get("krs") or False,
                "legal_form": values.get("legal_form") or False,
                "legal_form_name": values.get("legal_form_name") or False,
                "pkd_text": "\n".join(
                    f"{'* ' if p.get('main') else ''}{p['code']} {p['name']}"
                    for p in values.get("pkd") or []
                )
                or False,
                "vat_status": values.get("vat_status") or False,
                "bank_accounts_text": "\n".join(values.get("bank_accounts") or [])
                or False,
                "vat_ue": bool(values.get("vat_ue")),
                "activity_end_date": values.get("activity_end_date") or False,
                "sources_text": "\n".join(
                    f"{registries.get(name, name)}: "
                    f"{states.get(src['state'], src['state'])} – {src['summary']}"
                    for name, src in (values.get("sources") or {}).items()
                )
                or False,
                "lookup_data": False,
            }
        )
        profile = self.env["res.partner"]._biuro_propose_profile(values)
        self.write(
            {
                wizard_field: profile[partner_field]
                for wizard_field, partner_field in PROFILE_FIELDS.items()
                if partner_field in profile
            }
        )
        self._onchange_biuro_profile()
        return self._reopen()

    def _biuro_profile(self):
        return {
            partner_field: self[wizard_field]
            for wizard_field, partner_field in PROFILE_FIELDS.items()
        }

    @api.onchange(*PROFILE_FIELDS)
    def _onchange_biuro_profile(self):
        """Propose the declarations of the profile as it is edited."""
        if self.state == "preview":
            self.declaration_ids = self.env["res.partner"]._biuro_proposed_declarations(
                self._biuro_profile()
            )

    def _show_existing(self, values):
        self.write(
            {
                "state": "exists",
                "nip": values["nip"],
                "existing_partner_id": values["existing_id"],
            }
        )
        return self.action_open_existing()

    def action_create(self):
        """Create the client of the preview. The registries' answers are the ones
        the preview got, kept on the server for this user (asked again only when
        they are gone: expired, or an outage); the preview's editable fields are
        the only values taken from the wizard."""
        self.ensure_one()
        if self.state != "preview":
            return self.action_lookup()
        Partner = self.env["res.partner"]
        values, evidence = Partner._biuro_lookup_nip(self.nip)
        if values["exists"]:
            return self._show_existing(values)
        overrides = {
            "name": self.name,
            "street": self.street,
            "zip": self.zip,
            "city": self.city,
            "biuro_legal_form": self.legal_form,
            "biuro_vat_status": self.vat_status,
            "biuro_vat_ue": self.vat_ue,
        }
        choices = {
            partner_field: self[wizard_field].id
            if isinstance(self[wizard_field], models.BaseModel)
            else self[wizard_field]
            for wizard_field, partner_field in LAST_STEP_FIELDS.items()
        }
        choices["biuro_declaration_ids"] = self.declaration_ids.ids
        choices = Partner._biuro_last_step_vals(choices)
        partner = Partner._biuro_create_from_lookup(
            values, evidence, overrides, choices
        )
        return self._open_client(partner)

    def action_open_existing(self):
        """The NIP is already a client's: say so and open that client."""
        self.ensure_one()
        self.env["res.partner"]._biuro_verify_check_access()
        client = self.existing_partner_id._filtered_access("read")
        if not client:
            # another company's client (or none any more): no name, nothing to open
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "message": _(
                        "A client with NIP %(nip)s already exists in the database, "
                        "in a company or a record you cannot open. Ask a manager.",
                        nip=self.nip or "",
                    ),
                    "sticky": False,
                },
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _(
                    "A client with NIP %(nip)s already exists: %(client)s",
                    nip=self.nip,
                    client=client.display_name,
                ),
                "next": self._open_client(client),
            },
        }

    def _open_client(self, partner):
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
