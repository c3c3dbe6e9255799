"""The attacks of the security review on the portal (issue #11), as roles ×
operations: portal owner / accountant / readonly, office user, plain employee, and
guessed ids. Each test performs the attack and shows it refused or harmless."""

import base64
import xmlrpc.client

from psycopg2 import IntegrityError

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import PDF, PortalHttpCase, PortalWorld

LEVELS = ("owner", "accountant", "readonly")
SECRET = b"%PDF-1.4\n% payroll of someone else\n"
# What the portal's card shows, and a sample of what it does not (the office's).
CARD_FIELDS = ["name", "biuro_nip", "biuro_regon", "biuro_krs", "biuro_state"]
OFFICE_ONLY_FIELDS = [
    "comment",
    "biuro_accountant_id",
    "biuro_assistant_ids",
    "biuro_invoiced_total",
    "biuro_payment_state",
    "biuro_books_type",
    "biuro_tax_form",
    "biuro_declaration_ids",
    "biuro_document_ids",
]
REFUSED = "cannot be invited from the portal"


def marshal(value):
    """What an XML-RPC answer of `value` would be (Odoo's marshaller refuses None
    the same way)."""
    return xmlrpc.client.dumps((value,), methodresponse=True, allow_none=False)


class SecurityWorld(PortalWorld):
    @classmethod
    def setup_security_world(cls):
        cls.setup_world()
        cls.Access = cls.env["biuro.portal.access"]
        cls.alfa = cls.make_company("Alfa Security sp. z o.o.")
        cls.omega = cls.make_company("Omega Security sp. z o.o.")
        cls.users = {
            level: cls.make_person(f"sec.{level}@portal.test", [(cls.alfa, level)])
            for level in LEVELS
        }
        cls.owner = cls.users["owner"]
        cls.employee = new_test_user(
            cls.env, "sec.employee@office.test", groups="base.group_user", lang="en_US"
        )
        # a file the office user may not read: a private attachment of another user
        cls.secret = (
            cls.env["ir.attachment"]
            .with_user(cls.employee)
            .create({"name": "payroll.pdf", "raw": SECRET})
        )

    def row(self, user, company=None):
        return self.Access.with_context(active_test=False).search(
            [
                ("partner_id", "=", user.partner_id.id),
                ("client_id", "=", (company or self.alfa).id),
            ]
        )


