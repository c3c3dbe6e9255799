"""Keys that reveal possible duplicate clients (plain Python, no Odoo).

Two records are likely the same firm when their names differ only by the legal form
("Kowalski sp. z o.o." and "KOWALSKI Sp. z o. o."), case, punctuation or Polish
diacritics, or when their e-mail addresses share a company domain. Public mailbox
domains (gmail.com, wp.pl...) say nothing about the firm and never match.
"""

import re
import unicodedata

# PUBLIC_EMAIL_DOMAINS: still importable from here (the list lives in email_domains)
if __package__:
    from .email_domains import PUBLIC_EMAIL_DOMAINS, company_domain
else:  # imported on its own, with the addon directory on sys.path (plain tests)
    from email_domains import PUBLIC_EMAIL_DOMAINS, company_domain  # noqa: F401

# Legal forms as they read once punctuation is gone and diacritics are folded; the
# longest first so that "sp z o o sp k" loses both of its parts.
LEGAL_FORM_SUFFIXES = (
    "spolka z ograniczona odpowiedzialnoscia",
    "spolka komandytowo akcyjna",
    "prosta spolka akcyjna",
    "spolka komandytowa",
    "spolka partnerska",
    "spolka cywilna",
    "spolka akcyjna",
    "spolka jawna",
    "spolka z o o",
    "sp z o o",
    "sp z oo",
    "s k a",
    "p s a",
    "sp j",
    "sp k",
    "sp p",
    "s a",
    "s c",
    "spzoo",
    "ska",
    "psa",
    "spj",
    "spk",
    "sa",
    "sc",
)
_SUFFIXES = "|".join(re.escape(suffix) for suffix in LEGAL_FORM_SUFFIXES)
_SUFFIX = re.compile(rf"(?:^|\s)(?:{_SUFFIXES})$")
_NOT_WORD = re.compile(r"[\W_]+")
# letters that Unicode does not decompose into a base letter and an accent
_FOLD = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "đ": "d"})


def fold(text):
    """Lower case without diacritics: "Łódź" → "lodz"."""
    text = (text or "").translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name):
    """The name without legal form, punctuation, case or diacritics, or "".

    "Kowalski-Syn sp. z o.o. sp.k." and "KOWALSKI SYN S.A." both give "kowalski syn".
    """
    words = _NOT_WORD.sub(" ", fold(name)).strip()
    previous = None
    while words and words != previous:
        previous = words
        words = _SUFFIX.sub("", words).strip()
    return words


def email_domain(email):
    """The company domain of an e-mail address, or "" for a public mailbox (see
    email_domains.company_domain)."""
    return company_domain(email)


# The short legal forms people type in spreadsheets, keyed like `name_key` words.
LEGAL_FORM_ALIASES = {
    "jdg": "jdg",
    "s c": "sc",
    "sc": "sc",
    "sp j": "spj",
    "spj": "spj",
    "sp p": "spp",
    "spp": "spp",
    "sp k": "spk",
    "spk": "spk",
    "s k a": "ska",
    "ska": "ska",
    "sp z o o": "spzoo",
    "sp z oo": "spzoo",
    "spzoo": "spzoo",
    "s a": "sa",
    "sa": "sa",
    "p s a": "psa",
    "psa": "psa",
}


def legal_form_code(value):
    """The legal form code of a short form typed in a spreadsheet ("sp. z o.o.",
    "S.A.", "JDG"), or "" when the value is not one of them."""
    words = _NOT_WORD.sub(" ", fold(value)).strip()
    return LEGAL_FORM_ALIASES.get(words, "")
