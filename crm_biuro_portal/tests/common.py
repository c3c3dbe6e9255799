import base64
import re
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
PDF = b"%PDF-1.4\n% test document\n"


def make_nip(seed):
    """The valid NIP of a 9-digit seed (its checksum is the 10th digit), or None
    when no digit fits."""
    base = f"{seed:09d}"
    check = sum(int(d) * w for d, w in zip(base, NIP_WEIGHTS, strict=True)) % 11
    return f"{base}{check}" if check != 10 else None


class PortalWorld:
    """Client companies with a contract, a document and a posted invoice each, and
    portal users attached to them through biuro.portal.access. Mixed into
    TransactionCase and HttpCase classes alike."""

    @classmethod
    def setup_world(cls):
        # the test database speaks Polish (it loads pl_PL); assertions are in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        # The portal speaks the user's language only if it is active, and sends to
        # /<lang>/… the users whose language is not the default one. The test
        # database may have Polish alone: English becomes the default, so that the
        # English users of the tests get English pages at the plain URLs.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.default"].set("res.partner", "lang", "en_US")
        # notes on the office's timeline are in the office's language (its company's)
        cls.env.company.partner_id.lang = "en_US"
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )
        cls.office_user = new_test_user(
            cls.env,
            "portal_office",
            groups="base.group_user,crm_biuro.group_biuro_user",
            lang="en_US",
        )
        cls.category = cls.env.ref("crm_biuro.document_category_bank_statements")
        cls._seed = 400000000
        # company id -> {"contract": …, "document": …, "invoice": …}
        cls.records = {}

    @classmethod
    def make_company(cls, name, with_records=True):
        nip = None
        while not nip:
            cls._seed += 1
            nip = make_nip(cls._seed)
        company = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "biuro_client": True,
                "biuro_state": "active",
                "vat": nip,
                "country_id": cls.env.ref("base.pl").id,
            }
        )
        if with_records:
            slug = re.sub(r"\W+", "-", name.lower()).strip("-")
            records = cls.records[company.id] = {}
            records["contract"] = cls.env["biuro.contract"].create(
                {"partner_id": company.id, "state": "active", "monthly_fee": 500}
            )
            records["document"] = cls.env["biuro.document"].create(
                {
                    "name": f"Statement {name}",
                    "partner_id": company.id,
                    "category_id": cls.category.id,
                    "period": date(2026, 2, 1),
                    "file": base64.b64encode(PDF + name.encode()),
                    "file_name": f"statement-{slug}.pdf",
                }
            )
            records["invoice"] = cls.make_invoice(company)
        return company

    @classmethod
    def make_invoice(cls, company, amount=100.0):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": company.id,
                "invoice_date": fields.Date.today() - timedelta(days=40),
                "invoice_date_due": fields.Date.today() - timedelta(days=26),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Bookkeeping",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def make_person(cls, login, accesses=(), **kwargs):
        """A portal user and its access rows [(company, level)]."""
        user = new_test_user(
            cls.env, login, groups="base.group_portal", lang="en_US", **kwargs
        )
        cls.env["biuro.portal.access"].create(
            [
                {"partner_id": user.partner_id.id, "client_id": c.id, "level": lvl}
                for c, lvl in accesses
            ]
        )
        return user

    @staticmethod
    def attachment_of(document):
        return (
            document.env["ir.attachment"]
            # sudo: the test reads back, past the user's rights, what the code wrote
            .sudo()
            .search(
                [
                    ("res_model", "=", "biuro.document"),
                    ("res_id", "=", document.id),
                    ("res_field", "=", "file"),
                ]
            )
        )


class PortalHttpCase(PortalWorld, HttpCase):
    def csrf_from(self, url):
        """The CSRF token of the forms of a page, as the browser would send it."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def call_kw(self, model, method, args, kwargs=None):
        """A JSON-RPC call with the session of the authenticated user."""
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )


def office_upload_label(env):
    """The note's label as the office reads it: in the office's language (its
    company's), whatever the uploading portal person's language."""
    lang = env.company.partner_id.lang or "en_US"
    return (
        env["biuro.document"]
        .with_context(lang=lang, biuro_portal_upload=True)
        ._biuro_timeline_label()
    )
