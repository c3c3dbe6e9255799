"""Apply registry outcomes to the database: evidence, client state, accounts, owners,
timeline message and activity. Runs in the thread that owns the cursor, with sudo
(the evidence is written by the system, never by hand), in a constant number of
queries per batch plus one write per client whose data changed.
"""

from collections import defaultdict

from markupsafe import Markup

from odoo.addons.crm_biuro import identifiers
from odoo.addons.crm_biuro.models.biuro_client_record_mixin import office_env

from .registry_table import BY_NAME

# What a registry's answer may write on a client, and nothing else (the outcome's
# ``fill``: set when empty, ``updates``: set): plain values, never x2many commands.
FILL_FIELDS = frozenset({"biuro_regon", "biuro_krs"})
UPDATE_FIELDS = frozenset({"biuro_vat_status"})
ACTIVITY_TYPE = "crm_biuro_verify.mail_activity_type_registry_change"


def previous_snapshots(env, registry, partner_ids, before):
    """{partner_id: snapshot} of the latest answered check before ``before``."""
    if not partner_ids:
        return {}
    env["biuro.verification"].flush_model()
    env.cr.execute(
        """
        SELECT DISTINCT ON (partner_id) partner_id, snapshot
          FROM biuro_verification
         WHERE registry = %s AND partner_id = ANY(%s)
           AND check_date < %s AND snapshot IS NOT NULL
         ORDER BY partner_id, check_date DESC
        """,
        (registry, list(partner_ids), before),
    )
    return dict(env.cr.fetchall())


def today_evidence(env, partner_ids, day, registries=None):
    """{(partner_id, registry): (id, state)} of the checks made on ``day``."""
    if not partner_ids:
        return {}
    env["biuro.verification"].flush_model()
    query = """
        SELECT partner_id, registry, id, state FROM biuro_verification
         WHERE check_date = %s AND partner_id = ANY(%s)
    """
    params = [day, list(partner_ids)]
    if registries:
        query += " AND registry = ANY(%s)"
        params.append(list(registries))
    env.cr.execute(query, params)
    return {(pid, reg): (rid, state) for pid, reg, rid, state in env.cr.fetchall()}


def client_accounts(partner):
    """NRBs of the client's Polish bank accounts."""
    return [nrb for nrb in (bank._biuro_nrb() for bank in partner.bank_ids) if nrb]


def apply_outcomes(env, registry, day, items):
    """Write ``items`` = [(partner, Outcome)] of one registry checked on ``day``.

    ``env`` is a sudo environment. A client already checked that day keeps one
    evidence record, updated (a retry after an outage), never duplicated.
    """
    if not items:
        return
    Evidence = env["biuro.verification"]
    existing = today_evidence(env, [p.id for p, _o in items], day, [registry])
    creates = []
    for partner, outcome in items:
        vals = {
            "state": outcome.state,
            "summary": outcome.summary,
            "request_id": outcome.request_id or False,
            "payload": outcome.payload or False,
            "changes": outcome.changes_text or False,
            "source": outcome.source,
            "flat_file_id": outcome.flat_file_id or False,
        }
        if outcome.snapshot is not None:
            vals["snapshot"] = outcome.snapshot
        found = existing.get((partner.id, registry))
        if found:
            Evidence.browse(found[0]).write(vals)
        else:
            creates.append(
                dict(vals, partner_id=partner.id, registry=registry, check_date=day)
            )
    if creates:
        Evidence.create(creates)

    quiet = env["res.partner"].with_context(tracking_disable=True)
    by_state = defaultdict(list)
    for partner, outcome in items:
        by_state[outcome.state].append(partner.id)
    for state, ids in by_state.items():
        quiet.browse(ids).write(
            {
                BY_NAME[registry].state_field: state,
                BY_NAME[registry].date_field: day,
            }
        )
    for partner, outcome in items:
        vals = {
            name: value
            for name, value in (outcome.updates or {}).items()
            if name in UPDATE_FIELDS and _plain(value)
        }
        for name, value in (outcome.fill or {}).items():
            if (
                name in FILL_FIELDS
                and _plain(value)
                and value
                and not partner[name]
                and _valid_fill(name, value)
            ):
                vals[name] = value
        if vals:
            quiet.browse(partner.id).write(vals)
        if outcome.accounts is not None:
            sync_bank_accounts(partner, _nrbs(outcome.accounts), day)
        if outcome.owners is not None:
            sync_owners(partner, [o for o in outcome.owners if isinstance(o, dict)])
        if outcome.alert:
            post_alert(partner, registry, outcome)


