from odoo.tests import tagged

from .common import PortalHttpCase


@tagged("post_install", "-at_install")
class TestRequestTour(PortalHttpCase):
    """In the browser: the office creates and sends a request, the client's
    accountant uploads through the portal, the office's accountant sees it on the
    Pulpit and on the request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_world()
        cls.company = cls.make_company("Tourowa Prośba sp. z o.o.", with_records=False)
        cls.company.biuro_accountant_id = cls.office_user
        cls.person = cls.make_person("request_tour", [(cls.company, "accountant")])

    def test_request_from_the_office_to_the_portal_and_back(self):
        self.start_tour(
            "/odoo/action-crm_biuro.biuro_document_request_action",
            "crm_biuro_request_office_tour",
            login=self.office_user.login,
        )
        request = self.env["biuro.document.request"].search(
            [("partner_id", "=", self.company.id)]
        )
        self.assertEqual(request.name, "Wyciąg za listopad")
        self.assertEqual(request.state, "open")
        self.assertEqual(request.user_id, self.office_user)
        self.assertEqual(request.line_ids.name, "Wyciąg z mBanku")
        self.start_tour(
            "/my/clients", "crm_biuro_request_portal_tour", login=self.person.login
        )
        self.env.invalidate_all()
        document = request.document_ids
        self.assertEqual(document.file_name, "wyciag-mbank.pdf")
        self.assertEqual(document.request_line_id, request.line_ids)
        self.assertEqual(document.uploaded_by, self.person)
        self.assertEqual(request.state, "done")
        self.start_tour(
            "/odoo/action-crm_biuro.action_biuro_pulpit",
            "crm_biuro_request_pulpit_tour",
            login=self.office_user.login,
        )
        self.start_tour(
            f"/odoo/action-crm_biuro.biuro_document_request_action/{request.id}",
            "crm_biuro_request_seen_tour",
            login=self.office_user.login,
        )
