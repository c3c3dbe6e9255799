"""What a registry's answer means for a client: state, summary, changes, evidence.

One function per registry turns the typed result of a registry client (or the error
it raised) into an :class:`Outcome`, comparing it with the *snapshot* of the previous
answer (normalised data kept on the previous evidence record). The same functions
serve the daily run, "verify now" and "add a client by NIP", so a state means the
same thing everywhere. No database access here: the writer applies outcomes.

Plain Python (no Odoo, no ``env``): the caller injects the translation function ``_``
(Odoo's ``env._``, called like ``_("text %s", arg)`` or ``_("%(name)s", name=...)``)
and the labels it needs (the VAT statuses), so the table tests in
tests/verify_services run without a database.
"""

import json
import logging
from dataclasses import dataclass, field

try:
    from .. import registries
except ImportError:  # plain Python: ``services`` imported from the addon directory
    import registries

clean_nrb = registries.identifiers.clean_nrb

_logger = logging.getLogger(__name__)

# VAT status of the white list -> crm_biuro's biuro_vat_status
WL_VAT_STATUS = {
    "Czynny": "czynny",
    "Zwolniony": "zwolniony",
    "Niezarejestrowany": "niezarejestrowany",
}


# The states of an outcome (biuro.verification's VERIFY_STATES).
STATES = frozenset({"ok", "changed", "warning", "not_found", "unavailable"})


@dataclass
class Outcome:
    registry: str
    state: str  # ok, changed, warning, not_found, unavailable
    summary: str
    request_id: str = ""
    payload: str = ""
    # None: keep the previous snapshot (outages); a dict: the new one.
    snapshot: dict | None = None
    changes: list = field(default_factory=list)  # [(label, old, new)]
    # Client fields to fill when empty / to set (see writer.apply_outcomes).
    fill: dict = field(default_factory=dict)
    updates: dict = field(default_factory=dict)
    accounts: list | None = None  # white-list NRBs to mark the bank accounts with
    # Who answered: "api" (the registry's online service) or "flat_file" (the white
    # list's daily file, ``flat_file_id`` its import record).
    source: str = "api"
    flat_file_id: int | None = None
    owners: list | None = None  # CRBR owners replacing the client's CRBR owners
    alert: bool = False  # timeline message + activity for the accountant

    @property
    def changes_text(self):
        return "\n".join(
            f"{label}: {old or '-'} → {new or '-'}" for label, old, new in self.changes
        )


