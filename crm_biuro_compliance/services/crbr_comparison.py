"""Art. 61a: the UBOs the office established compared with the owners CRBR shows.

Owners are paired by name (case, accents of spacing aside: CRBR writes names in
capitals); a paired owner is compared field by field (citizenship, country of
residence, share); an owner on one side only is a discrepancy of its own. Each
difference has a key; a comparison keeps the lines whose key is found again,
archives those no longer found and opens new ones, so explanations and reports
given earlier survive a repeated check.
"""

import hashlib
import re
import unicodedata

from markupsafe import Markup

from odoo import fields

PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|procent)", re.IGNORECASE)


def normalize(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("ł", "l").split())


def crbr_share(interest):
    """The percentage in CRBR's interest text ("Udziały: 60 Procent"), or None."""
    found = PERCENT.findall(interest or "")
    if not found:
        return None
    return round(sum(float(v.replace(",", ".")) for v in found), 2)


def country_matches(country, crbr_text):
    """CRBR names countries in Polish capitals ("POLSKA"); the office picks one.
    Compared with the country's name in every installed language (Polish is, in a
    Polish office) and its code. Only a value the office recorded is compared: a
    blank is missing data, not a contradiction."""
    if not country:
        return True
    wanted = normalize(crbr_text)
    langs = [code for code, _name in country.env["res.lang"].get_installed()]
    names = {normalize(country.with_context(lang=lang).name) for lang in langs}
    return wanted in names or wanted == normalize(country.code)


def crbr_owners(partner):
    return partner.biuro_beneficial_owner_ids.filtered(lambda o: o.source == "crbr")


def signature(owners):
    rows = sorted(
        "|".join(
            [
                normalize(o.name),
                normalize(o.citizenship),
                o.residence_country_id.code or "",
                normalize(o.interest),
            ]
        )
        for o in owners
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def differences(case, owners):
    """[(key, values)] for every difference between the case's UBOs and ``owners``."""
    ubos = case.person_ids.filtered("is_ubo")
    by_name = {normalize(o.name): o for o in owners}
    found = []

    def add(field, name, person, office, crbr):
        key = "|".join([field, normalize(name), normalize(office), normalize(crbr)])
        found.append(
            (
                key,
                {
                    "field": field,
                    "owner_name": name,
                    "person_id": person.id if person else False,
                    "office_value": office or False,
                    "crbr_value": crbr or False,
                },
            )
        )

    for person in ubos:
        owner = by_name.pop(normalize(person.name), None)
        if owner is None:
            add("missing_in_crbr", person.name, person, person.name, "")
            continue
        if not country_matches(person.citizenship_id, owner.citizenship):
            add(
                "citizenship",
                person.name,
                person,
                person.citizenship_id.name,
                owner.citizenship,
            )
        if (
            person.residence_country_id
            and person.residence_country_id != owner.residence_country_id
        ):
            add(
                "residence",
                person.name,
                person,
                person.residence_country_id.name,
                owner.residence_country_id.name,
            )
        share = crbr_share(owner.interest)
        if person.share_percent and share != round(person.share_percent, 2):
            add(
                "share",
                person.name,
                person,
                f"{person.share_percent:g} %",
                owner.interest,
            )
    for owner in by_name.values():
        add("missing_in_office", owner.name, None, "", owner.name)
    return found


def last_crbr_evidence(partner):
    return partner.env["biuro.verification"].search(
        [("partner_id", "=", partner.id), ("registry", "=", "crbr")],
        order="check_date desc, id desc",
        limit=1,
    )


def compare_case(case, owners_changed=False):
    """Compare ``case`` with its client's CRBR owners and update its discrepancies.

    ``owners_changed``: CRBR answered with different owners since the last
    comparison; explanations given against the old answer no longer hold, so the
    explained lines that are still found are opened again (reported ones stay
    reported: the register has not been corrected yet).
    """
    env = case.env
    owners = crbr_owners(case.partner_id)
    evidence = last_crbr_evidence(case.partner_id)
    today = fields.Date.context_today(case)
    Discrepancy = env["biuro.aml.discrepancy"]
    current = case.discrepancy_ids
    by_key = {d.key: d for d in current}
    seen = Discrepancy
    creates = []
    for key, values in differences(case, owners):
        line = by_key.get(key)
        if line:
            seen |= line
            continue
        creates.append(
            dict(
                values,
                case_id=case.id,
                key=key,
                verification_id=evidence.id or False,
                crbr_check_date=evidence.check_date or False,
                found_date=today,
            )
        )
    gone = current - seen
    gone.write({"active": False, "resolved_date": today})
    if owners_changed:
        seen.filtered(lambda d: d.state == "explained").write({"state": "open"})
    new = Discrepancy.create(creates) if creates else Discrepancy
    case.write(
        {
            "ubo_comparison_state": "discrepancy" if seen or new else "match",
            "crbr_compared_on": fields.Datetime.now(),
            "crbr_signature": signature(owners),
        }
    )
    if owners_changed or new:
        body = Markup("<p>%s</p>") % env._(
            "UBOs compared with CRBR: %(new)s new discrepancies, %(gone)s no longer "
            "found, %(open)s open.",
            new=len(new),
            gone=len(gone),
            open=case.open_discrepancy_count,
        )
        case.message_post(body=body, subtype_xmlid="mail.mt_note")
    return new


def compare_after_crbr_change(env, partner_ids):
    """Called once the registry check replaced the CRBR owners of ``partner_ids``:
    the open cases of these clients whose CRBR owners really changed are compared
    again, and their AML officer gets an activity when a discrepancy is open."""
    cases = env["biuro.aml.case"].search(
        [
            ("partner_id", "in", list(partner_ids)),
            ("state", "!=", "rejected"),
        ]
    )
    activity_type = env.ref("crm_biuro_compliance.mail_activity_type_compliance")
    for case in cases:
        sig = signature(crbr_owners(case.partner_id))
        if case.crbr_signature == sig:
            continue
        compare_case(case, owners_changed=bool(case.crbr_signature))
        if case.open_discrepancy_count:
            case.activity_schedule(
                activity_type_id=activity_type.id,
                summary=env._("CRBR owners changed: check the discrepancies"),
                user_id=(case.user_id or env.user).id,
            )
