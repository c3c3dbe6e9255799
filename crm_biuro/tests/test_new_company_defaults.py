from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestNewCompanyDefaults(TransactionCase):
    """A company created by hand gets Odoo's defaults of its country: a Polish one
    PLN and the Polish chart of accounts, any other country its own (the addons
    never force Poland on a company)."""

    def _new_company(self, name, country_code):
        form = Form(self.env["res.company"])
        form.name = name
        form.country_id = self.env.ref(f"base.{country_code}")
        return form.save()

    def test_polish_company_gets_pln_and_the_polish_chart(self):
        company = self._new_company("Biuro Nowe sp. z o.o.", "pl")
        self.assertEqual(company.country_id.code, "PL")
        self.assertEqual(company.currency_id.name, "PLN")
        guessed = self.env["account.chart.template"]._guess_chart_template(
            company.country_id
        )
        self.assertEqual(guessed, "pl")

    def test_other_country_keeps_its_own_defaults(self):
        company = self._new_company("Kanzlei Neu GmbH", "de")
        self.assertEqual(company.country_id.code, "DE")
        self.assertEqual(company.currency_id.name, "EUR")
        guessed = self.env["account.chart.template"]._guess_chart_template(
            company.country_id
        )
        self.assertNotEqual(guessed, "pl")
