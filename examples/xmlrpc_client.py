#!/usr/bin/env python3
"""An external tool talking to the office's Odoo over XML-RPC: the README's guide.

    python3 examples/xmlrpc_client.py URL DATABASE LOGIN PASSWORD NIP

finds the client with that NIP (typed in any format) or adds it from the public
registries, verifies it, and prints its registry evidence, this month's obligations,
its contracts and documents, after uploading a document for it. Only the standard
library is used. `make test` runs it against the test database (tests/xmlrpc/
test_example_script.py), so the guide cannot go stale.
"""

import base64
import datetime
import sys
import xmlrpc.client


class Office:
    """Log in once, then call any method: ``office("res.partner", "search", ...)``."""

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise SystemExit(f"login refused for {login!r} on {db!r}")
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )


def find_client(office, nip):
    """The client's id, or False: `biuro_nip` takes "PL 701-001-11-15" and the like."""
    ids = office("res.partner", "search", [("biuro_nip", "=", nip)], limit=1)
    return ids[0] if ids else False


def add_client(office, nip):
    """Preview the registries' answer, then create the client from it: the answer is
    kept on the server for a few minutes, so creating costs no second request."""
    preview = office("res.partner", "biuro_lookup_nip", nip)
    if preview["exists"]:
        return preview["existing_id"]
    return office("res.partner", "biuro_create_from_nip", nip)


def verify(office, client_id):
    """Check the client in every registry now; answers of today are reused."""
    action = office("res.partner", "action_biuro_verify", [client_id])
    return {line["registry"]: line["state"] for line in action["params"]["summary"]}


def evidence(office, client_id):
    return office(
        "biuro.verification",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["registry", "check_date", "state", "summary", "request_id"],
        order="check_date desc, registry",
    )


def obligations_of_month(office, client_id, month):
    """Deadlines falling in the month of the date `month` (a datetime.date)."""
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return office(
        "biuro.obligation",
        "search_read",
        [
            ("partner_id", "=", client_id),
            ("due_date", ">=", first.isoformat()),
            ("due_date", "<", following.isoformat()),
        ],
        fields=["display_name", "code", "due_date", "state"],
        order="due_date",
    )


def contracts(office, client_id):
    return office(
        "biuro.contract",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["name", "contract_type", "date_start", "date_end", "state"],
    )


def upload_document(office, client_id, file_name, content):
    """A document of the current month on the client's timeline."""
    return office(
        "biuro.document",
        "create",
        {
            "partner_id": client_id,
            "name": file_name,
            "file_name": file_name,
            "file": base64.b64encode(content).decode(),
        },
    )


def documents(office, client_id):
    return office(
        "biuro.document",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["name", "period", "state", "file_name"],
    )


def main(url, db, login, password, nip):
    office = Office(url, db, login, password)
    try:
        client_id = find_client(office, nip) or add_client(office, nip)
    except xmlrpc.client.Fault as fault:
        # a UserError/ValidationError (bad NIP, daily cap, unknown to the registries)
        # arrives as fault code 2 with the message in the user's language
        raise SystemExit(f"cannot add the client: {fault.faultString}") from fault
    print(f"client {client_id}")
    print("registries:", verify(office, client_id))
    for row in evidence(office, client_id):
        print(
            f"  {row['check_date']} {row['registry']}: {row['state']} {row['summary']}"
        )
    for row in obligations_of_month(office, client_id, datetime.date.today()):
        print(f"  due {row['due_date']}: {row['display_name']} ({row['state']})")
    for row in contracts(office, client_id):
        print(f"  contract {row['name']} ({row['state']})")
    upload_document(office, client_id, "wyciag.pdf", b"%PDF-1.4 example\n")
    for row in documents(office, client_id):
        print(f"  document {row['name']} {row['period']} ({row['state']})")
    return client_id


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
