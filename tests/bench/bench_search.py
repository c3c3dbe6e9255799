"""`make bench-search`: the client list's search box on 100,000 partners.

Fills a fresh database (crm_biuro installed, no demo data) with 10,000 client
companies (valid NIPs, Polish names and cities) and 90,000 contacts straight in SQL,
then types into the client list's one search box what an accountant types - a piece
of a name, a NIP in any format (whole or its start), a city, a miss - and runs the
request the web client sends for the list (``web_search_read`` of the Clients
action's domain, 80 rows and the count), with a cold ORM cache. Reports per kind of
term the p50/p95 wall time and the indexes in the query plan; then the same without
the trigram indexes (dropped), for comparison.
"""

import argparse
import pathlib
import random
import statistics
import sys
import time

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro_verify"
sys.path.insert(0, str(ADDON_DIR))

from bench_support import open_registry
from fake_registries import nip_check_digit

# crm_biuro/models/res_partner_search.py (not importable before Odoo is configured)
TRIGRAM_COLUMNS = ("complete_name", "city", "biuro_nip")

CITIES = [
    "Warszawa",
    "Kraków",
    "Łódź",
    "Wrocław",
    "Poznań",
    "Gdańsk",
    "Szczecin",
    "Bydgoszcz",
    "Lublin",
    "Białystok",
    "Katowice",
    "Gdynia",
    "Częstochowa",
    "Radom",
    "Rzeszów",
    "Toruń",
    "Sosnowiec",
    "Kielce",
    "Gliwice",
    "Olsztyn",
    "Zabrze",
    "Bielsko-Biała",
    "Bytom",
    "Zielona",
    "Góra",
    "Rybnik",
    "Ruda",
    "Śląska",
    "Opole",
    "Tychy",
    "Gorzów",
    "Elbląg",
    "Płock",
    "Wałbrzych",
    "Włocławek",
    "Tarnów",
    "Chorzów",
    "Koszalin",
    "Kalisz",
    "Legnica",
    "Grudziądz",
    "Jaworzno",
    "Słupsk",
    "Jastrzębie-Zdrój",
    "Nowy",
    "Sącz",
    "Jelenia",
    "Góra",
    "Siedlce",
    "Mysłowice",
    "Konin",
]
WORDS = [
    "Piekarnia",
    "Transport",
    "Budowlanka",
    "Usługi",
    "Handel",
    "Serwis",
    "Kancelaria",
    "Apteka",
    "Drukarnia",
    "Stolarnia",
    "Hurtownia",
    "Gabinet",
    "Studio",
    "Warsztat",
    "Ogrody",
    "Instalacje",
    "Logistyka",
    "Meble",
    "Kwiaciarnia",
    "Optyk",
    "Elektro",
    "Auto",
    "Dom",
    "Rolnictwo",
    "Piekarz",
    "Zakład",
    "Pracownia",
    "Centrum",
]
FORMS = ("sp. z o.o.", "s.c.", "sp.j.", "S.A.", "")
FIRST = [
    "Anna",
    "Jan",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Agnieszka",
    "Paweł",
    "Magdalena",
    "Michał",
    "Ewa",
]
LAST = [
    "Kowalski",
    "Nowak",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
]
KINDS = ("name", "NIP formatted", "NIP start", "city", "miss")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=90_000)
    parser.add_argument("--searches", type=int, default=100, help="per kind")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def random_nips(rng, count):
    """``count`` distinct NIPs with valid check digits, spread like real ones."""
    nips = set()
    while len(nips) < count:
        first9 = f"{rng.randrange(100_000_000, 999_999_999):09d}"
        check = nip_check_digit(first9)
        if check is not None:
            nips.add(first9 + check)
    return sorted(nips, key=lambda _n: rng.random())


def populate(cr, rng, clients, contacts):
    nips = random_nips(rng, clients)
    rows = []
    for index, nip in enumerate(nips, start=1):
        name = f"{rng.choice(WORDS)} {rng.choice(LAST)} {index} {rng.choice(FORMS)}"
        rows.append((name.strip(), nip, rng.choice(CITIES)))
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, biuro_client,
            biuro_state, vat, biuro_nip, city, active, type, autopost_bills, lang,
            create_uid, write_uid, create_date, write_date)
        SELECT r.name, r.name, true, true, 'active', 'PL' || r.nip, r.nip, r.city,
            true, 'contact', 'ask', 'pl_PL', 1, 1, now(), now()
        FROM unnest(%s::text[], %s::text[], %s::text[]) AS r(name, nip, city)
        RETURNING id
        """,
        [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [ids]
    )
    people = [
        (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.randrange(clients))
        for _i in range(contacts)
    ]
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, parent_id,
            commercial_partner_id, city, active, type, autopost_bills, lang,
            create_uid, write_uid, create_date, write_date)
        SELECT p.name, c.complete_name || ', ' || p.name, false, c.id, c.id, c.city,
            true, 'contact', 'ask', 'pl_PL', 1, 1, now(), now()
        FROM unnest(%s::text[], %s::int[]) AS p(name, k)
        JOIN res_partner c ON c.id = (%s::int[])[p.k + 1]
        """,
        [[p[0] for p in people], [p[1] for p in people], ids],
    )
    # Rows inserted after a GIN index was built wait in its pending list until
    # autovacuum merges them (a live database); merge them now, as it would.
    for column in TRIGRAM_COLUMNS:
        cr.execute(
            "SELECT gin_clean_pending_list(%s::regclass)",
            [f"res_partner_{column}_biuro_trgm_idx"],
        )
    cr.execute("ANALYZE res_partner")
    return rows


