"""The client's tax profile as the rule engine sees it.

The selection keys are exactly those of the res.partner fields biuro_legal_form,
biuro_books_type, biuro_tax_form, biuro_vat_status, biuro_vat_period, biuro_vat_ue,
biuro_zus_scheme and biuro_employer, so the Odoo side can pass its values through
`ClientProfile.from_values` unchanged (Odoo's False for "not set" becomes None).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
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
# SUS act art. 47 ust. 1: pkt 1 budget units and samorządowe zakłady budżetowe (5th),
# pkt 2 payers with legal personality (15th), pkt 3 the others (20th).
ZUS_PAYER_KINDS = {"budget_unit": 5, "legal_person": 15, "other": 20}
VAT_UE_MODES = frozenset({"every_month", "when_reported"})
# Self-employed natural persons (a JDG owner, partners of an s.c., sp.j. or sp.p.)
# owe the health contribution on their business income (ustawa o świadczeniach opieki
# zdrowotnej art. 66 ust. 1 pkt 1 lit. c, art. 81) even outside ZUS social insurance.
SELF_EMPLOYED_FORMS = frozenset({"jdg", "sc", "spj", "spp"})
PIT_BUSINESS_TAX_FORMS = frozenset({"skala", "liniowy", "ryczalt", "karta"})

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

# In the KRS register of associations/foundations; in the register of
# entrepreneurs too only with business activity (ustawa o KRS art. 36 pkt 9, 49).
NGO_FORMS = frozenset({"fundacja", "stowarzyszenie"})

_DATE_KEYS = (
    "jpk_books_from",
    "ksef_start",
    "ksef_exemption_end",
    "ksef_token_expiry",
    "ksef_certificate_expiry",
)

_CHOICES = {
    "legal_form": LEGAL_FORMS,
    "books_type": BOOKS_TYPES,
    "tax_form": TAX_FORMS,
    "vat_status": VAT_STATUSES,
    "vat_period": VAT_PERIODS,
    "zus_scheme": ZUS_SCHEMES,
    "zus_payer_kind": frozenset(ZUS_PAYER_KINDS),
    "vat_ue_mode": VAT_UE_MODES,
}


@dataclass(frozen=True)
class ClientProfile:
    """What the deadlines depend on. None means "not set" (Odoo's False).

    Beyond the eight historical Odoo fields (legal_form … employer):

    * `tax_year_end_month` (int, 12) – last month of the tax / financial year (CIT
      act art. 8 ust. 1 allows a non-calendar year; PIT taxpayers always use the
      calendar year, PIT act art. 11, so the PIT returns ignore it).
    * `quarterly_advances` (bool, False) – income-tax advances are paid quarterly
      (PIT act art. 44 ust. 3g, lump-sum act art. 21 ust. 1a, CIT act art. 25
      ust. 1b).
    * `related_party_transactions` (bool, False) – above the transfer-pricing
      thresholds, so TPR and the local file are proposed.
    * `zus_due_day` (5/15/20 or None) – explicit override of the ZUS day; kept for
      compatibility, `zus_payer_kind` is the field to use.

    Added for issue 12 (each default keeps the earlier behaviour or is the safe
    reading; "→" names the codes the key drives):

    * `zus_payer_kind` (str or None) – "budget_unit" (5th: SUS act art. 47 ust. 1
      pkt 1, budget units and samorządowe zakłady budżetowe), "legal_person" (15th,
      pkt 2) or "other" (20th, pkt 3). None: derived from the legal form (see
      `zus_day`). `zus_due_day`, if set, still wins. → ZUS_DRA.
    * `small_taxpayer` (bool, False) – mały podatnik (VAT act art. 2 pkt 25; CIT
      act art. 4a pkt 10; PIT act art. 5a pkt 20): sales ≤ 2 mln EUR gross in the
      previous year. Needed for quarterly VAT (VAT act art. 99 ust. 2–3) and
      quarterly PIT/CIT advances; `history.check_history` warns without it.
    * `health_contribution` (bool, True) – the self-employed owner/partner owes the
      health contribution (ustawa o świadczeniach opieki zdrowotnej art. 66 ust. 1
      pkt 1 lit. c, art. 79, 81; paid with the DRA by the 20th, SUS act art. 47
      ust. 1 pkt 3). Only read for self-employed forms (jdg, sc, spj, spp) on a PIT
      business form. Untick for the narrow exceptions (e.g. KRUS farmers running a
      business [verify]). → ZUS_HEALTH (when no DRA is filed anyway), HEALTH_ANNUAL.
    * `imports_services` (bool, False) – buys art. 28b services from abroad (ads,
      SaaS) while not VAT czynny. → VAT9M (VAT act art. 99 ust. 9; a VAT-UE
      registration for services only), or VAT8 when `intra_eu_acquisitions` too.
      A client registered for VAT-UE in full files VAT-8 for services as well:
      tick `intra_eu_acquisitions` for it (same date, another form).
    * `intra_eu_acquisitions` (bool, False) – makes intra-EU acquisitions of goods
      (WNT) while not VAT czynny. → VAT8 (VAT act art. 99 ust. 8).
    * `vat_ue_mode` (str or None) – "every_month" (None means this: VAT_UE, VAT8,
      VAT9M listed every month) or "when_reported": these returns are due only for
      months with such transactions (VAT act art. 100 ust. 3, art. 99 ust. 8–9), so
      the generator lists a monthly confirmation task VAT_UE_CONFIRM instead and the
      Odoo side creates the return for a month once the client reports one
      (`obligations_for_period` still dates it).
    * `oss` (bool, False) – registered in the union OSS procedure. → OSS (VIU-DO).
    * `ioss` (bool, False) – registered in the import IOSS procedure. → IOSS (VIU-DM).
    * `ppk` (bool, False) – employer running PPK (ustawa o PPK). → PPK_PAY,
      PPK_REENROL.
    * `zus_iwa` (bool, False) – reported at least 10 insured for accident insurance
      in the previous year (ustawa wypadkowa art. 31 [verify]). → ZUS_IWA.
    * `withholding_tax_payer` (bool, False) – pays dividends, interest, royalties or
      art. 21 services on which CIT is withheld (CIT act art. 26). → WHT_PAY,
      CIT10Z, IFT2R.
    * `pit_non_resident_payer` (bool, False) – pays non-resident natural persons
      income taxed at source (PIT act art. 29, 42 ust. 2 pkt 2). → IFT1R.
    * `pit8c_payer` (bool, False) – pays "other" income reported on PIT-8C (PIT act
      art. 39 ust. 3). → PIT8C.
    * `flat_rate_tax_payer` (bool, False) – withholds flat-rate PIT (dividends,
      contracts up to 200 PLN, prizes; PIT act art. 41 ust. 4, 42 ust. 1). → PIT8A_PAY
      and makes PIT8AR proposable.
    * `pfron` (bool, False) – employer of 25+ FTE below the 6% disabled-employment
      quota (ustawa o rehabilitacji art. 21, 49). → PFRON_DEK, PFRON_DEKR.
    * `cit_income_exempt` (bool, False) – all income exempt (e.g. an NGO spending
      it on statutory aims, CIT act art. 17 ust. 1 pkt 4): no CIT advances, the
      CIT-8 stays.
    * `ngo_in_entrepreneurs_register` (bool, False) – a foundation or association
      also entered in the KRS register of entrepreneurs: its SF goes to the KRS
      within 15 days (UoR art. 69 ust. 1); without it, to Szef KAS within 10 days
      (CIT act art. 27 ust. 2).
    * `large_taxpayer` (bool, False) – revenue above 50 mln EUR, or a tax capital
      group: JPK_CIT from the tax year starting after 31 Dec 2024 (CIT act art. 9
      ust. 1c–1d with the transitional art. 66 of the Polski Ład act).
    * `jpk_books_exempt` (bool, False) – exempt from the JPK book files (CIT act
      art. 9 ust. 1d, e.g. art. 6 ust. 1 entities other than family foundations).
    * `jpk_books_from` (date or None) – overrides the phased start of JPK_CIT /
      JPK_PIT: the first day of the first tax year for which the books are sent.
    * `ksef_start` (date or None) – the client's KSeF issuing start (1 Feb 2026 for
      2024 sales above 200 mln PLN gross, else 1 Apr 2026; VAT act art. 106ga and
      the transitional provisions of Dz.U. 2025 poz. 1203). → KSEF_START.
    * `ksef_exemption_end` (date or None) – end of the transitional exemption the
      client relies on (≤ 10,000 PLN gross a month, cash-register invoices):
      31 Dec 2026. → KSEF_EXEMPTION_END.
    * `ksef_token_expiry` (date or None) – the office's KSeF tokens stop working
      (31 Dec 2026). → KSEF_TOKEN_EXPIRY.
    * `ksef_certificate_expiry` (date or None) – validity end of the KSeF
      certificate the office uses for the client. → KSEF_CERT_EXPIRY.

    Not keys: karta podatkowa is `tax_form="karta"` (→ KARTA_PAY); a family
    foundation is `legal_form="fundacja_rodzinna"` (→ FR_BENEFIT_TAX, no CIT_ADV).
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
    # --- issue 12 -------------------------------------------------------------
    zus_payer_kind: str | None = None
    small_taxpayer: bool = False
    health_contribution: bool = True
    imports_services: bool = False
    intra_eu_acquisitions: bool = False
    vat_ue_mode: str | None = None
    oss: bool = False
    ioss: bool = False
    ppk: bool = False
    zus_iwa: bool = False
    withholding_tax_payer: bool = False
    pit_non_resident_payer: bool = False
    pit8c_payer: bool = False
    flat_rate_tax_payer: bool = False
    pfron: bool = False
    cit_income_exempt: bool = False
    ngo_in_entrepreneurs_register: bool = False
    large_taxpayer: bool = False
    jpk_books_exempt: bool = False
    jpk_books_from: date | None = None
    ksef_start: date | None = None
    ksef_exemption_end: date | None = None
    ksef_token_expiry: date | None = None
    ksef_certificate_expiry: date | None = None

    def __post_init__(self):
        for name, allowed in _CHOICES.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                raise ValueError(f"{name}={value!r} is not one of {sorted(allowed)}")
        if self.tax_year_end_month not in range(1, 13):
            raise ValueError(f"tax_year_end_month={self.tax_year_end_month!r}")
        if self.zus_due_day is not None and self.zus_due_day not in ZUS_DUE_DAYS:
            raise ValueError(f"zus_due_day={self.zus_due_day!r} is not 5, 15 or 20")
        for name in _DATE_KEYS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise ValueError(f"{name}={value!r} is not a date")

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
                # "not set": None, or the key's own default where it has one
                # (tax_year_end_month: 12).
                kwargs[name] = known[name].default
            elif known[name].type in (int, "int", int | None) and isinstance(
                value, str
            ):
                kwargs[name] = int(value)  # an Odoo selection of months / days
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
    def is_self_employed(self) -> bool:
        """A natural person running a business taxed under the PIT or lump-sum act
        (the JDG owner, the partners of an s.c., sp.j. or sp.p.)."""
        return (
            self.legal_form in SELF_EMPLOYED_FORMS
            and not self.is_cit_payer
            and self.tax_form in PIT_BUSINESS_TAX_FORMS
        )

    @property
    def owes_health_contribution(self) -> bool:
        return self.health_contribution and self.is_self_employed

    @property
    def reports_eu_returns_when_reported(self) -> bool:
        return self.vat_ue_mode == "when_reported"

    @property
    def zus_day(self) -> int:
        """Day of the next month for DRA and payment (ustawa o sus art. 47 ust. 1)."""
        if self.zus_due_day is not None:
            return self.zus_due_day
        if self.zus_payer_kind is not None:
            return ZUS_PAYER_KINDS[self.zus_payer_kind]
        if self.legal_form in LEGAL_PERSON_FORMS | ZUS_15TH_UNSURE_FORMS:
            return 15
        if self.legal_form is None and self.zus_scheme not in SELF_EMPLOYED_ZUS_SCHEMES:
            return 15  # unknown payer: the earlier date is the safe one
        return 20

    @property
    def in_krs(self) -> bool:
        return self.legal_form in KRS_LEGAL_FORMS

    @property
    def files_sf_with_krs(self) -> bool:
        """SF to the KRS (UoR art. 69 ust. 1) rather than Szef KAS (CIT act art. 27
        ust. 2): foundations and associations only when they are also in the
        register of entrepreneurs; the others in the KRS are all entrepreneurs."""
        if self.legal_form in NGO_FORMS:
            return self.ngo_in_entrepreneurs_register
        return self.in_krs

    @property
    def tax_year_start_month(self) -> int:
        return self.tax_year_end_month % 12 + 1
