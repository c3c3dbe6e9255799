from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from odoo.tests import new_test_user

from odoo.addons.mail.tests.common import MailCommon


class BiuroMailCase(MailCommon):
    """The client mailbox on the test alias domain, three clients and helpers that
    build real RFC 822 messages and feed them to the mail gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test database speaks Polish (it loads pl_PL); assertions are in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.alias = cls.env.ref("crm_biuro_mail.mail_alias_biuro")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.mailbox = cls.alias.alias_full_name
        cls.catchall = f"{cls.alias_catchall}@{cls.alias_domain}"
        Partner = cls.env["res.partner"]
        cls.client_a = Partner.create(
            {
                "name": "Alfa sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
                "email": "biuro@alfa.pl",
                "website": "https://www.alfa.pl",
            }
        )
        cls.anna = Partner.create(
            {
                "name": "Anna Nowak",
                "email": "Anna.Nowak@alfa.pl",
                "parent_id": cls.client_a.id,
                "biuro_contact_role": "owner",
            }
        )
        cls.client_b = Partner.create(
            {"name": "Beta s.c.", "is_company": True, "biuro_client": True}
        )
        # a client contact with a private mailbox: matched by the full address only
        cls.jan = Partner.create(
            {
                "name": "Jan Kowalski",
                "email": "jan.kowalski@gmail.com",
                "parent_id": cls.client_b.id,
            }
        )
        cls.client_c = Partner.create(
            {
                "name": "Gamma sp. j.",
                "is_company": True,
                "biuro_client": True,
                "biuro_email_domains": "grupa-holding.pl",
            }
        )
        cls.client_d = Partner.create(
            {
                "name": "Delta sp. k.",
                "is_company": True,
                "biuro_client": True,
                "biuro_email_domains": "grupa-holding.pl",
            }
        )
        cls.user = new_test_user(
            cls.env,
            "biuro_mail_user",
            groups="base.group_user,crm_biuro.group_biuro_user",
            email="user@office.example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            "biuro_mail_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager",
        )
        cls.outsider = new_test_user(
            cls.env, "biuro_mail_outsider", groups="base.group_user"
        )

    # --- building and feeding messages ------------------------------------------------

    def build_mail(
        self,
        sender,
        subject="Faktura za marzec",
        to=None,
        body="Dzień dobry, w załączniku faktura.",
        attachments=(),
        msg_id=None,
        headers=None,
    ):
        """A real RFC 822 message (bytes) built with the email package; non-ASCII
        headers are encoded as RFC 2047 encoded words by the package."""
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = to or self.mailbox
        msg["Subject"] = subject
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = msg_id or make_msgid(domain="client.example.com")
        for name, value in (headers or {}).items():
            msg[name] = value
        msg.set_content(body)
        for filename, data, mimetype in attachments:
            maintype, subtype = mimetype.split("/")
            msg.add_attachment(
                data, maintype=maintype, subtype=subtype, filename=filename
            )
        return msg.as_bytes()

    def process(self, raw):
        # incoming mail servers and odoo-mailgate run the gateway with admin rights
        with self.mock_mail_gateway():
            # sudo: as the mail gateway, which routes incoming mail as the superuser
            return self.env["mail.thread"].sudo().message_process(None, raw)

    def emails_of(self, record):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("message_type", "=", "email"),
            ]
        )

    def unassigned(self, subject):
        return self.env["biuro.mail.unassigned"].search([("name", "=", subject)])

    @staticmethod
    def address(name, email):
        return formataddr((name, email))
