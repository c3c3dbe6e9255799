import csv
import io

from odoo import models

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BaseImportImport(models.TransientModel):
    """Client imports report each refused row by its line in the file.

    Odoo's import refuses the whole file when one row fails (nothing is half-imported)
    and numbers the failed rows from 0 once the header and the empty lines are dropped;
    an office compares the report with its spreadsheet, so the messages of a partner
    import carry the file's line number as their ``record`` (CSV and XLSX files), in
    the test run and the import alike.
    """

    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        if self.res_model == "res.partner":
            # The web client imports big files in batches of 2,000 rows, each in a
            # transaction of its own: an error in a later batch would leave the
            # earlier ones imported. Clients are imported in one batch, so that a
            # refused row refuses the whole file.
            options = dict(options, limit=None)
        result = super().execute_import(fields, columns, options, dryrun=dryrun)
        messages = result.get("messages")
        if self.res_model == "res.partner" and messages:
            lines = self._biuro_file_lines(fields, options)
            if lines is not None:
                result["messages"] = [
                    self._biuro_number_message(message, lines) for message in messages
                ]
        return result

    def _biuro_numbered_rows(self, options):
        """[(line number, cells)] of the rows Odoo's reader keeps (not blank), or
        None for the file types whose lines are not numbered here."""
        name = (self.file_name or "").lower()
        rows = []
        if self.file_type == "text/csv" or name.endswith(".csv"):
            text = (self.file or b"").decode(options.get("encoding") or "utf-8")
            reader = csv.reader(
                io.StringIO(text),
                quotechar=options.get("quoting") or '"',
                delimiter=options.get("separator") or ",",
            )
            start = 1
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    rows.append((start, cells))
                # a quoted cell may span lines: the next row starts after this one
                start = reader.line_num + 1
            return rows
        if self.file_type == XLSX or name.endswith(".xlsx"):
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(self.file or b""), read_only=True)
            sheet = book[options.get("sheet") or book.sheetnames[0]]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                cells = ["" if value is None else str(value) for value in values]
                if any(cell.strip() for cell in cells):
                    rows.append((number, cells))
            return rows
        return None

    def _biuro_file_lines(self, fields, options):
        """The file line number of each data row the import loaded, in order."""
        rows = self._biuro_numbered_rows(options)
        if rows is None:
            return None
        if options.get("has_headers"):
            rows = rows[1:]
        indices = [index for index, field in enumerate(fields) if field]
        lines = [
            number
            for number, cells in rows
            if any(index < len(cells) and cells[index] for index in indices)
        ]
        return lines[options.get("skip") or 0 :]

    def _biuro_number_message(self, message, lines):
        rows = message.get("rows")
        if not isinstance(rows, dict) or rows.get("from") is None:
            return message

        index = rows["from"]
        # ``rows`` stays Odoo's 0-based data row: the import screen uses it to show
        # the row's name next to a column's error; ``record`` (shown for row errors)
        # becomes the line of the file.
        return dict(message, record=lines[index] if 0 <= index < len(lines) else index)
