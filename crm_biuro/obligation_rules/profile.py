"""The client's tax profile as the rule engine sees it.

The selection keys are exactly those of the res.partner fields biuro_legal_form,
biuro_books_type, biuro_tax_form, biuro_vat_status, biuro_vat_period, biuro_vat_ue,
biuro_zus_scheme and biuro_employer, so the Odoo side can pass its values through
`ClientProfile.from_values` unchanged (Odoo's False for "not set" becomes None).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

try:
    from .. import legal_forms
except ImportError:  # plain Python: the addon directory is on sys.path
    import legal_forms

LEGAL_FORMS = legal_forms.CODES
BOOKS_TYPES = frozenset({"kpir", "ryczalt", "full", "none"})
TAX_FORMS = frozenset({"skala", "liniowy", "ryczalt", "karta", "cit", "cit_estonski"})
VAT_STATUSES = frozenset({"czynny", "zwolniony", "niezarejestrowany"})
VAT_PERIODS = frozenset({"monthly", "quarterly"})
ZUS_SCHEMES = frozenset(
    {"ulga_na_start", "preferencyjny", "maly_zus_plus", "duzy", "none"}
)
ZUS_DUE_DAYS = frozenset({5, 15, 20})

# CIT taxpayers by law whatever `tax_form` says (CIT act art. 1 ust. 1–3): legal
# persons, sp.k. and S.K.A. (art. 1 ust. 3 pkt 1, sp.k. since 2021), and the branch
# of a foreign company (taxed as its parent, usually a legal person).
CIT_LEGAL_FORMS = frozenset(
    {
        "spzoo",
        "sa",
        "psa",
        "spk",
        "ska",
        "spoldzielnia",
        "fundacja",
        "fundacja_rodzinna",
        "stowarzyszenie",
        "oddzial",
    }
)
CIT_TAX_FORMS = frozenset({"cit", "cit_estonski"})

# Payers with legal personality settle ZUS by the 15th (ustawa o sus art. 47 ust. 1
# pkt 2). S.K.A. and the other partnerships have no legal personality (KSH art. 8),
# so they use the 20th. "stowarzyszenie" is taken as a registered association (KRS);
# "oddzial" and "other" are put on the 15th because the earlier date is the safe one
# when we cannot tell (set `zus_due_day` to override).
LEGAL_PERSON_FORMS = frozenset(
    {
        "spzoo",
        "sa",
        "psa",
        "spoldzielnia",
        "fundacja",
        "fundacja_rodzinna",
        "stowarzyszenie",
    }
)
ZUS_15TH_UNSURE_FORMS = frozenset({"oddzial", "other"})
# Reliefs only a self-employed natural person can use (ustawa o sus art. 18a,
# Prawo przedsiębiorców art. 18): such a payer has no legal personality.
SELF_EMPLOYED_ZUS_SCHEMES = frozenset(
    {"ulga_na_start", "preferencyjny", "maly_zus_plus"}
)

# Registered in KRS: financial statements are filed with the KRS (UoR art. 69 ust. 1);
# the others send them to Szef KAS (CIT act art. 27 ust. 2, PIT act art. 45 ust. 1f).
KRS_LEGAL_FORMS = frozenset(
    {
        "spj",
        "spp",
        "spk",
        "ska",
        "spzoo",
        "sa",
        "psa",
        "spoldzielnia",
        "fundacja",
        "stowarzyszenie",
        "oddzial",
    }
)

_CHOICES = {
    "legal_form": LEGAL_FORMS,
    "books_type": BOOKS_TYPES,
    "tax_form": TAX_FORMS,
    "vat_status": VAT_STATUSES,
    "vat_period": VAT_PERIODS,
    "zus_scheme": ZUS_SCHEMES,
}


@dataclass(frozen=True)
class ClientProfile:
    """What the deadlines depend on. None means "not set" (Odoo's False).

    Beyond the Odoo fields:

    * `tax_year_end_month` – last month of the tax / financial year (CIT act art. 8
      ust. 1 allows a non-calendar year; PIT taxpayers always use the calendar year,
      PIT act art. 11, so the PIT returns ignore it).
    * `quarterly_advances` – income-tax advances are paid quarterly (PIT act
      art. 44 ust. 3g, lump-sum act art. 21 ust. 1a, CIT act art. 25 ust. 1b).
    * `related_party_transactions` – above the transfer-pricing thresholds, so TPR
      and the local file are proposed.
    * `zus_due_day` – 5, 15 or 20 to override the ZUS day derived from the legal
      form (5 is for budget units, which no legal form here describes).
    """

    legal_form: str | None = None
    books_type: str | None = None
    tax_form: str | None = None
    vat_status: str | None = None
    vat_period: str | None = None
    vat_ue: bool = False
    zus_scheme: str | None = None
    employer: bool = False
    tax_year_end_month: int = 12
    quarterly_advances: bool = False
    related_party_transactions: bool = False
    zus_due_day: int | None = None

    def __post_init__(self):
        for name, allowed in _CHOICES.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name}={value!r} is not one of {sorted(allowed)}")
        if self.tax_year_end_month not in range(1, 13):
            raise ValueError(f"tax_year_end_month={self.tax_year_end_month!r}")
        if self.zus_due_day is not None and self.zus_due_day not in ZUS_DUE_DAYS:
            raise ValueError(f"zus_due_day={self.zus_due_day!r} is not 5, 15 or 20")

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> "ClientProfile":
        """Build from field values as Odoo returns them (False -> None / False).

        Unknown keys raise TypeError, so a typo cannot silently drop a field.
        """
        known = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(known)
        if unknown:
            raise TypeError(f"unknown profile keys: {sorted(unknown)}")
        kwargs = {}
        for name, value in values.items():
            if known[name].type in ("bool", bool):
                kwargs[name] = bool(value)
            elif value is False:
                kwargs[name] = None
            else:
                kwargs[name] = value
        return cls(**kwargs)

    # --- derived facts ------------------------------------------------------------

    @property
    def is_cit_payer(self) -> bool:
        return self.tax_form in CIT_TAX_FORMS or self.legal_form in CIT_LEGAL_FORMS

    @property
    def is_estonian_cit(self) -> bool:
        return self.tax_form == "cit_estonski"

    @property
    def is_vat_active(self) -> bool:
        return self.vat_status == "czynny"

    @property
    def effective_vat_period(self) -> str:
        # Monthly is the default (VAT act art. 99 ust. 1); quarterly is an option
        # of the mały podatnik (art. 99 ust. 2–3), so an unset period means monthly.
        return self.vat_period or "monthly"

    @property
    def pays_zus(self) -> bool:
        return self.employer or self.zus_scheme not in (None, "none")

    @property
    def zus_day(self) -> int:
        """Day of the next month for DRA and payment (ustawa o sus art. 47 ust. 1)."""
        if self.zus_due_day is not None:
            return self.zus_due_day
        if self.legal_form in LEGAL_PERSON_FORMS | ZUS_15TH_UNSURE_FORMS:
            return 15
        if self.legal_form is None and self.zus_scheme not in SELF_EMPLOYED_ZUS_SCHEMES:
            return 15  # unknown payer: the earlier date is the safe one
        return 20

    @property
    def in_krs(self) -> bool:
        return self.legal_form in KRS_LEGAL_FORMS

    @property
    def tax_year_start_month(self) -> int:
        return self.tax_year_end_month % 12 + 1
