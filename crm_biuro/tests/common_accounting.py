from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class BiuroAccountingCase(AccountTestInvoicingCommon):
    """Office users, clients and posted invoices in a company with a chart of
    accounts (AccountTestInvoicingCommon makes the company and its accountant)."""

    @classmethod
    def default_env_context(cls):
        # keep the mail tracking on: the clients' timelines are part of what is tested
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        company = cls.env.company
        # the accountant running the tests also manages the office
        cls.env.user.groups_id += cls.env.ref("crm_biuro.group_biuro_manager")
        cls.office_user = new_test_user(
            cls.env,
            "biuro_acc_user",
            groups="base.group_user,crm_biuro.group_biuro_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            lang="en_US",
        )
        cls.office_manager = new_test_user(
            cls.env,
            "biuro_acc_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            lang="en_US",
        )
        cls.outsider = new_test_user(
            cls.env,
            "biuro_acc_outsider",
            groups="base.group_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.poland = cls.env.ref("base.pl")

    @classmethod
    def make_client(cls, name, vat=False, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "biuro_client": True,
                "vat": vat,
                "country_id": cls.poland.id,
                **vals,
            }
        )

    @classmethod
    def make_invoice(
        cls, partner, date, amount, move_type="out_invoice", due=None, **vals
    ):
        """A posted invoice of one line without tax; ``vals`` go to the line."""
        invoice = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date,
                **({"invoice_date_due": due} if due else {}),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Usługi księgowe",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            **vals,
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice
