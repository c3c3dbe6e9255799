"""Profiles and histories the law does not allow (review deadlines-2026-12 §7,
"smaller items"): warnings, not errors, since the office may know better (a
starting business may pay quarterly advances without being a mały podatnik).

Each warning is (code, English text); the Odoo side shows its own translated text
per code and may ignore the English one. Histories add the version's date_from.
"""

from datetime import date

from .catalogue import ESTONIAN_ELIGIBLE_FORMS
from .history import Lifecycle, ProfileVersion
from .periods import add_months
from .profile import CIT_LEGAL_FORMS, CIT_TAX_FORMS, ClientProfile

NATURAL_PERSON_FORMS = frozenset({"jdg", "sc", "osoba_fizyczna"})
PIT_BOOKS = frozenset({"kpir", "ryczalt", "none"})
# VAT act art. 99 ust. 3a: no quarterly returns in the first 12 months after
# registration as VAT czynny [verify the current wording].
NO_QUARTERLY_VAT_MONTHS = 12

MESSAGES = {
    "quarterly_vat_not_small": (
        "Quarterly VAT is for a mały podatnik only (VAT act art. 99 ust. 2-3)."
    ),
    "quarterly_advances_not_small": (
        "Quarterly advances are for a mały podatnik or a starting business"
        " (PIT act art. 44 ust. 3g; CIT act art. 25 ust. 1b)."
    ),
    "natural_person_cit": "A natural person cannot pay CIT.",
    "company_without_full_books": (
        "A CIT taxpayer keeps full books (UoR art. 2 ust. 1)."
    ),
    "karta_form": "Karta podatkowa is for a JDG or a civil partnership only.",
    "karta_books": "Karta podatkowa keeps no books.",
    "estonian_form": (
        "Estonian CIT is open to sp. z o.o., S.A., P.S.A., sp.k. and S.K.A."
        " (CIT act art. 28j ust. 1)."
    ),
    "tax_form_change_mid_year": (
        "A tax form changes from 1 January (PIT act art. 9a ust. 2; lump-sum act"
        " art. 9 ust. 1); this change is dated otherwise."
    ),
    "vat_period_change_mid_quarter": (
        "A VAT period changes from the first day of a quarter (VAT act art. 99 ust. 3)."
    ),
    "quarterly_vat_first_year": (
        "No quarterly VAT in the first 12 months after VAT registration"
        " (VAT act art. 99 ust. 3a)."
    ),
}


def _is_quarterly_vat(profile: ClientProfile) -> bool:
    return profile.is_vat_active and profile.effective_vat_period == "quarterly"


def _profile_checks(profile: ClientProfile):
    yield (
        "quarterly_vat_not_small",
        (_is_quarterly_vat(profile) and not profile.small_taxpayer),
    )
    yield (
        "quarterly_advances_not_small",
        (profile.quarterly_advances and not profile.small_taxpayer),
    )
    yield (
        "natural_person_cit",
        (
            profile.legal_form in NATURAL_PERSON_FORMS
            and profile.tax_form in CIT_TAX_FORMS
        ),
    )
    yield (
        "company_without_full_books",
        (profile.legal_form in CIT_LEGAL_FORMS and profile.books_type in PIT_BOOKS),
    )
    yield (
        "karta_form",
        (profile.tax_form == "karta" and profile.legal_form not in ("jdg", "sc")),
    )
    yield (
        "karta_books",
        (profile.tax_form == "karta" and profile.books_type not in (None, "none")),
    )
    yield (
        "estonian_form",
        (
            profile.tax_form == "cit_estonski"
            and profile.legal_form not in ESTONIAN_ELIGIBLE_FORMS
        ),
    )


def profile_warnings(profile: ClientProfile) -> list[tuple[str, str]]:
    return [(code, MESSAGES[code]) for code, hit in _profile_checks(profile) if hit]


def history_warnings(
    versions: list[ProfileVersion], lifecycle: Lifecycle | None = None
) -> list[tuple[date, str, str]]:
    """Warnings of each version, plus changes the law dates differently."""
    ordered = sorted(versions, key=lambda v: v.date_from)
    registered = lifecycle.vat_registered_from if lifecycle else None
    found = []
    for index, version in enumerate(ordered):
        day = version.date_from
        codes = [code for code, _text in profile_warnings(version.profile)]
        if index:
            codes += _change_warnings(ordered[index - 1].profile, version.profile, day)
        following = ordered[index + 1].date_from if index + 1 < len(ordered) else None
        if registered and _early_quarterly_vat(version, following, registered):
            codes.append("quarterly_vat_first_year")
        found += [(day, code, MESSAGES[code]) for code in codes]
    return found


def _change_warnings(old: ClientProfile, new: ClientProfile, day: date) -> list:
    codes = []
    if old.tax_form != new.tax_form and (day.month, day.day) != (1, 1):
        codes.append("tax_form_change_mid_year")
    period_changed = old.effective_vat_period != new.effective_vat_period
    if period_changed and (day.day != 1 or day.month % 3 != 1):
        codes.append("vat_period_change_mid_quarter")
    return codes


def _early_quarterly_vat(version: ProfileVersion, following, registered) -> bool:
    """Quarterly while in force in the 12 months from the registration month."""
    if not _is_quarterly_vat(version.profile):
        return False
    free_from = date(
        *add_months(registered.year, registered.month, NO_QUARTERLY_VAT_MONTHS), 1
    )
    return version.date_from < free_from and (
        following is None or following > registered
    )
