import csv
import io
import os

from openpyxl import Workbook, load_workbook

from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_path

from ..import_template import COLUMNS, TEMPLATE_PATH
from .common import BiuroCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": " ",
    "float_decimal_separator": ",",
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
}
HEADERS = [header for header, _field in COLUMNS]
NIP_EXISTING = "6770039171"
# Good rows (file lines 2 and 3), then a bad NIP check digit, a bad REGON check digit,
# a NIP repeated from line 2 and the NIP of a client already in Odoo.
GOOD_ROWS = [
    [
        "Żuraw Księgowość sp. z o.o.",
        "biuro@zuraw-ksiegowosc.pl",
        "PL 526-025-02-74",
        "123456785",
        "ul. Źródlana 5",
        "31-045",
        "Kraków",
        "Polska",
        "sp. z o.o.",
        "Aktywny",
        "Anna Opiekunka",
    ],
    [
        "Łukasz Gęś",
        "lukasz.ges@gmail.com",
        "725-180-11-26",
        "",
        "ul. Ślężna 12",
        "50-001",
        "Wrocław",
        "Polska",
        "JDG",
        "Potencjalny",
        "",
    ],
]
BAD_ROWS = [
    ["Zła Suma sp.j.", "", "5260250275", "", "", "", "Łódź", "Polska", "sp.j.", "", ""],
    [
        "Zły REGON S.A.",
        "",
        "9542638005",
        "123456789",
        "",
        "",
        "",
        "Polska",
        "S.A.",
        "",
        "",
    ],
    ["Duplikat Żurawia", "", "5260250274", "", "", "", "", "Polska", "", "", ""],
    ["Kopia Istniejącego", "", "677-003-91-71", "", "", "", "", "Polska", "", "", ""],
]
EXPECTED_REPORT = [
    (
        4,
        (
            "Nieprawidłowy NIP 5260250275 dla Zła Suma sp.j.: NIP ma 10 cyfr i "
            "poprawną cyfrę kontrolną."
        ),
    ),
    (
        5,
        (
            "Nieprawidłowy REGON 123456789 dla Zły REGON S.A.: REGON ma 9 lub 14 "
            "cyfr i poprawną cyfrę kontrolną."
        ),
    ),
    (6, "Klient z NIP 5260250274 już istnieje: Żuraw Księgowość sp. z o.o."),
    (7, "Klient z NIP 6770039171 już istnieje: Istniejący Klient sp. z o.o."),
]
NAMES = [row[0] for row in GOOD_ROWS + BAD_ROWS]


