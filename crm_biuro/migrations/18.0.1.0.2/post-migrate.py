"""18.0.1.0.2: the declaration types get the short name the calendar shows. Their
data file is noupdate (an office may rename a type), so the names are filled in
here from that file, for the types still without one. The obligations of the
rule engine's codes were all generated until now: they are marked so (a profile
change may still move or drop the untouched ones, as before)."""

from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api

from odoo.addons.crm_biuro.obligation_rules import RULES

DATA = Path(__file__).parents[2] / "data" / "biuro_declaration_type_data.xml"


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE biuro_obligation SET generated = true WHERE code = ANY(%s)",
        [list(RULES)],
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    for record in etree.parse(str(DATA)).iterfind(".//record"):
        short_name = record.findtext("field[@name='short_name']")
        declaration = env.ref(f"crm_biuro.{record.get('id')}", raise_if_not_found=False)
        if short_name and declaration and not declaration.short_name:
            declaration.short_name = short_name
