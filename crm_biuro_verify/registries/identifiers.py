"""Normalisation and checksums of the identifiers the registries take.

The clients refuse a malformed identifier before spending a request of a small daily
quota. The checksums are python-stdnum's, as in crm_biuro's own identifiers module
(which this plain package cannot import: it lives inside an Odoo addon). GUS test data
has NIPs with a wrong checksum (e.g. 0099112233), so the GUS client checks only the
format.
"""

import re

from stdnum import iban as stdnum_iban
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-.]")


def clean_nip(value):
    """'PL 526-104-08-28' -> '5261040828' (no validation)."""
    text = _SEPARATORS.sub("", str(value or "")).upper()
    text = text.removeprefix("PL")
    return text


def is_nip_format(nip):
    return bool(re.fullmatch(r"\d{10}", nip or ""))


def is_valid_nip(nip):
    """Ten digits and the mod-11 check digit (a remainder of 10 is never issued)."""
    return is_nip_format(nip) and stdnum_nip.is_valid(nip)


def clean_regon(value):
    return re.sub(r"\D", "", str(value or ""))


def is_valid_regon(regon):
    """9 or 14 digits with their check digits (a 14-digit REGON also checks its
    9-digit head)."""
    return bool(re.fullmatch(r"\d{9}|\d{14}", regon or "")) and stdnum_regon.is_valid(
        regon
    )


def clean_nrb(value):
    """Bank account as the white list wants it: 26 digits, no 'PL', no spaces."""
    text = _SEPARATORS.sub("", str(value or "")).upper()
    text = text.removeprefix("PL")
    return text


def is_valid_nrb(nrb):
    """26 digits that make a valid Polish IBAN (mod 97)."""
    return bool(re.fullmatch(r"\d{26}", nrb or "")) and stdnum_iban.is_valid("PL" + nrb)


def clean_krs(value):
    """KRS numbers are 10 digits with leading zeros and no checksum."""
    digits = re.sub(r"\s", "", str(value or ""))
    if not digits.isdigit() or len(digits) > 10:
        return None
    return digits.zfill(10)
