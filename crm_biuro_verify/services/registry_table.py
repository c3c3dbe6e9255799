"""Everything the addon knows about each registry, in one table.

Adding a registry means one :class:`Registry` entry here and its client module in
``registries/``; the settings, the batched run, the NIP lookup's evidence check, the
verification bar and the dashboard read this table. (The client's Odoo fields
``biuro_verify_<name>_state`` / ``_date``, the settings switch and the badges of the
two partner views are declared statically, as Odoo needs them: a test checks they
exist for every entry.)

Plain Python (no Odoo): the applicability rules and the mapping of an answer to an
outcome are tested with pytest in tests/verify_services.
"""

from collections.abc import Callable
from dataclasses import dataclass

try:
    from .. import registries
    from . import outcomes
except ImportError:  # plain Python: ``services`` imported from the addon directory
    import registries
    from services import outcomes

identifiers = registries.identifiers


@dataclass(frozen=True)
class Registry:
    """One registry.

    :param name: the key (biuro.verification's ``registry``, system parameters
        ``crm_biuro_verify.<name>_url`` / ``<name>_enabled``, client fields
        ``biuro_verify_<name>_state`` / ``_date``).
    :param label: the registry's name in the evidence log.
    :param bar_label: its badge in the verification bar, or "" when not shown there.
    :param unit: clients per request unit of a run.
    :param per_item: the client answers one client per call (``ask(client, item,
        day)``), so a registry found down stops being called within a unit;
        otherwise ``ask(client, items, day)`` answers the whole unit.
    :param applies: ``applies(partner)``: whether the registry can say something
        about this client.
    :param client: ``client(config, run)``: the client a run talks to.
    :param ask: see ``per_item``; returns the registry client's result.
    :param outcome: ``outcome(_, result, prev, partner, context)`` -> Outcome;
        ``context`` holds what only the Odoo side knows: ``vat_status`` (labels of
        biuro_vat_status) and ``client_accounts(partner)`` (the client's NRBs).
    :param answer_required: a missing answer for a client is an error (batch
        registries and the per-client ones that always answer), not "not found".
    """

    name: str
    label: str
    bar_label: str
    unit: int
    per_item: bool
    applies: Callable
    client: Callable
    ask: Callable
    outcome: Callable
    answer_required: bool = True

    @property
    def settings_field(self):
        """The on/off switch of res.config.settings."""
        return f"biuro_verify_{self.name}_enabled"

    @property
    def url_param(self):
        return f"{self.name}_url"

    @property
    def state_field(self):
        return f"biuro_verify_{self.name}_state"

    @property
    def date_field(self):
        return f"biuro_verify_{self.name}_date"


# --- applicability ------------------------------------------------------------------

# Legal forms whose beneficial owners must be reported to CRBR (AML act, art. 58).
CRBR_LEGAL_FORMS = frozenset(
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
        "fundacja_rodzinna",
        "stowarzyszenie",
    }
)


def _has_nip(partner):
    return identifiers.is_valid_nip(partner.biuro_nip)


def _has_eu_vat(partner):
    return _has_nip(partner) and bool(partner.biuro_vat_ue)


def _has_krs(partner):
    return identifiers.is_valid_krs(partner.biuro_krs or "")


def _reports_owners(partner):
    return _has_nip(partner) and partner.biuro_legal_form in CRBR_LEGAL_FORMS


# --- requests (called from a run's worker thread) ----------------------------------


def _by_nip(search):
    """A batch call by NIPs -> {item id: result}; a registry error answers every
    client of the unit."""

    def ask(client, items, day):
        try:
            found = search(client, [i["nip"] for i in items], day)
        except registries.RegistryError as error:
            return {i["id"]: error for i in items}
        return {i["id"]: found.get(i["nip"]) for i in items}

    return ask


def _krs_extract(client, item, day):
    try:
        return client.current_extract(item["krs"])
    except registries.NotFound:
        return None


# --- outcomes -------------------------------------------------------------------------