def csv_file(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestClientImport(BiuroCase):
    """Clients arrive through Odoo's import (CSV or XLSX, the template's Polish
    columns mapped automatically); every refused row is reported with its line in the
    file and the reason, and a file with a refused row imports nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "anna_opiekunka",
            name="Anna Opiekunka",
            groups="base.group_user,crm_biuro.group_biuro_user",
        )
        cls.existing = cls.make_client("Istniejący Klient sp. z o.o.", NIP_EXISTING)
        # the import of the Clients menu: the office user, in Polish, with the menu's
        # defaults (client companies)
        cls.importer = (
            cls.env["base_import.import"]
            .with_user(cls.user)
            .with_context(
                lang="pl_PL", default_biuro_client=True, default_is_company=True
            )
        )

    def _wizard(self, content, file_name, file_type):
        return self.importer.create(
            {
                "res_model": "res.partner",
                "file": content,
                "file_name": file_name,
                "file_type": file_type,
            }
        )

    def _run(self, wizard, dryrun, **extra_options):
        options = dict(OPTIONS, **extra_options)
        preview = wizard.parse_preview(dict(options))
        self.assertEqual(preview["headers"], HEADERS)
        fields = ["/".join(preview["matches"][i]) for i in range(len(HEADERS))]
        self.assertEqual(fields, [field for _header, field in COLUMNS])
        return wizard.execute_import(fields, HEADERS, options, dryrun=dryrun)

    def _report(self, result):
        return [(m["record"], m["message"]) for m in result["messages"]]

    def _imported(self):
        return self.env["res.partner"].search([("name", "in", NAMES)])

    def _check_refused_file(self, wizard):
        for dryrun in (True, False):
            result = self._run(wizard, dryrun)
            self.assertEqual(self._report(result), EXPECTED_REPORT, dryrun)
            for message in result["messages"]:
                self.assertEqual(message["type"], "error")
                # Odoo's 0-based data row stays for the import screen's row names;
                # the file has its header on line 1 and no blank line
                self.assertEqual(message["rows"]["from"], message["record"] - 2)
            # nothing is half-imported: not even the good rows
            self.assertFalse(result["ids"])
            self.assertFalse(self._imported())

    def _check_good_file(self, wizard):
        self.assertEqual(self._run(wizard, dryrun=True)["messages"], [])
        self.assertFalse(self._imported())
        result = self._run(wizard, dryrun=False)
        self.assertEqual(result["messages"], [])
        self.assertEqual(len(result["ids"]), 2)
        zuraw, ges = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(self._imported(), zuraw | ges)
        self.assertRecordValues(
            zuraw | ges,
            [
                {
                    "name": "Żuraw Księgowość sp. z o.o.",
                    "email": "biuro@zuraw-ksiegowosc.pl",
                    "vat": "PL 526-025-02-74",
                    "biuro_nip": "5260250274",
                    "biuro_regon": "123456785",
                    "street": "ul. Źródlana 5",
                    "zip": "31-045",
                    "city": "Kraków",
                    "country_id": self.poland.id,
                    "biuro_legal_form": "spzoo",
                    "biuro_state": "active",
                    "biuro_accountant_id": self.accountant.id,
                    "biuro_client": True,
                    "is_company": True,
                },
                {
                    "name": "Łukasz Gęś",
                    "email": "lukasz.ges@gmail.com",
                    "vat": "725-180-11-26",
                    "biuro_nip": "7251801126",
                    "biuro_regon": False,
                    "street": "ul. Ślężna 12",
                    "zip": "50-001",
                    "city": "Wrocław",
                    "country_id": self.poland.id,
                    "biuro_legal_form": "jdg",
                    "biuro_state": "potential",
                    "biuro_accountant_id": False,
                    "biuro_client": True,
                    "is_company": True,
                },
            ],
        )

    def test_csv_refused_rows_are_reported_and_nothing_imported(self):
        content = csv_file(GOOD_ROWS + BAD_ROWS)
        self._check_refused_file(self._wizard(content, "klienci.csv", "text/csv"))

    def test_batched_import_is_not_half_imported(self):
        """The web client sends big files in batches (``limit`` rows each, each
        batch committed on its own): a client file is imported in one batch, so a
        refused row in a later part refuses the good rows before it too."""
        content = csv_file(GOOD_ROWS + BAD_ROWS)
        wizard = self._wizard(content, "klienci.csv", "text/csv")
        result = self._run(wizard, dryrun=False, limit=1, skip=0)
        self.assertEqual(self._report(result), EXPECTED_REPORT)
        self.assertFalse(result["ids"])
        self.assertFalse(result.get("nextrow"))
        self.assertFalse(self._imported())

    def test_csv_good_rows_import_exactly(self):
        content = csv_file(GOOD_ROWS)
        self._check_good_file(self._wizard(content, "klienci.csv", "text/csv"))

    def test_xlsx_refused_rows_are_reported_and_nothing_imported(self):
        content = xlsx_file(GOOD_ROWS + BAD_ROWS)
        self._check_refused_file(self._wizard(content, "klienci.xlsx", XLSX))

    def test_xlsx_good_rows_import_exactly(self):
        # a spreadsheet keeps a NIP typed without separators as a number
        rows = [list(row) for row in GOOD_ROWS]
        rows[1][2] = 7251801126
        wizard = self._wizard(xlsx_file(rows), "klienci.xlsx", XLSX)
        self.assertEqual(self._run(wizard, dryrun=False)["messages"], [])
        ges = self.env["res.partner"].search([("name", "=", "Łukasz Gęś")])
        self.assertEqual(ges.biuro_nip, "7251801126")
        self.assertEqual(len(self._imported()), 2)

    def test_empty_lines_do_not_shift_the_reported_line(self):
        rows = [GOOD_ROWS[0], [""] * len(HEADERS), BAD_ROWS[0]]
        result = self._run(self._wizard(csv_file(rows), "k.csv", "text/csv"), True)
        self.assertEqual(self._report(result), [(4, EXPECTED_REPORT[0][1])])


@tagged("post_install", "-at_install")
class TestClientImportTemplate(BiuroCase):
    """The "Szablon importu klientów" spreadsheet is offered by the import screen and
    its columns map to the client's fields in Polish and in English alike."""

    def test_template_is_offered_in_polish(self):
        templates = (
            self.env["res.partner"].with_context(lang="pl_PL").get_import_templates()
        )
        self.assertEqual(
            templates[0],
            {
                "label": "Szablon importu klientów",
                "template": "/crm_biuro/static/xls/szablon_importu_klientow.xlsx",
            },
        )
        # Odoo's own partner template stays available after ours
        self.assertEqual(len(templates), 2)

    def test_shipped_file_has_the_columns(self):
        path = file_path("crm_biuro/static/xls/szablon_importu_klientow.xlsx")
        self.assertEqual(os.path.realpath(path), os.path.realpath(TEMPLATE_PATH))
        book = load_workbook(path)
        self.assertEqual(book.sheetnames, ["Klienci", "Instrukcja"])
        header = [cell.value for cell in book["Klienci"][1]]
        self.assertEqual(
            header,
            [
                "Nazwa",
                "E-mail",
                "NIP",
                "REGON",
                "Adres",
                "Kod pocztowy",
                "Miasto",
                "Kraj",
                "Forma prawna",
                "Status",
                "Opiekun",
            ],
        )
        self.assertEqual(book["Klienci"].max_row, 1)

    def test_template_columns_map_for_an_english_user(self):
        with open(TEMPLATE_PATH, "rb") as template:
            content = template.read()
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user)
            .create(
                {
                    "res_model": "res.partner",
                    "file": content,
                    "file_name": "szablon.xlsx",
                    "file_type": XLSX,
                }
            )
        )
        # a header-only file has no rows to preview: add one to let Odoo read it
        book = load_workbook(io.BytesIO(content))
        book["Klienci"].append(GOOD_ROWS[0])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard.file = buffer.getvalue()
        preview = wizard.parse_preview(dict(OPTIONS))
        mapped = {
            preview["headers"][index]: "/".join(path)
            for index, path in preview["matches"].items()
        }
        self.assertEqual(mapped, dict(COLUMNS))

    def test_outsider_cannot_import_clients(self):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.outsider)
            .create(
                {
                    "res_model": "res.partner",
                    "file": csv_file(GOOD_ROWS),
                    "file_name": "k.csv",
                    "file_type": "text/csv",
                }
            )
        )
        fields = [field for _header, field in COLUMNS]
        result = wizard.execute_import(fields, HEADERS, dict(OPTIONS), dryrun=False)
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", GOOD_ROWS[0][0])])
        )
