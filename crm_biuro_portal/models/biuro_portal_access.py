from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

from odoo.addons.crm_biuro.models.biuro_client_record_mixin import office_env

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
# How many invitations one portal person may send in 24 hours (office staff: no
# limit). A system parameter, so only administrators change it.
INVITE_LIMIT_PARAM = "crm_biuro_portal.invite_daily_limit"
DEFAULT_INVITE_LIMIT = 10


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
    # the office's view of the login (the portal shows people by name and e-mail)
    user_id = fields.Many2one(
        "res.users",
        string="Portal user",
        compute="_compute_user_id",
        compute_sudo=True,
        groups="base.group_user",
    )
    login_date = fields.Datetime(
        string="Last login",
        compute="_compute_user_id",
        compute_sudo=True,
        groups="base.group_user",
    )
    # Set when the office (or the closing of the person's login) revoked the row: a
    # client's owner may then not grant it again, only the office may.
    revoked_by_office = fields.Boolean(
        string="Revoked by the office", readonly=True, copy=False
    )
    # Who last granted the row, and when: the daily limit of the owners' invitations.
    invited_by_id = fields.Many2one(
        "res.users",
        string="Invited by",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    invite_date = fields.Datetime(
        string="Invited on", readonly=True, copy=False, groups="base.group_user"
    )

    _sql_constraints = [
        (
            "partner_client_uniq",
            # both columns are required; NULLS NOT DISTINCT keeps the rule whole anyway
            "unique nulls not distinct (partner_id, client_id)",
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
        # sudo: the caller reads this row; these are the names of its two ends
        for access in self.sudo():
            access.display_name = (
                f"{access.partner_id.name or ''} / {access.client_id.name or ''}"
            )

    @api.constrains("client_id")
    def _check_client(self):
        # sudo: a check only, nothing is returned but the name of the row's client
        for access in self.sudo():
            if not access.client_id.biuro_client:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a client of the office: portal access is "
                        "given to client companies only.",
                        partner=access.client_id.display_name,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner(self):
        """Office staff work in the back office: a person with an internal login
        gets no portal access rows (the portal streams files with sudo once a row
        is found)."""
        # sudo: a check only; archived logins count too
        for access in self.sudo().with_context(active_test=False):
            if access.partner_id.user_ids.filtered(lambda user: not user.share):
                raise ValidationError(
                    self.env._(
                        "%(person)s has an office login: office users do not get "
                        "portal access.",
                        person=access.partner_id.display_name,
                    )
                )

    # --- CRUD: every change is told on the client's timeline ----------------------

    @api.model_create_multi
    def create(self, vals_list):
        accesses = super().create(vals_list)
        office = office_env(self.env)
        for access in accesses:
            access._biuro_post_on_client(
                office._(
                    "Portal access granted to %(person)s: %(level)s.",
                    person=access._biuro_person_name(),
                    level=access.with_env(office)._biuro_level_label(access.level),
                )
            )
        return accesses

    def write(self, vals):
        if "active" in vals and "revoked_by_office" not in vals:
            if vals["active"]:
                # granted again: whoever revoked the row, that revocation is over
                vals = dict(vals, revoked_by_office=False)
            else:
                closing = self.filtered("active")
                if closing and closing != self:
                    # rows already revoked keep who revoked them
                    super(BiuroPortalAccess, self - closing).write(vals)
                    return closing.write(vals)
                if closing:
                    # under sudo env.user is still the caller: a portal owner's
                    # revocation is not the office's
                    vals = dict(vals, revoked_by_office=not self.env.user.share)
        before = {access.id: (access.level, access.active) for access in self}
        result = super().write(vals)
        office = office_env(self.env)
        for access in self:
            old_level, was_active = before[access.id]
            person = access._biuro_person_name()
            if was_active and not access.active:
                access._biuro_post_on_client(
                    office._("Portal access of %(person)s revoked.", person=person)
                )
                # no more mail from the client's thread for someone who lost access;
                # sudo: the caller has just revoked this row (ACL or manage check)
                access.client_id.sudo().message_unsubscribe(access.partner_id.ids)
            elif access.active and not was_active:
                access._biuro_post_on_client(
                    office._(
                        "Portal access granted again to %(person)s: %(level)s.",
                        person=person,
                        level=access.with_env(office)._biuro_level_label(access.level),
                    )
                )
            elif access.active and old_level != access.level:
                access._biuro_post_on_client(
                    office._(
                        "Portal access level of %(person)s changed: %(old)s → %(new)s.",
                        person=person,
                        old=access.with_env(office)._biuro_level_label(old_level),
                        new=access.with_env(office)._biuro_level_label(access.level),
                    )
                )
        return result

    # --- actions (office buttons, portal forms and RPC alike) -------------------------

    @api.model
    @api.returns("self", lambda value: value.id)
    def invite(self, client_id, email, name=None, level="readonly"):
        """Give `email` access to a client at `level`: reuse the portal user of that
        address or create one through Odoo's portal wizard (which sends the
        invitation e-mail), then create or reactivate the access row. Returns the
        row (its id over RPC).

        Office users may invite at any level; a portal user only for a company they
        own, at a level no higher than their own, within the daily limit, never an
        office login, a closed login or a row the office revoked (one generic
        message for all of these: the form tells nothing about other people)."""
        client = self.env["res.partner"].browse(int(client_id))
        self._biuro_check_manage(client, [level])
        # sudo: the caller manages the access of this company (checked above)
        client = client.sudo().exists()
        if not client or not client.biuro_client:
            raise UserError(
                self.env._("Portal access is given to office clients only.")
            )
        email = email_normalize(email or "")
        if not email:
            raise UserError(self.env._("Enter a valid e-mail address."))
        if self.env.user.share:
            self._biuro_check_invite_limit()
        person = self._biuro_portal_person(email, (name or "").strip(), client)
        existing = (
            # sudo: the one row of (person, client), whatever its state
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "=", person.id), ("client_id", "=", client.id)],
                limit=1,
            )
        )
        if existing.active:
            # an invitation must not demote a co-owner nor oneself
            self._biuro_check_manage(client, [level], target=existing)
        elif existing.revoked_by_office and self.env.user.share:
            raise UserError(self._biuro_refused_invitation())
        self._biuro_ensure_portal_user(person, email)
        return self._biuro_grant(person, client, level)

    def action_change_level(self, level):
        for access in self:
            # sudo: only to know the row's company, the check follows
            self._biuro_check_manage(access.sudo().client_id, [level], target=access)
        # sudo: each row was checked above (office user, or owner of its company
        # changing someone below them)
        self.sudo().write({"level": level})
        return True

    def action_revoke(self):
        for access in self:
            # sudo: only to know the row's company, the check follows
            self._biuro_check_manage(access.sudo().client_id, [], target=access)
        # sudo: each row was checked above, as in action_change_level
        self.sudo().write({"active": False})
        return True

    # --- helpers ------------------------------------------------------------------

    def _biuro_person_name(self):
        # sudo: the name of the person of a row the caller has just written
        return self.partner_id.sudo().name

    def _biuro_level_label(self, level):
        return dict(self._fields["level"]._description_selection(self.env)).get(
            level, level
        )

    def _biuro_refused_invitation(self):
        """The one message an owner gets for any address the portal may not invite
        (an office login, a closed login, a row the office revoked): it tells
        nothing about whom the address belongs to."""
        return self.env._(
            "This person cannot be invited from the portal. Ask the accounting "
            "office to give them access."
        )

    def _biuro_post_on_client(self, body):
        """A note on the client's chatter, authored by whoever made the change (a
        portal owner included), without making that person a follower."""
        self.ensure_one()
        # sudo: called after the change was allowed; a note only (mt_note)
        self.client_id.sudo().with_context(mail_create_nosubscribe=True).message_post(
            body=body, subtype_xmlid="mail.mt_note"
        )

    @api.model
    def _biuro_own_access(self, client):
        """The current portal user's active row for `client` (always empty for
        office users: their rows, if any, are ignored)."""
        if not self.env.user.share:
            return self.browse()
        # sudo: the caller's own row only (partner = the caller)
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
        `levels`, and (when given) change the `target` row. An owner changes only
        rows below their own level: co-owners cannot demote or revoke each other
        (the office can)."""
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
            # sudo: the row was found with the caller's rights (or is checked here)
            target = target.sudo()
            if target.client_id != own.client_id:
                raise AccessError(
                    self.env._("You cannot manage the portal access of this company.")
                )
            if target.partner_id == user.partner_id:
                raise UserError(self.env._("You cannot change your own access."))
            if LEVEL_RANK[target.level] >= LEVEL_RANK[own.level]:
                raise AccessError(
                    self.env._(
                        "You cannot change the access of someone at or above your "
                        "own level (%(level)s): ask the accounting office.",
                        level=own_label,
                    )
                )

    @api.model
    def _biuro_check_invite_limit(self):
        """At most `crm_biuro_portal.invite_daily_limit` invitations by the current
        portal user in 24 hours."""
        # sudo: system parameters are closed to portal users; a number is read
        raw = self.env["ir.config_parameter"].sudo().get_param(INVITE_LIMIT_PARAM)
        try:
            limit = int(raw) if raw not in (None, False, "") else DEFAULT_INVITE_LIMIT
        except ValueError:
            limit = DEFAULT_INVITE_LIMIT
        since = fields.Datetime.now() - timedelta(days=1)
        sent = (
            # sudo: counts the caller's own invitations only
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [("invited_by_id", "=", self.env.uid), ("invite_date", ">=", since)]
            )
        )
        if sent >= limit:
            raise UserError(
                self.env._(
                    "You have sent the most invitations allowed in one day "
                    "(%(limit)s). Try again tomorrow or ask the accounting office.",
                    limit=limit,
                )
            )

    @api.model
    def _biuro_portal_person(self, email, name, client):
        """The contact to give access to: the partner of the portal user with that
        login, else a contact of this client with that e-mail, else a new person
        (not attached to any company, since one person may work for several of
        them). Partners that are not contacts of this client are never reused:
        the invite form must not pull them in or show their names."""
        # sudo: logins are closed to portal owners; nothing of the user is returned
        # to a portal caller but its partner, for an open portal login only
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        user = Users.search([("login", "=", email)], limit=1)
        if user:
            if self.env.user.share and (not user.active or not user._is_portal()):
                # an office login, or a login the office closed (archived, or
                # moved to the public group by Odoo's "Revoke access")
                raise UserError(self._biuro_refused_invitation())
            if user._is_internal():
                raise UserError(
                    self.env._(
                        "%(email)s is the login of an office user; office users do "
                        "not need portal access.",
                        email=email,
                    )
                )
            return user.partner_id
        # sudo: contacts of the client the caller manages (checked by invite)
        Partner = self.env["res.partner"].sudo()
        person = Partner.search(
            [
                ("email_normalized", "=", email),
                ("parent_id", "=", client.id),
                ("is_company", "=", False),
                ("biuro_client", "=", False),
            ]
        ).filtered(lambda p: not p.with_context(active_test=False).user_ids)[:1]
        if not person:
            person = Partner.create(
                {"name": name or email, "email": email, "type": "contact"}
            )
        return person

    @api.model
    def _biuro_ensure_portal_user(self, person, email):
        """Reuse an active portal user, else go through Odoo's portal wizard: it
        creates (or reactivates) the user and sends the invitation e-mail."""
        # sudo: the user of the person invite() has just chosen
        user = person.with_context(active_test=False).user_ids[:1].sudo()
        if user and user.active and user._is_portal():
            return user
        if user and self.env.user.share:
            # only the office reopens a closed login (also refused earlier)
            raise UserError(self._biuro_refused_invitation())
        # sudo: the wizard is office-only; the caller manages the company and the
        # person is a new one, a contact of it, or (office callers) any person
        Wizard = self.env["portal.wizard"].sudo()
        wizard = Wizard.create({"partner_ids": [Command.link(person.id)]})
        line = wizard.user_ids.filtered(lambda w: w.partner_id == person)
        line.email = email
        if user and user._is_portal():
            # an archived portal user reopened by the office: the wizard only
            # re-sends invitations to active ones
            user.active = True
            line.action_invite_again()
        else:
            line.action_grant_access()
        return person.with_context(active_test=False).user_ids[:1]

    @api.model
    def _biuro_grant(self, person, client, level):
        # sudo: invite() checked the caller's right to give `level` on `client`
        Access = self.sudo().with_context(active_test=False)
        access = Access.search(
            [("partner_id", "=", person.id), ("client_id", "=", client.id)], limit=1
        )
        stamp = {"invited_by_id": self.env.uid, "invite_date": fields.Datetime.now()}
        if access:
            access.write({"level": level, "active": True, **stamp})
        else:
            access = Access.create(
                {
                    "partner_id": person.id,
                    "client_id": client.id,
                    "level": level,
                    **stamp,
                }
            )
        return access.with_env(self.env)
