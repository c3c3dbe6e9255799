from odoo.tests import tagged

from .common import PortalHttpCase, office_upload_label


@tagged("post_install", "-at_install")
class TestPortalTour(PortalHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.company = cls.make_company("Tourowa Firma sp. z o.o.", with_records=False)
        cls.person = cls.make_person("portal_tour", [(cls.company, "accountant")])

    def test_upload_in_the_browser(self):
        self.start_tour("/my", "crm_biuro_portal_upload_tour", login=self.person.login)
        document = self.env["biuro.document"].search(
            [("partner_id", "=", self.company.id)]
        )
        self.assertEqual(document.file_name, "wyciag-tour.pdf")
        self.assertEqual(document.state, "new")
        self.assertEqual(document.uploaded_by, self.person)
        self.assertEqual(str(document.period), "2026-03-01")
        self.assertEqual(document.category_id, self.category)
        # the office sees it on the client's timeline, posted by the person
        timeline = self.company.with_user(self.office_user).message_ids
        note = timeline.filtered(
            lambda m: (
                'data-oe-model="biuro.document"' in m.body
                and f'data-oe-id="{document.id}"' in m.body
            )
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.person.partner_id)
        self.assertIn(office_upload_label(self.env), note.body)
