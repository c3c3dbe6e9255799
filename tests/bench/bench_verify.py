"""`make bench-verify`: the daily registry check of 3,000 clients against the fakes.

Fills a fresh database (crm_biuro_verify installed, no demo data) with active clients
straight in SQL, starts the fake registries (``crm_biuro_verify/fake_registries``, real
HTTP on 127.0.0.1) with a latency on every answer, points the settings at them and runs
the daily cron method the way the scheduler does: in committed time slices, each
resuming where the previous one stopped, until nothing is left. GUS's published rate
limits apply (the production limiter, on the real clock).

Reports, per registry, the requests sent beside the theoretical minimum (GUS: one
login and one search per 20 NIPs; white list: one search per 30 NIPs; the others one
request per client they apply to), and the wall time beside the floor set by GUS's
rate limits for those requests at that time of day. Then a second run the same day,
which must send nothing. Prints a Markdown table for the README.
"""

import argparse
import json
import math
import pathlib
import sys
import time
from collections import Counter

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro_verify"
sys.path.insert(0, str(ADDON_DIR))

from bench_support import open_registry
from fake_registries import FakeRegistries, generate_companies
from registries import GusRateLimiter, warsaw_now

GUS_BATCH = 20
WL_BATCH = 30


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--clients", type=int, default=3_000)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    parser.add_argument(
        "--eu-share", type=int, default=10, help="every n-th client has VAT-UE"
    )
    return parser.parse_args()


def populate(cr, companies, eu_share):
    """One active client per fake company; every ``eu_share``-th trades in the EU."""
    cr.execute("SELECT id FROM res_country WHERE code = 'PL'")
    poland = cr.fetchone()[0]
    rows = []
    for index, (nip, company) in enumerate(companies.items(), start=1):
        sole = company.entity_type == "F"
        rows.append(
            (
                company.name,
                "PL" + nip,
                nip,
                "jdg" if sole else "spzoo",
                company.krs or None,
                index % eu_share == 0,
            )
        )
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, biuro_client,
            biuro_state, vat, biuro_nip, country_id, biuro_legal_form, biuro_krs,
            biuro_vat_ue, active, type, autopost_bills, lang, create_uid, write_uid,
            create_date, write_date)
        SELECT r.name, r.name, true, true, 'active', r.vat, r.nip, %s, r.form, r.krs,
            r.eu, true, 'contact', 'ask', 'pl_PL', 1, 1, now(), now()
        FROM jsonb_to_recordset(%s::jsonb) AS r(name text, vat text, nip text,
            form text, krs text, eu boolean)
        RETURNING id
        """,
        [
            poland,
            json.dumps(
                [
                    {"name": n, "vat": v, "nip": p, "form": f, "krs": k, "eu": e}
                    for n, v, p, f, k, e in rows
                ]
            ),
        ],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids]
    )
    cr.execute("ANALYZE res_partner")
    return ids


def configure(env, fake):
    icp = env["ir.config_parameter"].sudo()
    for name, url in fake.urls.items():
        icp.set_param(f"crm_biuro_verify.{name}_url", url)
        icp.set_param(f"crm_biuro_verify.{name}_enabled", "True")
    icp.set_param("crm_biuro_verify.gus_key", "bench-gus-key-0000000")


def run_daily(registry, odoo):
    """The cron method, slice after slice (each in its own transaction), as the
    scheduler runs it, until nothing is left. Returns (slices, {registry: states})."""
    states = {}
    slices = 0
    while True:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
            result = env["res.partner"]._cron_biuro_verify()
            cr.commit()
        if result["done"]:
            slices += 1
        for name, counts in result["states"].items():
            states.setdefault(name, Counter()).update(counts)
        if not result["remaining"]:
            return slices, states
        if not result["done"]:
            time.sleep(5)  # the cron asked to be triggered again later


def minimums(companies, eu_share):
    n = len(companies)
    with_krs = sum(1 for c in companies.values() if c.krs)
    legal = sum(1 for c in companies.values() if c.entity_type != "F")
    return {
        "gus": math.ceil(n / GUS_BATCH) + 1,
        "whitelist": math.ceil(n / WL_BATCH),
        "vies": n // eu_share,
        "krs": with_krs,
        "crbr": legal,
    }


def main():
    args = parse_args()
    registry = open_registry(args.db, args.addons_path)
    import odoo  # importable once open_registry has configured it

    companies = generate_companies(args.clients)
    with registry.cursor() as cr:
        populate(cr, companies, args.eu_share)
        cr.commit()
    with FakeRegistries(companies) as fake:
        fake.set_latency(args.latency)
        with registry.cursor() as cr:
            configure(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), fake)
            cr.commit()
        started_at = warsaw_now()
        clock = time.perf_counter()
        slices, states = run_daily(registry, odoo)
        wall = time.perf_counter() - clock
        first = fake.counts()
        fake.reset()
        fake.set_latency(args.latency)
        clock = time.perf_counter()
        run_daily(registry, odoo)
        second_wall = time.perf_counter() - clock
        second = sum(sum(ops.values()) for ops in fake.counts().values())
    searches = math.ceil(args.clients / GUS_BATCH)
    floor = GusRateLimiter.floor_seconds([1] + [GUS_BATCH] * searches, start=started_at)
    floor_per_request = GusRateLimiter.floor_seconds(
        [1] * (searches + 1), start=started_at, count_identifiers=False
    )
    print_report(
        args,
        companies,
        first,
        states,
        wall,
        slices,
        floor,
        floor_per_request,
        started_at,
        second,
        second_wall,
    )


def print_report(
    args,
    companies,
    counts,
    states,
    wall,
    slices,
    floor,
    floor_per_request,
    started_at,
    second,
    second_wall,
):
    minimum = minimums(companies, args.eu_share)
    print()
    print(
        f"{len(companies):,} active clients checked against the fake registries, "
        f"{args.latency * 1000:.0f} ms per answer, GUS rate limits of "
        f"{started_at:%H:%M} Europe/Warsaw; {slices} cron slices"
    )
    print()
    print(
        "| registry | requests sent | theoretical minimum | clients checked | results |"
    )
    print("|---|---:|---:|---:|---|")
    labels = {
        "gus": "GUS",
        "whitelist": "VAT white list",
        "vies": "VIES",
        "krs": "KRS",
        "crbr": "CRBR",
    }
    for name, label in labels.items():
        ops = counts.get(name, {})
        sent = sum(ops.values())
        detail = ""
        if name == "gus":
            detail = (
                f" ({ops.get('Zaloguj', 0)} login, "
                f"{ops.get('DaneSzukajPodmioty', 0)} searches, "
                f"{ops.get('Wyloguj', 0)} logout)"
            )
        checked = sum(states.get(name, Counter()).values())
        results = ", ".join(
            f"{state} {n}" for state, n in sorted(states.get(name, {}).items())
        )
        print(f"| {label} | {sent}{detail} | {minimum[name]} | {checked} | {results} |")
    print()
    print(
        "| wall time | GUS rate-limit floor "
        "| floor if a batch counted as one request | second run the same day |"
    )
    print("|---:|---:|---:|---|")
    print(
        f"| {wall:.0f} s | {floor:.0f} s | {floor_per_request:.0f} s "
        f"| {second} requests, {second_wall:.1f} s |"
    )
    print()


if __name__ == "__main__":
    main()
