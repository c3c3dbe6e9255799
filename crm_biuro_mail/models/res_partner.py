import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.fields import Command
from odoo.tools import SQL

from ..mail_address import (
    domain_candidates,
    email_domain,
    normalize_domain,
    normalize_email,
)

# Writes on these fields may add e-mail domains to the client.
DOMAIN_SOURCE_FIELDS = {"email", "website", "parent_id", "biuro_client", "active"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Routing looks senders up by normalised address: index it (core does not).
    email_normalized = fields.Char(index="btree_not_null")
    # office-only: portal people reading their company see neither
    biuro_mail_domain_ids = fields.One2many(
        "biuro.mail.domain",
        "partner_id",
        string="E-mail domain records",
        groups="crm_biuro.group_biuro_user",
    )
    biuro_email_domains = fields.Char(
        string="E-mail domains",
        groups="crm_biuro.group_biuro_user",
        compute="_compute_biuro_email_domains",
        inverse="_inverse_biuro_email_domains",
        search="_search_biuro_email_domains",
        help="Mail from any address of these domains lands on this client's "
        "timeline. Filled from the domains of the client's contacts and website; "
        "separate several domains with commas. Public mailbox domains (gmail.com, "
        "wp.pl, ...) are never used.",
    )

    @api.depends("biuro_mail_domain_ids.name")
    def _compute_biuro_email_domains(self):
        for partner in self:
            partner.biuro_email_domains = ", ".join(
                sorted(partner.biuro_mail_domain_ids.mapped("name"))
            )

    def _inverse_biuro_email_domains(self):
        for partner in self:
            wanted = {
                normalize_domain(part) or part.strip()
                for part in re.split(r"[,;\s]+", partner.biuro_email_domains or "")
                if part.strip()
            }
            current = partner.biuro_mail_domain_ids
            commands = [
                Command.unlink(record.id)
                for record in current
                if record.name not in wanted
            ]
            commands += [
                Command.create({"name": name})
                for name in sorted(wanted - set(current.mapped("name")))
            ]
            if commands:
                partner.biuro_mail_domain_ids = commands

    def _search_biuro_email_domains(self, operator, value):
        return [("biuro_mail_domain_ids.name", operator, value)]

    # --- CRUD -------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._biuro_sync_mail_domains()
        if any("biuro_email_domains" in vals for vals in vals_list):
            # show the domains as stored (normalised), not as typed
            partners.invalidate_recordset(["biuro_email_domains"])
        return partners

    def write(self, vals):
        res = super().write(vals)
        if DOMAIN_SOURCE_FIELDS & set(vals):
            self._biuro_sync_mail_domains()
        if "biuro_email_domains" in vals:
            self.invalidate_recordset(["biuro_email_domains"])
        return res

    # --- e-mail domains -----------------------------------------------------------

    def _biuro_learns_mail_domains(self):
        """Whether the current write may teach clients new e-mail domains: only
        when an office user (or the system itself: installation, cron, scripts)
        acts. Never a portal user, not even through the sudo write of Odoo's
        /my/account (``env.uid`` stays the portal user's there)."""
        if self.env.uid == SUPERUSER_ID:
            return True
        user = self.env.user
        return user._is_internal() and user.has_group("crm_biuro.group_biuro_user")

    def _biuro_sync_mail_domains(self):
        """Add to each client concerned the domains of its own e-mail and website and
        of its contacts' e-mails. Only adds: a domain removed by hand comes back only
        when a contact or the website brings it again. A constant number of queries
        for the whole batch.

        Learns from office users' writes only. Partners that have a login (portal
        or internal) never teach a domain: their owner can change their address
        himself. The office's own domains (alias domain, the companies' domains,
        staff addresses) and public mailbox domains are never a client's."""
        if not self._biuro_learns_mail_domains():
            return
        clients = self.commercial_partner_id.filtered("biuro_client")
        if not clients:
            return
        # sudo: reads addresses of the clients' members to derive domains; the
        # write that triggered this was made by an office user (checked above)
        members = self.sudo().search([("commercial_partner_id", "in", clients.ids)])
        # sudo: same as above, the clients themselves
        members |= clients.sudo()
        with_login = set(
            self.env["res.users"]
            # sudo: only which partners have a login (any state) is read
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", members.ids)])
            .partner_id.ids
        )
        wanted = {client: set() for client in clients}
        for member in members:
            client = member.commercial_partner_id
            if client not in wanted or member.id in with_login:
                continue
            wanted[client].add(email_domain(member.email_normalized))
            if member == client:
                wanted[client].add(normalize_domain(member.website))
        public = self.env["biuro.mail.public.domain"]._biuro_public_names(
            {domain for domains in wanted.values() for domain in domains}
        )
        candidates = {
            (client, domain)
            for client, domains in wanted.items()
            for domain in filter(None, domains)
            if domain not in public
        }
        if not candidates:
            return
        office = self._biuro_office_addresses()
        existing = {
            (record.partner_id, record.name)
            for record in self.env["biuro.mail.domain"]
            # sudo: domain records of the clients found above, read to skip them
            .sudo()
            .search([("partner_id", "in", clients.ids)])
        }
        to_create = [
            {"partner_id": client.id, "name": domain}
            for client, domain in sorted(candidates, key=lambda c: (c[0].id, c[1]))
            if not self._biuro_is_office_domain(domain, office)
            and (client, domain) not in existing
        ]
        if to_create:
            # sudo: values derived above from an office user's write, filtered
            self.env["biuro.mail.domain"].sudo().create(to_create)

    # --- the office's own addresses -------------------------------------------------

    @api.model
    def _biuro_office_addresses(self):
        """The office's own addresses and domains, in one query: ``emails`` of
        internal users (staff, whatever their state) and ``domains`` of the mail
        alias domains, of the office companies (e-mail and website) and of the
        staff's addresses. None of these ever identifies a client. ``domains``
        may hold public mailbox domains (a staff member at gmail.com): callers
        leave those to the public-domain rules."""
        self.env["res.partner"].flush_model(["email_normalized", "website"])
        self.env["res.users"].flush_model(["share", "partner_id"])
        self.env["res.company"].flush_model(["partner_id"])
        self.env["mail.alias.domain"].flush_model(["name"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.email_normalized, NULL
                  FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                 WHERE u.share IS NOT TRUE AND p.email_normalized IS NOT NULL
                UNION ALL
                SELECT p.email_normalized, p.website
                  FROM res_company c JOIN res_partner p ON p.id = c.partner_id
                UNION ALL
                SELECT NULL, d.name FROM mail_alias_domain d
                """
            )
        )
        emails, domains = set(), set()
        for email, site in rows:
            if email:
                emails.add(email)
                domains.add(email_domain(email))
            domains.add(normalize_domain(site))
        catchall = (
            # sudo: a system parameter read for its value only (legacy alias domain)
            self.env["ir.config_parameter"].sudo().get_param("mail.catchall.domain")
        )
        domains.add(normalize_domain(catchall))
        domains.discard(False)
        return {"emails": emails, "domains": domains}

    @api.model
    def _biuro_is_office_domain(self, domain, office=None):
        """True when ``domain`` or a parent of it is one of the office's domains."""
        office = office or self._biuro_office_addresses()
        return any(
            candidate in office["domains"] for candidate in domain_candidates(domain)
        )

    @api.model
    def _biuro_is_office_address(self, email, office=None):
        """True when ``email`` (normalised) is the office's own: a staff address, or
        an address at one of the office's domains. A staff member at a public
        mailbox (gmail.com) does not make the whole mailbox provider the office."""
        office = office or self._biuro_office_addresses()
        if email in office["emails"]:
            return True
        candidates = domain_candidates(email_domain(email))
        office_domains = [
            domain for domain in candidates if domain in office["domains"]
        ]
        public = self.env["biuro.mail.public.domain"]._biuro_public_names(
            office_domains
        )
        return bool(set(office_domains) - public)

    # --- incoming mail matching ---------------------------------------------------

    @api.model
    def _biuro_mail_match(self, email_from):
        """Find the client an incoming e-mail belongs to, in a fixed number of
        indexed queries (no scan over partners).

        Order: the office itself (a staff address, or an address of one of the
        office's domains) never matches a client; then a sender assigned by hand
        before; the sender's address is the e-mail of a client or of a client's
        contact; the sender's domain is one of a client's e-mail domains (never a
        public mailbox domain). Several candidate clients at any step: no guess.

        The address comes from the From header, which anyone can forge: it only
        chooses where the e-mail is filed, never what anyone may do.

        :return: dict with ``client`` (res.partner, empty if none), ``author``
            (the matching contact, possibly empty), ``reason`` (``matched``,
            ``no_match``, ``ambiguous``, ``public_domain`` or ``office``) and
            ``candidates``.
        """
        # sudo: routing reads every client's addresses; the result only files
        # the e-mail (posted as internal), the caller is the mail gateway
        Partner = self.sudo()
        empty = Partner.browse()
        result = {
            "client": empty,
            "author": empty,
            "reason": "no_match",
            "candidates": empty,
        }
        email = normalize_email(email_from)
        if not email:
            return result

        if self._biuro_is_office_address(email):
            result["reason"] = "office"
            return result
        candidates = domain_candidates(email_domain(email))
        Public = self.env["biuro.mail.public.domain"]

        sender = (
            self.env["biuro.mail.sender"]
            # sudo: remembered senders of every company, read to file the e-mail
            .sudo()
            .search([("email", "=", email)], limit=1)
        )
        if sender and sender.partner_id.active and sender.partner_id.biuro_client:
            result.update(client=sender.partner_id, reason="matched")
            return result

        partners = Partner.search([("email_normalized", "=", email)], limit=50)
        clients = partners.commercial_partner_id.filtered("biuro_client")
        if len(clients) == 1:
            contacts = partners.filtered(lambda p: p.commercial_partner_id == clients)
            result.update(client=clients, author=contacts[:1], reason="matched")
            return result
        if len(clients) > 1:
            result.update(reason="ambiguous", candidates=clients)
            return result

        if not candidates:
            return result
        if Public._biuro_public_names(candidates):
            result["reason"] = "public_domain"
            return result
        records = (
            # sudo: domain records of every company, read to file the e-mail
            self.env["biuro.mail.domain"].sudo().search([("name", "in", candidates)])
        )
        for domain in candidates:  # the most specific registered domain wins
            clients = records.filtered(
                lambda r, d=domain: r.name == d
            ).partner_id.filtered(lambda p: p.biuro_client and p.active)
            if len(clients) == 1:
                result.update(client=clients, reason="matched")
                return result
            if len(clients) > 1:
                result.update(reason="ambiguous", candidates=clients)
                return result
        return result

    def _biuro_message_post_nosubscribe(self):
        """True when an e-mail arriving through the gateway is posted on a client:
        its author must not become a follower of the client record, otherwise each
        later e-mail of the client would be copied to every earlier sender."""
        return (
            self.env.context.get("from_alias") and len(self) == 1 and self.biuro_client
        )

    # the decorator is not inherited: without it XML-RPC callers get a record
    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        if self._biuro_message_post_nosubscribe():
            return super(
                ResPartner, self.with_context(mail_create_nosubscribe=True)
            ).message_post(**kwargs)
        return super().message_post(**kwargs)

    # --- "CRM client" badge ---------------------------------------------------------

    def _biuro_verified_clients(self, clients):
        """The clients the registries confirmed (crm_biuro's _biuro_is_verified
        hook, answered by crm_biuro_verify when it is installed)."""
        return clients.filtered(lambda client: client._biuro_is_verified())

    def _biuro_badge_to_store(self, store):
        """Send to the web client, for these partners, the client they belong to
        (``biuro_client_id``) and whether it is verified (``biuro_verified``).
        Only office users see the badge; two queries for the whole batch."""
        user = self.env.user
        if not self or not user.has_group("crm_biuro.group_biuro_user"):
            return
        # sudo: office users only (checked above); the client and its
        # verification state of the authors of messages they can read
        partners = self.sudo()
        clients = partners.commercial_partner_id.filtered("biuro_client")
        verified = self._biuro_verified_clients(clients)
        values = []
        for partner in partners:
            client = partner.commercial_partner_id
            is_client = client in clients
            values.append(
                {
                    "id": partner.id,
                    "biuro_client_id": client.id if is_client else False,
                    "biuro_verified": is_client and client in verified,
                }
            )
        store.add("res.partner", values)

    def _to_store(self, store, /, *, fields=None, **kwargs):
        badge = fields is not None and "biuro_client_badge" in fields
        if badge:
            fields = [field for field in fields if field != "biuro_client_badge"]
        res = super()._to_store(store, fields=fields, **kwargs)
        if badge:
            self._biuro_badge_to_store(store)
        return res
