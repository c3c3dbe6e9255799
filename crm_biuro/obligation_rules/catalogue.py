"""The declarations catalogue: who files what, for which period, by when.

One `Rule` per declaration code (the `code` of biuro.declaration.type). A rule says
how long its settlement period is for a given client, why it may not apply to that
client, and one or more `Part`s, each with its own statutory date (e.g. PIT-11 goes to
the tax office by the end of January and to the employee by the end of February).

Statutory dates here are the calendar dates of the statute. Moving them off weekends
and holidays (Ordynacja podatkowa art. 12 § 5) is done by the engine, per part.

Abbreviations in the legal bases: "VAT act" = ustawa o podatku od towarów i usług,
"PIT act" = ustawa o podatku dochodowym od osób fizycznych, "lump-sum act" = ustawa
o zryczałtowanym podatku dochodowym, "CIT act" = ustawa o podatku dochodowym od osób
prawnych, "SUS act" = ustawa o systemie ubezpieczeń społecznych, "UoR" = ustawa
o rachunkowości.

The [verify] points of the review (docs/reviews/deadlines-2026-12.md §9), as this
catalogue settles them. Confirmed by domain-pl.md: ZUS 5th/15th/20th since 2022
(§5.5), VAT-UE monthly only (§7), CIT-8 three months after the tax year (§7), the
re-registration within 7 days (§5.5, not generated: an event). Not confirmed
against the consolidated statute, so the EARLIER plausible date is used and the
rule says [verify]:

* karta payment: the 20th (art. 38 ust. 1 as amended by Polski Ład; the 7th
  before 2022), December by 28 December;
* VAT-8 / VAT-9M: art. 99 ust. 8 / ust. 9 as I know the act;
* OSS / IOSS: not shifted (EU deadline; Reg. 282/2011 art. 59a per the review);
* IFT-1R to the tax office by the end of January (as PIT-11), PIT-8C by the end
  of February; PFRON DEK-R by 20 January; ZUS IWA by 31 January (article left
  open);
* JPK_CIT: the 7-month first-phase extension only for tax years ending before
  1 April 2026 (Dz.U. 2026 poz. 188); UD350 is not assumed to have passed, so
  later years keep the CIT-8 date;
* art. 99 ust. 3a (no quarterly VAT in the first 12 months) is a warning in
  checks.py, not a date;
* a family foundation's SF is taken to go to Szef KAS (10 days; it is not in the
  KRS); a branch (oddział) still files with the KRS;
* KRUS farmers running a business: untick `health_contribution`.

Not modelled here (events, or not dates): Mały ZUS Plus January formalities, RMUA,
CRBR entries (crm_biuro_verify), KSeF penalty rates and offline send deadlines,
JPK_V7 KSeF markers, VAT-26, PCC-3, MDR, local taxes, the master file, the Estonian
CIT monthly tax on distributions (due only for months with a distribution).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .periods import (
    ANNUAL,
    MONTHLY,
    QUARTERLY,
    Period,
    day_of_month_after,
    end_of_month_after,
)
from .profile import ClientProfile

DueFn = Callable[[Period, ClientProfile], date]
ReasonFn = Callable[[ClientProfile], str | None]


@dataclass(frozen=True)
class Part:
    """One dated act of a declaration ("" when the declaration has only one)."""

    name: str
    due: DueFn
    legal_basis: str
    # False where the Ordynacja's art. 12 § 5 does not clearly reach the deadline;
    # the calendar date is then kept, as it is the earlier and so the safe one.
    shifts: bool = True
    # Restricts the part to some periods (JPK_V7K: the declaration only in month 3).
    when: Callable[[Period], bool] | None = None
    # Restricts the part by period AND profile (a KSeF date falls in one month).
    occurs: Callable[[Period, ClientProfile], bool] | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    frequency: Callable[[ClientProfile], str]
    not_applicable: ReasonFn
    parts: tuple[Part, ...]
    # Quarters and years follow the client's tax year (CIT payers may have a
    # non-calendar one, CIT act art. 8); otherwise they are calendar ones.
    follows_tax_year: bool = False
    # Whether `required_declaration_codes` proposes the code when it applies; False
    # where the profile cannot tell (PIT-8AR depends on payments we do not see).
    proposable: Callable[[ClientProfile], bool] = lambda profile: True
    # Whether the calendar generator lists it for every period; False where the
    # return is due only for months the client reports (vat_ue_mode="when_reported"):
    # the Odoo side then creates it on demand with `obligations_for_period`.
    scheduled: Callable[[ClientProfile], bool] = lambda profile: True
    # Whether the obligation lapses for a period wholly inside a suspension
    # (zawieszenie). None: monthly and quarterly items lapse (nothing is earned,
    # paid or employed while suspended), annual returns stay (they cover the active
    # part of the year). See history.Lifecycle.
    suspends: bool | None = None
    # The period whose suspension makes the item lapse, if not its own (JPK_V7K:
    # the month-3 file carries the quarter's return, due unless the whole quarter
    # was suspended).
    suspension_scope: Callable[[Period], Period] | None = None
    # A VAT code: none for a period outside the client's VAT registration.
    needs_vat_registration: bool = False
    # Days before the due date the Odoo side should remind (0: its default).
    remind_days: int = 0

    @property
    def legal_basis(self) -> str:
        """The legal bases of all parts, without repetitions, for display."""
        seen: list[str] = []
        for part in self.parts:
            if part.legal_basis not in seen:
                seen.append(part.legal_basis)
        return "; ".join(seen)

    def lapses_in_suspension(self, profile: ClientProfile) -> bool:
        if self.suspends is not None:
            return self.suspends
        return self.frequency(profile) != ANNUAL


# --- building blocks -------------------------------------------------------------


def _day_next_month(day: int) -> DueFn:
    return lambda period, profile: day_of_month_after(period.end, 1, day)


def _end_of_month(months_after: int) -> DueFn:
    return lambda period, profile: end_of_month_after(period.end, months_after)


def _april_30(period: Period, profile: ClientProfile) -> date:
    return date(period.end.year + 1, 4, 30)


def _zus_due(period: Period, profile: ClientProfile) -> date:
    return day_of_month_after(period.end, 1, profile.zus_day)


def _sf_filed(period: Period, profile: ClientProfile) -> date:
    # Counted from the approval, which we assume happens on its last allowed day
    # (UoR art. 69 ust. 1a: the approval deadline counts when there is none).
    days = 15 if profile.files_sf_with_krs else 10
    return end_of_month_after(period.end, 6) + timedelta(days=days)


def _day_of_month_after(months: int, day: int) -> DueFn:
    return lambda period, profile: day_of_month_after(period.end, months, day)


def _day_in_period(month_index: int, day: int) -> DueFn:
    """Day `day` of the `month_index`-th month (1-based) OF the period itself: an
    act due before the period it concerns ends (the tax-form election for 2027 by
    20 February 2027)."""
    return lambda period, profile: day_of_month_after(
        period.start, month_index - 1, day
    )


def _jpk_cit_due(period: Period, profile: ClientProfile) -> date:
    # Tax years ending before 1 April 2026 (the first phase): end of the 7th month
    # (MF regulation of 16 Feb 2026, Dz.U. 2026 poz. 188). Later years: with the
    # return, end of the 3rd month (CIT act art. 9 ust. 1c). Draft UD350 would give
    # 7 months by statute [verify]: until it is law the earlier date is kept.
    months = 7 if period.end < date(2026, 4, 1) else 3
    return end_of_month_after(period.end, months)


def _end_of_month_of_period(month_index: int) -> DueFn:
    return lambda period, profile: end_of_month_after(period.start, month_index - 1)


def _profile_date(key: str) -> DueFn:
    return lambda period, profile: getattr(profile, key)


def _profile_date_in(key: str) -> Callable[[Period, ClientProfile], bool]:
    def occurs(period: Period, profile: ClientProfile) -> bool:
        day = getattr(profile, key)
        return day is not None and period.start <= day <= period.end

    return occurs


def _monthly(profile: ClientProfile) -> str:
    return MONTHLY


def _annual(profile: ClientProfile) -> str:
    return ANNUAL


def _quarterly_calendar(profile: ClientProfile) -> str:
    return QUARTERLY


def _advances(profile: ClientProfile) -> str:
    return QUARTERLY if profile.quarterly_advances else MONTHLY


def _is_quarter_end(period: Period) -> bool:
    return period.months == 1 and period.end.month % 3 == 0


def _is_month_not_quarter_end(period: Period) -> bool:
    return period.months == 1 and period.end.month % 3 != 0


def _is_quarter(period: Period) -> bool:
    return period.months == 3


def _is_december(period: Period) -> bool:
    return period.end.month == 12


def _is_not_december(period: Period) -> bool:
    return period.end.month != 12


# PPK act art. 23 ust. 7 [verify paragraph]: every 4 years from 2023 the employer
# informs the opted-out employees by the end of February and resumes contributions
# from 1 April (2023, 2027, 2031…).
def _is_ppk_reenrolment_year(period: Period) -> bool:
    return period.start.year >= 2023 and (period.start.year - 2023) % 4 == 0


def _quarter_of_quarter_end(period: Period) -> Period:
    if _is_quarter_end(period):
        return Period(day_of_month_after(period.start, -2, 1), period.end)
    return period


# --- applicability ---------------------------------------------------------------


def _jpk_reason(wanted_period: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        if not profile.is_vat_active:
            # VAT act art. 99 ust. 7: no return for taxpayers exempt under art. 113 or
            # making only art. 43 exempt supplies; unregistered ones file nothing.
            return f"vat_status is {profile.vat_status!r}, not 'czynny': no JPK_V7"
        if profile.effective_vat_period != wanted_period:
            return f"vat_period is {profile.effective_vat_period!r}"
        return None

    return reason


def _vat_ue_reason(profile: ClientProfile) -> str | None:
    if not profile.vat_ue:
        return "not registered for EU transactions (vat_ue is off)"
    if profile.vat_status == "niezarejestrowany":
        # VAT-UE registration (VAT act art. 97) presupposes a VAT registration.
        return "not registered for VAT"
    return None


def _zus_reason(profile: ClientProfile) -> str | None:
    if not profile.pays_zus:
        return "no ZUS scheme and no employees"
    return None


def _pit_reason(*tax_forms: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        if profile.is_cit_payer:
            return "CIT payer: no PIT advances or PIT returns of its own"
        if profile.tax_form not in tax_forms:
            return f"tax_form is {profile.tax_form!r}, not {' or '.join(tax_forms)}"
        return None

    return reason


def _cit_reason(profile: ClientProfile) -> str | None:
    if not profile.is_cit_payer:
        return "not a CIT payer"
    if profile.is_estonian_cit:
        # Estonian CIT (CIT act ch. 6b): no advances and CIT-8E instead of CIT-8.
        return "Estonian CIT: files CIT-8E and pays no CIT advances"
    return None


def _estonian_reason(profile: ClientProfile) -> str | None:
    if not profile.is_estonian_cit:
        return "tax_form is not 'cit_estonski'"
    return None


def _cit_advances_reason(profile: ClientProfile) -> str | None:
    reason = _cit_reason(profile)
    if reason:
        return reason
    if profile.legal_form == "fundacja_rodzinna":
        # CIT act art. 6 ust. 1 pkt 25: exempt; it pays the 15% tax on benefits
        # monthly instead (FR_BENEFIT_TAX), no advances.
        return "family foundation: exempt, no CIT advances"
    if profile.cit_income_exempt:
        return "all income exempt: no CIT advances (the CIT-8 stays)"
    return None


def _flag_reason(key: str, what: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        return None if getattr(profile, key) else f"not {what} ({key} is off)"

    return reason


def _vat_outside_jpk_reason(wnt: bool) -> ReasonFn:
    """VAT-8 (WNT, with or without services) / VAT-9M (services only): taxpayers
    who are not VAT czynny but owe VAT on purchases (VAT act art. 99 ust. 8–9)."""

    def reason(profile: ClientProfile) -> str | None:
        if profile.is_vat_active:
            return "VAT czynny: such purchases go into the JPK_V7"
        if wnt and not profile.intra_eu_acquisitions:
            return "no intra-EU acquisitions of goods (intra_eu_acquisitions is off)"
        if not wnt and (profile.intra_eu_acquisitions or not profile.imports_services):
            if profile.intra_eu_acquisitions:
                return "intra-EU acquisitions too: one VAT-8 covers both"
            return "no services bought from abroad (imports_services is off)"
        return None

    return reason


def _eu_returns_apply(profile: ClientProfile) -> bool:
    return any(RULES[code].not_applicable(profile) is None for code in EU_RETURN_CODES)


def _vat_ue_confirm_reason(profile: ClientProfile) -> str | None:
    if not profile.reports_eu_returns_when_reported:
        return "vat_ue_mode is not 'when_reported': the returns are listed monthly"
    if not _eu_returns_apply(profile):
        return "no VAT-UE, VAT-8 or VAT-9M to confirm"
    return None


def _listed_every_month(profile: ClientProfile) -> bool:
    return not profile.reports_eu_returns_when_reported


def _health_reason(profile: ClientProfile) -> str | None:
    if not profile.owes_health_contribution:
        return "not a self-employed person owing the health contribution"
    if profile.pays_zus:
        return "the health contribution goes into the ZUS_DRA"
    return None


def _health_annual_reason(profile: ClientProfile) -> str | None:
    if not profile.owes_health_contribution:
        return "not a self-employed person owing the health contribution"
    if profile.tax_form == "karta":
        # The karta's health contribution has a fixed base: nothing to reconcile.
        return "karta podatkowa: fixed health base, no annual reconciliation"
    return None


def _karta_reason(profile: ClientProfile) -> str | None:
    if profile.tax_form != "karta" or profile.is_cit_payer:
        return "tax_form is not 'karta'"
    return None


def _tax_form_election_reason(profile: ClientProfile) -> str | None:
    if not profile.is_self_employed or profile.tax_form == "karta":
        return "not a self-employed person on skala, liniowy or ryczałt"
    return None


# Estonian CIT is open to these forms (CIT act art. 28j ust. 1 pkt 5 [verify pkt]).
ESTONIAN_ELIGIBLE_FORMS = frozenset({"spzoo", "sa", "psa", "spk", "ska"})


def _estonian_entry_reason(profile: ClientProfile) -> str | None:
    if profile.legal_form not in ESTONIAN_ELIGIBLE_FORMS or profile.tax_form != "cit":
        return "not a company on ordinary CIT that could enter Estonian CIT"
    return None


def _vat_switch_reason(profile: ClientProfile) -> str | None:
    if not profile.is_vat_active:
        return "not VAT czynny"
    return None


def _family_foundation_reason(profile: ClientProfile) -> str | None:
    if profile.legal_form != "fundacja_rodzinna":
        return "not a family foundation"
    return None


def _large_taxpayer_reason(profile: ClientProfile) -> str | None:
    if not (profile.is_cit_payer and profile.large_taxpayer):
        return "not a CIT payer with revenue above 50 mln EUR or a tax group"
    return None


# JPK book files, phased in (Polski Ład act art. 66 ust. 2–4 as amended; CIT act
# art. 9 ust. 1c; PIT act art. 24a ust. 1e): tax years starting after 31 Dec 2024
# for large CIT taxpayers and tax groups, after 31 Dec 2025 for monthly JPK_V7M
# filers, after 31 Dec 2026 for everyone else. The phase is read from the profile
# in force on the first day of the tax year (history.py), so a client that chose
# quarterly VAT from Q1 2026 is outside the 2026 phase, as MF says.
JPK_BOOKS_LARGE_FROM = date(2025, 1, 1)
JPK_BOOKS_V7M_FROM = date(2026, 1, 1)
JPK_BOOKS_ALL_FROM = date(2027, 1, 1)


def _jpk_books_start(profile: ClientProfile) -> date:
    if profile.jpk_books_from is not None:
        return profile.jpk_books_from
    if profile.is_cit_payer and profile.large_taxpayer:
        return JPK_BOOKS_LARGE_FROM
    if profile.is_vat_active and profile.effective_vat_period == MONTHLY:
        return JPK_BOOKS_V7M_FROM
    return JPK_BOOKS_ALL_FROM


def _in_jpk_books_phase(period: Period, profile: ClientProfile) -> bool:
    return period.start >= _jpk_books_start(profile)


def _jpk_cit_reason(profile: ClientProfile) -> str | None:
    if not profile.is_cit_payer:
        return "not a CIT payer"
    if profile.jpk_books_exempt:
        return "exempt from the JPK book files (CIT act art. 9 ust. 1d)"
    return None


def _jpk_pit_reason(profile: ClientProfile) -> str | None:
    if profile.is_cit_payer:
        return "CIT payer: JPK_CIT instead"
    if profile.tax_form not in ("skala", "liniowy", "ryczalt"):
        return "no PIT books (karta or no tax form)"
    if profile.books_type not in ("kpir", "ryczalt", "full"):
        return "no books or records kept"
    if profile.jpk_books_exempt:
        return "exempt from the JPK book files"
    return None


def _ksef_reason(key: str) -> ReasonFn:
    def reason(profile: ClientProfile) -> str | None:
        return None if getattr(profile, key) else f"{key} is not set"

    return reason


def _has_date(key: str) -> Callable[[ClientProfile], bool]:
    return lambda profile: getattr(profile, key) is not None


def _pays_flat_rate_tax(profile: ClientProfile) -> bool:
    return profile.flat_rate_tax_payer


def _employer_reason(profile: ClientProfile) -> str | None:
    if not profile.employer:
        return "no employees or other persons paid through the payer"
    return None


def _full_books_reason(profile: ClientProfile) -> str | None:
    if profile.books_type != "full":
        return "no full books: no financial statements (UoR art. 45)"
    return None


def _always(profile: ClientProfile) -> str | None:
    return None


def _has_related_party_transactions(profile: ClientProfile) -> bool:
    return profile.related_party_transactions


def _never(profile: ClientProfile) -> bool:
    return False


# --- the catalogue ---------------------------------------------------------------

_RULES = (
    Rule(
        "JPK_V7M",
        "JPK_V7M – VAT return with records, monthly",
        _monthly,
        _jpk_reason("monthly"),
        (Part("", _day_next_month(25), "VAT act art. 99 ust. 1, art. 109 ust. 3b"),),
        needs_vat_registration=True,
    ),
    Rule(
        "JPK_V7K",
        "JPK_V7K – VAT records monthly, return quarterly",
        # Generated month by month: the file goes every month, and the month-3 file
        # also carries the return for the quarter.
        _monthly,
        _jpk_reason("quarterly"),
        (
            Part(
                "records",
                _day_next_month(25),
                "VAT act art. 109 ust. 3b",
                when=_is_month_not_quarter_end,
            ),
            Part(
                "records_and_declaration",
                _day_next_month(25),
                "VAT act art. 99 ust. 2, art. 109 ust. 3b",
                when=_is_quarter_end,
            ),
            # Only when asked with the quarter itself as the period.
            Part(
                "declaration",
                _day_next_month(25),
                "VAT act art. 99 ust. 2",
                when=_is_quarter,
            ),
        ),
        suspension_scope=_quarter_of_quarter_end,
        needs_vat_registration=True,
    ),
    Rule(
        "VAT_UE",
        "VAT-UE – EU recapitulative statement",
        _monthly,
        _vat_ue_reason,
        # Monthly only since 2017; due only for months with EU transactions, which
        # the profile cannot tell, so every month is listed.
        (Part("", _day_next_month(25), "VAT act art. 100 ust. 3"),),
        needs_vat_registration=True,
        # vat_ue_mode="when_reported": only months the client reports.
        scheduled=_listed_every_month,
    ),
    Rule(
        "ZUS_DRA",
        "ZUS DRA – contributions declaration and payment",
        _monthly,
        _zus_reason,
        (Part("", _zus_due, "SUS act art. 47 ust. 1"),),
    ),
    Rule(
        "PIT_ADV",
        "PIT advance (skala / liniowy)",
        _advances,
        _pit_reason("skala", "liniowy"),
        # By the 20th after the month or quarter; the December / Q4 advance by
        # 20 January of the next year, which is the same formula.
        (Part("", _day_next_month(20), "PIT act art. 44 ust. 3g, ust. 6"),),
    ),
    Rule(
        "RYCZALT_ADV",
        "Lump-sum (ryczałt) advance",
        _advances,
        _pit_reason("ryczalt"),
        (Part("", _day_next_month(20), "lump-sum act art. 21 ust. 1, ust. 1a"),),
    ),
    Rule(
        "CIT_ADV",
        "CIT advance",
        _advances,
        _cit_advances_reason,
        (Part("", _day_next_month(20), "CIT act art. 25 ust. 1, ust. 1b"),),
        follows_tax_year=True,
    ),
    Rule(
        "PIT4_ADV",
        "Payment of PIT withheld from employees (PIT-4R advances)",
        _monthly,
        _employer_reason,
        (Part("", _day_next_month(20), "PIT act art. 38 ust. 1"),),
    ),
    Rule(
        "PIT4R",
        "PIT-4R – payer's annual return",
        _annual,
        _employer_reason,
        (Part("", _end_of_month(1), "PIT act art. 38 ust. 1a"),),
        suspends=True,
    ),
    Rule(
        "PIT8AR",
        "PIT-8AR – payer's annual return of flat-rate tax",
        _annual,
        _always,
        (Part("", _end_of_month(1), "PIT act art. 42 ust. 1a"),),
        # Proposed only for a known flat-rate payer (dividends, small contracts…).
        proposable=_pays_flat_rate_tax,
        suspends=True,
    ),
    Rule(
        "PIT11",
        "PIT-11 – income statement of each employee",
        _annual,
        _employer_reason,
        (
            Part("tax_office", _end_of_month(1), "PIT act art. 39 ust. 1"),
            Part("employee", _end_of_month(2), "PIT act art. 39 ust. 1"),
        ),
        suspends=True,
    ),
    Rule(
        "PIT36",
        "PIT-36 – annual return (skala)",
        _annual,
        _pit_reason("skala"),
        (Part("", _april_30, "PIT act art. 45 ust. 1"),),
    ),
    Rule(
        "PIT36L",
        "PIT-36L – annual return (liniowy)",
        _annual,
        _pit_reason("liniowy"),
        (Part("", _april_30, "PIT act art. 45 ust. 1"),),
    ),
    Rule(
        "PIT28",
        "PIT-28 – annual return (ryczałt)",
        _annual,
        _pit_reason("ryczalt"),
        # 30 April since the settlement of 2022 (before: end of February).
        # The return is art. 21 ust. 2 (ust. 1 is the monthly payment), as the
        # review says; confirmed from the structure of art. 21 as I know it.
        (Part("", _april_30, "lump-sum act art. 21 ust. 2"),),
    ),
    Rule(
        "CIT8",
        "CIT-8 – annual CIT return",
        _annual,
        _cit_reason,
        (Part("", _end_of_month(3), "CIT act art. 27 ust. 1"),),
        follows_tax_year=True,
    ),
    Rule(
        "CIT8E",
        "CIT-8E – Estonian CIT return",
        _annual,
        _estonian_reason,
        (Part("", _end_of_month(3), "CIT act art. 28r ust. 1"),),
        follows_tax_year=True,
    ),
    Rule(
        "TP_LOCAL_FILE",
        "Transfer-pricing local file (prepared)",
        _annual,
        _always,
        (Part("", _end_of_month(10), "CIT act art. 11o ust. 1; PIT act art. 23zb"),),
        follows_tax_year=True,
        proposable=_has_related_party_transactions,
    ),
    Rule(
        "TPR",
        "TPR – transfer-pricing information",
        _annual,
        _always,
        (Part("", _end_of_month(11), "CIT act art. 11t ust. 1; PIT act art. 23zf"),),
        follows_tax_year=True,
        proposable=_has_related_party_transactions,
    ),
    Rule(
        "SF",
        "Financial statements (prepare, approve, file)",
        _annual,
        _full_books_reason,
        # The UoR has no weekend rule of its own and whether art. 12 § 5 Ordynacji
        # (or art. 115 KC) reaches these dates is disputed: keep the calendar dates.
        # The Szef KAS filing (CIT act art. 27 ust. 2) is a tax-law deadline and
        # would shift; the unshifted date is the earlier one, hence safe.
        # Foundations and associations file with Szef KAS (10 days) unless they
        # are also in the register of entrepreneurs (`files_sf_with_krs`).
        (
            Part("prepare", _end_of_month(3), "UoR art. 52 ust. 1", shifts=False),
            Part("approve", _end_of_month(6), "UoR art. 53 ust. 1", shifts=False),
            Part(
                "file",
                _sf_filed,
                "UoR art. 69 ust. 1 (KRS, 15 days after approval); CIT act art. 27 "
                "ust. 2 / PIT act art. 45 ust. 1f (Szef KAS, 10 days)",
                shifts=False,
            ),
        ),
        follows_tax_year=True,
    ),
)

# --- added for issue 12 (review deadlines-2026-12 §4, §5) -------------------------
# Codes and English names for the biuro.declaration.type records of the Odoo side
# are in ADDED_CODES below (`RULES[code].name`, `RULES[code].legal_basis`).

EU_RETURN_CODES = ("VAT_UE", "VAT8", "VAT9M")

_ADDED_RULES = (
    # VAT outside the JPK_V7 --------------------------------------------------------
    Rule(
        "VAT8",
        "VAT-8 – VAT on intra-EU acquisitions and imported services (not VAT czynny)",
        _monthly,
        _vat_outside_jpk_reason(wnt=True),
        # 25th of the month after the month the tax obligation arose; paid by the
        # same day (art. 103 ust. 3). Paragraph numbers as I know the act [verify].
        (Part("", _day_next_month(25), "VAT act art. 99 ust. 8, art. 103 ust. 3"),),
        scheduled=_listed_every_month,
    ),
    Rule(
        "VAT9M",
        "VAT-9M – VAT on imported services only (not VAT czynny)",
        _monthly,
        _vat_outside_jpk_reason(wnt=False),
        (Part("", _day_next_month(25), "VAT act art. 99 ust. 9, art. 103 ust. 3"),),
        scheduled=_listed_every_month,
    ),
    Rule(
        "VAT_UE_CONFIRM",
        "Monthly check: EU transactions to report (VAT-UE / VAT-8 / VAT-9M)?",
        _monthly,
        _vat_ue_confirm_reason,
        # An office task, not a statutory date: ten days before the returns it
        # decides on (25th), so the office can still file them.
        (
            Part(
                "",
                _day_next_month(15),
                "office task before VAT act art. 100 ust. 3 / art. 99 ust. 8–9",
            ),
        ),
    ),
    Rule(
        "OSS",
        "VIU-DO – OSS union-scheme VAT return, quarterly",
        _quarterly_calendar,
        _flag_reason("oss", "registered in the OSS union scheme"),
        # End of the month after the quarter, return and payment. NOT shifted off
        # weekends and holidays: the deadline is set by EU law, which has no such
        # shift (Council Implementing Regulation 282/2011 art. 59a; review §4.1,
        # the same held for MOSS) [verify article]. A nil return is due too, so it
        # does not lapse during a suspension.
        (
            Part(
                "",
                _end_of_month(1),
                "VAT act art. 130c ust. 1, 130d; Reg. 282/2011 art. 59a",
                shifts=False,
            ),
        ),
        suspends=False,
    ),
    Rule(
        "IOSS",
        "VIU-DM – IOSS import-scheme VAT return, monthly",
        _monthly,
        _flag_reason("ioss", "registered in the IOSS import scheme"),
        (
            Part(
                "",
                _end_of_month(1),
                "VAT act art. 138g ust. 1 [verify]; Reg. 282/2011 art. 59a",
                shifts=False,
            ),
        ),
        suspends=False,
    ),
    Rule(
        "VAT_PERIOD_SWITCH",
        "VAT-R update to change the VAT period (25th of the quarter's 2nd month)",
        _quarterly_calendar,
        _vat_switch_reason,
        # For the quarter it concerns: a mały podatnik notifies quarterly filing by
        # the 25th of the 2nd month of that quarter (25 Feb for Q1). Diarised only
        # where the office adds the code.
        (Part("", _day_in_period(2, 25), "VAT act art. 99 ust. 3"),),
        proposable=_never,
        suspends=False,
    ),
    # Income tax --------------------------------------------------------------------
    Rule(
        "KARTA_PAY",
        "Karta podatkowa – monthly tax payment",
        _monthly,
        _karta_reason,
        # By the 20th for the previous month (the 7th until 2021, changed by the
        # Polski Ład act); December by 28 December of the same year [verify: the
        # review leaves the 20th open; the amended art. 38 ust. 1 reads so].
        (
            Part(
                "",
                _day_next_month(20),
                "lump-sum act art. 38 ust. 1",
                when=_is_not_december,
            ),
            Part(
                "december",
                _day_in_period(1, 28),
                "lump-sum act art. 38 ust. 1",
                when=_is_december,
            ),
        ),
    ),
    Rule(
        "TAX_FORM_ELECTION",
        "Tax-form election or change for the year (skala / liniowy / ryczałt)",
        _annual,
        _tax_form_election_reason,
        # For the year it concerns, by the 20th of the month after the first
        # revenue of that year: diarised at the usual 20 February.
        (
            Part(
                "",
                _day_in_period(2, 20),
                "PIT act art. 9a ust. 2; lump-sum act art. 9 ust. 1",
            ),
        ),
    ),
    Rule(
        "ESTONIAN_ENTRY",
        "ZAW-RD – notice of entering Estonian CIT (end of the tax year's 1st month)",
        _annual,
        _estonian_entry_reason,
        (Part("", _end_of_month_of_period(1), "CIT act art. 28j ust. 1 pkt 8"),),
        follows_tax_year=True,
        proposable=_never,
    ),
    Rule(
        "FR_BENEFIT_TAX",
        "Family foundation – 15% tax on benefits paid",
        _monthly,
        _family_foundation_reason,
        # By the 20th of the month after the benefit [verify paragraph].
        (Part("", _day_next_month(20), "CIT act art. 24q, art. 24r ust. 1"),),
    ),
    Rule(
        "WHT_PAY",
        "Withholding tax (CIT) payment",
        _monthly,
        _flag_reason("withholding_tax_payer", "a withholding-tax payer"),
        (Part("", _day_next_month(7), "CIT act art. 26 ust. 3"),),
    ),
    Rule(
        "CIT10Z",
        "CIT-10Z – payer's annual withholding-tax return",
        _annual,
        _flag_reason("withholding_tax_payer", "a withholding-tax payer"),
        (Part("", _end_of_month(3), "CIT act art. 26 ust. 3 pkt 1"),),
        follows_tax_year=True,
        suspends=True,
    ),
    Rule(
        "IFT2R",
        "IFT-2R – information on payments to non-resident legal persons",
        _annual,
        _flag_reason("withholding_tax_payer", "a withholding-tax payer"),
        (Part("", _end_of_month(3), "CIT act art. 26 ust. 3 pkt 2"),),
        follows_tax_year=True,
        suspends=True,
    ),
    Rule(
        "IFT1R",
        "IFT-1R – information on income of non-resident natural persons",
        _annual,
        _flag_reason("pit_non_resident_payer", "a payer to non-resident persons"),
        # Tax office by the end of January, taxpayer by the end of February, as for
        # PIT-11 [verify: the review leaves the per-form dates open].
        (
            Part("tax_office", _end_of_month(1), "PIT act art. 42 ust. 2 pkt 2"),
            Part("taxpayer", _end_of_month(2), "PIT act art. 42 ust. 2 pkt 2"),
        ),
        suspends=True,
    ),
    Rule(
        "PIT8C",
        "PIT-8C – information on other income",
        _annual,
        _flag_reason("pit8c_payer", "a PIT-8C payer"),
        # To the taxpayer and the tax office by the end of February [verify].
        (Part("", _end_of_month(2), "PIT act art. 39 ust. 3"),),
        suspends=True,
    ),
    Rule(
        "PIT8A_PAY",
        "Flat-rate PIT withheld – monthly payment (PIT-8AR)",
        _monthly,
        _flag_reason("flat_rate_tax_payer", "a flat-rate tax payer"),
        (Part("", _day_next_month(20), "PIT act art. 42 ust. 1"),),
    ),
    Rule(
        "TAX_STRATEGY",
        "Tax strategy report (revenue above 50 mln EUR, tax groups)",
        _annual,
        _large_taxpayer_reason,
        (Part("", _end_of_month(12), "CIT act art. 27c ust. 1"),),
        follows_tax_year=True,
    ),
    Rule(
        "JPK_CIT",
        "JPK_CIT – annual book files (JPK_KR_PD, JPK_ST_KR)",
        _annual,
        _jpk_cit_reason,
        (
            Part(
                "",
                _jpk_cit_due,
                "CIT act art. 9 ust. 1c–1d; Dz.U. 2026 poz. 188",
                occurs=_in_jpk_books_phase,
            ),
        ),
        follows_tax_year=True,
    ),
    Rule(
        "JPK_PIT",
        "JPK_PIT – annual book files (JPK_PKPiR / JPK_EWP / JPK_KR_PD, JPK_ST)",
        _annual,
        _jpk_pit_reason,
        # With the annual return, 30 April (the UD350 draft would give full-books
        # PIT taxpayers more time [verify]).
        (
            Part(
                "",
                _april_30,
                "PIT act art. 24a ust. 1e; lump-sum act art. 15 ust. 2f [verify]",
                occurs=_in_jpk_books_phase,
            ),
        ),
    ),
    # ZUS, payroll ----------------------------------------------------------------
    Rule(
        "ZUS_HEALTH",
        "ZUS DRA – health contribution only (owner outside social insurance)",
        _monthly,
        _health_reason,
        (
            Part(
                "",
                _zus_due,
                "SUS act art. 47 ust. 1 pkt 3; ustawa o świadczeniach opieki "
                "zdrowotnej art. 66 ust. 1 pkt 1 lit. c, art. 79",
            ),
        ),
    ),
    Rule(
        "HEALTH_ANNUAL",
        "Annual health-contribution reconciliation (in the DRA for April)",
        _annual,
        _health_annual_reason,
        # With the DRA for April of the next year, by 20 May (self-employed: 20th).
        (
            Part(
                "",
                _day_of_month_after(5, 20),
                "ustawa o świadczeniach opieki zdrowotnej art. 81 ust. 2h "
                "[verify paragraph]; SUS act art. 47 ust. 1 pkt 3",
            ),
        ),
        suspends=True,
    ),
    Rule(
        "ZUS_IWA",
        "ZUS IWA – accident-insurance rate information",
        _annual,
        _flag_reason("zus_iwa", "a payer of 10+ insured"),
        # By 31 January for the previous year [verify the article].
        (
            Part(
                "",
                _end_of_month(1),
                "ustawa o ubezpieczeniu społecznym z tytułu wypadków przy pracy "
                "art. 31 [verify]",
            ),
        ),
        suspends=True,
    ),
    Rule(
        "PPK_PAY",
        "PPK contributions – payment",
        _monthly,
        _flag_reason("ppk", "running PPK"),
        # By the 15th of the month after the month of calculation and withholding.
        # The PPK act is no tax law, so art. 12 § 5 Ordynacji does not reach it:
        # the calendar date is kept (the earlier, safe one).
        (Part("", _day_next_month(15), "ustawa o PPK art. 28 ust. 2", shifts=False),),
    ),
    Rule(
        "PPK_REENROL",
        "PPK re-enrolment: inform opted-out employees (every 4 years)",
        _annual,
        _flag_reason("ppk", "running PPK"),
        (
            Part(
                "",
                _end_of_month_of_period(2),
                "ustawa o PPK art. 23 ust. 7 [verify paragraph]",
                shifts=False,
                when=_is_ppk_reenrolment_year,
            ),
        ),
    ),
    Rule(
        "PFRON_DEK",
        "PFRON DEK-I-0 – monthly declaration and payment",
        _monthly,
        _flag_reason("pfron", "a PFRON payer"),
        (Part("", _day_next_month(20), "ustawa o rehabilitacji art. 49 ust. 1"),),
    ),
    Rule(
        "PFRON_DEKR",
        "PFRON DEK-R – annual declaration",
        _annual,
        _flag_reason("pfron", "a PFRON payer"),
        # By 20 January of the next year [verify: the review leaves it open].
        (
            Part(
                "",
                _day_of_month_after(1, 20),
                "ustawa o rehabilitacji art. 49 ust. 1 [verify]",
            ),
        ),
        suspends=True,
    ),
    # KSeF (mandatory e-invoicing) ---------------------------------------------------
    # Each is the client's own date, kept as it is (an expiry does not move), with
    # a reminder a month ahead; none lapses during a suspension.
    Rule(
        "KSEF_START",
        "KSeF – mandatory e-invoicing starts for the client",
        _monthly,
        _ksef_reason("ksef_start"),
        (
            Part(
                "",
                _profile_date("ksef_start"),
                "VAT act art. 106ga; 2025 KSeF amending act, transitional provisions",
                shifts=False,
                occurs=_profile_date_in("ksef_start"),
            ),
        ),
        proposable=_has_date("ksef_start"),
        suspends=False,
        remind_days=30,
    ),
    Rule(
        "KSEF_EXEMPTION_END",
        "KSeF – transitional exemption ends (≤ 10,000 PLN a month, cash registers)",
        _monthly,
        _ksef_reason("ksef_exemption_end"),
        (
            Part(
                "",
                _profile_date("ksef_exemption_end"),
                "2025 KSeF amending act, transitional provisions (until 31 Dec 2026)",
                shifts=False,
                occurs=_profile_date_in("ksef_exemption_end"),
            ),
        ),
        proposable=_has_date("ksef_exemption_end"),
        suspends=False,
        remind_days=30,
    ),
    Rule(
        "KSEF_TOKEN_EXPIRY",
        "KSeF – authorisation tokens stop working (replace with certificates)",
        _monthly,
        _ksef_reason("ksef_token_expiry"),
        (
            Part(
                "",
                _profile_date("ksef_token_expiry"),
                "MF regulation on using KSeF, Dz.U. 2025 poz. 1815",
                shifts=False,
                occurs=_profile_date_in("ksef_token_expiry"),
            ),
        ),
        proposable=_has_date("ksef_token_expiry"),
        suspends=False,
        remind_days=30,
    ),
    Rule(
        "KSEF_CERT_EXPIRY",
        "KSeF – certificate expires (renew)",
        _monthly,
        _ksef_reason("ksef_certificate_expiry"),
        (
            Part(
                "",
                _profile_date("ksef_certificate_expiry"),
                "MF regulation on using KSeF, Dz.U. 2025 poz. 1815",
                shifts=False,
                occurs=_profile_date_in("ksef_certificate_expiry"),
            ),
        ),
        proposable=_has_date("ksef_certificate_expiry"),
        suspends=False,
        remind_days=30,
    ),
)

ADDED_CODES: tuple[str, ...] = tuple(rule.code for rule in _ADDED_RULES)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES + _ADDED_RULES}
DECLARATION_CODES: tuple[str, ...] = tuple(RULES)