def terms(rng, rows, count):
    """{kind: [what the user types]}."""

    def nip_formatted(nip):
        styles = (
            f"PL{nip}",
            f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}",
            f"PL {nip[:3]} {nip[3:5]} {nip[5:7]} {nip[7:]}",
        )
        return rng.choice(styles)

    picks = [rng.choice(rows) for _i in range(count)]
    return {
        "name": [f"{r[0].split()[0][:6]} {r[0].split()[1][:5]}" for r in picks],
        "NIP formatted": [nip_formatted(r[1]) for r in picks],
        "NIP start": [r[1][:7] for r in picks],
        "city": [r[2] for r in picks],
        "miss": [f"Xq{rng.randrange(10**6)}z" for _i in range(count)],
    }


def list_domain(text):
    # the Clients action's domain, then the search box (view_partner_search_biuro)
    return [
        ("biuro_client", "=", True),
        ("parent_id", "=", False),
        ("biuro_search", "ilike", text),
    ]


def plan_indexes(env, text):
    from odoo.tools import SQL

    Partner = env["res.partner"]
    query = Partner._search(list_domain(text), limit=80, order=Partner._order)
    env.cr.execute(SQL("EXPLAIN %s", query.select()))
    plan = "\n".join(row[0] for row in env.cr.fetchall())
    used = sorted(
        {
            word
            for word in plan.replace("(", " ").split()
            if word.startswith("res_partner_") and word.endswith("_idx")
        }
    )
    trigram = [
        name.removeprefix("res_partner_").removesuffix("_biuro_trgm_idx")
        for name in used
        if name.endswith("_biuro_trgm_idx")
    ]
    others = [name for name in used if not name.endswith("_biuro_trgm_idx")]
    parts = []
    if trigram:
        combined = "BitmapOr: " if "BitmapOr" in plan else ""
        parts.append(f"{combined}{', '.join(trigram)} (trigram)")
    parts += others
    return "; ".join(parts) or ("sequential scan" if "Seq Scan" in plan else "-")


def measure(env, by_kind):
    Partner = env["res.partner"]
    spec = {"display_name": {}, "biuro_nip": {}, "city": {}}
    results = {}
    for kind, texts in by_kind.items():
        times, found = [], []
        for text in texts:
            env.invalidate_all()
            clock = time.perf_counter()
            answer = Partner.web_search_read(
                list_domain(text), spec, limit=80, count_limit=10001
            )
            times.append((time.perf_counter() - clock) * 1000)
            found.append(answer["length"])
        times.sort()
        results[kind] = {
            "p50": statistics.median(times),
            "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "hits": statistics.mean(found),
            "plan": plan_indexes(env, texts[0]),
            "example": texts[0],
        }
    return results


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    registry = open_registry(args.db, args.addons_path)
    import odoo
    from odoo.tools import SQL

    from odoo.addons.crm_biuro.models.res_partner_search import TRIGRAM_COLUMNS

    with registry.cursor() as cr:
        rows = populate(cr, rng, args.clients, args.contacts)
        cr.commit()
    by_kind = terms(rng, rows, args.searches)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        env["res.partner"].web_search_read(list_domain("warm-up"), {}, limit=1)
        indexed = measure(env, by_kind)
        cr.execute(
            SQL(
                "DROP INDEX %s",
                SQL(", ").join(
                    SQL.identifier(f"res_partner_{column}_biuro_trgm_idx")
                    for column in TRIGRAM_COLUMNS
                ),
            )
        )
        plain = measure(env, {k: v[: max(5, len(v) // 5)] for k, v in by_kind.items()})
        cr.rollback()
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
    print()
    print(
        f"Client list search box on {partners:,} partners ({args.clients:,} clients, "
        f"{args.contacts:,} contacts): `web_search_read` of the Clients list, 80 rows "
        f"and the count, cold ORM cache, {args.searches} searches per kind"
    )
    print()
    print(
        "| typed | example | clients found (mean) | p50 ms | p95 ms "
        "| indexes in the plan | p95 ms without trigram indexes |"
    )
    print("|---|---|---:|---:|---:|---|---:|")
    for kind in KINDS:
        r = indexed[kind]
        print(
            f"| {kind} | `{r['example']}` | {r['hits']:.1f} | {r['p50']:.1f} "
            f"| {r['p95']:.1f} | {r['plan']} | {plain[kind]['p95']:.1f} |"
        )
    print()


if __name__ == "__main__":
    main()
