from odoo import api, fields, models
from odoo.models import MetaModel

# What portal people may read of a partner among the office's own fields (biuro_*):
# what the portal's company card shows (NIP, REGON, KRS, status) and what the
# portal's record rules and pages search on. Every other biuro_* field, whichever
# addon adds it (accountant, team, tax profile, invoiced totals, payment state,
# registry verdicts, PKD…), and the internal notes are office-only.
PORTAL_PARTNER_FIELDS = frozenset(
    {
        "biuro_client",
        "biuro_state",
        "biuro_nip",
        "biuro_regon",
        "biuro_krs",
        "biuro_portal_access_ids",
        "biuro_portal_company_access_ids",
    }
)
OFFICE_ONLY_CORE_FIELDS = frozenset({"comment"})
OFFICE_GROUP = "base.group_user"


def _field_definitions(cls, name):
    """Every definition of field ``name`` on the model's classes, in override
    order, collected as Odoo collects them to build the field (a field set up on
    the registry class keeps no trace of its definitions)."""
    return [
        field
        for klass in reversed(cls._model_classes__)
        if isinstance(klass, MetaModel)
        for field in klass._field_definitions
        if field.name == name
    ]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # on a client company: who may see it in the portal (the record rules of the
    # portal are written on this field)
    biuro_portal_access_ids = fields.One2many(
        "biuro.portal.access", "client_id", string="Portal access"
    )
    # on a person: the companies they may see
    biuro_portal_company_access_ids = fields.One2many(
        "biuro.portal.access", "partner_id", string="Portal companies"
    )

    @api.model
    def _setup_base(self):
        """Make the office-only fields readable by internal users only (as if each
        were declared with ``groups="base.group_user"``), whichever addon declares
        them: Odoo then refuses them to portal people in read, search, group-by,
        export and ``fields_get``, and hides their tracking values, while the
        portal pages still read what the card shows. Fields that already have
        groups (PESEL: managers) keep theirs."""
        cls = self.env.registry[self._name]
        done = cls._setup_done
        super()._setup_base()
        if done:
            return
        for name, field in list(cls._fields.items()):
            if not (
                name in OFFICE_ONLY_CORE_FIELDS
                or (name.startswith("biuro_") and name not in PORTAL_PARTNER_FIELDS)
            ):
                continue
            definitions = _field_definitions(cls, name)
            if any("groups" in definition.args for definition in definitions):
                continue
            # an extra definition on top of the others, the way Odoo patches
            # `translate` onto a field definition
            restricted = type(field)(
                _base_fields=(*definitions, type(field)(groups=OFFICE_GROUP))
            )
            self._add_field(name, restricted)
            restricted.prepare_setup()

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Odoo checks the groups of the fields of a domain when it turns them into
        # SQL columns, not for one2many/many2many conditions: check those too, so
        # portal people cannot search on office-only relations either.
        if not self.env.su and self.env.user.share:
            names = {
                leaf[0].split(".", 1)[0]
                for leaf in domain or ()
                if isinstance(leaf, (list, tuple)) and isinstance(leaf[0], str)
            }
            self.check_field_access_rights(
                "read", sorted(name for name in names if name in self._fields)
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def action_biuro_portal_invite(self):
        self.ensure_one()
        # the wizard is office-only: refuse others here rather than in the dialog
        self.env["biuro.portal.invite"].check_access("create")
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invite to the portal"),
            "res_model": "biuro.portal.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_client_id": self.id},
        }