class NotChecked(Exception):
    """No request was sent: the registry failed earlier in the same run."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def client_failure(registry, exc):
    """An exception a registry client let escape (a bug, or an answer it could not
    handle): for this run the registry is unavailable; the run itself goes on."""
    _logger.info("%s: the registry client failed on an answer", registry, exc_info=exc)
    return registries.Unavailable(
        f"unreadable answer ({exc.__class__.__name__}: {exc})",
        registry=registry,
        reason=registries.errors.REASON_MALFORMED,
    )


def error_outcome(_, registry, error):
    """An outcome for a registry error. Only a real answer may change data: every
    error keeps what the client has (no snapshot, no updates)."""
    if isinstance(error, NotChecked):
        return Outcome(
            registry,
            "unavailable",
            _(
                "Not checked: the registry was unavailable in this run (%s).",
                error.error,
            ),
        )
    raw = getattr(error, "raw", None) or ""
    request_id = getattr(error, "request_id", None) or ""
    if isinstance(error, registries.InvalidInput):
        return Outcome(
            registry,
            "warning",
            _("The registry refused the query: %s", error),
            request_id,
            raw,
        )
    if isinstance(error, registries.Unexpected):
        return Outcome(
            registry,
            "unavailable",
            _("Unexpected answer of the registry: %s", error),
            request_id,
            raw,
        )
    return Outcome(
        registry,
        "unavailable",
        _("Registry unavailable: %s", error),
        request_id,
        raw,
    )


def _iso(value):
    return value.isoformat() if value else ""


def _changed(prev, snap, key):
    return (
        bool(prev)
        and prev.get("found", True)
        and (prev.get(key) or "") != (snap.get(key) or "")
    )


def _finish(outcome):
    if outcome.changes:
        outcome.alert = True
        if outcome.state in ("ok", "warning"):
            outcome.state = "changed"
    return outcome


# --- GUS ------------------------------------------------------------------------------


def gus_address(entity):
    street = " ".join(p for p in (entity.street, entity.house_number) if p)
    if entity.apartment_number:
        street += f"/{entity.apartment_number}"
    city = entity.post_city or entity.city
    return ", ".join(p for p in (street, f"{entity.postal_code} {city}".strip()) if p)


def gus_outcome(_, result, prev=None):
    """``result``: a :class:`GusSearchResult` (or None for "not found")."""
    if result is not None and result.error:
        return error_outcome(_, "gus", result.error)
    if result is None or not result.found:
        outcome = Outcome(
            "gus",
            "not_found",
            _("Not found in the REGON register."),
            payload=result.raw if result else "",
            snapshot={"found": False},
        )
        if prev and prev.get("found"):
            outcome.changes.append(
                (_("REGON register"), _("registered"), _("not found"))
            )
            outcome.alert = True
        return outcome
    entity = result.main
    snap = {
        "found": True,
        "regon": entity.regon,
        "name": entity.name,
        "type": entity.type,
        "silo": entity.silo_id,
        "end_date": _iso(entity.end_date),
        "address": gus_address(entity),
    }
    if entity.end_date:
        summary = _(
            "Activity ended on %(date)s: %(name)s",
            date=snap["end_date"],
            name=entity.name,
        )
        state = "warning"
    else:
        summary = _(
            "Active in REGON: %(name)s, REGON %(regon)s",
            name=entity.name,
            regon=entity.regon,
        )
        state = "ok"
    outcome = Outcome(
        "gus",
        state,
        summary,
        payload=result.raw,
        snapshot=snap,
        fill={"biuro_regon": entity.regon},
    )
    if snap["end_date"] and not (prev or {}).get("end_date"):
        outcome.changes.append(
            (_("Activity"), _("active"), _("ended on %s", snap["end_date"]))
        )
    for key, label in (
        ("name", _("Name")),
        ("regon", _("REGON")),
        ("address", _("Address")),
    ):
        if _changed(prev, snap, key):
            outcome.changes.append((label, prev.get(key), snap[key]))
    return _finish(outcome)


# --- white list -------------------------------------------------------------------


def plain_text(message, *args, **kwargs):
    """A translation function that does not translate (tests, logs): formats like
    Odoo's ``env._``."""
    if args:
        return message % (args[0] if len(args) == 1 else args)
    return message % kwargs if kwargs else message


def whitelist_outcome(
    _, result, prev=None, vat_status=None, client_accounts=(), vat_labels=None
):
    """``result``: a :class:`WhiteListResult`; ``vat_status`` the client's
    biuro_vat_status, ``client_accounts`` the NRBs of its bank accounts,
    ``vat_labels`` {biuro_vat_status key: label} for the change shown to the user."""
    vat_labels = vat_labels or {}
    if result.error:
        return error_outcome(_, "whitelist", result.error)
    if not result.found:
        outcome = Outcome(
            "whitelist",
            "not_found",
            _("Not on the VAT white list."),
            result.request_id,
            result.raw,
            snapshot={"found": False},
        )
        if prev and prev.get("found"):
            outcome.changes.append((_("VAT register"), _("listed"), _("not listed")))
        if outcome.changes or vat_status == "czynny":
            # an "active VAT payer" missing from the list is worth a look
            outcome.alert = True
        return outcome
    subject = result.subject
    status = WL_VAT_STATUS.get(subject.status_vat)
    accounts = [clean_nrb(a) for a in subject.account_numbers]
    snap = {
        "found": True,
        "status": subject.status_vat,
        "name": subject.name,
        "removal_date": _iso(subject.removal_date),
        "accounts": sorted(accounts),
    }
    outcome = Outcome(
        "whitelist",
        "ok",
        _(
            "VAT status: %(status)s; %(count)s bank account(s) on the list.",
            status=subject.status_vat or "-",
            count=len(accounts),
        ),
        result.request_id,
        result.raw,
        snapshot=snap,
        accounts=accounts,
        fill={"biuro_krs": subject.krs, "biuro_regon": subject.regon},
    )
    if status:
        if vat_status and vat_status != status:
            outcome.changes.append(
                (
                    _("VAT status"),
                    vat_labels.get(vat_status, vat_status),
                    vat_labels.get(status, status),
                )
            )
        if vat_status != status:
            outcome.updates["biuro_vat_status"] = status
    if snap["removal_date"] and not (prev or {}).get("removal_date"):
        removal = snap["removal_date"]
        if subject.removal_basis:
            removal = f"{removal} ({subject.removal_basis})"
        outcome.changes.append(
            (_("VAT register"), _("registered"), _("removed on %s", removal))
        )
    if (
        prev
        and prev.get("found")
        and "accounts" in prev  # a flat-file answer knows the client's ones only
        and sorted(prev.get("accounts") or []) != snap["accounts"]
    ):
        outcome.changes.append(
            (
                _("Bank accounts on the white list"),
                ", ".join(prev.get("accounts") or []),
                ", ".join(snap["accounts"]),
            )
        )
    missing = [nrb for nrb in client_accounts if nrb and nrb not in accounts]
    if missing:
        outcome.state = "warning"
        outcome.summary = _(
            "Bank account(s) not on the white list: %s", ", ".join(missing)
        )
    return _finish(outcome)


