from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

LEVELS = [
    ("owner", "Owner"),
    ("accountant", "Accountant"),
    ("readonly", "Read-only"),
]
# Who may give what: a level is "no higher" than another when its rank is lower or
# equal. Only owners manage access; owners and accountants upload documents.
LEVEL_RANK = {"readonly": 1, "accountant": 2, "owner": 3}
MANAGE_LEVELS = ("owner",)
UPLOAD_LEVELS = ("owner", "accountant")


class BiuroPortalAccess(models.Model):
    """The right of one person (the partner of a portal user) to see one client
    company in the portal, at a level. One person may hold rows for many companies:
    this is what Odoo's portal alone (one user, one commercial partner) cannot do.
    The record rules of the portal are all derived from the active rows."""

    _name = "biuro.portal.access"
    _description = "Portal access to a client company"
    _order = "client_id, id"
    _rec_names_search = ["partner_id", "client_id"]

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="cascade",
        help="The contact of the portal user who gets access.",
    )
    client_id = fields.Many2one(
        "res.partner",
        string="Client company",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("biuro_client", "=", True)],
    )
    level = fields.Selection(LEVELS, required=True, default="readonly")
    active = fields.Boolean(default=True)
    email = fields.Char(related="partner_id.email")
    user_id = fields.Many2one(
        "res.users",
        string="Portal user",
        compute="_compute_user_id",
        compute_sudo=True,
    )
    login_date = fields.Datetime(
        string="Last login", compute="_compute_user_id", compute_sudo=True
    )

    _sql_constraints = [
        (
            "partner_client_uniq",
            "unique(partner_id, client_id)",
            "This person already has access to this client: change the level.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        for access in self:
            user = access.partner_id.with_context(active_test=False).user_ids[:1]
            access.user_id = user
            access.login_date = user.login_date

    @api.depends("partner_id", "client_id")
    def _compute_display_name(self):
        for access in self.sudo():
            access.display_name = (
                f"{access.partner_id.name or ''} / {access.client_id.name or ''}"
            )

    @api.constrains("client_id")
    def _check_client(self):
        for access in self.sudo():
            if not access.client_id.biuro_client:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a client of the office: portal access is "
                        "given to client companies only.",
                        partner=access.client_id.display_name,
                    )
                )

    # --- CRUD: every change is told on the client's timeline ----------------------

    @api.model_create_multi
    def create(self, vals_list):
        accesses = super().create(vals_list)
        for access in accesses:
            access._biuro_post_on_client(
                self.env._(
                    "Portal access granted to %(person)s: %(level)s.",
                    person=access.partner_id.sudo().name,
                    level=access._biuro_level_label(access.level),
                )
            )
        return accesses

    def write(self, vals):
        before = {access.id: (access.level, access.active) for access in self}
        result = super().write(vals)
        for access in self:
            old_level, was_active = before[access.id]
            person = access.partner_id.sudo().name
            if was_active and not access.active:
                access._biuro_post_on_client(
                    self.env._("Portal access of %(person)s revoked.", person=person)
                )
                # no more mail from the client's thread for someone who lost access
                access.client_id.sudo().message_unsubscribe(access.partner_id.ids)
            elif access.active and not was_active:
                access._biuro_post_on_client(
                    self.env._(
                        "Portal access granted again to %(person)s: %(level)s.",
                        person=person,
                        level=access._biuro_level_label(access.level),
                    )
                )
            elif access.active and old_level != access.level:
                access._biuro_post_on_client(
                    self.env._(
                        "Portal access level of %(person)s changed: %(old)s → %(new)s.",
                        person=person,
                        old=access._biuro_level_label(old_level),
                        new=access._biuro_level_label(access.level),
                    )
                )
        return result

    # --- actions (office buttons, portal forms and RPC alike) -------------------------

    @api.model
    def invite(self, client_id, email, name=None, level="readonly"):
        """Give `email` access to a client at `level`: reuse the portal user of that
        address or create one through Odoo's portal wizard (which sends the
        invitation e-mail), then create or reactivate the access row.

        Office users may invite at any level; a portal user only for a company they
        own and at a level no higher than their own."""
        client = self.env["res.partner"].browse(int(client_id))
        self._biuro_check_manage(client, [level])
        client = client.sudo().exists()
        if not client or not client.biuro_client:
            raise UserError(
                self.env._("Portal access is given to office clients only.")
            )
        email = email_normalize(email or "")
        if not email:
            raise UserError(self.env._("Enter a valid e-mail address."))
        person = self._biuro_portal_person(email, (name or "").strip(), client)
        self._biuro_ensure_portal_user(person, email)
        return self._biuro_grant(person, client, level)

    def action_change_level(self, level):
        for access in self:
            self._biuro_check_manage(access.sudo().client_id, [level], target=access)
        self.sudo().write({"level": level})
        return True

    def action_revoke(self):
        for access in self:
            self._biuro_check_manage(access.sudo().client_id, [], target=access)
        self.sudo().write({"active": False})
        return True

    # --- helpers ------------------------------------------------------------------

    def _biuro_level_label(self, level):
        return dict(self._fields["level"]._description_selection(self.env)).get(
            level, level
        )

    def _biuro_post_on_client(self, body):
        """A note on the client's chatter, authored by whoever made the change (a
        portal owner included), without making that person a follower."""
        self.ensure_one()
        self.client_id.sudo().with_context(mail_create_nosubscribe=True).message_post(
            body=body, subtype_xmlid="mail.mt_note"
        )

    @api.model
    def _biuro_own_access(self, client):
        """The current user's active row for `client` (empty for office users)."""
        return self.sudo().search(
            [
                ("partner_id", "=", self.env.user.partner_id.id),
                ("client_id", "=", client.id),
            ],
            limit=1,
        )

    @api.model
    def _biuro_check_manage(self, client, levels, target=None):
        """Raise unless the current user may manage the access of `client`, give
        `levels`, and (when given) change the `target` row."""
        for level in levels:
            if level not in LEVEL_RANK:
                raise UserError(
                    self.env._("Unknown access level: %(level)s.", level=level)
                )
        user = self.env.user
        if not user.share:
            if not user.has_group("crm_biuro.group_biuro_user"):
                raise AccessError(
                    self.env._(
                        "Only the office staff and the owners of a company manage "
                        "its portal access."
                    )
                )
            return
        # never name the company here: the caller may not be allowed to see it
        own = self._biuro_own_access(client) if client else self.browse()
        if not own or own.level not in MANAGE_LEVELS:
            raise AccessError(
                self.env._("You cannot manage the portal access of this company.")
            )
        own_label = self._biuro_level_label(own.level)
        for level in levels:
            if LEVEL_RANK[level] > LEVEL_RANK[own.level]:
                raise AccessError(
                    self.env._(
                        "You cannot give a level higher than your own (%(level)s).",
                        level=own_label,
                    )
                )
        if target:
            target = target.sudo()
            if target.partner_id == user.partner_id:
                raise UserError(self.env._("You cannot change your own access."))
            if LEVEL_RANK[target.level] > LEVEL_RANK[own.level]:
                raise AccessError(
                    self.env._(
                        "You cannot change the access of someone above your own "
                        "level (%(level)s).",
                        level=own_label,
                    )
                )

    @api.model
    def _biuro_portal_person(self, email, name, client):
        """The contact to give access to: the partner of the user with that login,
        else an existing person with that e-mail (a contact of this client first),
        else a new person (not attached to any company, since one person may work
        for several of them)."""
        user = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("login", "=", email)], limit=1)
        )
        if user:
            if user._is_internal():
                raise UserError(
                    self.env._(
                        "%(email)s is the login of an office user; office users do "
                        "not need portal access.",
                        email=email,
                    )
                )
            return user.partner_id
        partners = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("email_normalized", "=", email),
                    ("is_company", "=", False),
                    ("biuro_client", "=", False),
                ]
            )
            .filtered(lambda p: not p.with_context(active_test=False).user_ids)
        )
        person = partners.filtered(lambda p: p.parent_id == client)[:1] or partners[:1]
        if not person:
            person = (
                self.env["res.partner"]
                .sudo()
                .create({"name": name or email, "email": email, "type": "contact"})
            )
        return person

    @api.model
    def _biuro_ensure_portal_user(self, person, email):
        """Reuse an active portal user, else go through Odoo's portal wizard: it
        creates (or reactivates) the user and sends the invitation e-mail."""
        user = person.with_context(active_test=False).user_ids[:1].sudo()
        if user and user.active and user._is_portal():
            return user
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .create({"partner_ids": [Command.link(person.id)]})
        )
        line = wizard.user_ids.filtered(lambda w: w.partner_id == person)
        line.email = email
        if user and user._is_portal():
            # an archived portal user: only the office may bring the account back
            # (a client's owner must not revive a login the office closed)
            if self.env.user.share:
                raise UserError(
                    self.env._(
                        "This person's portal account was closed by the accounting "
                        "office. Ask the office to reopen it."
                    )
                )
            # the wizard only re-sends invitations to active ones
            user.active = True
            line.action_invite_again()
        else:
            line.action_grant_access()
        return person.with_context(active_test=False).user_ids[:1]

    @api.model
    def _biuro_grant(self, person, client, level):
        access = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "=", person.id), ("client_id", "=", client.id)],
                limit=1,
            )
        )
        if access:
            access.write({"level": level, "active": True})
        else:
            access = self.sudo().create(
                {"partner_id": person.id, "client_id": client.id, "level": level}
            )
        return access.with_env(self.env)
