"""`make bench-mail`: e-mails routed by the client mailbox against a large contact base.

Fills a fresh database (crm_biuro_mail installed, no demo data) with client companies
and their contacts straight in SQL (the ORM would take minutes and is not what is
measured), then feeds real RFC 822 messages to the mail gateway
(``mail.thread.message_process``, the path of incoming mail servers and odoo-mailgate)
and reports, per kind of sender, the SQL queries and the wall time per message: the
matching step alone (``res.partner._biuro_mail_match``) and the whole gateway (parse,
route, post).

Run by setup/bench.sh; prints a Markdown table for the README.
"""

import argparse
import math
import random
import statistics
import time
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from bench_support import open_registry

KINDS = (
    # (kind of sender, share of the messages)
    ("contact address", 0.40),
    ("client domain", 0.30),
    ("public mailbox", 0.15),
    ("unknown domain", 0.15),
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def populate(cr, clients, contacts):
    """`clients` client companies, each with a domain of its own, and `contacts`
    persons in all (companies included) spread over them."""
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, biuro_client,
            biuro_state, email, email_normalized, active, type, autopost_bills,
            lang, create_uid, write_uid, create_date, write_date)
        SELECT 'Firma ' || i || ' sp. z o.o.', 'Firma ' || i || ' sp. z o.o.',
            true, true, 'active', 'biuro@firma' || i || '.pl',
            'biuro@firma' || i || '.pl', true, 'contact', 'ask', 'pl_PL',
            1, 1, now(), now()
        FROM generate_series(1, %s) AS i
        RETURNING id
        """,
        [clients],
    )
    client_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
        [client_ids],
    )
    cr.execute(
        """
        INSERT INTO biuro_mail_domain (name, partner_id, create_uid, write_uid,
            create_date, write_date)
        SELECT 'firma' || n || '.pl', id, 1, 1, now(), now()
        FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, n)
        """,
        [client_ids],
    )
    persons = contacts - clients
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, is_company, parent_id,
            commercial_partner_id, email, email_normalized, active, type,
            autopost_bills, lang, create_uid, write_uid, create_date, write_date)
        SELECT 'Osoba ' || j, 'Firma ' || k || ' sp. z o.o., Osoba ' || j, false,
            ids[k], ids[k], 'osoba' || j || '@firma' || k || '.pl',
            'osoba' || j || '@firma' || k || '.pl', true, 'contact', 'ask',
            'pl_PL', 1, 1, now(), now()
        FROM (SELECT j, 1 + (j %% %s) AS k, %s::int[] AS ids
              FROM generate_series(1, %s) AS j) AS s
        """,
        [clients, client_ids, persons],
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE biuro_mail_domain")
    return client_ids


def sender_for(kind, index, rng, client_ids, persons):
    """(name, address, the client the e-mail belongs to or None)."""
    if kind == "contact address":
        j = rng.randint(1, persons)
        k = 1 + j % len(client_ids)
        return f"Osoba {j}", f"osoba{j}@firma{k}.pl", client_ids[k - 1]
    if kind == "client domain":
        k = rng.randint(1, len(client_ids))
        return "Księgowość", f"ksiegowosc{index}@firma{k}.pl", client_ids[k - 1]
    if kind == "public mailbox":
        return "Żaneta Kowalczyk", f"zaneta.k{index}@gmail.com", None
    return "Nieznany Nadawca", f"kontakt{index}@nieznana{index}.com.pl", None


def build_mail(name, email, to, index):
    msg = EmailMessage()
    msg["From"] = formataddr((name, email))
    msg["To"] = to
    msg["Subject"] = f"Faktura nr {index}/12/2026 – prośba o zaksięgowanie"
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="bench.example.com")
    msg.set_content("Dzień dobry,\nw załączniku faktura za grudzień.\nPozdrawiam")
    msg.add_attachment(
        b"%PDF-1.4 bench", maintype="application", subtype="pdf", filename="fv.pdf"
    )
    return msg.as_bytes()


