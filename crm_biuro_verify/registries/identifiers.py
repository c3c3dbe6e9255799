"""Normalisation and checksums of the identifiers the registries take.

Kept local (no python-stdnum) so the clients can refuse a malformed identifier before
spending a request of a small daily quota. GUS test data has NIPs with a wrong
checksum (e.g. 0099112233), so the GUS client checks only the format.
"""

import re

_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
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
    if not is_nip_format(nip):
        return False
    total = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, nip, strict=False)) % 11
    return total != 10 and total == int(nip[9])


def clean_regon(value):
    return re.sub(r"\D", "", str(value or ""))


def is_valid_regon(regon):
    if re.fullmatch(r"\d{9}", regon or ""):
        total = sum(w * int(d) for w, d in zip(_REGON9_WEIGHTS, regon, strict=False))
        return total % 11 % 10 == int(regon[8])
    if re.fullmatch(r"\d{14}", regon or ""):
        total = sum(w * int(d) for w, d in zip(_REGON14_WEIGHTS, regon, strict=False))
        return total % 11 % 10 == int(regon[13]) and is_valid_regon(regon[:9])
    return False


def clean_nrb(value):
    """Bank account as the white list wants it: 26 digits, no 'PL', no spaces."""
    text = _SEPARATORS.sub("", str(value or "")).upper()
    text = text.removeprefix("PL")
    return text


def is_valid_nrb(nrb):
    """IBAN mod-97 with the country 'PL' (P=25, L=21) moved to the end."""
    if not re.fullmatch(r"\d{26}", nrb or ""):
        return False
    return int(nrb[2:] + "2521" + nrb[:2]) % 97 == 1


def clean_krs(value):
    """KRS numbers are 10 digits with leading zeros and no checksum."""
    digits = re.sub(r"\s", "", str(value or ""))
    if not digits.isdigit() or len(digits) > 10:
        return None
    return digits.zfill(10)