def _whitelist_outcome(_, result, prev, partner, context):
    accounts = context.get("client_accounts")
    return outcomes.whitelist_outcome(
        _,
        result,
        prev,
        vat_status=partner.biuro_vat_status,
        client_accounts=accounts(partner) if accounts else (),
        vat_labels=context.get("vat_status"),
    )


def _crbr_outcome(_, result, prev, partner, context):
    owners = partner.biuro_beneficial_owner_ids
    crbr = [
        {"name": o.name, "interest": o.interest} for o in owners if o.source == "crbr"
    ]
    declared = [{"name": o.name} for o in owners if o.source == "declared"]
    return outcomes.crbr_outcome(_, result, prev, crbr or None, declared)


REGISTRIES = (
    Registry(
        "gus",
        label="GUS REGON",
        bar_label="GUS",
        unit=20,  # NIPs per DaneSzukajPodmioty search
        per_item=False,
        applies=_has_nip,
        client=lambda cfg, run: run.gus,  # one session per run (see run._open_gus)
        ask=_by_nip(lambda client, nips, day: client.search_nips(nips)),
        outcome=lambda _, result, prev, partner, context: outcomes.gus_outcome(
            _, result, prev
        ),
        answer_required=False,  # no entity for a NIP: "not found"
    ),
    Registry(
        "whitelist",
        label="VAT white list",
        bar_label="VAT PL",
        unit=30,  # NIPs per search/nips request
        per_item=False,
        applies=_has_nip,
        client=lambda cfg, run: cfg.whitelist_client(run.wl_quota),
        ask=_by_nip(lambda client, nips, day: client.search_nips(nips, day=day)),
        outcome=_whitelist_outcome,
    ),
    Registry(
        "vies",
        label="VIES (EU VAT)",
        bar_label="VAT EU",
        unit=10,
        per_item=True,
        applies=_has_eu_vat,
        client=lambda cfg, run: cfg.vies_client(),
        ask=lambda client, item, day: client.check_vat("PL" + item["nip"]),
        outcome=lambda _, result, prev, partner, context: outcomes.vies_outcome(
            _, result, prev
        ),
    ),
    Registry(
        "krs",
        label="KRS",
        bar_label="",
        unit=10,
        per_item=True,
        applies=_has_krs,
        client=lambda cfg, run: cfg.krs_client(),
        ask=_krs_extract,
        outcome=lambda _, result, prev, partner, context: outcomes.krs_outcome(
            _, result, prev
        ),
        answer_required=False,  # no extract: "not found in KRS"
    ),
    Registry(
        "crbr",
        label="CRBR (beneficial owners)",
        bar_label="CRBR",
        unit=10,
        per_item=True,
        applies=_reports_owners,
        client=lambda cfg, run: cfg.crbr_client(),
        ask=lambda client, item, day: client.beneficial_owners(item["nip"]),
        outcome=_crbr_outcome,
    ),
)
BY_NAME = {registry.name: registry for registry in REGISTRIES}
# The order of the settings, the run and the evidence summaries.
ORDER = tuple(registry.name for registry in REGISTRIES)
# The verification bar: (registry, badge label).
BAR = tuple((r.name, r.bar_label) for r in REGISTRIES if r.bar_label)
# res.config.settings switch -> registry
SETTINGS_SWITCHES = {r.settings_field: r.name for r in REGISTRIES}
# biuro.verification's selection of registries
SELECTION = [(r.name, r.label) for r in REGISTRIES]


def outcome_of(_, registry, partner, result, prev, context=None):
    """The outcome of ``result`` (a client's result, a registry error, or a
    :class:`~.outcomes.NotChecked`) for ``partner``."""
    entry = BY_NAME[registry]
    if isinstance(result, outcomes.NotChecked | registries.RegistryError):
        return outcomes.error_outcome(_, registry, result)
    if result is None and entry.answer_required:
        error = registries.Unexpected("no answer for this client", registry=registry)
        return outcomes.error_outcome(_, registry, error)
    return entry.outcome(_, result, prev, partner, context or {})
