"""`make bench-nodes`: the daily verification on two Odoo servers sharing one database.

Fills a fresh database with active clients (80 % with a known bank account), starts
the fake registries here, then starts two real Odoo server processes (``odoo-bin``,
each with one cron thread, both on this database) and triggers the day's jobs the way
the scheduler's clock does: first the white list's flat-file import, then the client
verification in short slices (``cron_time_budget``), so that the job is taken over
from one server by the other many times. Odoo's cron locking (``SELECT ... FOR NO KEY
UPDATE SKIP LOCKED`` on the job) lets one server at a time run a slice; every slice
commits its batches, and the next one, on either server, starts from what is left.

Checks and reports: every client checked once per registry (one evidence record,
one request per client of the per-client registries), no batch lost (every client
has today's evidence), the flat file imported once, the slices each server ran, and
any ERROR in the servers' logs. GUS is off here (its rate limits would only make the
run longer; they are measured by bench-verify).
"""

import argparse
import math
import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter

import bench_verify
from bench_support import open_registry
from fake_registries import FakeRegistries, generate_companies
from registries import warsaw_now

JOB_DONE = re.compile(
    r"Job '(?P<name>[^']+)' \(\d+\) processed (?P<done>\d+) records, "
    r"(?P<left>\d+) records remaining"
)
VERIFY_JOB = "Client verification in registries"
IMPORT_JOB = "VAT white list: import the daily flat file"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--slice", type=float, default=1.0, help="seconds per slice")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--logs", default=".")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_node(args, odoo, index):
    odoo_bin = pathlib.Path(odoo.__path__[0]).parent / "odoo-bin"
    log = pathlib.Path(args.logs) / f"node-{index}.log"
    log.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(odoo_bin),
        f"--addons-path={args.addons_path}",
        f"--database={args.db}",
        f"--db-filter=^{args.db}$",
        f"--http-port={free_port()}",
        f"--gevent-port={free_port()}",
        "--http-interface=127.0.0.1",
        "--workers=0",
        "--max-cron-threads=1",
        "--log-level=warn",
        "--log-handler=odoo.addons.base.models.ir_cron:INFO",
        f"--logfile={log}",
    ]
    process = subprocess.Popen(command, start_new_session=True)
    return process, log