@tagged("post_install", "-at_install")
class TestSecurityPortal(SecurityWorld, MockEmail, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_security_world()

    def invite(self, user, email, name="", level="readonly", company=None):
        with self.mock_mail_gateway():
            return self.Access.with_user(user).invite(
                (company or self.alfa).id, email, name, level
            )

    # --- F2: no access rows for internal people; a document serves its own file ----

    def test_f2_internal_users_get_no_access_rows(self):
        office, employee = self.office_user, self.employee
        # (assertRaises: Odoo's rolls the refused change back)
        with self.assertRaises(ValidationError) as caught:
            self.Access.with_user(office).create(
                {"partner_id": office.partner_id.id, "client_id": self.alfa.id}
            )
        self.assertIn("office users do not get", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.row(self.users["readonly"]).with_user(office).write(
                {"partner_id": employee.partner_id.id}
            )
        self.assertIn("office users do not get", str(caught.exception))
        # a plain employee has no right on access rows at all
        with self.assertRaises(AccessError):
            self.Access.with_user(employee).create(
                {"partner_id": employee.partner_id.id, "client_id": self.alfa.id}
            )
        # nor may anyone invite an office login
        with self.assertRaisesRegex(UserError, "login of an office user"):
            self.invite(office, employee.login)
        self.assertFalse(
            self.Access.search([("partner_id.user_ids.share", "=", False)])
        )

    def test_f2_rows_of_internal_people_are_ignored(self):
        """A row of an internal person that exists anyway (an old one, or a portal
        user made an employee) opens nothing."""
        office = self.office_user
        self.env.cr.execute(
            "INSERT INTO biuro_portal_access (partner_id, client_id, level, active) "
            "VALUES (%s, %s, 'owner', true)",
            (office.partner_id.id, self.alfa.id),
        )
        self.env.invalidate_all()
        row = self.row(office)
        self.assertTrue(row)
        Access = self.Access.with_user(office)
        self.assertFalse(Access._biuro_own_access(self.alfa))
        with self.assertRaisesRegex(AccessError, "cannot upload"):
            self.env["biuro.document"].with_user(office)._biuro_portal_upload(
                row, str(self.category.id), "2026-03", [("a.pdf", PDF)]
            )
        # a portal person turned into an employee loses their rows at once
        reader = self.users["readonly"]
        reader.write({"groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        self.assertFalse(self.row(reader).active)

    def test_f2_document_serves_its_own_file_only(self):
        Document = self.env["biuro.document"].with_user(self.office_user)
        document = Document.create(
            {
                "name": "Points elsewhere",
                "partner_id": self.alfa.id,
                "attachment_id": self.secret.id,
            }
        )
        self.assertFalse(document._biuro_own_attachment())
        own = self.env["ir.attachment"].create(
            {
                "name": "own.pdf",
                "raw": PDF,
                "res_model": "biuro.document",
                "res_id": document.id,
            }
        )
        document.attachment_id = own
        self.assertEqual(document._biuro_own_attachment(), own)
        # an attachment of the client's timeline is not the document's file either
        timeline = self.env["ir.attachment"].create(
            {
                "name": "b.pdf",
                "raw": PDF,
                "res_model": "res.partner",
                "res_id": self.omega.id,
            }
        )
        document.attachment_id = timeline
        self.assertFalse(document._biuro_own_attachment())

    # --- F3: a login the office closed stays closed, and closes its rows -----------

    def test_f3_portal_wizard_revoke_closes_login_and_rows(self):
        user = self.make_person("closed2@x.test", [(self.omega, "readonly")])
        omega_row = self.row(user, self.omega)
        self.assertTrue(omega_row.active)
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [(4, user.partner_id.id)]}
        )
        wizard.user_ids.action_revoke_access()
        self.assertFalse(user.active)
        self.assertFalse(user._is_portal())
        # closing the login closed its rows, as the office's revocation
        self.assertFalse(omega_row.active)
        self.assertTrue(omega_row.revoked_by_office)
        with self.assertRaises(UserError) as caught:
            self.invite(self.owner, "closed2@x.test")
        self.assertIn(REFUSED, str(caught.exception))
        self.assertFalse(user.active)
        self.assertFalse(user._is_portal())
        self.assertFalse(self.row(user))
        self.assertFalse(omega_row.active)

    def test_f3_archived_or_demoted_logins_close_their_rows(self):
        archived = self.make_person("archived3@x.test", [(self.omega, "owner")])
        archived.active = False
        self.assertFalse(self.row(archived, self.omega).active)
        with self.assertRaises(UserError) as caught:
            self.invite(self.owner, "archived3@x.test")
        self.assertIn(REFUSED, str(caught.exception))
        self.assertFalse(archived.active)
        # out of the portal group, still active (e.g. moved to the public group)
        public = self.make_person("public3@x.test", [(self.omega, "owner")])
        public.write(
            {
                "groups_id": [
                    (3, self.env.ref("base.group_portal").id),
                    (4, self.env.ref("base.group_public").id),
                ]
            }
        )
        self.assertTrue(public.active)
        self.assertFalse(self.row(public, self.omega).active)
        with self.assertRaises(UserError) as caught:
            self.invite(self.owner, "public3@x.test")
        self.assertIn(REFUSED, str(caught.exception))
        self.assertFalse(public._is_portal())
        # deleting a login closes its rows too
        gone = self.make_person("gone3@x.test", [(self.omega, "readonly")])
        partner = gone.partner_id
        gone.unlink()
        self.assertFalse(
            self.Access.with_context(active_test=False)
            .search([("partner_id", "=", partner.id)])
            .filtered("active")
        )

    def test_f3_the_office_reopens_for_one_company_only(self):
        user = self.make_person(
            "reopen@x.test", [(self.omega, "readonly"), (self.alfa, "readonly")]
        )
        wizard = self.env["portal.wizard"].create(
            {"partner_ids": [(4, user.partner_id.id)]}
        )
        wizard.user_ids.action_revoke_access()
        access = self.invite(self.office_user, "reopen@x.test", company=self.omega)
        self.assertTrue(user.active and user._is_portal())
        self.assertEqual(access.partner_id, user.partner_id)
        self.assertTrue(access.active)
        self.assertFalse(access.revoked_by_office)
        # the other company stays closed until the office grants it again
        self.assertFalse(self.row(user, self.alfa).active)

    # --- F8: the invite form is no oracle -----------------------------------------

    def test_f8_one_generic_message_for_every_refusal(self):
        staff = new_test_user(self.env, "staff8@office.test", groups="base.group_user")
        closed = self.make_person("closed8@x.test", [])
        closed.active = False
        revoked = self.make_person("revoked8@x.test", [(self.alfa, "readonly")])
        self.row(revoked).with_user(self.office_user).action_revoke()
        messages = set()
        for email in (staff.login, closed.login, revoked.login):
            with self.subTest(email=email), self.assertRaises(UserError) as caught:
                self.invite(self.owner, email)
            message = str(caught.exception)
            messages.add(message)
            for secret in (email, staff.name, closed.name, revoked.name, "office user"):
                self.assertNotIn(secret, message)
        self.assertEqual(len(messages), 1)
        self.assertIn(REFUSED, messages.pop())
        self.assertFalse(closed.active)
        self.assertFalse(self.row(revoked).active)
        self.assertFalse(self.row(staff))

    def test_f8_refusal_in_polish(self):
        if not self.env.ref("base.lang_pl").active:
            self.skipTest("pl_PL is not loaded in this database")
        staff = new_test_user(self.env, "staff9@office.test", groups="base.group_user")
        Access = self.Access.with_user(self.owner).with_context(lang="pl_PL")
        with self.assertRaises(UserError) as caught:
            Access.invite(self.alfa.id, staff.login, "", "readonly")
        self.assertIn("Tej osoby nie można zaprosić z portalu", str(caught.exception))

    def test_f8_partners_of_others_are_not_reused(self):
        supplier = self.env["res.partner"].create(
            {"name": "Hidden Supplier Name", "email": "shared8@x.test"}
        )
        contact_of_omega = self.env["res.partner"].create(
            {
                "name": "Hidden Omega Contact",
                "parent_id": self.omega.id,
                "email": "omega8@x.test",
            }
        )
        contact_of_alfa = self.env["res.partner"].create(
            {
                "name": "Alfa Contact",
                "parent_id": self.alfa.id,
                "email": "alfa8@x.test",
            }
        )
        for email, hidden in (
            ("shared8@x.test", supplier),
            ("omega8@x.test", contact_of_omega),
        ):
            with self.subTest(email=email):
                # sudo: the test reads back what the invitation wrote
                access = self.invite(self.owner, email, "Typed Name").sudo()
                self.assertNotEqual(access.partner_id, hidden)
                self.assertEqual(access.partner_id.name, "Typed Name")
                self.assertFalse(hidden.user_ids)
                self.assertFalse(access.partner_id.parent_id)
        # a contact of this very company is the person
        # sudo: the test reads back what the invitation wrote
        access = self.invite(self.owner, "alfa8@x.test", "Typed Name").sudo()
        self.assertEqual(access.partner_id, contact_of_alfa)

    def test_f8_daily_limit_of_invitations(self):
        self.env["ir.config_parameter"].set_param(
            "crm_biuro_portal.invite_daily_limit", "2"
        )
        self.invite(self.owner, "one@limit.test")
        self.invite(self.owner, "two@limit.test")
        with self.assertRaisesRegex(UserError, r"most invitations allowed.*\(2\)"):
            self.invite(self.owner, "three@limit.test")
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "three@limit.test")])
        )
        # another owner has their own count; the office is not limited
        other = self.make_person("sec_other_owner", [(self.omega, "owner")])
        self.invite(other, "four@limit.test", company=self.omega)
        for n in range(3):
            self.invite(self.office_user, f"office{n}@limit.test")
        # the limit is the administrator's: office users cannot raise it
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.office_user).set_param(
                "crm_biuro_portal.invite_daily_limit", "1000"
            )
        # and nobody but the office sees who invited whom, nor logins
        for fname in ("invited_by_id", "invite_date", "user_id", "login_date"):
            with self.assertRaises(AccessError, msg=fname):
                self.row(self.users["readonly"]).with_user(self.owner).read([fname])

    # --- I2: co-owners, and the office's revocation wins ---------------------------

    def test_i2_co_owners_cannot_demote_or_revoke_each_other(self):
        # sudo: the test reads back what the invitation wrote
        co_owner = self.invite(self.owner, "co8@x.test", "Co Owner", "owner").sudo()
        co_user = co_owner.partner_id.user_ids
        original = self.row(self.owner)
        for actor, target in ((co_user, original), (self.owner, co_owner)):
            with self.subTest(actor=actor.login):
                with self.assertRaisesRegex(AccessError, "at or above your own level"):
                    target.with_user(actor).action_revoke()
                with self.assertRaisesRegex(AccessError, "at or above your own level"):
                    target.with_user(actor).action_change_level("readonly")
        # nor through an invitation of the other owner's (or one's own) address
        with self.assertRaisesRegex(AccessError, "at or above your own level"):
            self.invite(co_user, self.owner.login, level="readonly")
        with self.assertRaisesRegex(AccessError, "at or above your own level"):
            self.invite(self.owner, co_user.login, level="readonly")
        with self.assertRaisesRegex(UserError, "your own access"):
            self.invite(self.owner, self.owner.login, level="readonly")
        self.assertEqual((original | co_owner).mapped("level"), ["owner", "owner"])
        self.assertTrue(original.active and co_owner.active)
        # the office can
        co_owner.with_user(self.office_user).action_change_level("readonly")
        self.assertEqual(co_owner.level, "readonly")

    def test_i2_the_office_revocation_wins_over_an_owner(self):
        reader = self.users["readonly"]
        self.row(reader).with_user(self.office_user).action_revoke()
        self.assertTrue(self.row(reader).revoked_by_office)
        with self.assertRaises(UserError) as caught:
            self.invite(self.owner, reader.login)
        self.assertIn(REFUSED, str(caught.exception))
        self.assertFalse(self.row(reader).active)
        # revoking an already revoked row (e.g. over RPC) does not lift the mark
        self.row(reader).with_user(self.owner).action_revoke()
        self.assertTrue(self.row(reader).revoked_by_office)
        # an owner's own revocation, the owner may undo
        accountant = self.users["accountant"]
        self.row(accountant).with_user(self.owner).action_revoke()
        self.assertFalse(self.row(accountant).revoked_by_office)
        self.invite(self.owner, accountant.login, level="accountant")
        self.assertTrue(self.row(accountant).active)
        # the office grants again
        self.invite(self.office_user, reader.login)
        self.assertTrue(self.row(reader).active)
        self.assertFalse(self.row(reader).revoked_by_office)

    # --- point 10: one row per person and client, empty values included ------------

    def test_unique_person_and_client_for_empty_values_too(self):
        self.env.cr.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = 'biuro_portal_access_partner_client_uniq'"
        )
        self.assertIn("NULLS NOT DISTINCT", self.env.cr.fetchone()[0])
        person = self.users["readonly"].partner_id
        for partner_id, client_id in (
            (person.id, self.alfa.id),  # the same row again
            (None, self.alfa.id),  # empty person
            (person.id, None),  # empty company
        ):
            with (
                self.subTest(partner=partner_id, client=client_id),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError),
                self.env.cr.savepoint(),
            ):
                for _copy in range(2):
                    self.env.cr.execute(
                        "INSERT INTO biuro_portal_access "
                        "(partner_id, client_id, level, active) "
                        "VALUES (%s, %s, 'readonly', true)",
                        (partner_id, client_id),
                    )

    # --- F7: office-only fields and internal notes ---------------------------------

    def test_f7_portal_people_read_no_office_fields(self):
        self.alfa.write(
            {
                "comment": "<p>Internal: late payer</p>",
                "biuro_accountant_id": self.office_user.id,
            }
        )
        for level, user in self.users.items():
            with self.subTest(level=level):
                client = self.alfa.with_user(user)
                [card] = client.read(CARD_FIELDS)
                self.assertEqual(card["biuro_nip"], self.alfa.biuro_nip)
                for fname in OFFICE_ONLY_FIELDS:
                    with self.assertRaises(AccessError, msg=fname):
                        client.read([fname])
                    with self.assertRaises(AccessError, msg=fname):
                        client.search_read([(fname, "!=", False)], ["name"])
                described = client.fields_get()
                self.assertNotIn("comment", described)
                self.assertNotIn("biuro_accountant_id", described)
                self.assertIn("biuro_nip", described)
                # their own person too: the notes are the office's
                with self.assertRaises(AccessError):
                    user.partner_id.with_user(user).read(["comment"])
        # the office reads them all
        [row] = self.alfa.with_user(self.office_user).read(OFFICE_ONLY_FIELDS)
        self.assertIn("late payer", row["comment"])

    def test_f7_portal_people_read_no_internal_notes(self):
        note = self.alfa.message_post(
            body="Internal note: the owner is under investigation",
            subtype_xmlid="mail.mt_note",
        )
        self.env.flush_all()
        for level, user in self.users.items():
            with self.subTest(level=level):
                Message = self.env["mail.message"].with_user(user)
                found = Message.search_read(
                    [("model", "=", "res.partner"), ("res_id", "=", self.alfa.id)],
                    ["body"],
                )
                self.assertNotIn(note.id, [m["id"] for m in found])
                self.assertFalse(
                    [m for m in found if "investigation" in (m["body"] or "")]
                )
                with self.assertRaises(AccessError):
                    note.with_user(user).read(["body"])

    def test_f7_portal_people_read_no_document_notes(self):
        document = self.env["biuro.document"].create(
            {
                "partner_id": self.alfa.id,
                "name": "faktura.pdf",
                "portal_visible": True,
                "note": "Internal: the scan looks edited, ask the bank",
            }
        )
        for level, user in self.users.items():
            with self.subTest(level=level):
                mine = document.with_user(user)
                self.assertEqual(mine.read(["name"])[0]["name"], "faktura.pdf")
                with self.assertRaises(AccessError):
                    mine.read(["note"])
                with self.assertRaises(AccessError):
                    mine.search_read([("note", "ilike", "edited")], ["name"])
                self.assertNotIn("note", mine.fields_get())
        self.assertIn("edited", document.with_user(self.office_user).note)

    # --- public methods: rights and XML-RPC answers ---------------------------------

    def test_public_methods_check_rights_and_marshal(self):
        def call(user, model, method, args):
            env = self.env(user=user)
            with self.mock_mail_gateway():
                return api.call_kw(env[model], method, args, {})

        answer = call(
            self.owner,
            "biuro.portal.access",
            "invite",
            [self.alfa.id, "rpc@answer.test", "Rpc", "readonly"],
        )
        self.assertIsInstance(answer, int)
        marshal(answer)
        self.assertIs(
            call(
                self.owner,
                "biuro.portal.access",
                "action_change_level",
                [[answer], "accountant"],
            ),
            True,
        )
        self.assertIs(
            call(self.owner, "biuro.portal.access", "action_revoke", [[answer]]), True
        )
        action = call(
            self.office_user,
            "res.partner",
            "action_biuro_portal_invite",
            [self.alfa.ids],
        )
        marshal(action)
        for user in (self.employee, *self.users.values()):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    call(
                        user,
                        "res.partner",
                        "action_biuro_portal_invite",
                        [self.alfa.ids],
                    )
                with self.assertRaises(AccessError):
                    call(
                        user,
                        "biuro.portal.access",
                        "invite",
                        [self.omega.id, "guess@answer.test", "G", "readonly"],
                    )
        # guessed ids: rows of another company
        stranger = self.make_person("sec_stranger", [(self.omega, "readonly")])
        for level, user in self.users.items():
            with self.subTest(level=level), self.assertRaises(AccessError):
                call(
                    user,
                    "biuro.portal.access",
                    "action_revoke",
                    [self.row(stranger, self.omega).ids],
                )
        self.assertTrue(self.row(stranger, self.omega).active)


