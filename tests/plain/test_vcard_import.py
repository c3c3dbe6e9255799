"""crm_biuro/vcard_import.py: the cards of one vCard file, whatever its version."""

import pytest
import vcard_import

MANY = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Nowak\r\nORG:Piekarnia Kłos;Księgowość\r\n"
    "EMAIL:anna@klos.pl\r\nTEL;TYPE=CELL:601200300\r\nTEL:221002030\r\n"
    "ADR:;;ul. Polna 5;Kraków;;30-001;PL\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kłos;Jan\r\nEND:VCARD\r\n"
)


def test_many_cards_with_their_fields():
    anna, jan = vcard_import.parse_vcards(MANY.encode())
    assert anna["name"] == "Anna Nowak"
    assert anna["company"] == "Piekarnia Kłos"
    assert (anna["mobile"], anna["phone"]) == ("601200300", "221002030")
    assert (anna["street"], anna["zip"], anna["city"], anna["country"]) == (
        "ul. Polna 5",
        "30-001",
        "Kraków",
        "PL",
    )
    assert jan["name"] == "Jan Kłos"
    assert jan["email"] == ""


def test_windows_1250_file_is_read():
    (card,) = vcard_import.parse_vcards(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Łucja Żak\nEND:VCARD\n".encode("cp1250")
    )
    assert card["name"] == "Łucja Żak"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello", "no vCard"),
        (b"BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@b.pl\nEND:VCARD\n", "no name"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:A\n", "cannot be read"),
    ],
)
def test_bad_files_say_why(data, reason):
    with pytest.raises(vcard_import.VCardError, match=reason):
        vcard_import.parse_vcards(data)