def flat_file_outcome(
    _,
    found,
    prev=None,
    *,
    file_date,
    vat_status=None,
    client_accounts=(),
    vat_labels=None,
    evidence=None,
):
    """The white list's answer read from its daily flat file.

    ``found``: {nrb: "active" | "exempt"} of the client's accounts whose hash is in
    the file of ``file_date`` (at least one: the caller asks the API otherwise).
    The file lists every account of every active and exempt payer, so a client
    account missing from it is not on the list, as in the API's answer. The file
    says nothing of the name, KRS or REGON: the previous snapshot keeps them.
    """
    vat_labels = vat_labels or {}
    kinds = set(found.values())
    wl_status = "Zwolniony" if kinds == {"exempt"} else "Czynny"
    status = WL_VAT_STATUS[wl_status]
    listed = sorted(found)
    snap = dict(prev or {})
    snap.update({"found": True, "status": wl_status, "source": "flat_file"})
    summary = _(
        "VAT status: %(status)s; %(count)s bank account(s) on the list "
        "(flat file of %(day)s).",
        status=wl_status,
        count=len(listed),
        day=file_date.isoformat(),
    )
    outcome = Outcome(
        "whitelist",
        "ok",
        summary,
        "",
        json.dumps(dict(evidence or {}, accounts=found), sort_keys=True),
        snapshot=snap,
        accounts=listed,
        source="flat_file",
    )
    if vat_status and vat_status != status:
        outcome.changes.append(
            (
                _("VAT status"),
                vat_labels.get(vat_status, vat_status),
                vat_labels.get(status, status),
            )
        )
    if vat_status != status:
        outcome.updates["biuro_vat_status"] = status
    missing = [nrb for nrb in client_accounts if nrb and nrb not in found]
    if missing:
        outcome.state = "warning"
        outcome.summary = _(
            "Bank account(s) not on the white list: %s", ", ".join(missing)
        )
    return _finish(outcome)


# --- VIES -------------------------------------------------------------------------


def vies_outcome(_, result, prev=None):
    snap = {"found": True, "valid": bool(result.valid), "name": result.name or ""}
    if result.valid:
        outcome = Outcome(
            "vies",
            "ok",
            _(
                "Valid EU VAT number %(vat)s: %(name)s",
                vat=result.vat,
                name=result.name or "-",
            ),
        )
    else:
        outcome = Outcome(
            "vies",
            "not_found",
            _("%s is not an active EU VAT number in VIES.", result.vat),
        )
    outcome.request_id = result.request_identifier or ""
    outcome.payload = result.raw
    outcome.snapshot = snap
    if prev and prev.get("found") and bool(prev.get("valid")) != snap["valid"]:
        labels = {True: _("valid"), False: _("not valid")}
        outcome.changes.append(
            (_("EU VAT (VIES)"), labels[bool(prev["valid"])], labels[snap["valid"]])
        )
        outcome.alert = True
        if result.valid:
            outcome.state = "changed"
    return outcome


