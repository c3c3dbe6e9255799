"""Deadline rules for Polish tax and ZUS declarations (plain Python, no Odoo import).

Given a declaration code (the `code` of biuro.declaration.type), a period and the
client's profile, the engine returns the due date, shifted off weekends and public
holidays as Ordynacja podatkowa art. 12 § 5 requires. It also proposes the codes a
profile needs and generates the obligations calendar for a date range. Kept free of
the ORM so the law can be unit-tested on its own (tests/obligation_rules).
"""

from .checks import history_warnings, profile_warnings
from .catalogue import ADDED_CODES, DECLARATION_CODES, RULES, Part, Rule
from .engine import (
    Obligation,
    applies,
    due_date,
    frequency,
    generate_obligations,
    not_applicable_reason,
    obligations_for_period,
    required_declaration_codes,
)
from .history import (
    SUPPORTED_FROM,
    Lifecycle,
    ProfileVersion,
    compare_obligations,
    generate_obligations_for_history,
    obligation_key,
)
from .periods import ANNUAL, MONTHLY, QUARTERLY, Period
from .profile import ClientProfile
from .workdays import is_public_holiday, is_working_day, next_working_day

__all__ = [
    "ADDED_CODES",
    "ANNUAL",
    "DECLARATION_CODES",
    "MONTHLY",
    "QUARTERLY",
    "RULES",
    "SUPPORTED_FROM",
    "ClientProfile",
    "Lifecycle",
    "Obligation",
    "Part",
    "Period",
    "ProfileVersion",
    "Rule",
    "applies",
    "compare_obligations",
    "due_date",
    "frequency",
    "generate_obligations",
    "generate_obligations_for_history",
    "history_warnings",
    "is_public_holiday",
    "is_working_day",
    "next_working_day",
    "not_applicable_reason",
    "obligation_key",
    "obligations_for_period",
    "profile_warnings",
    "required_declaration_codes",
]
