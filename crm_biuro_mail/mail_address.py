"""Helpers on e-mail addresses and domains (no ORM), shared by the models. The
domain rules (parsing, public mailboxes, sub-domains) are crm_biuro's
``email_domains``: one place for the duplicate finder and the mail routing."""

from odoo.tools import email_normalize

from odoo.addons.crm_biuro.email_domains import (  # noqa: F401
    PUBLIC_EMAIL_DOMAINS,
    domain_candidates,
    email_domain,
    normalize_domain,
)


def normalize_email(value):
    """The address as Odoo's ``email_normalized`` stores it, or False."""
    return email_normalize(value or "", strict=False) or False