def landed_right(env, raw, client_id):
    """The e-mail is on its client's timeline, or among the unassigned ones when it
    belongs to no client (checked outside the measured part)."""
    from email import message_from_bytes

    message_id = message_from_bytes(raw)["Message-ID"]
    message = env["mail.message"].search([("message_id", "=", message_id)], limit=1)
    if client_id:
        return (message.model, message.res_id) == ("res.partner", client_id)
    return message.model == "biuro.mail.unassigned"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def main():
    args = parse_args()
    registry = open_registry(args.db, args.addons_path)
    import odoo  # importable once open_registry has configured it

    rng = random.Random(args.seed)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        started = time.perf_counter()
        client_ids = populate(cr, args.clients, args.contacts)
        cr.commit()
        env.invalidate_all()
        fill_time = time.perf_counter() - started
        cr.execute("SELECT count(*) FROM res_partner")
        partner_count = cr.fetchone()[0]

        alias_domain = env["mail.alias.domain"].search([], limit=1) or env[
            "mail.alias.domain"
        ].create({"name": "biuro.example.com"})
        alias = env.ref("crm_biuro_mail.mail_alias_biuro")
        alias.alias_domain_id = alias_domain
        mailbox = alias.alias_full_name
        cr.commit()

        Thread = env["mail.thread"]
        Partner = env["res.partner"]
        persons = args.contacts - args.clients
        stats = {
            kind: {"mq": [], "mt": [], "gq": [], "gt": [], "ok": 0} for kind, _ in KINDS
        }
        plan = []
        for kind, share in KINDS:
            plan += [kind] * round(share * args.messages)
        rng.shuffle(plan)
        for index, kind in enumerate(plan, start=1):
            name, email, client_id = sender_for(kind, index, rng, client_ids, persons)
            raw = build_mail(name, email, mailbox, index)
            env.invalidate_all()  # cold ORM cache, as for a message of its own
            queries, clock = cr.sql_log_count, time.perf_counter()
            Partner._biuro_mail_match(email)
            stats[kind]["mt"].append(time.perf_counter() - clock)
            stats[kind]["mq"].append(cr.sql_log_count - queries)
            env.invalidate_all()
            queries, clock = cr.sql_log_count, time.perf_counter()
            Thread.message_process(None, raw)
            stats[kind]["gt"].append(time.perf_counter() - clock)
            stats[kind]["gq"].append(cr.sql_log_count - queries)
            stats[kind]["ok"] += landed_right(env, raw, client_id)
            cr.commit()
        print_report(args, partner_count, fill_time, stats)


def print_report(args, partner_count, fill_time, stats):
    print()
    print(
        f"{sum(len(s['gt']) for s in stats.values())} e-mails routed against "
        f"{partner_count:,} partners ({args.clients:,} clients with a domain each), "
        f"filled in {fill_time:.1f} s"
    )
    print()
    print(
        "| sender | e-mails | routed right | match: queries | match: p95 ms "
        "| gateway: queries (mean / max) | gateway: p50 ms | gateway: p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    every = {"mq": [], "mt": [], "gq": [], "gt": [], "ok": 0}
    for kind, values in stats.items():
        for key in every:
            every[key] += values[key]
        print_row(kind, values)
    print_row("**all**", every)
    print()


def print_row(kind, values):
    count = len(values["gt"])
    if not count:
        return
    print(
        f"| {kind} | {count} | {values['ok']} | {max(values['mq'])} "
        f"| {percentile(values['mt'], 0.95) * 1000:.1f} "
        f"| {statistics.mean(values['gq']):.0f} / {max(values['gq'])} "
        f"| {percentile(values['gt'], 0.5) * 1000:.0f} "
        f"| {percentile(values['gt'], 0.95) * 1000:.0f} |"
    )


if __name__ == "__main__":
    main()