@tagged("post_install", "-at_install")
class TestSecurityPortalHttp(SecurityWorld, PortalHttpCase):
    """The same attacks over HTTP, with the attacker's session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_security_world()

    def login(self, user):
        self.authenticate(user.login, user.login)

    def test_f2_office_user_cannot_download_a_foreign_attachment(self):
        office = self.office_user
        with self.assertRaises(ValidationError):
            self.Access.with_user(office).create(
                {"partner_id": office.partner_id.id, "client_id": self.alfa.id}
            )
        # even with a row that exists anyway (old data)
        self.env.cr.execute(
            "INSERT INTO biuro_portal_access (partner_id, client_id, level, active) "
            "VALUES (%s, %s, 'owner', true)",
            (office.partner_id.id, self.alfa.id),
        )
        document = (
            self.env["biuro.document"]
            .with_user(office)
            .create(
                {
                    "name": "Bait",
                    "partner_id": self.alfa.id,
                    "attachment_id": self.secret.id,
                }
            )
        )
        self.env.flush_all()
        self.login(office)
        base = f"/my/clients/{self.alfa.id}"
        for url in (
            base,
            f"{base}/documents",
            f"{base}/documents/{document.id}/download",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(SECRET, response.content)
        with mute_logger("odoo.http"):
            for url in (
                f"/web/content/{self.secret.id}",
                f"/web/content/ir.attachment/{self.secret.id}/datas",
            ):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (403, 404), url)
                self.assertNotIn(SECRET, response.content)

    def test_f2_a_mislinked_attachment_is_not_served_to_the_client(self):
        """Staff link a file of another record to a client's document: the client's
        people get 404, never that file; the document's own attachment is served."""
        document = self.env["biuro.document"].create(
            {"name": "Mislinked", "partner_id": self.alfa.id}
        )
        foreign = self.attachment_of(self.records[self.omega.id]["document"])
        url = f"/my/clients/{self.alfa.id}/documents/{document.id}/download"
        own = self.env["ir.attachment"].create(
            {
                "name": "own.pdf",
                "raw": PDF,
                "res_model": "biuro.document",
                "res_id": document.id,
            }
        )
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                for attachment in (self.secret, foreign):
                    document.attachment_id = attachment
                    self.env.flush_all()
                    response = self.url_open(url, allow_redirects=False)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(
                        base64.b64decode(attachment.datas), response.content
                    )
                document.attachment_id = own
                self.env.flush_all()
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, PDF)

    def test_f7_json_rpc_of_portal_people(self):
        self.alfa.comment = "<p>Internal: late payer</p>"
        self.alfa.message_post(
            body="Note: under investigation", subtype_xmlid="mail.mt_note"
        )
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                [card] = self.call_kw(
                    "res.partner", "read", [self.alfa.ids, CARD_FIELDS]
                )
                self.assertEqual(card["name"], self.alfa.name)
                with mute_logger("odoo.http"):
                    for fname in OFFICE_ONLY_FIELDS:
                        with self.assertRaises(JsonRpcException, msg=fname):
                            self.call_kw(
                                "res.partner", "read", [self.alfa.ids, [fname]]
                            )
                messages = self.call_kw(
                    "mail.message",
                    "search_read",
                    [[("model", "=", "res.partner"), ("res_id", "=", self.alfa.id)]],
                    {"fields": ["body"]},
                )
                self.assertFalse([m for m in messages if "investigation" in m["body"]])
                # the card page still shows what it shows
                page = self.url_open(f"/my/clients/{self.alfa.id}").text
                self.assertIn(self.alfa.biuro_nip, page)
                self.assertNotIn("late payer", page)

    def test_f8_invite_form_shows_no_names_of_others(self):
        self.env["res.partner"].create(
            {"name": "Hidden Supplier Name", "email": "supplier@form.test"}
        )
        staff = new_test_user(self.env, "staff@form.test", groups="base.group_user")
        self.login(self.owner)
        base = f"/my/clients/{self.alfa.id}/access"
        csrf = self.csrf_from(base)
        response = self.url_open(
            f"{base}/invite",
            data={
                "csrf_token": csrf,
                "email": "supplier@form.test",
                "name": "Typed",
                "level": "readonly",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Hidden Supplier Name", response.text)
        self.assertIn("Typed", response.text)
        response = self.url_open(
            f"{base}/invite",
            data={"csrf_token": csrf, "email": staff.login, "level": "readonly"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(REFUSED, response.text)
        self.assertNotIn("office user", response.text)

    def test_i2_access_page_offers_changes_below_ones_level_only(self):
        co_owner = self.make_person("sec.co@portal.test", [(self.alfa, "owner")])
        rows = {user: self.row(user) for user in (co_owner, *self.users.values())}
        self.login(self.owner)
        base = f"/my/clients/{self.alfa.id}/access"
        page = self.url_open(base).text
        for user, row in rows.items():
            offered = f'action="{base}/{row.id}/revoke"' in page
            self.assertEqual(offered, row.level != "owner", user.login)
        # the form posted anyway is refused
        response = self.url_open(
            f"{base}/{rows[co_owner].id}/revoke",
            data={"csrf_token": self.csrf_from(base)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(rows[co_owner].active)