# --- KRS --------------------------------------------------------------------------


def krs_address(extract):
    address = extract.address
    street = " ".join(p for p in (address.street, address.house_number) if p)
    if address.apartment_number:
        street += f"/{address.apartment_number}"
    city = address.city or extract.seat.city
    return ", ".join(p for p in (street, f"{address.postal_code} {city}".strip()) if p)


def krs_outcome(_, extract, prev=None):
    """``extract``: a :class:`KrsExtract`, or None when no register has the number."""
    if extract is None:
        outcome = Outcome(
            "krs", "not_found", _("Not found in KRS."), snapshot={"found": False}
        )
        if prev and prev.get("found"):
            outcome.changes.append((_("KRS"), _("registered"), _("not found")))
            outcome.alert = True
        return outcome
    snap = {
        "found": True,
        "name": extract.name,
        "legal_form": extract.legal_form,
        "address": krs_address(extract),
        "entry": str(extract.last_entry_number or ""),
    }
    outcome = Outcome(
        "krs",
        "ok",
        _(
            "Registered in KRS (register %(register)s): %(name)s",
            register=extract.register,
            name=extract.name,
        ),
        payload=extract.raw,
        snapshot=snap,
        fill={"biuro_regon": extract.regon9},
    )
    for key, label in (
        ("name", _("Name")),
        ("legal_form", _("Legal form")),
        ("address", _("Address")),
        ("entry", _("Last KRS entry")),
    ):
        if _changed(prev, snap, key):
            outcome.changes.append((label, prev.get(key), snap[key]))
    return _finish(outcome)


# --- CRBR -------------------------------------------------------------------------


def crbr_owner_values(owner):
    residence = owner.residence_country
    return {
        "name": owner.name,
        "citizenship": ", ".join(c.name or c.code for c in owner.citizenships),
        "residence_code": residence.code if residence else "",
        "residence_name": residence.name if residence else "",
        "interest": owner.interest_summary,
    }


def _owner_key(owner):
    return f"{(owner.get('name') or '').upper()} ({owner.get('interest') or ''})"


def _names(owners):
    return sorted(
        {(o.get("name") or "").strip().upper() for o in owners if o.get("name")}
    )


def crbr_outcome(_, result, prev=None, crbr_owners=None, declared_owners=()):
    """``crbr_owners``: the client's owners from the previous CRBR answer (used when
    there is no snapshot yet); ``declared_owners``: owners the client declared."""
    if not result.found:
        outcome = Outcome(
            "crbr",
            "not_found",
            _("No beneficial owners reported in CRBR."),
            result.request_id,
            result.raw,
            snapshot={"found": False, "owners": []},
        )
        if prev and prev.get("found"):
            outcome.changes.append(
                (
                    _("Beneficial owners"),
                    ", ".join(_names(prev.get("owners") or [])),
                    _("none reported"),
                )
            )
            outcome.alert = True
        return outcome
    owners = [crbr_owner_values(o) for o in result.owners]
    snap = {"found": True, "owners": owners}
    outcome = Outcome(
        "crbr",
        "ok",
        _("Beneficial owners in CRBR: %s", ", ".join(o["name"] for o in owners) or "-"),
        result.request_id,
        result.raw,
        snapshot=snap,
        owners=owners,
    )
    before = prev.get("owners") if prev and prev.get("found") else crbr_owners
    if before is not None and sorted(map(_owner_key, before)) != sorted(
        map(_owner_key, owners)
    ):
        outcome.changes.append(
            (
                _("Beneficial owners"),
                "; ".join(sorted(map(_owner_key, before))),
                "; ".join(sorted(map(_owner_key, owners))),
            )
        )
    declared = _names(declared_owners)
    if declared and declared != _names(owners):
        outcome.state = "warning"
        outcome.summary = _(
            "Declared beneficial owners (%(declared)s) differ from CRBR (%(crbr)s).",
            declared=", ".join(declared),
            crbr=", ".join(_names(owners)) or "-",
        )
    return _finish(outcome)
