"""TEMPORARY stand-in for the engine's history API until deadlines-engine lands
(removed on merge)."""

from dataclasses import dataclass
from datetime import date

from ..obligation_rules import ClientProfile, generate_obligations


@dataclass(frozen=True)
class ProfileVersion:
    date_from: date
    profile: ClientProfile
    codes: frozenset


@dataclass(frozen=True)
class Lifecycle:
    activity_start: date | None = None
    activity_end: date | None = None
    vat_registered_from: date | None = None
    vat_deregistered_on: date | None = None
    suspensions: tuple = ()
    first_tax_year_end: date | None = None


def generate_obligations_for_history(versions, lifecycle, start, end):
    versions = sorted(versions, key=lambda v: v.date_from)
    result = []
    for index, version in enumerate(versions):
        until = versions[index + 1].date_from if index + 1 < len(versions) else None
        for item in generate_obligations(version.profile, version.codes, start, end):
            if item.period_start < version.date_from and index:
                continue
            if until and item.period_start >= until:
                continue
            if lifecycle.activity_start and item.period_end < lifecycle.activity_start:
                continue
            if lifecycle.activity_end and item.period_start > lifecycle.activity_end:
                continue
            result.append(item)
    return sorted(result, key=lambda o: (o.due_date, o.code, o.period_start, o.part))
