"""The one place where the rule engine's ClientProfile meets the Odoo fields.

Every ClientProfile key is listed here: the client (res.partner) keeps its current
value in `biuro_<key>` and each row of its history (biuro.tax.profile) in `<key>`.
A test (test_tax_profile.TestTaxProfileKeys) fails when the engine grows a key
that is not listed, so a new profile input cannot be forgotten on the Odoo side.

Keys fed by another addon through res.partner._biuro_obligation_profile_values()
(crm_biuro_compliance's KSeF dates) are in HOOK_KEYS instead: crm_biuro keeps no
copy of that data.
"""

from datetime import date


def _int_or_none(value):
    # selections of numbers are stored as strings ("12", "15")
    return int(value) if value else None


PROFILE_KEYS = {
    "legal_form": None,
    "books_type": None,
    "tax_form": None,
    "vat_status": None,
    "vat_period": None,
    "vat_ue": None,
    "zus_scheme": None,
    "employer": None,
    "tax_year_end_month": _int_or_none,
    "quarterly_advances": None,
    "related_party_transactions": None,
    "zus_due_day": _int_or_none,
    "zus_payer_kind": None,
    "small_taxpayer": None,
    "health_contribution": None,
    "imports_services": None,
    "intra_eu_acquisitions": None,
    "vat_ue_mode": None,
    "oss": None,
    "ioss": None,
    "ppk": None,
    "zus_iwa": None,
    "withholding_tax_payer": None,
    "pit_non_resident_payer": None,
    "pit8c_payer": None,
    "flat_rate_tax_payer": None,
    "pfron": None,
    "cit_income_exempt": None,
    "ngo_in_entrepreneurs_register": None,
    "large_taxpayer": None,
    "jpk_books_exempt": None,
    "jpk_books_from": None,
}

# Keys the engine reads that crm_biuro does not store (another addon feeds them).
HOOK_KEYS = frozenset(
    {"ksef_start", "ksef_exemption_end", "ksef_token_expiry", "ksef_certificate_expiry"}
)

# Keys whose change normally takes effect with the next tax year (the election of
# the tax form, the advances, the books and the tax year itself are yearly
# choices); the others from the next month.
YEARLY_KEYS = frozenset(
    {
        "books_type",
        "tax_form",
        "quarterly_advances",
        "tax_year_end_month",
        "related_party_transactions",
        "small_taxpayer",
        "large_taxpayer",
        "cit_income_exempt",
    }
)


def partner_field(key):
    return f"biuro_{key}"


PARTNER_PROFILE_FIELDS = tuple(partner_field(key) for key in PROFILE_KEYS)


def engine_values(read):
    """The engine's values of one profile, `read(key)` giving the Odoo value."""
    values = {}
    for key, convert in PROFILE_KEYS.items():
        value = read(key)
        value = convert(value) if convert else value
        # an unset number (a record not saved yet, a row written past the ORM)
        # leaves the engine's own default (tax year ending in December)
        if value is not None:
            values[key] = value
    return values


def first_of_next_month(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def default_date_from(keys, today, tax_year_end_month=12):
    """The first day of the next period of the changed `keys`: the next tax year
    for yearly choices, otherwise the next month."""
    if not YEARLY_KEYS & set(keys):
        return first_of_next_month(today)
    start_month = tax_year_end_month % 12 + 1
    year = today.year if today.month < start_month else today.year + 1
    return date(year, start_month, 1)
