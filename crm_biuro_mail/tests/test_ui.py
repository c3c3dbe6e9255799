from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.web.tests.test_js import unit_test_error_checker


def hoot_hash(name):
    """Hoot's id of a suite (same algorithm as web's HOOTCommon)."""
    value = 0
    for char in name:
        value = (value << 5) - value + ord(char)
        value &= 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestClientBadgeUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "biuro_mail_tour",
            # the client form shows the client's invoices: office staff invoice
            groups="base.group_user,account.group_account_invoice,"
            "crm_biuro.group_biuro_user",
            lang="en_US",
        )
        Partner = cls.env["res.partner"]
        cls.client = Partner.create(
            {"name": "Alfa Tour sp. z o.o.", "is_company": True, "biuro_client": True}
        )
        cls.contact = Partner.create(
            {
                "name": "Anna Tour",
                "email": "anna@alfa-tour.pl",
                "parent_id": cls.client.id,
            }
        )
        stranger = Partner.create({"name": "Stranger", "email": "s@example.com"})
        cls.client.message_post(
            body="Oferta współpracy",
            author_id=stranger.id,
            message_type="email",
            subject="Oferta",
        )
        cls.client.message_post(
            body="Faktura za marzec",
            author_id=cls.contact.id,
            message_type="email",
            subject="Faktura",
        )

    def test_tour_client_badge(self):
        self.start_tour(
            f"/odoo/res.partner/{self.client.id}",
            "crm_biuro_mail_client_badge",
            login=self.user.login,
        )

    def test_hoot_client_badge(self):
        """The frontend unit tests (hoot) of this addon."""
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&suite={hoot_hash('@crm_biuro_mail')}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] test suite succeeded",
            error_checker=unit_test_error_checker,
        )
