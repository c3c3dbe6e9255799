"""The white list's flat file in PostgreSQL: the daily import and the lookups.

The hashes (tens of millions in the real file) are no ORM records: they live in two
plain tables created by ``biuro.whitelist.flat.file``'s ``init()``, filled with COPY
in batches as the archive is decompressed (``registries.flatfile``), and emptied at
every import, so only one day's file is ever kept. Which day that is, where it came
from and its size are recorded on ``biuro.whitelist.flat.file`` (the evidence of the
answers given from it). An answer is given only from the file generated today:
yesterday's hashes are never read for today's check (and could not match anyway,
the date being part of every hash).
"""

import hashlib
import io
import logging
import tempfile

from .. import registries
from ..registries import flatfile

_logger = logging.getLogger(__name__)

# The tables: biuro_whitelist_flat_hash (hash, exempt) and biuro_whitelist_flat_mask
# (mask, bank), spelled out in every query (none is formatted).
# Hash pairs looked up per query.
LOOKUP_BATCH = 5000


def create_hash_index(cr):
    # equality lookups only: a hash index keeps 4 bytes per hash, not 64
    cr.execute(
        "CREATE INDEX IF NOT EXISTS biuro_whitelist_flat_hash_hash_idx "
        "ON biuro_whitelist_flat_hash USING hash (hash)"
    )


def create_tables(cr):
    cr.execute(
        """
        CREATE TABLE IF NOT EXISTS biuro_whitelist_flat_hash (
            hash bytea NOT NULL,
            exempt boolean NOT NULL
        );
        CREATE TABLE IF NOT EXISTS biuro_whitelist_flat_mask (
            mask varchar(26) NOT NULL,
            bank varchar(8) NOT NULL
        );
        CREATE INDEX IF NOT EXISTS biuro_whitelist_flat_mask_bank_idx
            ON biuro_whitelist_flat_mask (bank);
        """
    )
    create_hash_index(cr)


def clear(cr):
    cr.execute("TRUNCATE biuro_whitelist_flat_hash, biuro_whitelist_flat_mask")


class _Copier:
    """``on_batch`` of the parser: each batch goes to PostgreSQL with one COPY."""

    def __init__(self, cr):
        self.cr = cr

    def __call__(self, kind, values):
        buffer = io.StringIO()
        if kind == "mask":
            for mask in values:
                buffer.write(f"{mask}\t{flatfile.bank_code(mask)}\n")
            buffer.seek(0)
            self.cr.copy_expert(
                "COPY biuro_whitelist_flat_mask (mask, bank) FROM STDIN", buffer
            )
            return
        exempt = "t" if kind == "exempt" else "f"
        for value in values:
            # text COPY: "\\x<hex>" is the bytea literal \x<hex>
            buffer.write(f"\\\\x{value.decode('ascii')}\t{exempt}\n")
        buffer.seek(0)
        self.cr.copy_expert(
            "COPY biuro_whitelist_flat_hash (hash, exempt) FROM STDIN", buffer
        )


def _sha256(fileobj):
    digest = hashlib.sha256()
    fileobj.seek(0)
    for block in iter(lambda: fileobj.read(1024 * 1024), b""):
        digest.update(block)
    fileobj.seek(0)
    return digest.hexdigest()


def import_day(cr, base_url, day, *, timeout=60.0, batch_size=20_000):
    """Download the file of ``day`` and load it in place of the previous one.

    -> ``{"size", "sha256", "stats"}``. Raises :class:`registries.RegistryError`
    (an outage, no file that day, a corrupt archive, the file of another day)
    after emptying the tables: no older data survives a failed day. The caller
    owns the transaction.
    """
    with tempfile.TemporaryFile(prefix="plik-plaski-") as archive:
        try:
            size = flatfile.download(base_url, day, archive, timeout=timeout)
            sha256 = _sha256(archive)
            with cr.savepoint():
                clear(cr)
                # tens of millions of rows: building the index once at the end is
                # many times faster than keeping it up to date row by row
                cr.execute("DROP INDEX IF EXISTS biuro_whitelist_flat_hash_hash_idx")
                parser = flatfile.FlatFileParser(_Copier(cr), batch_size)
                stats = flatfile.read_archive(archive, parser)
                if stats.header.day != day:
                    raise flatfile.FlatFileError(
                        f"the file is of {stats.header.day}, not of {day}"
                    )
                create_hash_index(cr)
        except registries.RegistryError:
            clear(cr)
            raise
    cr.execute("ANALYZE biuro_whitelist_flat_hash")
    return {"size": size, "sha256": sha256, "stats": stats}


def masks_by_bank(cr):
    cr.execute("SELECT bank, mask FROM biuro_whitelist_flat_mask ORDER BY mask")
    masks = {}
    for bank, mask in cr.fetchall():
        masks.setdefault(bank, []).append(mask)
    return masks


def lookup(cr, hashes):
    """{hex hash: "active" | "exempt"} of ``hashes`` found in the file."""
    found = {}
    hashes = list(hashes)
    for start in range(0, len(hashes), LOOKUP_BATCH):
        batch = [bytes.fromhex(h) for h in hashes[start : start + LOOKUP_BATCH]]
        cr.execute(
            "SELECT encode(hash, 'hex'), exempt FROM biuro_whitelist_flat_hash "
            "WHERE hash = ANY(%s::bytea[])",
            (batch,),
        )
        for digest, exempt in cr.fetchall():
            found[digest] = "exempt" if exempt else "active"
    return found


def answers(cr, day, transformations, clients):
    """{client id: {nrb: kind}} for ``clients`` = [(id, nip, [nrb, ...])] whose
    account(s) the file of ``day`` lists; clients it does not list are left out."""
    masks = masks_by_bank(cr)
    pairs = {}  # hash -> (client id, nrb)
    for client_id, nip, nrbs in clients:
        for nrb in nrbs:
            for key in flatfile.account_keys(nrb, masks.get(nrb[2:10], ())):
                digest = flatfile.flat_hash(day, nip, key, transformations)
                pairs[digest] = (client_id, nrb)
    result = {}
    for digest, kind in lookup(cr, pairs).items():
        client_id, nrb = pairs[digest]
        result.setdefault(client_id, {})[nrb] = kind
    return result
