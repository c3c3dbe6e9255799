"""Seed data of the fake registries: one :class:`FakeCompany` feeds all five fakes.

A company is known to GUS (always), to the white list (when ``vat_status`` is set), to
VIES (``vies_valid``), to KRS (when ``krs`` is set, in ``krs_register``) and to CRBR
(when ``beneficial_owners`` is not None; ``None`` makes CRBR answer BrakInformacji).
"""

import dataclasses
from dataclasses import dataclass, field

try:
    from ..registries import identifiers
except ImportError:  # plain Python: the addon directory is on sys.path
    from registries import identifiers

# The checks and check digits of the one identifier module (crm_biuro/identifiers.py),
# exported for the fakes' users.
is_valid_nip = identifiers.is_valid_nip
is_valid_nrb = identifiers.is_valid_nrb
nip_check_digit = identifiers.nip_check_digit
regon_with_check = identifiers.regon_with_check
nrb_with_check = identifiers.nrb_with_check


# GUS legal-form dictionaries (symbol, name) for the fakes' reports.
LEGAL_FORMS = {
    "sp_zoo": (
        "1",
        "OSOBA PRAWNA",
        "117",
        "SPÓŁKI Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
        "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
    ),
    "sa": ("1", "OSOBA PRAWNA", "116", "SPÓŁKI AKCYJNE", "SPÓŁKA AKCYJNA"),
    "foundation": ("1", "OSOBA PRAWNA", "048", "FUNDACJE", "FUNDACJA"),
    "sc": (
        "2",
        "JEDNOSTKA ORGANIZACYJNA NIEMAJĄCA OSOBOWOŚCI PRAWNEJ",
        "019",
        (
            "SPÓŁKI CYWILNE PROWADZĄCE DZIAŁALNOŚĆ NA PODSTAWIE UMOWY ZAWARTEJ NA MOCY "
            "KODEKSU CYWILNEGO"
        ),
        "",
    ),
    "jdg": (
        "9",
        "OSOBA FIZYCZNA PROWADZĄCA DZIAŁALNOŚĆ GOSPODARCZĄ",
        "099",
        "BEZ SZCZEGÓLNEJ FORMY PRAWNEJ",
        "",
    ),
}


@dataclass
class FakeCompany:
    nip: str
    name: str
    entity_type: str = "P"  # "P" legal person / unit, "F" natural person (sole trader)
    regon: str = ""  # 9 digits; derived from the NIP when empty
    silo_id: str = ""  # GUS SilosID: "6" for P, "1" (CEIDG) for F when empty
    legal_form: str = ""  # key of LEGAL_FORMS; "sp_zoo" for P, "jdg" for F when empty
    short_name: str = ""
    first_name: str = ""  # F: the owner
    last_name: str = ""
    street: str = "ul. Testowa"
    house_number: str = "1"
    apartment_number: str = ""
    postal_code: str = "00-001"
    city: str = "Warszawa"
    commune: str = "Śródmieście"
    county: str = "m. st. Warszawa"
    voivodeship: str = "MAZOWIECKIE"
    phone: str = ""
    email: str = ""
    start_date: str = "2015-03-02"
    end_date: str = ""  # GUS: activity ended
    suspension_date: str = ""
    pkd: list = field(
        default_factory=lambda: [
            ("6920Z", "DZIAŁALNOŚĆ RACHUNKOWO-KSIĘGOWA; DORADZTWO PODATKOWE", True),
            ("6910Z", "DZIAŁALNOŚĆ PRAWNICZA", False),
        ]
    )
    partners: list = field(
        default_factory=list
    )  # s.c.: [{"first_name", "last_name", "regon"}]
    # White list: None = not on the list.
    vat_status: str | None = "Czynny"
    registration_legal_date: str = "2015-03-10"
    removal_date: str = ""
    removal_basis: str = ""
    accounts: list = field(default_factory=list)  # 26-digit NRBs
    has_virtual_accounts: bool = False
    # VIES
    vies_valid: bool = True
    # KRS
    krs: str = ""  # 10 digits; empty = not in KRS
    krs_register: str = "P"
    capital: str = "5000,00"
    board: list = field(
        default_factory=lambda: [
            {
                "first_name": "J***",
                "last_name": "K*******",
                "function": "PREZES ZARZĄDU",
            }
        ]
    )
    representation: str = (
        "DO REPREZENTOWANIA SPÓŁKI UPRAWNIONY JEST PREZES ZARZĄDU SAMODZIELNIE."
    )
    # CRBR: None = nothing reported (BrakInformacji)
    beneficial_owners: list | None = None

    def __post_init__(self):
        self.entity_type = self.entity_type.upper()
        if not self.regon:
            self.regon = regon_with_check(self.nip[1:9])
        if not self.silo_id:
            self.silo_id = "6" if self.entity_type == "P" else "1"
        if not self.legal_form:
            self.legal_form = "sp_zoo" if self.entity_type == "P" else "jdg"
        if self.entity_type == "F" and not (self.first_name or self.last_name):
            self.first_name, _sep, self.last_name = self.name.partition(" ")

    @property
    def legal_form_symbols(self):
        return LEGAL_FORMS.get(self.legal_form, LEGAL_FORMS["sp_zoo"])

    @property
    def krs_legal_form(self):
        return self.legal_form_symbols[4] or self.legal_form_symbols[3]

    @classmethod
    def coerce(cls, value, nip=None):
        """A FakeCompany from itself or a dict of its fields (unknown keys refused)."""
        if isinstance(value, cls):
            return value
        values = dict(value)
        if nip and not values.get("nip"):
            values["nip"] = nip
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise TypeError(f"unknown FakeCompany fields: {sorted(unknown)}")
        return cls(**values)


