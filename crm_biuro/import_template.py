"""The "Szablon importu klientów" spreadsheet (plain Python and openpyxl, no Odoo).

The columns are those Polish offices keep their client lists with; data of crm_biuro
maps each header to its field, so Odoo's import matches them without manual mapping.
Regenerate the shipped file after a change: ``python crm_biuro/import_template.py``.
"""

import io
import os

# (column header, field of res.partner)
COLUMNS = (
    ("Nazwa", "name"),
    ("E-mail", "email"),
    ("NIP", "vat"),
    ("REGON", "biuro_regon"),
    ("Adres", "street"),
    ("Kod pocztowy", "zip"),
    ("Miasto", "city"),
    ("Kraj", "country_id"),
    ("Forma prawna", "biuro_legal_form"),
    ("Status", "biuro_state"),
    ("Opiekun", "biuro_accountant_id"),
)
TEMPLATE_PATH = os.path.join(
    os.path.dirname(__file__), "static", "xls", "szablon_importu_klientow.xlsx"
)
# The second sheet explains every column; the import reads the first sheet only.
INSTRUCTIONS = (
    ("Kolumna", "Co wpisać"),
    ("Nazwa", "Nazwa firmy albo imię i nazwisko (wymagane)."),
    ("E-mail", "Adres e-mail firmy."),
    (
        "NIP",
        (
            "10 cyfr, z prefiksem PL lub bez, z kreskami lub bez "
            "(np. PL 526-025-02-74). Sprawdzana jest cyfra kontrolna; "
            "NIP klienta nie może się powtórzyć."
        ),
    ),
    ("REGON", "9 albo 14 cyfr z poprawną cyfrą kontrolną."),
    ("Adres", "Ulica i numer."),
    ("Kod pocztowy", "Na przykład 00-950."),
    ("Miasto", "Na przykład Kraków."),
    ("Kraj", "Nazwa kraju, np. Polska."),
    (
        "Forma prawna",
        (
            "Skrót (JDG, s.c., sp.j., sp.p., sp.k., S.K.A., sp. z o.o., S.A., "
            "P.S.A.) albo nazwa z listy form prawnych w Odoo."
        ),
    ),
    ("Status", "Potencjalny, Aktywny, Nieaktywny albo Zablokowany."),
    ("Opiekun", "Imię i nazwisko użytkownika Odoo, który prowadzi klienta."),
)


def build():
    """The template as the bytes of an XLSX file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Klienci"
    sheet.append([header for header, _field in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (header, _field) in enumerate(COLUMNS, 1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(header) + 4)
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("Instrukcja")
    for row in INSTRUCTIONS:
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 16
    help_sheet.column_dimensions["B"].width = 100
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    with open(TEMPLATE_PATH, "wb") as output:
        output.write(build())