def _nrbs(accounts):
    """The 26-digit NRBs of ``accounts`` (anything else is dropped)."""
    return [
        a for a in accounts or [] if isinstance(a, str) and len(a) == 26 and a.isdigit()
    ]


def _plain(value):
    return isinstance(value, str | bool)


def _valid_fill(name, value):
    if name == "biuro_regon":
        return identifiers.is_valid_regon(value)
    if name == "biuro_krs":
        return identifiers.is_valid_krs(value)
    return True


def sync_bank_accounts(partner, accounts, day):
    """Mark the client's accounts listed / not listed; add listed ones it lacks."""
    listed = set(accounts)
    known = set()
    for bank in partner.bank_ids:
        nrb = bank._biuro_nrb()
        if not nrb:
            continue
        known.add(nrb)
        state = "listed" if nrb in listed else "not_listed"
        if bank.biuro_whitelist_state != state or bank.biuro_whitelist_date != day:
            bank.write({"biuro_whitelist_state": state, "biuro_whitelist_date": day})
    new = [nrb for nrb in accounts if nrb not in known]
    if new:
        partner.env["res.partner.bank"].create(
            [
                {
                    "acc_number": nrb,
                    "partner_id": partner.id,
                    "biuro_whitelist_state": "listed",
                    "biuro_whitelist_date": day,
                }
                for nrb in new
            ]
        )


def sync_owners(partner, owners):
    """Replace the client's CRBR owners by ``owners`` when they differ."""
    env = partner.env
    current = partner.biuro_beneficial_owner_ids.filtered(lambda o: o.source == "crbr")
    as_is = sorted((o.name or "", o.interest or "") for o in current)
    to_be = sorted((o["name"] or "", o["interest"] or "") for o in owners)
    if as_is == to_be:
        return
    current.unlink()
    codes = {o["residence_code"] for o in owners if o.get("residence_code")}
    countries = {
        c.code: c.id for c in env["res.country"].search([("code", "in", list(codes))])
    }
    env["biuro.beneficial.owner"].create(
        [
            {
                "partner_id": partner.id,
                "name": o["name"] or "-",
                "citizenship": o.get("citizenship") or False,
                "residence_country_id": countries.get(o.get("residence_code")) or False,
                "interest": o.get("interest") or False,
                "source": "crbr",
            }
            for o in owners
        ]
    )


def registry_label(env, registry):
    return dict(
        env["biuro.verification"]._fields["registry"]._description_selection(env)
    )[registry]


def post_alert(partner, registry, outcome):
    """Timeline note "old → new" and an activity for the client's accountant, in the
    office's language (the daily job runs with none in its context)."""
    env = office_env(partner.env)
    partner = partner.with_env(env)
    label = registry_label(env, registry)
    lines = Markup("").join(
        Markup("<li>%s: %s → %s</li>") % (field, old or "-", new or "-")
        for field, old, new in outcome.changes
    )
    body = Markup("<p>%s</p>") % env._(
        "Registry check %(registry)s: %(summary)s",
        registry=label,
        summary=outcome.summary,
    )
    if lines:
        body += Markup("<ul>%s</ul>") % lines
    partner.message_post(body=body, subtype_xmlid="mail.mt_note")
    accountant = partner.biuro_accountant_id
    if accountant:
        partner.activity_schedule(
            ACTIVITY_TYPE,
            summary=env._("Check the change in %s", label),
            note=body,
            user_id=accountant.id,
        )
