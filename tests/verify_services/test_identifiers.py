"""One identifier module: crm_biuro/identifiers.py serves the addons, the registry
clients (registries/identifiers.py loads it) and the fake registries."""

import fake_registries
import identifiers as base  # crm_biuro/identifiers.py, as crm_biuro imports it
import pytest
import registries

SHARED = [
    "clean_nip",
    "is_nip_format",
    "is_valid_nip",
    "clean_regon",
    "is_valid_regon",
    "clean_krs",
    "is_valid_krs",
    "normalize_krs",
    "clean_nrb",
    "is_valid_nrb",
    "nip_check_digit",
    "regon_with_check",
    "nrb_with_check",
]


@pytest.mark.parametrize("name", SHARED)
def test_registries_use_the_one_implementation(name):
    ours = getattr(registries.identifiers, name)
    theirs = getattr(base, name)
    # the same source (the file may be loaded under two module names)
    assert ours.__code__.co_filename == theirs.__code__.co_filename
    assert ours.__code__.co_code == theirs.__code__.co_code


@pytest.mark.parametrize(
    "name",
    ["is_valid_nip", "is_valid_nrb", "nip_check_digit", "regon_with_check"]
    + ["nrb_with_check"],
)
def test_fakes_use_the_one_implementation(name):
    assert getattr(fake_registries, name) is getattr(registries.identifiers, name)


@pytest.mark.parametrize(
    ("function", "value", "expected"),
    [
        ("clean_nip", "PL 526-025-02-74", "5260250274"),
        ("clean_nip", "526.025.02.74", "5260250274"),
        ("is_valid_nip", "5260250274", True),
        ("is_valid_nip", "5260250275", False),
        ("is_valid_nip", "PL5260250274", False),  # clean first
        ("is_nip_format", "0099112233", True),  # GUS test data: format only
        ("is_valid_nip", "0099112233", False),
        ("clean_regon", "01-2345-678", "012345678"),
        ("is_valid_regon", "012345678", False),
        ("is_valid_regon", base.regon_with_check("01234567"), True),
        ("clean_krs", "12345", "0000012345"),
        ("clean_krs", "12a45", None),
        ("clean_krs", "12345678901", None),
        ("is_valid_krs", "0000000000", False),
        (
            "clean_nrb",
            "PL61 1090 1014 0000 0712 1981 2874",
            "61109010140000071219812874",
        ),
        ("is_valid_nrb", "61109010140000071219812874", True),
        ("is_valid_nrb", "61109010140000071219812875", False),
        ("is_valid_pesel", "44051401359", True),
        ("is_valid_pesel", "44051401358", False),
        ("nip_from_vat", "PL 526-025-02-74", "5260250274"),
        ("nip_from_vat", "DE123456789", ""),
    ],
)
def test_identifier_table(function, value, expected):
    assert getattr(base, function)(value) == expected


def test_generated_test_data_is_valid():
    digit = base.nip_check_digit("526025027")
    assert base.is_valid_nip("526025027" + digit)
    assert base.is_valid_nrb(base.nrb_with_check("10100000", "0000123456789012"))
