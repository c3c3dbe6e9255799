"""Polish business identifiers: NIP, REGON, KRS and PESEL (plain Python, no Odoo).

One place normalises and validates them for the client form, imports, XML-RPC and the
registry checks of crm_biuro_verify, so "PL 526-025-02-74" and "5260250274" are always
the same client. Checksums come from python-stdnum.
"""

import re

from stdnum.pl import nip as stdnum_nip
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-./]")
_COUNTRY_PREFIX = re.compile(r"^[A-Z]{2}")


def compact(value):
    """Upper-case the value and drop the separators people type (spaces, -, ., /)."""
    return _SEPARATORS.sub("", (value or "").upper())


def nip_from_vat(vat, country_code=None):
    """Return the 10-digit NIP a VAT id stands for, or "" when it is not Polish.

    "PL 526-025-02-74", "5260250274" and "526-025-02-74" all give "5260250274". A
    foreign id ("DE123456789") gives "", and so does a bare number when the partner's
    country is another one. The checksum is not checked here: see `is_valid_nip`.
    """
    value = compact(vat)
    if not value:
        return ""
    if _COUNTRY_PREFIX.match(value):
        if not value.startswith("PL"):
            return ""
        value = value[2:]
    elif country_code and country_code.upper() != "PL":
        return ""
    return value if value.isdigit() and len(value) == 10 else ""


def looks_polish_vat(vat, country_code=None):
    """True when the VAT id is meant as a NIP (PL prefix, or digits for a Polish or
    country-less partner), so that a malformed NIP is reported instead of ignored."""
    value = compact(vat)
    if not value:
        return False
    if _COUNTRY_PREFIX.match(value):
        return value.startswith("PL")
    return not country_code or country_code.upper() == "PL"


def is_valid_nip(nip):
    return bool(nip) and stdnum_nip.is_valid(nip)


def normalize_regon(value):
    return compact(value)


def is_valid_regon(value):
    """REGON has 9 digits (an entity) or 14 (a local unit), each with its checksum."""
    value = normalize_regon(value)
    return len(value) in (9, 14) and stdnum_regon.is_valid(value)


def normalize_krs(value):
    """KRS numbers have 10 digits; people drop leading zeros ("1234" → "0000001234")."""
    value = compact(value)
    if value.isdigit() and len(value) <= 10:
        return value.zfill(10)
    return value


def is_valid_krs(value):
    value = normalize_krs(value)
    return len(value) == 10 and value.isdigit() and value != "0000000000"


def normalize_pesel(value):
    return compact(value)


def is_valid_pesel(value):
    return stdnum_pesel.is_valid(normalize_pesel(value))


def digits_of(value):
    """The digits of a search term, for finding a NIP typed with any formatting."""
    value = compact(value)
    if _COUNTRY_PREFIX.match(value):
        value = value[2:]
    return value if value.isdigit() else ""
