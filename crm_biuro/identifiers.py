"""Polish identifiers: NIP, REGON, KRS, PESEL and bank accounts (NRB), plain Python.

The one implementation for the whole project: the client form, imports and XML-RPC
(crm_biuro), the registry checks (crm_biuro_verify's services), its registry clients
(``registries/identifiers.py`` loads this file, since that plain package cannot import
an Odoo addon) and the fake registries. So "PL 526-025-02-74" and "5260250274" are
always the same client, and a client never sends a number its registry would refuse.
Checksums come from python-stdnum.
"""

import re

from stdnum import iban as stdnum_iban
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-./]")
_COUNTRY_PREFIX = re.compile(r"^[A-Z]{2}")


def compact(value):
    """Upper-case the value and drop the separators people type (spaces, -, ., /)."""
    return _SEPARATORS.sub("", str(value or "").upper())


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


def clean_nip(value):
    """'PL 526-104-08-28' -> '5261040828' (no validation: see `is_valid_nip`)."""
    return compact(value).removeprefix("PL")


def is_nip_format(nip):
    """Ten digits. GUS's test data has NIPs with a wrong check digit (0099112233),
    so the GUS client checks only this."""
    return bool(re.fullmatch(r"\d{10}", nip or ""))


def is_valid_nip(nip):
    """Ten digits with the mod-11 check digit (a remainder of 10 is never issued)."""
    return is_nip_format(nip) and stdnum_nip.is_valid(nip)


def nip_check_digit(first9):
    """The digit that makes a valid NIP of ``first9``, or None (test data)."""
    return next((d for d in "0123456789" if stdnum_nip.is_valid(first9 + d)), None)


def normalize_regon(value):
    return compact(value)


def clean_regon(value):
    """The digits of a REGON as the GUS client sends it."""
    return re.sub(r"\D", "", str(value or ""))


def is_valid_regon(value):
    """REGON has 9 digits (an entity) or 14 (a local unit), each with its checksum
    (a 14-digit REGON also checks its 9-digit head)."""
    value = normalize_regon(value)
    return len(value) in (9, 14) and stdnum_regon.is_valid(value)


def regon_with_check(first8):
    """A valid 9-digit REGON from its first 8 digits (test data)."""
    return first8 + stdnum_regon.calc_check_digit(first8)


def normalize_krs(value):
    """KRS numbers have 10 digits; people drop leading zeros ("1234" → "0000001234")."""
    value = compact(value)
    if value.isdigit() and len(value) <= 10:
        return value.zfill(10)
    return value


def is_valid_krs(value):
    value = normalize_krs(value)
    return len(value) == 10 and value.isdigit() and value != "0000000000"


def clean_krs(value):
    """The 10-digit KRS number the KRS API takes, or None (KRS numbers have no
    checksum)."""
    value = normalize_krs(value)
    return value if len(value) == 10 and value.isdigit() else None


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


def clean_nrb(value):
    """A Polish bank account as the white list wants it: 26 digits, no 'PL', no
    spaces."""
    return compact(value).removeprefix("PL")


def is_valid_nrb(nrb):
    """26 digits that make a valid Polish IBAN (mod 97)."""
    return bool(re.fullmatch(r"\d{26}", nrb or "")) and stdnum_iban.is_valid("PL" + nrb)


def nrb_with_check(bank8, account16):
    """A valid NRB for a bank sort code and an account number (test data)."""
    bban = bank8 + account16
    return stdnum_iban.calc_check_digits("PL00" + bban) + bban
