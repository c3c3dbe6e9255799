from odoo import _, api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

# (model, column pointing to the partner, the other columns of its unique key):
# the office's records that exist once per partner and key, in crm_biuro and in the
# other crm_biuro addons when they are installed.
UNIQUE_PER_PARTNER = (
    (
        "biuro.obligation",
        "partner_id",
        ("declaration_type_id", "period_start", "period_end", "part"),
    ),
    ("biuro.verification", "partner_id", ("registry", "check_date")),
    ("biuro.portal.access", "partner_id", ("client_id",)),
    ("biuro.portal.access", "client_id", ("partner_id",)),
)


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's partner merge, aware of the office's clients.

    Odoo moves every foreign key (contracts, inspections, documents, obligations and
    the records of the other crm_biuro addons) and every message, attachment and
    activity of the merged-away partners to the surviving one, then deletes them. On
    top of that:
    - the client survives as a client: the unique NIP index allows one client per
      NIP, so the merged-away client gives its flag up first;
    - records both partners already had (same obligation, same day's registry check,
      same portal access) are not doubled, and the others still move;
    - only managers merge a client away (it deletes it);
    - office staff may merge partners whose e-mails differ when none of them has a
      user account."""

    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        dst_id = self.env.context.get("biuro_merge_dst_partner_id")
        if dst_id and "dst_partner_id" in fields_list:
            values["dst_partner_id"] = dst_id
        return values

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if dst_partner and dst_partner in partners:
            merged_away = partners - dst_partner
        else:
            merged_away = self._get_ordered_partner(partners.ids)[:-1]
        if merged_away.filtered("biuro_client") and not self.env.user.has_group(
            "crm_biuro.group_biuro_manager"
        ):
            # merging a client away deletes it, which only managers may do
            raise AccessError(
                _("Only managers of the accounting office may merge clients away.")
            )
        if (
            extra_checks
            and self.env.user.has_group("crm_biuro.group_biuro_user")
            and not partners.with_context(active_test=False).user_ids
        ):
            # Odoo reserves merging different e-mails to administrators because of
            # user accounts; partners without a user are the office's own records.
            extra_checks = False
        return super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        self._biuro_drop_doubles(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    @api.model
    def _biuro_drop_doubles(self, src_partners, dst_partner):
        """Records the surviving partner already has would break a unique
        constraint when they move, and Odoo would then drop *all* the records of
        that table pointing to the merged-away partners; only the doubles are
        dropped, so that the rest follows the survivor."""
        self.env.flush_all()
        for model, column, keys in UNIQUE_PER_PARTNER:
            if model not in self.env:
                continue
            table = SQL.identifier(self.env[model]._table)
            same = SQL(" AND ").join(
                SQL(
                    "src.%s IS NOT DISTINCT FROM dst.%s",
                    SQL.identifier(key),
                    SQL.identifier(key),
                )
                for key in keys
            )
            self.env.cr.execute(
                SQL(
                    """
                    DELETE FROM %(table)s src
                     USING %(table)s dst
                     WHERE src.%(column)s = ANY(%(src)s) AND dst.%(column)s = %(dst)s
                       AND %(same)s
                    """,
                    table=table,
                    column=SQL.identifier(column),
                    src=src_partners.ids,
                    dst=dst_partner.id,
                    same=same,
                )
            )
            self.env[model].invalidate_model()

    @api.model
    def _update_values(self, src_partners, dst_partner):
        src_clients = src_partners.filtered("biuro_client")
        if not src_clients:
            return super()._update_values(src_partners, dst_partner)
        state = src_clients[0].biuro_state
        self.env.cr.execute(
            "UPDATE res_partner SET biuro_client = false WHERE id = ANY(%s)",
            (src_clients.ids,),
        )
        src_clients.invalidate_recordset(["biuro_client"])
        was_client = dst_partner.biuro_client
        result = super()._update_values(src_partners, dst_partner)
        if not was_client:
            dst_partner.write({"biuro_client": True, "biuro_state": state})
        return result
