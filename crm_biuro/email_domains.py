"""E-mail addresses and their domains (plain Python, no Odoo).

One place for what both the duplicate finder of crm_biuro and the mail routing of
crm_biuro_mail need: the domain of an address, a domain as users type it, the
public mailbox providers (an address there says nothing about the firm) and the
parent domains of a sub-domain.
"""

from email.utils import getaddresses
from urllib.parse import urlsplit

# Public mailbox providers: anyone can have an address there. crm_biuro_mail loads
# them as the starting list of its (editable) public domains.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "wp.pl",
        "o2.pl",
        "tlen.pl",
        "go2.pl",
        "onet.pl",
        "onet.eu",
        "op.pl",
        "poczta.onet.pl",
        "vp.pl",
        "interia.pl",
        "interia.eu",
        "interia.com",
        "poczta.fm",
        "gazeta.pl",
        "int.pl",
        "buziaczek.pl",
        "autograf.pl",
        "yahoo.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "aol.com",
        "gmx.de",
        "mac.com",
        "mail.com",
        "msn.com",
        "outlook.pl",
        "pm.me",
        "spoko.pl",
        "yahoo.pl",
        "yandex.com",
        "zoho.com",
    }
)


def first_address(value):
    """The first address of a header or a field: '"Kowalski, Jan" <jan@firma.pl>,
    b@c.pl' -> "jan@firma.pl" (lower case), or ""."""
    value = (value or "").strip()
    for _name, address in getaddresses([value]) if value else ():
        if address:
            return address.strip().lower()
    return ""


def normalize_domain(value):
    """A bare lower-case host name out of whatever a user types or a website field
    holds: ``@Firma.pl``, ``https://www.firma.pl/kontakt``, ``WWW.FIRMA.PL.``;
    False when it is not a domain."""
    value = (value or "").strip().lower()
    if not value:
        return False
    if "@" in value:
        value = value.rsplit("@", 1)[1]
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:
        return False
    host = host.strip(".")
    host = host.removeprefix("www.")
    # a domain has at least one dot and no blanks; anything else is noise
    if "." not in host or any(char.isspace() for char in host):
        return False
    return host


def email_domain(email):
    """The domain of an address (the first one of a list), or False."""
    address = first_address(email)
    if "@" not in address:
        return False
    return normalize_domain(address.rsplit("@", 1)[1])


def is_public(domain):
    """Whether the domain is a public mailbox provider's."""
    return bool(domain) and domain in PUBLIC_EMAIL_DOMAINS


def company_domain(email):
    """The domain of an address when it may be a firm's: "" for none or for a
    public mailbox."""
    domain = email_domain(email)
    if not domain or is_public(domain):
        return ""
    return domain


def domain_candidates(domain):
    """The domain and its parents down to two labels, most specific first:
    ``mail.biuro.firma.pl`` -> ``mail.biuro.firma.pl``, ``biuro.firma.pl``,
    ``firma.pl``."""
    if not domain:
        return []
    labels = domain.split(".")
    return [".".join(labels[index:]) for index in range(len(labels) - 1)]
