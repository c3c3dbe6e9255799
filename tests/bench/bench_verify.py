"""`make bench-verify`: the daily registry check against the fakes, two scenarios.

* ``--scenario day`` (3,000 clients, no bank accounts): every registry by its API;
* ``--scenario night`` (default 10,000 clients, 80 % with a bank account, GUS's night
  limits when run between 22:00 and 06:00 Europe/Warsaw): the white list's flat file
  of the day is imported first (its memory peak measured), the account checks are
  answered from it, the API searches spent on the rest, within every published quota.

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
import tracemalloc
from collections import Counter

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro_verify"
sys.path.insert(0, str(ADDON_DIR))

from bench_support import open_registry
from fake_registries import FakeRegistries, generate_companies
from registries import GusRateLimiter, warsaw_now

GUS_BATCH = 20
WL_BATCH = 30
# Published daily quotas (registries.md §1.8, §2.4); None: none published.
QUOTAS = {"gus": None, "whitelist": 100, "vies": None, "krs": None, "crbr": None}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--scenario", choices=("day", "night"), default="day")
    parser.add_argument(
        "--clients", type=int, help="default: 3,000 (day), 10,000 (night)"
    )
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per answer")
    parser.add_argument(
        "--eu-share", type=int, default=10, help="every n-th client has VAT-UE"
    )
    parser.add_argument(
        "--account-share",
        type=int,
        default=80,
        help="night: percent of clients with a known bank account",
    )
    parser.add_argument(
        "--filler",
        type=int,
        default=200_000,
        help="night: hashes of other payers in the flat file",
    )
    args = parser.parse_args()
    if args.clients is None:
        args.clients = 10_000 if args.scenario == "night" else 3_000
    return args


def add_accounts(cr, ids, companies, share):
    """A bank account (the registry's one) for ``share`` % of the clients."""
    rows = [
        (pid, company.accounts[0])
        for index, (pid, company) in enumerate(
            zip(ids, companies.values(), strict=True)
        )
        # exactly ``share`` % of them, evenly spread
        if index * share // 100 != (index + 1) * share // 100
    ]
    cr.execute(
        """
        INSERT INTO res_partner_bank (partner_id, acc_number, sanitized_acc_number,
            active, allow_out_payment, create_uid, write_uid, create_date, write_date)
        SELECT r.pid, r.nrb, r.nrb, true, false, 1, 1, now(), now()
        FROM jsonb_to_recordset(%s::jsonb) AS r(pid int, nrb text)
        """,
        [json.dumps([{"pid": pid, "nrb": nrb} for pid, nrb in rows])],
    )
    return len(rows)


def import_flat_file(registry, odoo, fake):
    """The daily import, as its cron runs it; -> (record values, seconds, peak MB
    of the Python heap, every thread: the download, 7z, parser, COPY buffers)."""
    import py7zr  # noqa: F401 - its import is not the import's memory

    tracemalloc.start()
    clock = time.perf_counter()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param(
            "crm_biuro_verify.whitelist_flat_url", fake.flatfile_url
        )
        Files = env["biuro.whitelist.flat.file"]
        Files._cron_biuro_import()
        record = Files.search([], limit=1)
        values = record.read(
            ["state", "size", "json_size", "active_count", "exempt_count", "mask_count"]
        )[0]
        cr.commit()
    seconds = time.perf_counter() - clock
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return values, seconds, peak / 2**20


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
    # sudo: benchmark setup, system parameters are admin-only
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


def minimums(companies, eu_share, from_file=0):
    n = len(companies)
    with_krs = sum(1 for c in companies.values() if c.krs)
    legal = sum(1 for c in companies.values() if c.entity_type != "F")
    return {
        "gus": math.ceil(n / GUS_BATCH) + 1,
        "whitelist": math.ceil((n - from_file) / WL_BATCH),
        "vies": n // eu_share,
        "krs": with_krs,
        "crbr": legal,
    }


def main():
    args = parse_args()
    registry = open_registry(args.db, args.addons_path)
    import odoo  # importable once open_registry has configured it

    companies = generate_companies(args.clients)
    night = args.scenario == "night"
    with registry.cursor() as cr:
        ids = populate(cr, companies, args.eu_share)
        with_accounts = (
            add_accounts(cr, ids, companies, args.account_share) if night else 0
        )
        cr.commit()
    flat = None
    with FakeRegistries(companies) as fake:
        fake.set_latency(args.latency)
        with registry.cursor() as cr:
            configure(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), fake)
            cr.commit()
        if night:
            fake.flatfile.filler = args.filler
            clock = time.perf_counter()
            fake.flatfile.archive(warsaw_now().date())  # the Ministry's side
            generated = time.perf_counter() - clock
            flat = (*import_flat_file(registry, odoo, fake), generated, with_accounts)
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
    from_file = flat_file_answers(registry, odoo) if night else 0
    print_report(
        args,
        companies,
        first,
        states,
        (wall, slices, floor, floor_per_request, started_at),
        (second, second_wall),
        from_file,
    )
    if flat:
        print_flat_file(*flat, from_file)


def flat_file_answers(registry, odoo):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM biuro_verification WHERE registry = 'whitelist' "
            "AND source = 'flat_file'"
        )
        return cr.fetchone()[0]


def print_flat_file(values, seconds, peak_mb, generated, with_accounts, used):
    print(
        "| flat file | archive | JSON | hashes | masks | import | "
        "memory peak (Python heap) | clients with an account | answered from it |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    hashes = values["active_count"] + values["exempt_count"]
    print(
        f"| {values['state']} | {values['size'] / 2**20:.1f} MB "
        f"| {values['json_size'] / 2**20:.1f} MB | {hashes:,} | {values['mask_count']} "
        f"| {seconds:.1f} s | {peak_mb:.1f} MB "
        f"| {with_accounts:,} | {used:,} |"
    )
    print()
    print(f"(generating the fake file took {generated:.0f} s, not counted above)")
    print()


def print_report(args, companies, counts, states, timing, rerun, from_file=0):
    wall, slices, floor, floor_per_request, started_at = timing
    second, second_wall = rerun
    minimum = minimums(companies, args.eu_share, from_file)
    print()
    print(
        f"{len(companies):,} active clients ({args.scenario} scenario) checked against "
        f"the fake registries, {args.latency * 1000:.0f} ms per answer, GUS rate "
        f"limits of {started_at:%H:%M} Europe/Warsaw; {slices} cron slices"
    )
    print()
    print(
        "| registry | requests sent | theoretical minimum | published daily quota "
        "| clients checked | results |"
    )
    print("|---|---:|---:|---:|---:|---|")
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
        quota = QUOTAS[name]
        if name == "whitelist":
            quota = f"{quota} searches"
        elif name == "gus":
            quota = "none (10,000/h at night)"
        print(
            f"| {label} | {sent}{detail} | {minimum[name]} | {quota or 'none'} "
            f"| {checked} | {results} |"
        )
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
