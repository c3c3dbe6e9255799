"""Fake of the white list's daily flat file (plik płaski), ``GET /pliki/YYYYMMDD.7z``.

The archive is generated from the company store in the Ministry's format (see
``registries/flatfile.py``): the hashes of every (NIP, account) pair of the active and
exempt companies, ``filler`` random hashes standing for the rest of the country, and
masks of virtual accounts. A company with ``has_virtual_accounts`` is hashed over the
masked form of its accounts that match one of the masks (as the Ministry does).

Switches beside :class:`~.server.Faults` (``malformed`` serves a truncated archive):

* ``missing_days`` - days without a file (HTTP 404, like a Sunday);
* ``transformations`` - ``liczbaTransformacji`` (5000 in the real file);
* ``filler`` - random hashes added to the real ones (thousands by default);
* ``masks`` - the virtual-account masks (default: one per bank of a company with
  virtual accounts, plus a few of other banks);
* ``generation_day`` - a fixed ``dataGenerowaniaDanych`` (default: the day asked for).
"""

import hashlib
import io
import json
import random
from datetime import date

from .data import nrb_with_check
from .server import FakeApp, FakeResponse

SCHEMA = "RRRRMMDDNNNNNNNNNNBBBBBBBBBBBBBBBBBBBBBBBBBB"


# The fake computes hashes and masks on its own (not with the client's code), so
# the tests compare two independent readings of the Ministry's specification.
def mf_hash(day, nip, account, transformations):
    value = f"{day:%Y%m%d}{nip}{account}"
    for _round in range(transformations):
        value = hashlib.sha512(value.encode()).hexdigest()
    return value


def hashed_form(account, masks):
    """The account as hashed: masked (``X`` kept) by the first mask it fits."""
    for mask in masks:
        if all(m in "XY" or m == a for m, a in zip(mask, account, strict=False)):
            return "".join(
                "X" if m == "X" else a for m, a in zip(mask, account, strict=False)
            )
    return account


def default_mask(bank):
    """``XX`` check digits, the bank's 8 digits, 4 ``Y`` of the payer, 12 ``X``."""
    return "XX" + bank + "YYYY" + "X" * 12


def virtual_account(bank, payer, suffix):
    """A virtual NRB of ``default_mask(bank)``: the payer's 4 digits, 12 free ones."""
    return nrb_with_check(bank, f"{payer:04d}{suffix:012d}")


def build_json(companies, day, *, transformations=5000, filler=5000, masks=None):
    """The flat file's JSON (bytes) of ``companies`` (FakeCompany) on ``day``."""
    companies = list(companies)
    if masks is None:
        banks = sorted(
            {
                nrb[2:10]
                for c in companies
                if c.has_virtual_accounts
                for nrb in c.accounts
            }
        )
        masks = [default_mask(b) for b in banks] + [
            default_mask(f"{10100000 + i * 100:08d}") for i in range(5)
        ]
    hashes = {"active": set(), "exempt": set()}
    for company in companies:
        kind = {"Czynny": "active", "Zwolniony": "exempt"}.get(company.vat_status)
        if kind is None:
            continue
        for nrb in company.accounts:
            if company.has_virtual_accounts:
                nrb = hashed_form(nrb, masks)
            hashes[kind].add(mf_hash(day, company.nip, nrb, transformations))
    rng = random.Random(day.toordinal())
    for index in range(filler):
        kind = "exempt" if index % 10 == 0 else "active"
        hashes[kind].add(rng.randbytes(64).hex())
    out = io.StringIO()
    header = {
        "dataGenerowaniaDanych": f"{day:%Y%m%d}",
        "liczbaTransformacji": str(transformations),
        "schemat": SCHEMA,
    }
    out.write('{\n"naglowek":' + json.dumps(header, indent=1))
    for key, kind in (
        ("skrotyPodatnikowCzynnych", "active"),
        ("skrotyPodatnikowZwolnionych", "exempt"),
    ):
        out.write(f',\n"{key}":[\n')
        out.write(",\n".join(f'"{h}"' for h in sorted(hashes[kind])))
        out.write("\n]")
    out.write(',\n"maski":[\n' + ",\n".join(f'"{m}"' for m in masks) + "\n]\n}\n")
    return out.getvalue().encode("ascii")


def pack_7z(json_bytes, day):
    """A 7z archive holding ``YYYYMMDD.json`` (as the Ministry names it)."""
    import py7zr

    buffer = io.BytesIO()
    # LZMA2 at its fastest preset: the benchmark's file is hundreds of MB of hex
    filters = [{"id": py7zr.FILTER_LZMA2, "preset": 1}]
    with py7zr.SevenZipFile(buffer, mode="w", filters=filters) as archive:
        archive.writestr(json_bytes, f"{day:%Y%m%d}.json")
    return buffer.getvalue()


class FakeFlatFile(FakeApp):
    name = "whitelist_flat"
    prefix = "/plikplaski"
    service_path = "/pliki/"

    def __init__(self, store):
        super().__init__(store)
        self._cache = {}
        self.reset()

    def reset(self):
        self.missing_days = set()
        self.transformations = 5000
        self.filler = 5000
        self.masks = None
        self.generation_day = None
        self._cache.clear()
        return super().reset()

    def archive(self, day):
        """The 7z bytes served for ``day`` (built once per settings)."""
        generated = self.generation_day or day
        key = (day, generated, self.transformations, self.filler, len(self.store))
        if key not in self._cache:
            raw = build_json(
                self.store,
                generated,
                transformations=self.transformations,
                filler=self.filler,
                masks=self.masks,
            )
            self._cache[key] = pack_7z(raw, generated)
        return self._cache[key]

    def parse(self, request):
        name = request.path.rstrip("/").rsplit("/", 1)[-1]
        stem = name.removesuffix(".7z")
        try:
            day = date(int(stem[:4]), int(stem[4:6]), int(stem[6:8]))
        except ValueError:
            return "unknown", {"path": request.path}
        if len(stem) != 8 or not name.endswith(".7z"):
            return "unknown", {"path": request.path}
        return "file", {"day": day}

    def malformed_response(self, operation):
        # a download cut short: the start of a real archive
        body = self.archive(date.today())
        return FakeResponse(200, body[: len(body) // 2], {"Content-Type": _SEVEN_Z})

    def fault_response(self, operation, faults):
        return FakeResponse.text(503, "Service Unavailable", "text/html")

    def handle(self, operation, params, request):
        if operation != "file" or params["day"] in self.missing_days:
            return FakeResponse.text(404, "<html>404 Not Found</html>", "text/html")
        return FakeResponse(
            200, self.archive(params["day"]), {"Content-Type": _SEVEN_Z}
        )


_SEVEN_Z = "application/x-7z-compressed"
