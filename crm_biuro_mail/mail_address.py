"""Plain helpers on e-mail addresses and domains (no ORM), shared by the models."""

from urllib.parse import urlsplit

from odoo.tools import email_normalize


def normalize_email(value):
    """The address as Odoo's ``email_normalized`` stores it, or False."""
    return email_normalize(value or "", strict=False) or False


def normalize_domain(value):
    """A bare lower-case host name out of whatever a user types or a website field
    holds: ``@Firma.pl``, ``https://www.firma.pl/kontakt``, ``WWW.FIRMA.PL.``."""
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
    """The domain of a normalised address, or False."""
    if not email or "@" not in email:
        return False
    return normalize_domain(email.rsplit("@", 1)[1])


def domain_candidates(domain):
    """The domain and its parents down to two labels, most specific first:
    ``mail.biuro.firma.pl`` -> ``mail.biuro.firma.pl``, ``biuro.firma.pl``,
    ``firma.pl``. Looked up in one indexed query."""
    if not domain:
        return []
    labels = domain.split(".")
    return [".".join(labels[index:]) for index in range(len(labels) - 1)]
