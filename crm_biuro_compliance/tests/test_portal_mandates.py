from datetime import date, timedelta

from lxml import html

from odoo import fields
from odoo.tests import tagged

from odoo.addons.crm_biuro_portal.tests.common import PDF, PortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalMandates(PortalHttpCase):
    """The company card lists the powers of attorney and KSeF permissions; the
    owner (only) sends a signed document for one; guessed ids answer 404."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.alfa = cls.make_company("Alfa Owner sp. z o.o.")
        cls.beta = cls.make_company("Beta Accountant sp. z o.o.")
        cls.gamma = cls.make_company("Gamma Readonly S.A.")
        cls.foreign = cls.make_company("Obca sp. z o.o.")
        cls.person = cls.make_person(
            "mandate_person",
            [(cls.alfa, "owner"), (cls.beta, "accountant"), (cls.gamma, "readonly")],
        )
        today = fields.Date.today()
        cls.upl1 = cls.make_mandate(cls.alfa, "upl1", today + timedelta(days=10))
        cls.draft = cls.env["biuro.mandate"].create(
            {
                "partner_id": cls.alfa.id,
                "mandate_type": "ppo1",
                "attorney_id": cls.office_user.id,
                "scope": "DRAFT-SCOPE",
            }
        )
        cls.beta_mandate = cls.make_mandate(cls.beta, "zus_pel", None)
        cls.gamma_mandate = cls.make_mandate(cls.gamma, "upl1", None)
        cls.foreign_mandate = cls.make_mandate(cls.foreign, "upl1", None)
        profile = cls.env["biuro.ksef.profile"].create({"partner_id": cls.alfa.id})
        cls.env["biuro.ksef.permission"].create(
            {
                "profile_id": profile.id,
                "scope_issue": True,
                "grant_date": date(2026, 2, 1),
            }
        )

    @classmethod
    def make_mandate(cls, company, kind, date_to):
        mandate = cls.env["biuro.mandate"].create(
            {
                "partner_id": company.id,
                "mandate_type": kind,
                "attorney_id": cls.office_user.id,
                "date_from": date(2025, 1, 1),
                "date_to": date_to,
            }
        )
        mandate.action_activate()
        return mandate

    def card(self, company):
        response = self.url_open(f"/my/clients/{company.id}")
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.content)

    def upload(self, company, mandate, name="signed-upl1.pdf", content=PDF):
        csrf = self.csrf_from(f"/my/clients/{self.alfa.id}")
        return self.url_open(
            f"/my/clients/{company.id}/mandates/{mandate.id}/upload",
            data={"csrf_token": csrf},
            files={"file": (name, content, "application/pdf")},
            allow_redirects=False,
        )

    def test_card_shows_mandates_and_ksef(self):
        self.authenticate(self.person.login, self.person.login)
        tree = self.card(self.alfa)
        rows = tree.xpath('//tr[contains(@class, "o_biuro_mandate_row")]')
        self.assertEqual([int(r.get("data-mandate_id")) for r in rows], [self.upl1.id])
        self.assertEqual(
            rows[0].xpath(".//span[@data-state]")[0].get("data-state"), "expiring"
        )
        self.assertNotIn("DRAFT-SCOPE", html.tostring(tree).decode())
        self.assertEqual(
            len(tree.xpath('//tr[contains(@class, "o_biuro_ksef_row")]')), 1
        )
        self.assertEqual(
            len(tree.xpath('//form[contains(@class, "o_biuro_mandate_upload")]')), 1
        )
        for company, mandate in (
            (self.beta, self.beta_mandate),
            (self.gamma, self.gamma_mandate),
        ):
            with self.subTest(company=company.name):
                tree = self.card(company)
                rows = tree.xpath('//tr[contains(@class, "o_biuro_mandate_row")]')
                self.assertEqual(
                    [int(r.get("data-mandate_id")) for r in rows], [mandate.id]
                )
                self.assertFalse(
                    tree.xpath('//form[contains(@class, "o_biuro_mandate_upload")]')
                )
                self.assertFalse(
                    tree.xpath('//tr[contains(@class, "o_biuro_ksef_row")]')
                )
        self.assertEqual(
            self.url_open(f"/my/clients/{self.foreign.id}").status_code, 404
        )

    def test_card_in_polish(self):
        """The card's sections are placed by id, not by a heading's text, so the
        page renders in the office's language too (inheritance applies to the
        translated template)."""
        if not self.env["res.lang"]._lang_get("pl_PL"):
            self.skipTest("Polish is not installed")
        self.person.lang = "pl_PL"
        self.authenticate(self.person.login, self.person.login)
        tree = self.card(self.alfa)
        self.assertTrue(tree.xpath('//div[@id="biuro_contracts"]'))
        rows = tree.xpath('//tr[contains(@class, "o_biuro_mandate_row")]')
        self.assertEqual([int(r.get("data-mandate_id")) for r in rows], [self.upl1.id])

    def test_owner_sends_a_signed_document(self):
        self.authenticate(self.person.login, self.person.login)
        response = self.upload(self.alfa, self.upl1)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"signed={self.upl1.id}", response.headers["Location"])
        document = self.upl1.document_ids
        self.assertEqual(len(document), 1)
        self.assertEqual(document.partner_id, self.alfa)
        self.assertEqual(document.name, "signed-upl1.pdf")
        self.assertEqual(
            document.category_id,
            self.env.ref("crm_biuro_compliance.document_category_mandates"),
        )
        self.assertEqual(document.uploaded_by, self.person)
        self.assertEqual(self.attachment_of(document).raw, PDF)
        self.assertIn(
            "Signed document sent in the portal", self.upl1.message_ids[0].body
        )

    def test_other_levels_cannot_send(self):
        self.authenticate(self.person.login, self.person.login)
        for company, mandate in (
            (self.beta, self.beta_mandate),
            (self.gamma, self.gamma_mandate),
        ):
            with self.subTest(company=company.name):
                response = self.upload(company, mandate)
                self.assertEqual(response.status_code, 403)
                self.assertFalse(mandate.document_ids)

    def test_guessed_ids_answer_404(self):
        self.authenticate(self.person.login, self.person.login)
        documents = self.env["biuro.document"].search_count([])
        for company, mandate in (
            (self.alfa, self.foreign_mandate),  # another company's mandate
            (self.alfa, self.beta_mandate),  # a company of the person, not this one
            (self.alfa, self.draft),  # a draft the portal does not see
            (self.foreign, self.foreign_mandate),  # a company without access
        ):
            with self.subTest(company=company.name, mandate=mandate.id):
                self.assertEqual(self.upload(company, mandate).status_code, 404)
        self.assertEqual(self.env["biuro.document"].search_count([]), documents)

    def test_bad_file_is_refused_whole(self):
        self.authenticate(self.person.login, self.person.login)
        response = self.upload(self.alfa, self.upl1, name="virus.exe", content=b"MZ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("not accepted", response.text)
        self.assertFalse(self.upl1.document_ids)
