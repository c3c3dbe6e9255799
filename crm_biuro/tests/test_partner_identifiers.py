import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import NIP_A, NIP_B, PESEL_OK, REGON_9, REGON_14, BiuroCase


@tagged("post_install", "-at_install")
class TestPartnerIdentifiers(BiuroCase):
    def test_nip_computed_from_vat_in_any_format(self):
        for typed in (
            "PL 526-025-02-74",
            "5260250274",
            "526-025-02-74",
            "pl5260250274",
        ):
            client = self.make_client(vat=typed)
            self.assertEqual(client.biuro_nip, NIP_A, typed)
            client.unlink()

    def test_foreign_vat_gives_no_nip_and_is_accepted(self):
        client = self.make_client(
            vat="DE123456788", country_id=self.env.ref("base.de").id
        )
        self.assertFalse(client.biuro_nip)

    def test_invalid_nip_is_refused_with_the_value_in_the_message(self):
        with self.assertRaisesMsg(ValidationError, "Invalid NIP 5260250275"):
            self.make_client(vat="5260250275")
        with self.assertRaisesMsg(ValidationError, "Invalid NIP PL12345"):
            self.make_client(vat="PL12345")

    def test_regon_9_and_14_digits(self):
        client = self.make_client(biuro_regon="000-331-501")
        self.assertEqual(client.biuro_regon, REGON_9)
        client.biuro_regon = REGON_14
        self.assertEqual(client.biuro_regon, REGON_14)
        for bad in ("000331502", "12345678512348", "1234"):
            with self.assertRaisesMsg(ValidationError, f"Invalid REGON {bad}"):
                client.biuro_regon = bad

    def test_krs_is_zero_padded_to_ten_digits(self):
        client = self.make_client(biuro_krs="19193")
        self.assertEqual(client.biuro_krs, "0000019193")
        with self.assertRaisesMsg(ValidationError, "Invalid KRS number 12345678901"):
            client.biuro_krs = "12345678901"
        with self.assertRaisesMsg(ValidationError, "Invalid KRS number"):
            client.biuro_krs = "12AB"

    def test_pesel_checksum(self):
        client = self.make_client(biuro_legal_form="jdg", biuro_pesel=PESEL_OK)
        self.assertEqual(client.biuro_pesel, PESEL_OK)
        with self.assertRaisesMsg(ValidationError, "Invalid PESEL 44051401358"):
            client.biuro_pesel = "44051401358"

    def test_search_by_nip_with_any_formatting(self):
        client = self.make_client()
        partners = self.env["res.partner"]
        for typed in ("PL 526-025-02-74", "526-025-02-74", "5260250274"):
            self.assertEqual(partners.search([("biuro_nip", "=", typed)]), client)
        self.assertEqual(partners.search([("biuro_nip", "ilike", "526-025")]), client)

    def test_duplicate_nip_refused_on_create_in_another_format(self):
        existing = self.make_client()
        with self.assertRaisesMsg(ValidationError, "already exists: Firma Testowa"):
            self.make_client(name="Kopia", vat="PL 526-025-02-74")
        self.assertTrue(existing.exists())

    def test_duplicate_nip_refused_on_write(self):
        self.make_client()
        other = self.make_client(name="Inna firma", vat=NIP_B)
        with self.assertRaisesMsg(ValidationError, "NIP 5260250274 already exists"):
            other.vat = "526-025-02-74"

    def test_duplicate_nip_refused_in_another_company(self):
        self.make_client()
        company_b = self.env["res.company"].create({"name": "Doradztwo Podatkowe B"})
        with self.assertRaisesMsg(ValidationError, "already exists"):
            self.make_client(name="W innej firmie", company_id=company_b.id)

    def test_duplicate_nip_refused_by_the_import(self):
        self.make_client()
        result = self.env["res.partner"].load(
            ["name", "vat", "is_company", "biuro_client", "country_id/id"],
            [
                ["Nowy klient", NIP_B, "1", "1", "base.pl"],
                ["Duplikat", "PL 526 025 02 74", "1", "1", "base.pl"],
            ],
        )
        # nothing is half-imported, and the duplicate row is named with the reason
        self.assertFalse(result["ids"])
        row_errors = [m for m in result["messages"] if m.get("record") == 1]
        self.assertEqual(len(row_errors), 1, result["messages"])
        self.assertIn("NIP 5260250274 already exists", row_errors[0]["message"])
        self.assertFalse(
            self.env["res.partner"].search(
                [("name", "in", ("Nowy klient", "Duplikat"))]
            )
        )

    def test_database_refuses_a_duplicate_that_bypasses_the_orm(self):
        first = self.make_client()
        second = self.make_client(name="Druga", vat=NIP_B)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE res_partner SET biuro_nip = %s WHERE id = %s",
                (first.biuro_nip, second.id),
            )

    def test_same_nip_allowed_for_non_clients_and_contacts(self):
        client = self.make_client()
        contact = self.env["res.partner"].create(
            {"name": "Jan Kontakt", "parent_id": client.id}
        )
        self.assertEqual(contact.biuro_nip, NIP_A)
        supplier = self.env["res.partner"].create(
            {"name": "Ten sam podmiot jako dostawca", "vat": NIP_A}
        )
        self.assertEqual(supplier.biuro_nip, NIP_A)

    def test_declarations_proposed_from_the_tax_profile(self):
        client = self.make_client(
            biuro_legal_form="jdg",
            biuro_books_type="kpir",
            biuro_tax_form="liniowy",
            biuro_vat_status="czynny",
            biuro_vat_period="quarterly",
            biuro_zus_scheme="duzy",
            biuro_employer=True,
        )
        client.action_biuro_suggest_declarations()
        codes = set(client.biuro_declaration_ids.mapped("code"))
        self.assertTrue({"JPK_V7K", "ZUS_DRA", "PIT_ADV", "PIT36L", "PIT4R"} <= codes)
        self.assertFalse({"JPK_V7M", "CIT8", "PIT36"} & codes)