def owner(
    first_name,
    last_name,
    share=100.0,
    citizenship=("PL", "POLSKA"),
    residence=None,
    kind=("1", "Udziały"),
    unit=("1", "Procent"),
    pesel="",
    birth_date="",
):
    """A beneficial owner entry for :attr:`FakeCompany.beneficial_owners`."""
    return {
        "first_name": first_name,
        "last_name": last_name,
        "pesel": pesel,
        "birth_date": birth_date,
        "citizenship": list(citizenship),
        "residence": list(residence or citizenship),
        "kind": list(kind),
        "unit": list(unit),
        "quantity": share,
    }


class CompanyStore:
    """The seeded companies, indexed by NIP, REGON and KRS."""

    def __init__(self, companies=None):
        self._by_nip = {}
        for key, value in (companies or {}).items():
            self.add(FakeCompany.coerce(value, nip=key))

    def add(self, company=None, **values):
        company = FakeCompany.coerce(company if company is not None else values)
        self._by_nip[company.nip] = company
        return company

    def remove(self, nip):
        self._by_nip.pop(nip, None)

    def get(self, nip):
        return self._by_nip.get(nip)

    def by_regon(self, regon):
        regon9 = regon[:9]
        return next((c for c in self._by_nip.values() if c.regon == regon9), None)

    def by_krs(self, krs):
        return next((c for c in self._by_nip.values() if c.krs and c.krs == krs), None)

    def __iter__(self):
        return iter(list(self._by_nip.values()))

    def __len__(self):
        return len(self._by_nip)

    def __contains__(self, nip):
        return nip in self._by_nip


def sample_companies():
    """A small fixed set, built from values of the public documentation samples."""
    return {
        # GUS documentation sample (DaneSzukajPodmiotyResult docsample 1).
        "5261040828": FakeCompany(
            nip="5261040828",
            name="GŁÓWNY URZĄD STATYSTYCZNY",
            regon="000331501",
            legal_form="sp_zoo",
            street="ul. Test-Krucza",
            house_number="208",
            postal_code="00-925",
            vat_status="Czynny",
            accounts=[nrb_with_check("10100000", "0000123456789012")],
            beneficial_owners=None,
        ),
        # BIR11OsPrawna documentation sample.
        "9542300619": FakeCompany(
            nip="9542300619",
            name='"EUROPEJSKA" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
            regon="276592498",
            krs="0000135115",
            street="ul. Test-Krucza",
            house_number="50",
            postal_code="02-672",
            commune="Mokotów",
            start_date="1999-08-29",
            pkd=[
                (
                    "4773Z",
                    (
                        "SPRZEDAŻ DETALICZNA WYROBÓW FARMACEUTYCZNYCH PROWADZONA W "
                        "WYSPECJALIZOWANYCH SKLEPACH"
                    ),
                    True,
                ),
                (
                    "2120Z",
                    "PRODUKCJA LEKÓW I POZOSTAŁYCH WYROBÓW FARMACEUTYCZNYCH",
                    False,
                ),
            ],
            accounts=[
                nrb_with_check("10500099", "0000000000123456"),
                nrb_with_check("11402004", "0000300200123456"),
            ],
            beneficial_owners=[
                owner("JAN", "KOWALSKI", 60.0),
                owner("ANNA", "NOWAK", 40.0),
            ],
        ),
        # A sole trader (CEIDG), not in KRS/CRBR, exempt from VAT.
        "7010000005": FakeCompany(
            nip="7010000005",
            name="MIKOŁAJ TESTOWY",
            entity_type="F",
            short_name="MIKOŁAJ TESTOWY USŁUGI",
            vat_status="Zwolniony",
            vies_valid=False,
            accounts=[nrb_with_check("10200003", "0000000000987654")],
        ),
    }


def generate_companies(count, *, start=1):
    """``count`` deterministic companies with valid NIP/REGON/NRB checksums.

    Every 5th is a sole trader (F, no KRS, no CRBR data); every 7th is VAT-exempt;
    the others are sp. z o.o. with a KRS number and one beneficial owner.
    """
    companies = {}
    index = start
    while len(companies) < count:
        first9 = f"{720000000 + index:09d}"
        check = nip_check_digit(first9)
        index += 1
        if check is None:
            continue
        nip = first9 + check
        n = len(companies) + start
        sole = n % 5 == 0
        companies[nip] = FakeCompany(
            nip=nip,
            name=(
                f"JAN TESTOWY {n}"
                if sole
                else f"FIRMA TESTOWA {n} SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"
            ),
            entity_type="F" if sole else "P",
            regon=regon_with_check(f"{30000000 + n:08d}"),
            krs="" if sole else f"{n:010d}",
            house_number=str(n % 200 + 1),
            vat_status="Zwolniony" if n % 7 == 0 else "Czynny",
            accounts=[nrb_with_check("10500099", f"{n:016d}")],
            beneficial_owners=None if sole else [owner("JAN", f"TESTOWY{n}", 100.0)],
        )
    return companies
