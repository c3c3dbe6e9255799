import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_biuro_portal.models import biuro_portal_access

from .common import PDF, PortalWorld, office_upload_label


@tagged("post_install", "-at_install")
class TestPortalAccess(PortalWorld, TransactionCase):
    """The access rows: levels, uniqueness, the timeline, who may manage whom."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.Access = cls.env["biuro.portal.access"]
        cls.alfa = cls.make_company("Alfa sp. z o.o.", with_records=False)
        cls.omega = cls.make_company("Omega sp. z o.o.", with_records=False)
        cls.owner = cls.make_person("access_owner", [(cls.alfa, "owner")])
        cls.accountant = cls.make_person(
            "access_accountant", [(cls.alfa, "accountant")]
        )
        cls.reader = cls.make_person("access_reader", [(cls.alfa, "readonly")])

    def row(self, user, company=None):
        return self.Access.search(
            [
                ("partner_id", "=", user.partner_id.id),
                ("client_id", "=", (company or self.alfa).id),
            ]
        )

    def test_level_labels_in_polish(self):
        if not self.env.ref("base.lang_pl").active:
            self.skipTest("pl_PL is not loaded in this database")
        labels = dict(
            self.Access._fields["level"]._description_selection(
                self.env(context={"lang": "pl_PL"})
            )
        )
        self.assertEqual(
            labels,
            {
                "owner": "Właściciel",
                "accountant": "Księgowy",
                "readonly": "Tylko odczyt",
            },
        )

    def test_one_row_per_person_and_client(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Access.create(
                {
                    "partner_id": self.owner.partner_id.id,
                    "client_id": self.alfa.id,
                    "level": "readonly",
                }
            )
            self.env.flush_all()

    def test_only_clients_of_the_office(self):
        stranger = self.env["res.partner"].create({"name": "Not a client"})
        with self.assertRaisesRegex(ValidationError, "not a client of the office"):
            self.Access.create(
                {"partner_id": self.owner.partner_id.id, "client_id": stranger.id}
            )

    def test_changes_are_on_the_client_timeline(self):
        person = self.env["res.partner"].create({"name": "Ewa Timeline"})
        office = self.office_user
        access = self.Access.with_user(office).create(
            {"partner_id": person.id, "client_id": self.omega.id, "level": "readonly"}
        )
        access.with_user(office).write({"level": "accountant"})
        access.with_user(office).action_revoke()
        self.Access.with_user(office).invite(
            self.omega.id, "ewa@timeline.test", "Ewa Timeline", "owner"
        )
        notes = self.omega.message_ids.filtered(
            lambda m: "Ewa Timeline" in (m.body or "")
        ).sorted("id")
        self.assertEqual(
            [m.preview for m in notes],
            [
                "Portal access granted to Ewa Timeline: Read-only.",
                "Portal access level of Ewa Timeline changed: Read-only → Accountant.",
                "Portal access of Ewa Timeline revoked.",
                # the invite found no user for that address: a new person was created
                "Portal access granted to Ewa Timeline: Owner.",
            ],
        )
        self.assertEqual(notes.author_id, office.partner_id)
        self.assertTrue(all(note.date for note in notes))
        self.assertEqual(notes.subtype_id, self.env.ref("mail.mt_note"))

    def test_owner_manages_access_of_their_company(self):
        Access = self.Access.with_user(self.owner)
        granted = Access.invite(self.alfa.id, "anna@new.test", "Anna Nowa", "owner")
        # sudo: the test reads back, past the user's rights, what the code wrote
        self.assertEqual(granted.sudo().level, "owner")
        # sudo: the test reads back, past the user's rights, what the code wrote
        self.assertEqual(granted.sudo().partner_id.name, "Anna Nowa")
        note = self.alfa.message_ids[0]
        self.assertEqual(note.author_id, self.owner.partner_id)
        self.assertIn("Anna Nowa", note.preview)
        self.assertNotIn(self.owner.partner_id, self.alfa.message_partner_ids)
        self.row(self.accountant).with_user(self.owner).action_change_level("readonly")
        self.assertEqual(self.row(self.accountant).level, "readonly")
        self.row(self.reader).with_user(self.owner).action_revoke()
        self.assertFalse(self.row(self.reader))
        with self.assertRaisesRegex(UserError, "your own access"):
            self.row(self.owner).with_user(self.owner).action_change_level("readonly")
        with self.assertRaisesRegex(UserError, "your own access"):
            self.row(self.owner).with_user(self.owner).action_revoke()
        with self.assertRaisesRegex(UserError, "Unknown access level"):
            Access.invite(self.alfa.id, "x@new.test", "X", "superuser")

    def test_no_management_below_owner_nor_on_other_companies(self):
        for user in (self.accountant, self.reader):
            with self.subTest(user=user.login):
                Access = self.Access.with_user(user)
                for level in ("owner", "accountant", "readonly"):
                    with self.assertRaisesRegex(AccessError, "cannot manage"):
                        Access.invite(self.alfa.id, "y@new.test", "Y", level)
                with self.assertRaises(AccessError):
                    self.row(self.owner).with_user(user).action_revoke()
                with self.assertRaises(AccessError):
                    self.row(self.owner).with_user(user).action_change_level("readonly")
        with self.assertRaises(AccessError) as caught:
            self.Access.with_user(self.owner).invite(
                self.omega.id, "z@new.test", "Z", "readonly"
            )
        self.assertNotIn(self.omega.name, str(caught.exception))
        self.assertFalse(self.env["res.users"].search([("login", "like", "@new.test")]))
        self.assertEqual(self.row(self.owner).level, "owner")

    def test_level_ranks(self):
        """No one gives more than they have. Owners are the top level today, so the
        rank check is exercised with a lower manager by pretending accountants
        manage too."""
        self.patch(biuro_portal_access, "MANAGE_LEVELS", ("owner", "accountant"))
        Access = self.Access.with_user(self.accountant)
        with self.assertRaisesRegex(AccessError, "higher than your own"):
            Access.invite(self.alfa.id, "up@new.test", "Up", "owner")
        with self.assertRaisesRegex(AccessError, "above your own level"):
            self.row(self.owner).with_user(self.accountant).action_revoke()
        Access.invite(self.alfa.id, "down@new.test", "Down", "readonly")

    def test_invite_reuses_people_and_users(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Jan Kontakt",
                "parent_id": self.alfa.id,
                "email": "Jan@Kontakt.TEST",
            }
        )
        Access = self.Access.with_user(self.office_user)
        first = Access.invite(self.alfa.id, "jan@kontakt.test", "ignored", "readonly")
        self.assertEqual(first.partner_id, contact)
        user = contact.user_ids
        self.assertTrue(user.share and user._is_portal())
        second = Access.invite(self.omega.id, "JAN@kontakt.test", "", "accountant")
        self.assertEqual(second.partner_id, contact)
        self.assertEqual(contact.user_ids, user)
        # a revoked row comes back instead of a duplicate
        first.with_user(self.office_user).action_revoke()
        again = Access.invite(self.alfa.id, "jan@kontakt.test", "", "owner")
        self.assertEqual(again, first)
        self.assertTrue(again.active)
        self.assertEqual(again.level, "owner")
        staff = new_test_user(self.env, "staff@office.test", groups="base.group_user")
        with self.assertRaisesRegex(UserError, "office user"):
            Access.invite(self.alfa.id, staff.login, "", "readonly")
        with self.assertRaisesRegex(UserError, "valid e-mail"):
            Access.invite(self.alfa.id, "not an address", "", "readonly")
        with self.assertRaisesRegex(UserError, "office clients only"):
            Access.invite(contact.id, "k@kontakt.test", "", "readonly")

    def test_archived_portal_user_comes_back(self):
        user = new_test_user(
            self.env, "archived@portal.test", groups="base.group_portal"
        )
        user.active = False
        access = self.Access.with_user(self.office_user).invite(
            self.omega.id, "archived@portal.test", "", "readonly"
        )
        self.assertEqual(access.partner_id, user.partner_id)
        self.assertTrue(user.active)

    def test_owner_cannot_revive_an_account_the_office_closed(self):
        """A closed login keeps its old password: a client's owner inviting that
        address must not reopen it (with every access row it still has)."""
        user = new_test_user(self.env, "closed@portal.test", groups="base.group_portal")
        self.Access.create(
            {"partner_id": user.partner_id.id, "client_id": self.omega.id}
        )
        user.active = False
        with self.assertRaisesRegex(UserError, "cannot be invited from the portal"):
            self.Access.with_user(self.owner).invite(
                self.alfa.id, "closed@portal.test", "", "readonly"
            )
        self.assertFalse(user.active)
        self.assertFalse(self.row(user))

    def test_record_rules_with_the_orm(self):
        invoice_alfa = self.make_invoice(self.alfa)
        invoice_omega = self.make_invoice(self.omega)
        env = self.env(user=self.reader)
        self.assertEqual(
            env["res.partner"].search([("biuro_client", "=", True)]), self.alfa
        )
        self.assertEqual(env["account.move"].search([]), invoice_alfa)
        with self.assertRaises(AccessError):
            invoice_omega.with_user(self.reader).read(["name"])
        with self.assertRaises(AccessError):
            self.omega.with_user(self.reader).read(["name"])
        # people of the company: the owner sees them, the others only themselves
        self.assertEqual(
            self.Access.with_user(self.owner).search(
                [("client_id", "=", self.alfa.id)]
            ),
            self.row(self.owner) | self.row(self.accountant) | self.row(self.reader),
        )
        self.assertEqual(
            self.Access.with_user(self.reader).search([]), self.row(self.reader)
        )
        # internal users are not concerned by the global rules
        billing = new_test_user(
            self.env, "rules_billing", groups="account.group_account_invoice"
        )
        both = invoice_alfa | invoice_omega
        self.assertEqual(
            self.env["account.move"]
            .with_user(billing)
            .search([("id", "in", both.ids)]),
            both,
        )


@tagged("post_install", "-at_install")
class TestPortalUpload(PortalWorld, TransactionCase):
    """Uploads of the portal land as new documents on the client's timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.alfa = cls.make_company("Alfa Upload sp. z o.o.", with_records=False)
        cls.owner = cls.make_person("upload_owner", [(cls.alfa, "owner")])
        cls.reader = cls.make_person("upload_reader", [(cls.alfa, "readonly")])
        cls.Document = cls.env["biuro.document"]

    def access_of(self, user):
        return user.partner_id.biuro_portal_company_access_ids

    def upload(self, user, files, category=None, period="2026-03"):
        Document = self.Document.with_user(user)
        category_id = str((self.category if category is None else category).id)
        return Document._biuro_portal_upload(
            self.access_of(user), category_id, period, files
        )

    def test_upload_creates_new_documents_on_the_timeline(self):
        documents = self.upload(
            self.owner, [("C:\\scans\\faktura.pdf", PDF), ("wyciag.csv", b"a;b")]
        )
        self.assertEqual(documents.mapped("name"), ["faktura.pdf", "wyciag.csv"])
        # sudo: the test reads back, past the user's rights, what the code wrote
        documents = documents.sudo()
        self.assertEqual(set(documents.mapped("state")), {"new"})
        self.assertEqual(documents.uploaded_by, self.owner)
        self.assertEqual(documents.partner_id, self.alfa)
        self.assertEqual(base64.b64decode(documents[0].file), PDF)
        notes = self.alfa.message_ids.filtered(
            lambda m: "biuro.document" in (m.body or "")
        )
        self.assertEqual(len(notes), 2)
        self.assertEqual(notes.author_id, self.owner.partner_id)
        label = office_upload_label(self.env)
        self.assertTrue(all(label in n.body for n in notes))
        # the uploader follows neither the client nor the documents
        self.assertNotIn(self.owner.partner_id, self.alfa.message_partner_ids)
        self.assertNotIn(self.owner.partner_id, documents.message_partner_ids)

    def test_upload_errors_are_all_listed_and_nothing_is_created(self):
        self.env["ir.config_parameter"].set_param(
            "crm_biuro_portal.upload_max_size_mb", "0.001"
        )
        with self.assertRaises(UserError) as caught:
            self.upload(
                self.owner,
                [
                    ("program.exe", b"MZ"),
                    ("big.pdf", PDF * 100),
                    ("empty.pdf", b""),
                    ("no-extension", b"x"),
                ],
                category=self.env["biuro.document.category"],
                period="march",
            )
        lines = str(caught.exception).splitlines()
        self.assertEqual(
            lines[:2],
            [
                "Choose the category of the documents.",
                "Choose the month the documents belong to.",
            ],
        )
        self.assertTrue(lines[2].startswith("program.exe: this type of file is not"))
        self.assertIn("pdf, png", lines[2])
        self.assertEqual(lines[3], "big.pdf is too large: at most 0.001 MB per file.")
        self.assertEqual(lines[4], "empty.pdf is empty.")
        self.assertTrue(lines[5].startswith("no-extension: this type"))
        self.assertFalse(self.Document.search([("partner_id", "=", self.alfa.id)]))
        with self.assertRaisesRegex(UserError, "at least one file"):
            self.upload(self.owner, [])

    def test_errors_in_polish(self):
        if not self.env.ref("base.lang_pl").active:
            self.skipTest("pl_PL is not loaded in this database")
        Document = self.Document.with_user(self.owner).with_context(lang="pl_PL")
        with self.assertRaises(UserError) as caught:
            Document._biuro_portal_upload(
                self.access_of(self.owner), "", "2026-03", [("a.exe", b"MZ")]
            )
        self.assertIn("Wybierz kategorię dokumentów.", str(caught.exception))

    def test_read_only_and_strangers_cannot_upload(self):
        with self.assertRaisesRegex(AccessError, "cannot upload"):
            self.upload(self.reader, [("a.pdf", PDF)])
        with self.assertRaisesRegex(AccessError, "cannot upload"):
            # someone else's row
            self.Document.with_user(self.reader)._biuro_portal_upload(
                self.access_of(self.owner),
                str(self.category.id),
                "2026-03",
                [("a.pdf", PDF)],
            )
        revoked = self.access_of(self.owner)
        revoked.action_revoke()
        with self.assertRaisesRegex(AccessError, "cannot upload"):
            self.Document.with_user(self.owner)._biuro_portal_upload(
                revoked,
                str(self.category.id),
                "2026-03",
                [("a.pdf", PDF)],
            )