def stop_node(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def trigger(registry, odoo, xmlid):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.ref(xmlid)._trigger()  # NOTIFY cron_trigger: both servers wake up
        cr.commit()


def query(registry, sql, params=()):
    with registry.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


def expected_checks(companies, eu_share):
    legal = sum(1 for c in companies.values() if c.entity_type != "F")
    return {
        "whitelist": len(companies),
        "vies": len(companies) // eu_share,
        "krs": sum(1 for c in companies.values() if c.krs),
        "crbr": legal,
    }


def wait_until(condition, timeout, nodes):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if any(process.poll() is not None for process, _log in nodes):
            raise SystemExit("an Odoo server stopped during the run")
        time.sleep(1.0)
    return False


def main():
    args = parse_args()
    registry = open_registry(args.db, args.addons_path)
    import odoo

    companies = generate_companies(args.clients)
    with registry.cursor() as cr:
        ids = bench_verify.populate(cr, companies, 10)
        with_accounts = bench_verify.add_accounts(cr, ids, companies, 80)
        cr.commit()
    expected = expected_checks(companies, 10)
    today = warsaw_now().date()
    nodes = []
    with FakeRegistries(companies) as fake:
        fake.set_latency(args.latency)
        fake.flatfile.transformations = 5000
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            bench_verify.configure(env, fake)
            icp = env["ir.config_parameter"]
            icp.set_param("crm_biuro_verify.gus_enabled", "False")
            icp.set_param("crm_biuro_verify.whitelist_flat_url", fake.flatfile_url)
            icp.set_param("crm_biuro_verify.cron_time_budget", str(args.slice))
            cr.commit()
        fake.flatfile.archive(today)  # generated before the clock starts
        try:
            nodes = [start_node(args, odoo, index) for index in (1, 2)]
            # both servers up and their cron threads past their first sleep (60 s),
            # listening for the scheduler's NOTIFY
            time.sleep(65)
            clock = time.perf_counter()
            trigger(
                registry, odoo, "crm_biuro_verify.ir_cron_biuro_whitelist_flat_file"
            )
            imported = wait_until(
                lambda: query(
                    registry,
                    "SELECT count(*) FROM biuro_whitelist_flat_file "
                    "WHERE file_date = %s",
                    (today,),
                )[0][0],
                args.timeout,
                nodes,
            )
            trigger(registry, odoo, "crm_biuro_verify.ir_cron_biuro_verify")
            total = sum(expected.values())
            finished = imported and wait_until(
                lambda: (
                    query(
                        registry,
                        "SELECT count(*) FROM biuro_verification WHERE check_date = %s",
                        (today,),
                    )[0][0]
                    >= total
                ),
                args.timeout,
                nodes,
            )
            wall = time.perf_counter() - clock
            time.sleep(3)  # let a last slice, if any, finish and log
        finally:
            for process, _log in nodes:
                stop_node(process)
        counts = fake.counts()
        file_downloads = fake.flatfile.counts["file"]
    report(
        args,
        registry,
        today,
        expected,
        counts,
        file_downloads,
        nodes,
        wall,
        finished,
        with_accounts,
    )


def node_stats(log):
    slices, done = Counter(), Counter()
    errors = 0
    for line in log.read_text(errors="replace").splitlines():
        match = JOB_DONE.search(line)
        if match:
            slices[match["name"]] += 1
            done[match["name"]] += int(match["done"])
        if " ERROR " in line or " CRITICAL " in line:
            errors += 1
    return slices, done, errors


def report(
    args, registry, today, expected, counts, downloads, nodes, wall, ok, accounts
):
    rows = dict(
        query(
            registry,
            "SELECT registry, count(*) FROM biuro_verification WHERE check_date = %s "
            "GROUP BY registry",
            (today,),
        )
    )
    duplicates = query(
        registry,
        "SELECT count(*) FROM (SELECT 1 FROM biuro_verification "
        "GROUP BY partner_id, registry, check_date HAVING count(*) > 1) d",
    )[0][0]
    sources = dict(
        query(
            registry,
            "SELECT source, count(*) FROM biuro_verification "
            "WHERE registry = 'whitelist' GROUP BY source",
        )
    )
    print()
    print(
        f"{args.clients:,} active clients ({accounts:,} with a bank account), two Odoo "
        f"servers with one cron thread each on one database, {args.slice:.0f}-second "
        f"slices, fakes answering in {args.latency * 1000:.0f} ms; "
        f"{'finished' if ok else 'NOT FINISHED'} in {wall:.0f} s"
    )
    print()
    print("| registry | clients to check | evidence records | requests sent |")
    print("|---|---:|---:|---:|")
    requests = {
        "whitelist": counts["whitelist"].get("search/nips", 0),
        "vies": counts["vies"].get("checkVat", 0),
        "krs": counts["krs"].get("OdpisAktualny", 0),
        "crbr": sum(counts["crbr"].values()),
    }
    for name, want in expected.items():
        extra = ""
        if name == "whitelist":
            extra = (
                f" searches (minimum {math.ceil(sources.get('api', 0) / 30)}); "
                f"{sources.get('flat_file', 0):,} answered from the flat file"
            )
        print(
            f"| {name} | {want:,} | {rows.get(name, 0):,} | {requests[name]:,}{extra} |"
        )
    print()
    print(
        "| server | flat-file import runs | verification slices "
        "| checks written | ERROR lines in its log |"
    )
    print("|---|---:|---:|---:|---:|")
    for index, (_process, log) in enumerate(nodes, start=1):
        slices, done, errors = node_stats(log)
        print(
            f"| node {index} | {slices[IMPORT_JOB]} | {slices[VERIFY_JOB]} "
            f"| {done[VERIFY_JOB]:,} | {errors} |"
        )
    print()
    print(
        f"Flat file downloaded {downloads} time(s); duplicate evidence records: "
        f"{duplicates}."
    )
    print()


if __name__ == "__main__":
    main()
