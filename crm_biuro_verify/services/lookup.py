"""Data of a company by its NIP, for "add a client by NIP": GUS (search, main report,
PKD), the white list, KRS and VIES. An explicit user action, so the calls are made
right away; each registry's answer also becomes the new client's first evidence.
"""

import dataclasses
import re

try:
    from .. import registries
    from . import config, outcomes
except ImportError:  # plain Python: ``services`` imported from the addon directory
    import registries
    from services import config, outcomes

warsaw_now = registries.warsaw_now

# GUS "szczególna forma prawna" symbols -> crm_biuro legal forms.
GUS_LEGAL_FORMS = {
    "019": "sc",
    "048": "fundacja",
    "115": "spp",
    "116": "sa",
    "117": "spzoo",
    "118": "spj",
    "120": "spk",
    "121": "ska",
    "140": "spoldzielnia",
    "155": "stowarzyszenie",
}
# Words of a legal form's name (GUS or KRS, upper case) -> legal form; first match wins.
LEGAL_FORM_WORDS = (
    (("KOMANDYTOWO-AKCYJN",), "ska"),
    (("PROST", "AKCYJN"), "psa"),
    (("KOMANDYTOW",), "spk"),
    (("AKCYJN",), "sa"),
    (("OGRANICZON",), "spzoo"),
    (("JAWN",), "spj"),
    (("PARTNERSK",), "spp"),
    (("CYWILN",), "sc"),
    (("SPÓŁDZIELNI",), "spoldzielnia"),
    (("FUNDACJ", "RODZINN"), "fundacja_rodzinna"),
    (("FUNDACJ",), "fundacja"),
    (("STOWARZYSZ",), "stowarzyszenie"),
    (("ODDZIAŁ", "ZAGRANICZN"), "oddzial"),
)


def legal_form_of(entity_type="", code="", *names):
    """crm_biuro's legal form from GUS's entity type, form symbol and form names."""
    if (entity_type or "").upper() == "F":
        return "jdg"
    if code in GUS_LEGAL_FORMS:
        return GUS_LEGAL_FORMS[code]
    for name in names:
        text = (name or "").upper()
        for words, form in LEGAL_FORM_WORDS:
            if text and all(word in text for word in words):
                return form
    return False


def _split_wl_address(text):
    """'UL. TESTOWA 1, 00-001 WARSZAWA' -> (street, zip, city)."""
    match = re.match(r"^(.*?),?\s*(\d{2}-\d{3})\s+(.+)$", (text or "").strip())
    if not match:
        return text or "", "", ""
    return match[1].strip(" ,"), match[2], match[3].strip()


def outcome_to_dict(outcome, day):
    data = dataclasses.asdict(outcome)
    data["day"] = day.isoformat()
    data["changes"] = [list(change) for change in outcome.changes]
    return data


_OUTCOME_FIELDS = frozenset(f.name for f in dataclasses.fields(outcomes.Outcome))


def outcome_from_dict(data):
    """The :class:`~.outcomes.Outcome` of ``outcome_to_dict``, or None when ``data``
    is not one (unknown keys, a state or registry that does not exist). Only the
    server's own lookups are turned back into outcomes; the writer still applies
    nothing but its allow-list of fields."""
    if not isinstance(data, dict):
        return None
    data = {key: value for key, value in data.items() if key != "day"}
    if not set(data) <= _OUTCOME_FIELDS or not {"registry", "state"} <= set(data):
        return None
    if data["registry"] not in config.REGISTRY_ORDER or data["state"] not in (
        outcomes.STATES
    ):
        return None
    data["changes"] = [
        tuple(change)
        for change in data.get("changes") or []
        if isinstance(change, list | tuple) and len(change) == 3
    ]
    for key in ("fill", "updates"):
        if not isinstance(data.get(key) or {}, dict):
            return None
    return outcomes.Outcome(**data)


def lookup(env, nip):
    """-> (values, evidence): the preview values and, per registry, the outcome of
    its answer as a dict (``outcome_to_dict``) to be written when the client is
    created. ``env`` is a sudo environment; ``nip`` is valid (checked by the caller).
    """
    cfg = config.VerifyConfig.load(env)
    day = warsaw_now().date()
    values = {
        "nip": nip,
        "name": "",
        "street": "",
        "zip": "",
        "city": "",
        "country_code": "PL",
        "regon": "",
        "krs": "",
        "legal_form": False,
        "legal_form_name": "",
        "pkd": [],
        "vat_status": False,
        "vat_status_name": "",
        "bank_accounts": [],
        "vat_ue": None,
        "activity_end_date": "",
        "email": "",
        "phone": "",
        "website": "",
        "sources": {},
    }
    evidence = {}

    def record(outcome, keep=True):
        if keep:
            evidence[outcome.registry] = outcome_to_dict(outcome, day)
        values["sources"][outcome.registry] = {
            "state": outcome.state,
            "summary": outcome.summary,
        }

    wl_subject = None
    if cfg.is_on("gus"):
        record(_lookup_gus(env, cfg, nip, values))
    if cfg.is_on("whitelist"):
        outcome, wl_subject = _lookup_whitelist(env, cfg, nip, day, values)
        record(outcome)
    if cfg.is_on("krs"):
        krs = values["krs"] or (wl_subject.krs if wl_subject else "")
        if krs:
            record(_lookup_krs(env, cfg, krs, values))
    if cfg.is_on("vies"):
        # VIES matters for clients trading in the EU only: a company without an EU
        # VAT number gets no VIES evidence (and no red "VAT EU" badge)
        outcome = _lookup_vies(env, cfg, nip, values)
        record(outcome, keep=outcome.state != "not_found")
    if wl_subject and not values["name"]:
        values["name"] = wl_subject.name
        address = wl_subject.working_address or wl_subject.residence_address
        values["street"], values["zip"], values["city"] = _split_wl_address(address)
    if wl_subject and not values["regon"]:
        values["regon"] = wl_subject.regon
    if wl_subject and not values["krs"]:
        values["krs"] = wl_subject.krs
    return values, evidence


