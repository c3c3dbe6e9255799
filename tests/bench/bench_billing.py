"""`make bench-billing`: the monthly run (Rozlicz klientów) for 500 and 2,000 clients.

Fills a fresh database (crm_biuro_billing installed, no demo data) with active clients,
each with one bookkeeping contract of 1 to 4 price terms (flat fee, documents above 30,
employees on payroll, a one-off of the month), their documents and payroll counts, then
bills one month for the first 500 clients and another month for all 2,000, the way the
cron does it (committed batches). Reports wall time and SQL queries per client, which
must stay flat as the client count grows, and checks a rerun adds nothing. Prints a
Markdown table for the README.
"""

import argparse
import time

from bench_support import open_registry

KINDS = ("flat", "per_document", "per_employee", "one_off")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=2_000)
    return parser.parse_args()


def ensure_chart(env):
    company = env.company
    if not env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    ):
        env["account.chart.template"].try_loading("generic_coa", company=company)


def populate(env, count, month):
    """`count` clients with a contract of 1–4 terms (cycling), documents and payroll."""
    products = env["product.product"].create(
        [
            {"name": f"Usługa {kind}", "type": "service", "list_price": 100}
            for kind in KINDS
        ]
    )
    ctx = {"tracking_disable": True, "mail_create_nolog": True}
    clients = (
        env["res.partner"]
        .with_context(**ctx)
        .create(
            [
                {
                    "name": f"Klient {i:05d} sp. z o.o.",
                    "is_company": True,
                    "biuro_client": True,
                    "biuro_state": "active",
                }
                for i in range(count)
            ]
        )
    )
    contracts = []
    for index, client in enumerate(clients):
        terms = KINDS[: index % 4 + 1]
        contracts.append(
            {
                "partner_id": client.id,
                "date_start": "2025-01-01",
                "state": "active",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": products[KINDS.index(kind)].id,
                            "kind": kind,
                            "price": 450 if kind == "flat" else 9,
                            "included_qty": 30 if kind == "per_document" else 0,
                            "date_from": month if kind == "one_off" else False,
                        },
                    )
                    for kind in terms
                ],
            }
        )
    env["biuro.contract"].with_context(**ctx).create(contracts)
    env.cr.execute(
        """
        INSERT INTO biuro_document (name, partner_id, company_id, period, state,
            create_uid, write_uid, create_date, write_date)
        SELECT 'FV ' || n, p.id, %s, %s::date, 'new', 1, 1, now(), now()
          FROM unnest(%s::int[]) AS p(id), generate_series(1, 35) AS n
        """,
        (env.company.id, month, clients.ids),
    )
    env["biuro.payroll.headcount"].create(
        [
            {"partner_id": c.id, "month": "2025-01-01", "employees": 3 + c.id % 5}
            for c in clients
        ]
    )
    env.cr.execute("ANALYZE")
    return clients


def bill(registry, odoo, month, partner_ids):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        run = env["biuro.billing.run"].create(
            {"month": month, "partner_ids": [(6, 0, partner_ids)]}
        )
        cr.commit()
        queries = cr.sql_log_count
        start = time.perf_counter()
        run.write({"state": "running"})
        run._process(auto_commit=True)
        wall = time.perf_counter() - start
        queries = cr.sql_log_count - queries
        invoices = len(run.move_ids)
        lines = sum(len(m.invoice_line_ids) for m in run.move_ids)
        cr.commit()
        rerun = env["biuro.billing.run"].create(
            {"month": month, "partner_ids": [(6, 0, partner_ids)]}
        )
        rerun.action_run()
        again = len(rerun.move_ids)
        cr.commit()
    return {
        "clients": len(partner_ids),
        "invoices": invoices,
        "lines": lines,
        "wall": wall,
        "queries": queries,
        "rerun": again,
    }


def main():
    args = parse_args()
    registry = open_registry(args.db, args.addons_path)
    import odoo  # importable once open_registry has configured it

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        ensure_chart(env)
        clients = populate(env, args.large, "2026-02-01")
        env.cr.execute(
            """
            INSERT INTO biuro_document (name, partner_id, company_id, period, state,
                create_uid, write_uid, create_date, write_date)
            SELECT 'FV ' || n, p.id, %s, '2026-01-01', 'new', 1, 1, now(), now()
              FROM unnest(%s::int[]) AS p(id), generate_series(1, 35) AS n
            """,
            (env.company.id, clients.ids[: args.small]),
        )
        cr.commit()
        ids = clients.ids
    rows = [
        bill(registry, odoo, "2026-01-01", ids[: args.small]),
        bill(registry, odoo, "2026-02-01", ids),
    ]
    print(
        "| clients | invoices | invoice lines | wall time | per client | "
        "SQL queries | queries per client | rerun adds |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['clients']:,} | {row['invoices']:,} | {row['lines']:,} "
            f"| {row['wall']:.1f} s | {row['wall'] / row['clients'] * 1000:.1f} ms "
            f"| {row['queries']:,} | {row['queries'] / row['clients']:.1f} "
            f"| {row['rerun']} |"
        )


if __name__ == "__main__":
    main()
