from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# (model, column pointing to the partner, the other columns of its unique key): the
# office's records that exist once per partner and key; the other crm_biuro addons
# add theirs (_biuro_merge_unique_records).
UNIQUE_PER_PARTNER = (
    (
        "biuro.obligation",
        "partner_id",
        ("declaration_type_id", "period_start", "period_end", "part"),
    ),
)
# Of two such records, the one that got further stays: a filed obligation (with
# its UPO reference) over an open one.
OBLIGATION_PROGRESS = {"cancelled": 0, "todo": 1, "late": 2, "done": 3, "filed": 4}
PROGRESS = {
    "biuro.obligation": lambda rec: OBLIGATION_PROGRESS.get(rec.state, 0),
}
# Fields of the GDPR log that must not pass from an anonymised partner to the
# surviving one.
NOT_MERGED = ("biuro_anonymized_date", "biuro_anonymized_uid")


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
        self._biuro_check_no_login_into_client(partners, partners - merged_away)
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
    def _biuro_check_no_login_into_client(self, partners, survivor):
        """A partner with a user account (portal or staff, active or not) is never
        merged with a client, unless it is the surviving client itself: the
        merge moves the login onto the surviving partner, and its holder would
        then edit the client's master data (e-mail, address, VAT) as its own."""
        if not partners.filtered("biuro_client"):
            return
        keeps_login = survivor if survivor.biuro_client else survivor.browse()
        others = (partners - keeps_login).with_context(active_test=False)
        # sudo: only whether a login (of any kind, archived too) points at these
        # partners is looked at, whatever users the caller may read
        with_login = others.filtered(lambda partner: partner.sudo().user_ids)
        if with_login:
            raise UserError(
                _(
                    "%(partners)s cannot be merged with a client: a user account "
                    "is linked to it, and the merge would give that login the "
                    "client's record. Unlink or delete the user account first.",
                    partners=", ".join(with_login.mapped("display_name")),
                )
            )

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        self._biuro_drop_doubles(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    @api.model
    def _biuro_merge_unique_records(self):
        """Hook: [(model, column pointing to the partner, the other columns of its
        unique key, progress)] of the records a merge must not double; of two
        doubles the one with the higher progress(record) stays. The other addons
        add their models."""
        return [
            (model, column, keys, PROGRESS.get(model, lambda rec: 0))
            for model, column, keys in UNIQUE_PER_PARTNER
        ]

    @api.model
    def _biuro_drop_doubles(self, src_partners, dst_partner):
        """Records the surviving partner already has would break a unique
        constraint when they move, and Odoo would then drop *all* the records of
        that table pointing to the merged-away partners; of each double only the
        one that got further is kept (through the ORM, so that its messages and
        attachments go too), and the rest follows the survivor."""
        for model, column, keys, progress in self._biuro_merge_unique_records():
            records = (
                self.env[model]
                # sudo: the caller passed the merge's checks (managers only for a
                # client); only exact doubles of the merged partners' records go
                .sudo()
                .with_context(active_test=False)
                .search([(column, "in", (src_partners | dst_partner).ids)])
            )
            kept, losers = {}, records.browse()
            # the survivor's own records first: on a tie they stay
            for record in records.sorted(
                lambda rec, column=column: rec[column] != dst_partner
            ):
                key = tuple(record[name] for name in keys)
                other = kept.get(key)
                if other is None:
                    kept[key] = record
                elif progress(record) > progress(other):
                    losers |= other
                    kept[key] = record
                else:
                    losers |= record
            losers.unlink()
        self.env.flush_all()

    @api.model
    def _update_values(self, src_partners, dst_partner):
        kept = {name: dst_partner[name] for name in NOT_MERGED if name in dst_partner}
        result = self._biuro_update_values(src_partners, dst_partner)
        changed = {
            name: value for name, value in kept.items() if dst_partner[name] != value
        }
        if changed:
            dst_partner.write(changed)
        return result

    @api.model
    def _biuro_update_values(self, src_partners, dst_partner):
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
