"""Table tests of crm_biuro/email_domains.py, the one e-mail domain helper of the
duplicate finder (crm_biuro) and the mail routing (crm_biuro_mail)."""

import email_domains
import matching
import pytest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jan@firma.pl", "jan@firma.pl"),
        ("Jan <JAN@Firma.PL>", "jan@firma.pl"),
        ('"Kowalski, Jan" <jan@firma.pl>', "jan@firma.pl"),
        ("jan@firma.pl, biuro@inna.pl", "jan@firma.pl"),
        ("  jan@firma.pl  ", "jan@firma.pl"),
        ("", ""),
        (None, ""),
        (False, ""),
    ],
)
def test_first_address(value, expected):
    assert email_domains.first_address(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("firma.pl", "firma.pl"),
        ("@Firma.PL", "firma.pl"),
        ("https://www.firma.pl/o-nas", "firma.pl"),
        ("WWW.FIRMA.PL.", "firma.pl"),
        ("jan@sub.firma.pl", "sub.firma.pl"),
        ("http://firma.pl:8080/x", "firma.pl"),
        ("localhost", False),
        ("nie-domena", False),
        ("", False),
        (None, False),
        ("http://[zly", False),
    ],
)
def test_normalize_domain(value, expected):
    assert email_domains.normalize_domain(value) == expected


@pytest.mark.parametrize(
    ("email", "domain", "company"),
    [
        ("jan@firma.pl", "firma.pl", "firma.pl"),
        ("Jan <jan@Kowalski.PL>", "kowalski.pl", "kowalski.pl"),
        ("jan@www.firma.pl", "firma.pl", "firma.pl"),
        ("jan@mail.firma.com.pl.", "mail.firma.com.pl", "mail.firma.com.pl"),
        ("jan@gmail.com", "gmail.com", ""),
        ("jan@WP.PL", "wp.pl", ""),
        ("jan@poczta.onet.pl", "poczta.onet.pl", ""),
        ("jan@localhost", False, ""),
        ("bez-malpy", False, ""),
        ("", False, ""),
        (None, False, ""),
    ],
)
def test_email_domain_and_company_domain(email, domain, company):
    assert email_domains.email_domain(email) == domain
    assert email_domains.company_domain(email) == company
    # the duplicate finder's key is the company domain
    assert matching.email_domain(email) == company


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("mail.biuro.firma.pl", ["mail.biuro.firma.pl", "biuro.firma.pl", "firma.pl"]),
        ("firma.pl", ["firma.pl"]),
        ("pl", []),
        ("", []),
        (False, []),
    ],
)
def test_domain_candidates(domain, expected):
    assert email_domains.domain_candidates(domain) == expected


def test_public_list_is_lower_case_domains():
    for name in email_domains.PUBLIC_EMAIL_DOMAINS:
        assert email_domains.normalize_domain(name) == name
        assert email_domains.is_public(name)
    assert not email_domains.is_public("firma.pl")
    assert not email_domains.is_public("")
    # one list: the duplicate finder's is the same object
    assert matching.PUBLIC_EMAIL_DOMAINS is email_domains.PUBLIC_EMAIL_DOMAINS
