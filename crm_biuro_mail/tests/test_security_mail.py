"""Attacks on the client mailbox, as roles x operations (issue #11, review F4, F7,
F12): office user, manager, portal contact of a client, plain employee (no office
group) and an external sender (anyone who can send an e-mail)."""

import xmlrpc.client

from psycopg2 import IntegrityError

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.mail import generate_tracking_message_id

from .common import BiuroMailCase

MAIL_MODELS = (
    "biuro.mail.unassigned",
    "biuro.mail.domain",
    "biuro.mail.sender",
    "biuro.mail.public.domain",
)


class BiuroMailSecurityCase(BiuroMailCase):
    """The office's own addresses and a portal contact of client B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_domain = "biuro-rachunkowe.pl"
        cls.env.company.email = f"sekretariat@{cls.office_domain}"
        cls.portal = new_test_user(
            cls.env,
            "biuro_mail_portal",
            groups="base.group_portal",
            email="p.nowicki@beta-sc.pl",
            name="Paweł Nowicki",
        )
        # a contact of client B with a login (invited by the office)
        cls.portal.partner_id.parent_id = cls.client_b
        if "biuro.portal.access" in cls.env:
            # with crm_biuro_portal, reading the company takes an access row
            # (readonly, the lowest level); without it Odoo's default rule lets
            # a portal user read its own commercial partner
            cls.env["biuro.portal.access"].create(
                {
                    "partner_id": cls.portal.partner_id.id,
                    "client_id": cls.client_b.id,
                    "level": "readonly",
                }
            )

    def portal_sudo_write(self, values):
        """What Odoo's /my/account does with the portal user's form: a sudo write
        of the user's own partner, env.uid staying the portal user's."""
        partner = self.portal.partner_id.with_user(self.portal)
        # sudo: test setup, written as the superuser before the tested user acts
        partner.sudo().write(values)

    def gateway_email(self, sender, subject, **kwargs):
        self.process(self.build_mail(sender, subject=subject, **kwargs))
        return self.env["mail.message"].search(
            [("subject", "=", subject), ("message_type", "=", "email")]
        )


@tagged("post_install", "-at_install")
class TestMailAccessMatrix(BiuroMailSecurityCase):
    """Who may do what on the addon's models (ACL and record rules)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.record = cls.env["biuro.mail.unassigned"].create(
            {"name": "Spam?", "email_from": "x@nieznana.pl"}
        )
        cls.sender = cls.env["biuro.mail.sender"].create(
            {"email": "known@gmail.com", "partner_id": cls.client_a.id}
        )
        cls.domain = cls.client_a.biuro_mail_domain_ids[:1]
        cls.public = cls.env["biuro.mail.public.domain"].search([], limit=1)

    # role -> model -> allowed operations
    MATRIX = {
        "user": {
            "biuro.mail.unassigned": {"read", "write"},
            "biuro.mail.domain": {"read", "write", "create", "unlink"},
            "biuro.mail.sender": {"read"},
            "biuro.mail.public.domain": {"read"},
        },
        "manager": {
            "biuro.mail.unassigned": {"read", "write", "create", "unlink"},
            "biuro.mail.domain": {"read", "write", "create", "unlink"},
            "biuro.mail.sender": {"read", "write", "create", "unlink"},
            "biuro.mail.public.domain": {"read", "write", "create", "unlink"},
        },
        "portal": {model: set() for model in MAIL_MODELS},
        "outsider": {model: set() for model in MAIL_MODELS},
    }

    def test_access_matrix(self):
        records = {
            "biuro.mail.unassigned": self.record,
            "biuro.mail.domain": self.domain,
            "biuro.mail.sender": self.sender,
            "biuro.mail.public.domain": self.public,
        }
        for role, models in self.MATRIX.items():
            user = getattr(self, role)
            for model, allowed in models.items():
                record = records[model].with_user(user)
                for operation in ("read", "write", "create", "unlink"):
                    with self.subTest(role=role, model=model, operation=operation):
                        self.assertEqual(
                            record.has_access(operation)
                            if operation != "create"
                            else self.env[model].with_user(user).has_access("create"),
                            operation in allowed,
                        )

    def test_user(self):
        record = self.record.with_user(self.user)
        self.assertEqual(record.name, "Spam?")
        record.partner_id = self.client_a
        with self.assertRaises(AccessError):
            record.unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.mail.unassigned"].with_user(self.user).create({"name": "x"})
        # users keep the e-mail domains of their clients up to date
        self.client_a.with_user(self.user).biuro_email_domains = "alfa.pl, alfa.eu"
        self.assertIn("alfa.eu", self.client_a.biuro_email_domains)
        # remembered senders and the public list are read-only for them
        self.assertEqual(self.sender.with_user(self.user).email, "known@gmail.com")
        with self.assertRaises(AccessError):
            self.sender.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            self.env["biuro.mail.public.domain"].with_user(self.user).create(
                {"name": "poczta.example"}
            )

    def test_manager(self):
        self.record.with_user(self.manager).unlink()
        self.assertFalse(self.record.exists())
        self.sender.with_user(self.manager).partner_id = self.client_b
        public = (
            self.env["biuro.mail.public.domain"]
            .with_user(self.manager)
            .create({"name": "Poczta.Example"})
        )
        self.assertEqual(public.name, "poczta.example")

    def test_no_group_and_portal(self):
        for user in (self.outsider, self.portal):
            for model, record in (
                ("biuro.mail.unassigned", self.record),
                ("biuro.mail.sender", self.sender),
                ("biuro.mail.domain", self.domain),
                ("biuro.mail.public.domain", self.public),
            ):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(["id"])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.record.with_user(user).action_assign()

    def test_domain_fields_office_only(self):
        """The client's e-mail domains are office data: a portal contact reading
        its company over JSON-RPC does not get them."""
        self.client_b.biuro_email_domains = "beta-sc.pl"
        client = self.client_b.with_user(self.portal)
        for field in ("biuro_email_domains", "biuro_mail_domain_ids"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                client.read([field])
        self.assertNotIn("biuro_email_domains", client.fields_get())
        self.assertEqual(
            self.client_b.with_user(self.user).biuro_email_domains, "beta-sc.pl"
        )

    def test_other_company_unassigned_hidden(self):
        self.record.company_id = self.company_2
        found = self.env["biuro.mail.unassigned"].with_user(self.user).search([])
        self.assertNotIn(self.record, found)

    def test_other_company_sender_not_overwritten(self):
        """An office user assigning mail does not take over a sender another
        company of the office remembered for its client."""
        other_client = self.env["res.partner"].create(
            {
                "name": "Omikron sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "company_id": self.company_2.id,
            }
        )
        sender = self.env["biuro.mail.sender"].create(
            {"email": "wspolny@gmail.com", "partner_id": other_client.id}
        )
        record = self.env["biuro.mail.unassigned"].create(
            {"name": "Wspólny", "email_from": "wspolny@gmail.com"}
        )
        record.with_user(self.user).partner_id = self.client_a
        record.with_user(self.user).action_assign()
        self.assertEqual(record.state, "assigned")
        self.assertEqual(sender.partner_id, other_client)

    def test_public_methods_marshal(self):
        """What the public methods return travels over XML-RPC (no None)."""
        self.record.partner_id = self.client_a
        for result in (
            self.record.with_user(self.user).action_open_client(),
            self.record.with_user(self.user).action_assign(),
        ):
            xmlrpc.client.dumps((result,), allow_none=False)
        orphan = self.env["biuro.mail.unassigned"].create({"name": "Bez klienta"})
        xmlrpc.client.dumps(
            (orphan.with_user(self.user).action_open_client(),), allow_none=False
        )


@tagged("post_install", "-at_install")
class TestDomainClaims(BiuroMailSecurityCase):
    """F4: domains are learned from office users' edits only, and the office's
    own domains are never a client's, neither learned nor routed."""

    def test_portal_contact_claims_nothing(self):
        for email in ("x@kas.gov.pl", f"x@{self.office_domain}"):
            self.portal_sudo_write({"email": email})
            self.assertEqual(self.portal.partner_id.email, email)
        self.assertFalse(self.client_b.biuro_mail_domain_ids)
        # later office edits do not bring the portal person's domain either
        self.client_b.with_user(self.user).write({"website": "https://beta-sc.pl"})
        self.assertEqual(self.client_b.biuro_email_domains, "beta-sc.pl")
        message = self.gateway_email("urzad@kas.gov.pl", "Wezwanie KAS")
        self.assertEqual(message.model, "biuro.mail.unassigned")
        self.assertEqual(self.unassigned("Wezwanie KAS").reason, "no_match")

    def test_office_user_edits_teach_domains(self):
        contact = (
            self.env["res.partner"]
            .with_user(self.user)
            .create({"name": "Kadry", "email": "kadry@beta.com.pl"})
        )
        contact.parent_id = self.client_b
        self.assertEqual(self.client_b.biuro_email_domains, "beta.com.pl")
        # a plain employee (no office group) or a portal user teaches nothing
        # sudo: test setup, written as the superuser before the tested user acts
        self.env["res.partner"].with_user(self.outsider).sudo().create(
            {"name": "X", "email": "x@obca.pl", "parent_id": self.client_b.id}
        )
        self.assertEqual(self.client_b.biuro_email_domains, "beta.com.pl")

    def test_office_domains_never_learned(self):
        alias_domain = self.mail_alias_domain.name
        for email in (
            f"ksiegowa@{self.office_domain}",  # the office company's domain
            "user@office.example.com",  # a staff member's domain
            f"noreply@{alias_domain}",  # the client mailbox's alias domain
            f"x@kadry.{self.office_domain}",  # a subdomain of the office's
        ):
            self.env["res.partner"].with_user(self.user).create(
                {"name": email, "email": email, "parent_id": self.client_b.id}
            )
        self.assertFalse(self.client_b.biuro_mail_domain_ids)
        with self.assertRaisesRegex(ValidationError, "belongs to the office"):
            self.client_b.with_user(self.user).biuro_email_domains = self.office_domain

    def test_office_domain_stored_earlier_does_not_route(self):
        self.env["biuro.mail.domain"].create(
            {"name": "nowe-biuro.pl", "partner_id": self.client_b.id}
        )
        # the office moves to that domain afterwards
        self.env.company.email = "sekretariat@nowe-biuro.pl"
        message = self.gateway_email("szef@nowe-biuro.pl", "Przekazuję fakturę")
        self.assertEqual(message.model, "biuro.mail.unassigned")
        self.assertEqual(self.unassigned("Przekazuję fakturę").reason, "office")

    def test_staff_at_a_public_mailbox_does_not_make_it_the_office(self):
        """A staff member writing from gmail.com makes that address the office's,
        not every gmail.com sender: clients there are still remembered and added
        as contacts."""
        self.user.partner_id.email = "ksiegowa.biuro@gmail.com"
        Partner = self.env["res.partner"]
        self.assertTrue(Partner._biuro_is_office_address("ksiegowa.biuro@gmail.com"))
        self.assertFalse(Partner._biuro_is_office_address("klient.nowy@gmail.com"))
        message = self.gateway_email("klient.nowy@gmail.com", "Faktury z gmaila")
        self.assertEqual(message.model, "biuro.mail.unassigned")
        record = self.unassigned("Faktury z gmaila")
        record.write({"partner_id": self.client_a.id, "add_contact": True})
        record.with_user(self.user).action_assign()
        self.assertEqual(record.state, "assigned")
        sender = self.env["biuro.mail.sender"].search(
            [("email", "=", "klient.nowy@gmail.com")]
        )
        self.assertEqual(sender.partner_id, self.client_a)

    def test_staff_mail_never_lands_on_a_client(self):
        # one client contact wrongly carries a staff member's address
        self.env["res.partner"].create(
            {
                "name": "Pomyłka",
                "email": "user@office.example.com",
                "parent_id": self.client_a.id,
            }
        )
        message = self.gateway_email("user@office.example.com", "Od pracownika")
        self.assertEqual(message.model, "biuro.mail.unassigned")
        record = self.unassigned("Od pracownika")
        self.assertEqual(record.reason, "office")
        # the route runs as the gateway, not as the user named in From
        self.assertNotEqual(record.create_uid, self.user)
        # a staff address is no client contact
        record.write({"partner_id": self.client_a.id, "add_contact": True})
        with self.assertRaisesRegex(UserError, "is an address of the office"):
            record.with_user(self.user).action_assign()
        self.assertEqual(record.state, "pending")
        # assigning a staff forward does not remember the staff address
        record.add_contact = False
        record.with_user(self.user).action_assign()
        self.assertFalse(
            self.env["biuro.mail.sender"].search(
                [("email", "=", "user@office.example.com")]
            )
        )


@tagged("post_install", "-at_install")
class TestReplyRouting(BiuroMailSecurityCase):
    """F12: replies by Message-ID join only threads the client mailbox serves."""

    def test_reply_joins_client_record(self):
        document = self.env["biuro.document"].create(
            {"name": "Umowa najmu", "partner_id": self.client_a.id}
        )
        original = document.message_post(body="Proszę o podpis")
        message = self.gateway_email(
            "zastepca@gmail.com",
            "Re: podpis",
            headers={"In-Reply-To": original.message_id},
        )
        self.assertEqual((message.model, message.res_id), (document._name, document.id))
        self.assertTrue(message.is_internal)

    def test_reply_into_unserved_thread_refused(self):
        channel = self.env["discuss.channel"].create({"name": "Zarząd biura"})
        in_channel = channel.message_post(body="Poufne", message_type="comment")
        notary = self.env["res.partner"].create({"name": "Kancelaria Notarialna"})
        on_notary = notary.message_post(body="Akt", message_type="comment")
        for parent, subject in ((in_channel, "Re: poufne"), (on_notary, "Re: akt")):
            with self.subTest(model=parent.model):
                message = self.gateway_email(
                    "ktos@nieznana-firma.pl",
                    subject,
                    headers={"In-Reply-To": parent.message_id},
                )
                self.assertEqual(message.model, "biuro.mail.unassigned")
        self.assertEqual(len(channel.message_ids), 1)

    def test_reply_to_tagged_reference_ignored(self):
        """Mailings whose replies must create new records tag their Message-ID
        with "reply_to": Odoo's routing ignores such references, so does ours."""
        tagged_id = generate_tracking_message_id("reply_to")
        self.client_b.message_post(body="Newsletter", message_id=tagged_id)
        message = self.gateway_email(
            "ktos@nieznana-firma.pl",
            "Re: newsletter",
            headers={"In-Reply-To": tagged_id, "References": tagged_id},
        )
        self.assertEqual(message.model, "biuro.mail.unassigned")

    def test_reply_to_client_thread_still_works(self):
        original = self.client_b.message_post(body="Prośba o dokumenty")
        message = self.gateway_email(
            "zastepca@gmail.com",
            "Re: dokumenty",
            headers={"In-Reply-To": original.message_id},
        )
        self.assertEqual(
            (message.model, message.res_id), ("res.partner", self.client_b.id)
        )
        self.assertEqual(message.parent_id, original)


@tagged("post_install", "-at_install")
class TestTimelineInternal(BiuroMailSecurityCase):
    """F7 (mail part): a portal person who can read its client reads none of the
    e-mails the gateway files there, nor their attachments."""

    def test_portal_reads_no_gateway_mail(self):
        self.client_b.message_subscribe(partner_ids=self.portal.partner_id.ids)
        message = self.gateway_email(
            "jan.kowalski@gmail.com",
            "Wyciąg bankowy",
            attachments=[("wyciag.pdf", b"%PDF wyciag", "application/pdf")],
        )
        self.assertEqual(
            (message.model, message.res_id), ("res.partner", self.client_b.id)
        )
        self.assertTrue(message.is_internal)
        # the portal person can read the client record itself ...
        self.client_b.with_user(self.portal).check_access("read")
        Message = self.env["mail.message"].with_user(self.portal)
        # ... but not the e-mail: not by search, not by id, not formatted
        found = Message.search_read(
            [("model", "=", "res.partner"), ("res_id", "=", self.client_b.id)],
            ["subject"],
        )
        self.assertNotIn(message.id, [row["id"] for row in found])
        with self.assertRaises(AccessError):
            message.with_user(self.portal).read(["body"])
        with self.assertRaises(AccessError):
            message.with_user(self.portal).portal_message_format()
        with self.assertRaises(AccessError):
            message.attachment_ids.with_user(self.portal).read(["datas"])
        # nor a copy by e-mail as a follower
        self.assertNotIn(self.portal.partner_id, message.notified_partner_ids)
        # the office still sees it everywhere
        client = self.client_b.with_user(self.user)
        self.assertEqual(client.biuro_email_count, 1)
        self.assertIn("Wyciąg bankowy", str(client.biuro_dashboard_html))
        message.with_user(self.user).read(["body"])

    def test_assigned_mail_is_internal(self):
        self.process(self.build_mail("obcy@gmail.com", subject="Nieprzypisany"))
        record = self.unassigned("Nieprzypisany")
        record.partner_id = self.client_b
        record.with_user(self.user).action_assign()
        message = self.emails_of(self.client_b)
        self.assertTrue(message.is_internal)
        with self.assertRaises(AccessError):
            message.with_user(self.portal).read(["body"])


@tagged("post_install", "-at_install")
class TestUniqueWithEmptyValues(BiuroMailSecurityCase):
    """Point 10: the uniqueness rules hold for empty values too."""

    def test_constraints_are_nulls_not_distinct(self):
        self.env.cr.execute(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid IN ('biuro_mail_domain'::regclass,
                                   'biuro_mail_sender'::regclass,
                                   'biuro_mail_public_domain'::regclass)
                  AND contype = 'u'"""
        )
        definitions = dict(self.env.cr.fetchall())
        self.assertEqual(len(definitions), 3)
        for name, definition in definitions.items():
            with self.subTest(constraint=name):
                self.assertIn("NULLS NOT DISTINCT", definition)

    def test_empty_values_refused(self):
        """An empty value is refused with a clear error: no row at all, so no
        second row identical but for an empty value either."""
        for model, values, error in (
            ("biuro.mail.sender", {"email": ""}, "not an e-mail address"),
            ("biuro.mail.sender", {"email": False}, "not an e-mail address"),
            ("biuro.mail.public.domain", {"name": ""}, "not a domain name"),
            ("biuro.mail.domain", {"name": ""}, "not a domain name"),
            ("biuro.mail.domain", {"name": False}, "not a domain name"),
        ):
            if model != "biuro.mail.public.domain":
                values = dict(values, partner_id=self.client_a.id)
            with (
                self.subTest(model=model, values=values),
                self.assertRaisesRegex(ValidationError, error),
            ):
                self.env[model].create(values)
        sender = self.env["biuro.mail.sender"].create(
            {"email": "a@gmail.com", "partner_id": self.client_a.id}
        )
        with self.assertRaisesRegex(ValidationError, "not an e-mail address"):
            sender.email = ""

    @mute_logger("odoo.sql_db")
    def test_duplicates_refused(self):
        for model, values in (
            ("biuro.mail.sender", {"email": "X@Gmail.com", "partner_id": 0}),
            ("biuro.mail.public.domain", {"name": "poczta.example"}),
            ("biuro.mail.domain", {"name": "alfa.pl", "partner_id": 0}),
        ):
            if "partner_id" in values:
                values = dict(values, partner_id=self.client_a.id)
            with (
                self.subTest(model=model),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                self.env[model].create([values, values])
                self.env.flush_all()


@tagged("post_install", "-at_install")
class TestPortalAccountAttack(HttpCase, BiuroMailSecurityCase):
    """F4 end to end: the portal contact changes its address on Odoo's
    /my/account (POST with csrf), then mail from the claimed domains arrives."""

    def post_account(self, email):
        response = self.url_open(
            "/my/account",
            data={
                "name": "Paweł Nowicki",
                "phone": "+48 600 100 200",
                "email": email,
                "street": "Długa 1",
                "city": "Kraków",
                "country_id": str(self.env.ref("base.pl").id),
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.portal.partner_id.email, email)

    def test_my_account_claims_no_domain(self):
        self.authenticate(self.portal.login, self.portal.login)
        self.post_account("x@kas.gov.pl")
        self.post_account(f"x@{self.office_domain}")
        self.assertFalse(self.client_b.biuro_mail_domain_ids)
        self.assertFalse(
            self.env["biuro.mail.domain"].search(
                [("name", "in", ["kas.gov.pl", self.office_domain])]
            )
        )
        for sender, subject, reason in (
            ("urzad@kas.gov.pl", "Wezwanie", "no_match"),
            (f"kadry@{self.office_domain}", "Lista płac", "office"),
        ):
            with self.subTest(sender=sender):
                message = self.gateway_email(sender, subject)
                self.assertEqual(message.model, "biuro.mail.unassigned")
                self.assertEqual(self.unassigned(subject).reason, reason)
                self.assertFalse(self.emails_of(self.client_b))

    def test_web_content_of_gateway_attachment_refused(self):
        message = self.gateway_email(
            "jan.kowalski@gmail.com",
            "Faktura",
            attachments=[("faktura.pdf", b"%PDF faktura", "application/pdf")],
        )
        attachment = message.attachment_ids
        self.assertEqual(attachment.res_id, self.client_b.id)
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF faktura", response.content)
