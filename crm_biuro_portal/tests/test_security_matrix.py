"""Every level × every portal route and download path, on an allowed company and on
a foreign one, over real HTTP with the portal user's session."""

import re

from odoo.tests import new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PDF, PortalHttpCase

LEVELS = ("owner", "accountant", "readonly")


@tagged("post_install", "-at_install")
class TestSecurityMatrix(PortalHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.allowed = cls.make_company("Alfa Allowed sp. z o.o.")
        cls.foreign = cls.make_company("Omega Foreign sp. z o.o.")
        cls.mine = cls.records[cls.allowed.id]
        cls.theirs = cls.records[cls.foreign.id]
        cls.users = {
            level: cls.make_person(f"matrix_{level}", [(cls.allowed, level)])
            for level in LEVELS
        }
        # someone else's row on the foreign company, for guessed access ids
        cls.stranger = cls.make_person("matrix_stranger", [(cls.foreign, "owner")])
        cls.stranger_access = cls.stranger.partner_id.biuro_portal_company_access_ids
        cls.foreign_attachment = cls.attachment_of(cls.theirs["document"])
        cls.secrets = [
            cls.foreign.name,
            cls.foreign.biuro_nip,
            cls.theirs["document"].name,
            cls.theirs["document"].file_name,
            cls.theirs["invoice"].name,
            cls.theirs["contract"].name,
            cls.stranger.name,
        ]

    # --- helpers ------------------------------------------------------------------

    def get(self, url, status):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def assertNoSecrets(self, response, url=""):
        for secret in self.secrets:
            self.assertNotIn(secret, response.text, f"{secret!r} leaked by {url}")
            self.assertNotIn(secret.encode(), response.content, url)

    def login(self, user):
        self.authenticate(user.login, user.login)

    def session_csrf(self):
        page = self.url_open("/my").text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    # --- allowed company ----------------------------------------------------------

    def test_allowed_company_for_each_level(self):
        mine = self.mine
        base = f"/my/clients/{self.allowed.id}"
        document = mine["document"]
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                response = self.get("/my/clients", 200)
                self.assertIn(self.allowed.name, response.text)
                self.assertNoSecrets(response, "/my/clients")

                response = self.get(base, 200)
                for shown in (self.allowed.biuro_nip, mine["contract"].name):
                    self.assertIn(shown, response.text)
                self.assertIn(mine["invoice"].name, response.text)
                self.assertEqual(
                    "o_biuro_access_link" in response.text, level == "owner"
                )
                self.assertNoSecrets(response, base)

                response = self.get(f"{base}/documents", 200)
                self.assertIn(document.name, response.text)
                self.assertEqual(
                    f'action="{base}/documents/upload"' in response.text,
                    level != "readonly",
                )
                self.assertNoSecrets(response, f"{base}/documents")

                response = self.get(f"{base}/documents/{document.id}/download", 200)
                self.assertEqual(response.content, PDF + self.allowed.name.encode())
                self.assertIn("attachment", response.headers["Content-Disposition"])
                response = self.get(
                    f"/web/content/biuro.document/{document.id}/file", 200
                )
                self.assertEqual(response.content, PDF + self.allowed.name.encode())

                self.get(f"{base}/access", 200 if level == "owner" else 403)

                response = self.get("/my/invoices", 200)
                self.assertIn(mine["invoice"].name, response.text)
                self.assertNoSecrets(response, "/my/invoices")
                invoice_url = f"/my/invoices/{mine['invoice'].id}"
                self.assertIn(mine["invoice"].name, self.get(invoice_url, 200).text)
                self.get(f"{invoice_url}?report_type=html", 200)

    # --- foreign company ----------------------------------------------------------

    def test_foreign_company_for_each_level(self):
        theirs, fid = self.theirs, self.foreign.id
        document, invoice = theirs["document"], theirs["invoice"]
        attachment = self.foreign_attachment
        self.assertTrue(attachment)
        not_found = [
            f"/my/clients/{fid}",
            f"/my/clients/{fid}/documents",
            f"/my/clients/{fid}/documents/page/2",
            f"/my/clients/{fid}/documents?period=2026-02",
            f"/my/clients/{fid}/documents/{document.id}/download",
            # an allowed company in the URL does not open a foreign document
            f"/my/clients/{self.allowed.id}/documents/{document.id}/download",
            f"/my/clients/{fid}/access",
            f"/my/invoices/{invoice.id}",
            f"/my/invoices/{invoice.id}?report_type=pdf&download=true",
            f"/my/invoices/{invoice.id}?report_type=html",
            "/my/clients/987654321",
        ]
        # Odoo's own download routes answer 403 (AccessError) or 404
        refused = [
            f"/web/content/biuro.document/{document.id}/file",
            f"/web/content/biuro.document/{document.id}/file?download=true",
            f"/web/content/{attachment.id}",
            f"/web/content/ir.attachment/{attachment.id}/datas",
            f"/report/html/account.report_invoice/{invoice.id}",
            f"/report/pdf/account.report_invoice/{invoice.id}",
            f"/account/download_invoice_documents/{invoice.id}/pdf",
        ]
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                for url in not_found:
                    self.assertNoSecrets(self.get(url, 404), url)
                with mute_logger("odoo.http"):
                    for url in refused:
                        response = self.url_open(url, allow_redirects=False)
                        self.assertIn(response.status_code, (403, 404), url)
                        self.assertNoSecrets(response, url)
                    # /web/image answers Odoo's placeholder picture instead
                    url = f"/web/image/ir.attachment/{attachment.id}/datas"
                    response = self.url_open(url, allow_redirects=False)
                    self.assertNotIn(PDF, response.content, url)
                    self.assertNoSecrets(response, url)

    def test_foreign_posts_are_refused(self):
        Document = self.env["biuro.document"]
        fid = self.foreign.id
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                csrf = self.session_csrf()
                response = self.url_open(
                    f"/my/clients/{fid}/documents/upload",
                    data={"csrf_token": csrf, "category_id": self.category.id},
                    files=[("files", ("x.pdf", PDF))],
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 404)
                for url, data in (
                    (f"/my/clients/{fid}/access/invite", {"email": "a@b.pl"}),
                    (f"/my/clients/{fid}/access/{self.stranger_access.id}/revoke", {}),
                    (
                        f"/my/clients/{fid}/access/{self.stranger_access.id}/level",
                        {"level": "readonly"},
                    ),
                    # the row of a foreign company under an allowed company's URL
                    (
                        (
                            f"/my/clients/{self.allowed.id}/access/"
                            f"{self.stranger_access.id}/revoke"
                        ),
                        {},
                    ),
                ):
                    response = self.url_open(
                        url, data={"csrf_token": csrf, **data}, allow_redirects=False
                    )
                    self.assertIn(response.status_code, (403, 404), url)
                    self.assertNoSecrets(response, url)
        self.env.invalidate_all()
        self.assertEqual(Document.search_count([("partner_id", "=", fid)]), 1)
        self.assertTrue(self.stranger_access.active)
        self.assertEqual(self.stranger_access.level, "owner")

    def test_json_rpc_with_the_portal_session(self):
        mine, theirs = self.mine, self.theirs
        foreign_records = [
            ("res.partner", self.foreign.ids),
            ("biuro.document", theirs["document"].ids),
            ("biuro.contract", theirs["contract"].ids),
            ("account.move", theirs["invoice"].ids),
            ("account.move.line", theirs["invoice"].line_ids.ids),
            ("ir.attachment", self.foreign_attachment.ids),
            ("biuro.portal.access", self.stranger_access.ids),
            ("res.partner", self.stranger.partner_id.ids),
        ]
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                [partner] = self.call_kw(
                    "res.partner", "read", [self.allowed.ids, ["name", "biuro_nip"]]
                )
                self.assertEqual(partner["name"], self.allowed.name)
                for model, expected in (
                    ("biuro.document", mine["document"]),
                    ("biuro.contract", mine["contract"]),
                    ("account.move", mine["invoice"]),
                ):
                    found = self.call_kw(model, "search", [[]])
                    self.assertEqual(found, expected.ids, model)
                clients = self.call_kw(
                    "res.partner", "search", [[("biuro_client", "=", True)]]
                )
                self.assertEqual(clients, self.allowed.ids)
                lines = self.call_kw(
                    "account.move.line",
                    "search",
                    [[("move_id", "=", theirs["invoice"].id)]],
                )
                self.assertEqual(lines, [])
                # portal users have no access to attachments at all: files are
                # only streamed by the portal routes, after the record check
                with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                    self.call_kw("ir.attachment", "search", [[]])
                with mute_logger("odoo.http"):
                    for model, ids in foreign_records:
                        with self.assertRaises(JsonRpcException, msg=model) as caught:
                            self.call_kw(model, "read", [ids, ["display_name"]])
                        for secret in self.secrets:
                            self.assertNotIn(secret, str(caught.exception))
                    # no model method opens the door either
                    with self.assertRaises(JsonRpcException):
                        self.call_kw(
                            "biuro.portal.access",
                            "invite",
                            [self.foreign.id, "guess@example.com", "Guess", "owner"],
                        )
                    with self.assertRaises(JsonRpcException):
                        self.call_kw(
                            "biuro.portal.access",
                            "action_revoke",
                            [self.stranger_access.ids],
                        )
                    with self.assertRaises(JsonRpcException):
                        self.call_kw(
                            "biuro.document",
                            "write",
                            [mine["document"].ids, {"portal_visible": False}],
                        )
        self.assertTrue(self.stranger_access.active)

    # --- levels: uploads and access management ---------------------------------------

    def test_upload_by_level(self):
        Document = self.env["biuro.document"]
        url = f"/my/clients/{self.allowed.id}/documents/upload"
        for level, user in self.users.items():
            with self.subTest(level=level):
                self.login(user)
                before = Document.search_count([("partner_id", "=", self.allowed.id)])
                response = self.url_open(
                    url,
                    data={
                        "csrf_token": self.session_csrf(),
                        "category_id": self.category.id,
                        "period": "2026-03",
                    },
                    files=[
                        ("files", (f"invoice-{level}.pdf", PDF)),
                        ("files", (f"jpk-{level}.xml", b"<JPK/>")),
                    ],
                    allow_redirects=False,
                )
                self.env.invalidate_all()
                created = Document.search(
                    [("partner_id", "=", self.allowed.id)], order="id"
                )[before:]
                if level == "readonly":
                    self.assertEqual(response.status_code, 403)
                    self.assertFalse(created)
                    continue
                self.assertEqual(response.status_code, 303)
                self.assertIn("uploaded=2", response.headers["Location"])
                self.assertEqual(
                    sorted(created.mapped("file_name")),
                    [f"invoice-{level}.pdf", f"jpk-{level}.xml"],
                )
                self.assertEqual(set(created.mapped("state")), {"new"})
                self.assertEqual(created.uploaded_by, user)
                self.assertEqual(str(created[0].period), "2026-03-01")
                self.assertEqual(created.category_id, self.category)

    def test_invite_and_manage_by_level(self):
        Access = self.env["biuro.portal.access"]
        base = f"/my/clients/{self.allowed.id}/access"
        for level in ("accountant", "readonly"):
            with self.subTest(level=level):
                self.login(self.users[level])
                csrf = self.session_csrf()
                owner_access = self.users[
                    "owner"
                ].partner_id.biuro_portal_company_access_ids
                for url, data in (
                    (f"{base}/invite", {"email": "boss@invite.test", "level": "owner"}),
                    (f"{base}/invite", {"email": "reader@invite.test"}),
                    (f"{base}/{owner_access.id}/revoke", {}),
                    (f"{base}/{owner_access.id}/level", {"level": "readonly"}),
                ):
                    response = self.url_open(
                        url, data={"csrf_token": csrf, **data}, allow_redirects=False
                    )
                    self.assertEqual(response.status_code, 403, url)
                self.env.invalidate_all()
                self.assertFalse(
                    Access.search([("partner_id.email", "like", "@invite.test")])
                )
                self.assertEqual(owner_access.level, "owner")
                self.assertTrue(owner_access.active)
        owner = self.users["owner"]
        self.login(owner)
        csrf = self.session_csrf()
        response = self.url_open(
            f"{base}/invite",
            data={
                "csrf_token": csrf,
                "email": "nowy.wspolnik@invite.test",
                "name": "Nowy Wspólnik",
                "level": "owner",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        invited = Access.search(
            [("partner_id.email", "=", "nowy.wspolnik@invite.test")]
        )
        self.assertEqual(invited.client_id, self.allowed)
        self.assertEqual(invited.level, "owner")
        self.assertTrue(invited.user_id.share)
        note = self.allowed.message_ids[0]
        self.assertEqual(note.author_id, owner.partner_id)
        self.assertIn("Nowy Wspólnik", note.body)
        # an unknown level is refused with a message, nothing changes
        response = self.url_open(
            f"{base}/invite",
            data={"csrf_token": csrf, "email": "x@invite.test", "level": "admin"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Unknown access level", response.text)
        # change and revoke others, never oneself
        accountant_access = self.users[
            "accountant"
        ].partner_id.biuro_portal_company_access_ids
        response = self.url_open(
            f"{base}/{accountant_access.id}/level",
            data={"csrf_token": csrf, "level": "readonly"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        own_access = owner.partner_id.biuro_portal_company_access_ids
        response = self.url_open(
            f"{base}/{own_access.id}/revoke",
            data={"csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("You cannot change your own access.", response.text)
        readonly_access = self.users[
            "readonly"
        ].partner_id.biuro_portal_company_access_ids
        response = self.url_open(
            f"{base}/{readonly_access.id}/revoke",
            data={"csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(accountant_access.level, "readonly")
        self.assertFalse(readonly_access.active)
        self.assertTrue(own_access.active)
        # the revoked person sees nothing any more
        self.login(self.users["readonly"])
        self.get(f"/my/clients/{self.allowed.id}", 404)

    # --- revocation and Odoo's default portal rules ----------------------------------

    def test_revoked_access_gives_nothing_at_once(self):
        user = self.make_person("matrix_revoked", [(self.allowed, "owner")])
        mine, cid = self.mine, self.allowed.id
        self.login(user)
        self.get(f"/my/clients/{cid}", 200)
        access = user.partner_id.biuro_portal_company_access_ids
        access.with_user(self.office_user).action_revoke()
        self.env.flush_all()
        self.assertNotIn(self.allowed.name, self.get("/my/clients", 200).text)
        self.assertNotIn(mine["invoice"].name, self.get("/my/invoices", 200).text)
        for url in (
            f"/my/clients/{cid}",
            f"/my/clients/{cid}/documents",
            f"/my/clients/{cid}/documents/{mine['document'].id}/download",
            f"/my/clients/{cid}/access",
            f"/my/invoices/{mine['invoice'].id}",
        ):
            self.assertNotIn(self.allowed.name, self.get(url, 404).text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["biuro_client_count"]}
        )
        self.assertEqual(counters["biuro_client_count"], 0)
        for model in ("biuro.document", "biuro.contract", "account.move"):
            self.assertEqual(self.call_kw(model, "search", [[]]), [], model)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/content/biuro.document/{mine['document'].id}/file"
            )
            self.assertIn(response.status_code, (403, 404))
            self.assertNotIn(PDF, response.content)
            with self.assertRaises(JsonRpcException):
                self.call_kw("res.partner", "read", [[cid], ["name"]])

    def test_default_portal_rules_are_closed(self):
        """Odoo lets a portal user read the company they are a contact of and the
        invoices that company follows; without an access row they get nothing."""
        contact = self.env["res.partner"].create(
            {"name": "Contact of Omega", "parent_id": self.foreign.id}
        )
        user = new_test_user(
            self.env,
            "matrix_contact",
            groups="base.group_portal",
            partner_id=contact.id,
            name="Contact of Omega",
            lang="en_US",
        )
        invoice = self.theirs["invoice"]
        invoice.message_subscribe(partner_ids=self.foreign.ids)
        self.assertEqual(user.commercial_partner_id, self.foreign)
        self.login(user)
        self.assertEqual(self.call_kw("account.move", "search", [[]]), [])
        self.assertEqual(self.call_kw("account.move.line", "search", [[]]), [])
        self.assertNotIn(invoice.name, self.get("/my/invoices", 200).text)
        self.get(f"/my/invoices/{invoice.id}", 404)
        self.assertEqual(
            self.call_kw("res.partner", "search", [[("id", "=", self.foreign.id)]]), []
        )
        # their own contact stays readable and Odoo's portal keeps working
        [me] = self.call_kw("res.partner", "read", [contact.ids, ["name"]])
        self.assertEqual(me["name"], "Contact of Omega")
        for url in ("/my", "/my/clients"):
            self.assertNoSecrets(self.get(url, 200), url)
        # (their own details repeat the company's name and NIP: Odoo copies these
        # commercial fields onto every contact of a company)
        self.get("/my/account", 200)
        # with an access row, the same person sees the company and its invoice
        self.env["biuro.portal.access"].create(
            {
                "partner_id": contact.id,
                "client_id": self.foreign.id,
                "level": "readonly",
            }
        )
        self.env.flush_all()
        self.assertEqual(self.call_kw("account.move", "search", [[]]), invoice.ids)
        self.assertIn(invoice.name, self.get("/my/invoices", 200).text)

    def test_csrf_on_every_form(self):
        owner = self.users["owner"]
        self.login(owner)
        base = f"/my/clients/{self.allowed.id}"
        for url in (f"{base}/documents", f"{base}/access"):
            page = self.get(url, 200).text
            forms = re.findall(
                r"<form[^>]*method=\"post\"[^>]*>.*?</form>", page, re.DOTALL
            )
            self.assertTrue(forms, url)
            for form in forms:
                self.assertIn('name="csrf_token"', form, url)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"{base}/documents/upload",
                data={"category_id": self.category.id, "period": "2026-03"},
                files=[("files", ("no-token.pdf", PDF))],
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertFalse(
            self.env["biuro.document"].search([("file_name", "=", "no-token.pdf")])
        )
