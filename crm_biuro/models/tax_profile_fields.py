"""The Odoo fields of the engine inputs beyond the eight historical ones, defined
once: the client (res.partner, `biuro_<key>`, tracked) and each row of its profile
history (biuro.tax.profile, `<key>`) both build theirs with `key_field`."""

from odoo import fields

TAX_YEAR_END_MONTHS = [(str(month), str(month)) for month in range(1, 13)]
ZUS_DUE_DAYS = [
    ("5", "5th (budget unit)"),
    ("15", "15th (legal person)"),
    ("20", "20th (others)"),
]
ZUS_PAYER_KINDS = [
    ("budget_unit", "Budget unit (5th)"),
    ("legal_person", "Payer with legal personality (15th)"),
    ("other", "Other payer (20th)"),
]
VAT_UE_MODES = [
    ("every_month", "Every month"),
    ("when_reported", "Only for months the client reports"),
]

_FIELDS = {
    "tax_year_end_month": (
        fields.Selection,
        {
            "selection": TAX_YEAR_END_MONTHS,
            "string": "Tax year ends in month",
            "default": "12",
            "help": "A CIT payer may have a tax year other than the calendar year "
            "(CIT act art. 8): its CIT-8 is due three months after that year's end.",
        },
    ),
    "quarterly_advances": (
        fields.Boolean,
        {
            "string": "Quarterly income-tax advances",
            "help": "PIT, lump-sum or CIT advances are paid per quarter, not per "
            "month.",
        },
    ),
    "related_party_transactions": (
        fields.Boolean,
        {
            "string": "Transfer-pricing duty (TPR, local file)",
            "help": "Transactions with related parties above the thresholds: the "
            "local file and the TPR information are due.",
        },
    ),
    "zus_due_day": (
        fields.Selection,
        {
            "selection": ZUS_DUE_DAYS,
            "string": "ZUS due day (override)",
            "help": "Only to override the ZUS payer kind.",
        },
    ),
    "zus_payer_kind": (
        fields.Selection,
        {
            "selection": ZUS_PAYER_KINDS,
            "string": "ZUS payer kind",
            "help": "Leave empty to derive it from the legal form: the 15th for "
            "payers with legal personality, the 20th for the others. Budget units "
            "pay by the 5th.",
        },
    ),
    "small_taxpayer": (
        fields.Boolean,
        {
            "string": "Small taxpayer (mały podatnik)",
            "help": "Sales up to EUR 2 million gross last year: quarterly VAT and "
            "quarterly advances are allowed.",
        },
    ),
    "health_contribution": (
        fields.Boolean,
        {
            "string": "Owes the health contribution",
            "default": True,
            "help": "The owner or partner pays the health contribution monthly "
            "(and its annual reconciliation), even outside social insurance.",
        },
    ),
    "imports_services": (
        fields.Boolean,
        {
            "string": "Buys services from abroad",
            "help": "Not an active VAT payer but buys services from abroad (ads, "
            "software): VAT-9M, or VAT-8 with intra-EU acquisitions.",
        },
    ),
    "intra_eu_acquisitions": (
        fields.Boolean,
        {
            "string": "Acquires goods within the EU",
            "help": "Not an active VAT payer but acquires goods within the EU: VAT-8.",
        },
    ),
    "vat_ue_mode": (
        fields.Selection,
        {
            "selection": VAT_UE_MODES,
            "string": "EU returns are due",
            "help": "Every month, or only for months with EU transactions: then a "
            "monthly check asks the client and the return follows the answer.",
        },
    ),
    "oss": (fields.Boolean, {"string": "OSS (union scheme)"}),
    "ioss": (fields.Boolean, {"string": "IOSS (import scheme)"}),
    "ppk": (fields.Boolean, {"string": "Runs PPK"}),
    "zus_iwa": (
        fields.Boolean,
        {
            "string": "Files ZUS IWA",
            "help": "At least 10 insured reported for accident insurance last year.",
        },
    ),
    "withholding_tax_payer": (
        fields.Boolean,
        {
            "string": "Withholds CIT (dividends, interest, royalties)",
            "help": "Withholding tax by the 7th, CIT-10Z and IFT-2R.",
        },
    ),
    "pit_non_resident_payer": (
        fields.Boolean,
        {"string": "Pays non-resident individuals (IFT-1R)"},
    ),
    "pit8c_payer": (fields.Boolean, {"string": "Pays other income (PIT-8C)"}),
    "flat_rate_tax_payer": (
        fields.Boolean,
        {
            "string": "Withholds flat-rate PIT (PIT-8AR)",
            "help": "Dividends, small contracts, prizes: monthly payment and PIT-8AR.",
        },
    ),
    "pfron": (
        fields.Boolean,
        {
            "string": "Pays PFRON",
            "help": "25 or more full-time employees below the 6% quota.",
        },
    ),
    "cit_income_exempt": (
        fields.Boolean,
        {
            "string": "All income exempt from CIT",
            "help": "No CIT advances; the CIT-8 is still due.",
        },
    ),
    "ngo_in_entrepreneurs_register": (
        fields.Boolean,
        {
            "string": "In the register of entrepreneurs",
            "help": "A foundation or association with business activity: its "
            "financial statements go to the KRS (15 days), not to Szef KAS "
            "(10 days).",
        },
    ),
    "large_taxpayer": (
        fields.Boolean,
        {
            "string": "Revenue above EUR 50 million or tax group",
            "help": "JPK_CIT from 2025 and the tax strategy report.",
        },
    ),
    "jpk_books_exempt": (
        fields.Boolean,
        {"string": "Exempt from the JPK book files"},
    ),
    "jpk_books_from": (
        fields.Date,
        {
            "string": "JPK book files from",
            "help": "Overrides the phased start: the first day of the first tax "
            "year whose books are sent.",
        },
    ),
}

# keys whose Odoo fields are built here (the others are defined by hand)
KEY_FIELD_KEYS = frozenset(_FIELDS)


def key_field(key, **extra):
    """A fresh field for the engine input `key` (one field object per model)."""
    field_class, kwargs = _FIELDS[key]
    return field_class(**kwargs, **extra)