def _lookup_gus(env, cfg, nip, values):
    identity = cfg.gus_identity(env.cr.dbname)
    client = cfg.gus_client(config.gus_limiter(identity))
    try:
        company = client.lookup_nip(nip)
    except registries.NotFound as error:
        return outcomes.gus_outcome(
            env._, registries.GusSearchResult(nip, [], error.raw or "")
        )
    except registries.RegistryError as error:
        return outcomes.error_outcome(env._, "gus", error)
    except Exception as exc:  # noqa: BLE001
        return outcomes.error_outcome(env._, "gus", outcomes.client_failure("gus", exc))
    finally:
        try:
            client.logout()
        except registries.RegistryError:
            pass  # the session expires by itself
    entity, details = company.entity, company.details
    found = registries.GusSearchResult(nip, [entity], entity.raw)
    outcome = outcomes.gus_outcome(env._, found)
    outcome.payload = "\n".join([entity.raw or "", *company.reports.values()])
    if details:
        address = details.address
        values.update(
            name=details.name or entity.name,
            street=address.street_line,
            zip=address.postal_code,
            city=address.post_city or address.city,
            regon=details.regon or entity.regon,
            krs=details.krs,
            legal_form=legal_form_of(
                entity.type,
                details.specific_legal_form_code,
                details.specific_legal_form,
                details.legal_form,
            ),
            legal_form_name=details.specific_legal_form or details.legal_form,
            email=details.email,
            phone=details.phone,
            website=details.website,
            activity_end_date=outcomes._iso(details.end_date or entity.end_date),
        )
    else:
        values.update(name=entity.name, regon=entity.regon, city=entity.city)
        values["street"] = outcomes.gus_address(entity).split(",")[0]
        values["zip"] = entity.postal_code
    values["pkd"] = [
        {"code": p.code, "name": p.name, "main": p.main} for p in company.pkd
    ]
    return outcome


def _lookup_whitelist(env, cfg, nip, day, values):
    quota = config.load_whitelist_quota(env)
    client = cfg.whitelist_client(quota)
    try:
        result = client.search_nips([nip], day=day)[nip]
    except registries.RegistryError as error:
        return outcomes.error_outcome(env._, "whitelist", error), None
    except Exception as exc:  # noqa: BLE001
        failure = outcomes.client_failure("whitelist", exc)
        return outcomes.error_outcome(env._, "whitelist", failure), None
    finally:
        config.save_whitelist_quota(env, quota)
    outcome = outcomes.whitelist_outcome(env._, result)
    if result.found:
        subject = result.subject
        values["vat_status"] = outcomes.WL_VAT_STATUS.get(subject.status_vat, False)
        values["vat_status_name"] = subject.status_vat
        values["bank_accounts"] = list(outcome.accounts or [])
    return outcome, result.subject


def _lookup_krs(env, cfg, krs, values):
    client = cfg.krs_client()
    try:
        extract = client.current_extract(krs)
    except registries.NotFound:
        return outcomes.krs_outcome(env._, None)
    except registries.RegistryError as error:
        return outcomes.error_outcome(env._, "krs", error)
    except Exception as exc:  # noqa: BLE001
        return outcomes.error_outcome(env._, "krs", outcomes.client_failure("krs", exc))
    values["krs"] = extract.krs or krs
    values["name"] = values["name"] or extract.name
    if not values["street"]:
        address = extract.address
        values["street"] = " ".join(
            p for p in (address.street, address.house_number) if p
        )
        if address.apartment_number:
            values["street"] += f"/{address.apartment_number}"
        values["zip"] = address.postal_code
        values["city"] = address.city or extract.seat.city
    if not values["legal_form"]:
        values["legal_form"] = legal_form_of("", "", extract.legal_form)
    values["legal_form_name"] = values["legal_form_name"] or extract.legal_form
    if not values["pkd"]:
        values["pkd"] = [
            {"code": p.code, "name": p.description, "main": p.main} for p in extract.pkd
        ]
    return outcomes.krs_outcome(env._, extract)


def _lookup_vies(env, cfg, nip, values):
    client = cfg.vies_client()
    try:
        result = client.check_vat("PL" + nip)
    except registries.RegistryError as error:
        return outcomes.error_outcome(env._, "vies", error)
    except Exception as exc:  # noqa: BLE001
        return outcomes.error_outcome(
            env._, "vies", outcomes.client_failure("vies", exc)
        )
    values["vat_ue"] = bool(result.valid)
    return outcomes.vies_outcome(env._, result)
