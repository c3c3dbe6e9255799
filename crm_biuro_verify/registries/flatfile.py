"""The white list's daily flat file ("plik płaski"), plain Python.

The Ministry of Finance publishes every working day ``YYYYMMDD.7z``: one JSON file
with the hashes of the (NIP, bank account) pairs of every active ("Czynny") and
exempt ("Zwolniony") VAT payer of that day, and the masks of virtual accounts::

    {"naglowek": {"dataGenerowaniaDanych": "20261208",
                  "liczbaTransformacji": "5000",
                  "schemat": "RRRRMMDDNNNNNNNNNNBBBBBBBBBBBBBBBBBBBBBBBBBB"},
     "skrotyPodatnikowCzynnych": ["<128 hex digits>", ...],
     "skrotyPodatnikowZwolnionych": [...],
     "maski": ["XX10100055YYYXXXXXXXXXXXXX", ...]}

* A hash is SHA-512 of ``date + NIP + account`` (the ``schemat``), its hexadecimal
  digest hashed again, ``liczbaTransformacji`` times in all (:func:`flat_hash`).
* A mask is a 26-character account pattern of a bank's virtual accounts: digits are
  fixed (the bank's settlement number), ``Y`` the digits identifying the payer, ``X``
  the digits that vary per virtual account (and the check digits). A virtual account
  matches a mask when the fixed digits agree; its hash is then computed over the
  account with the ``X`` positions written as ``X`` (:func:`masked_account`).

The archive is large (gigabytes of JSON): :func:`read_archive` decompresses it with
py7zr into :class:`FlatFileParser`, which tokenises the JSON as it arrives and hands
the hashes on in batches (to PostgreSQL's COPY on the Odoo side). Nothing holds the
whole file. A corrupt archive or malformed JSON raises :class:`FlatFileError`, an
:class:`~.errors.Unavailable` (reason ``malformed``): never a negative answer.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from . import errors
from .http import http_status_error, new_session, request_errors

REGISTRY = "whitelist"
PROD_URL = "https://plikplaski.mf.gov.pl/pliki/"
SCHEMA = "RRRRMMDDNNNNNNNNNNBBBBBBBBBBBBBBBBBBBBBBBBBB"
# JSON keys of the file -> the kind of value the parser hands on.
ARRAYS = {
    "skrotyPodatnikowCzynnych": "active",
    "skrotyPodatnikowZwolnionych": "exempt",
    "maski": "mask",
}
HEADER = "naglowek"
HASH_RE = re.compile(rb"[0-9a-fA-F]{128}")
MASK_RE = re.compile(r"[0-9XY]{26}")
# One JSON token after optional whitespace: a string (group 1), a structural
# character (group 2) or a bare literal - number, true/false/null (group 3).
TOKEN_RE = re.compile(rb'\s*(?:"((?:[^"\\]|\\.)*)"|([{}\[\],:])|([^\s{}\[\],:"]+))')
# A run of array items each followed by a comma, read in one go (the file is
# millions of them: token by token would cost minutes), and the strings in it.
RUNS = {
    "active": re.compile(rb'(?:\s*"[0-9a-fA-F]{128}"\s*,)+'),
    "exempt": re.compile(rb'(?:\s*"[0-9a-fA-F]{128}"\s*,)+'),
    "mask": re.compile(rb'(?:\s*"[0-9XY]{26}"\s*,)+'),
}
STRINGS_RE = re.compile(rb'"([^"]*)"')
# The longest token the file has is a 128-digit hash: a longer run without one is
# not this format (and must not grow the buffer without end).
MAX_PENDING = 64 * 1024
# Bytes tokenised at a time, and the most py7zr may decompress in one call (its own
# default is up to 128 MB per call: bounded, but more than the import needs).
PIECE = 1024 * 1024
DECOMPRESS_CHUNK = 8 * 1024 * 1024


class FlatFileError(errors.Unavailable):
    """The archive or its JSON cannot be read: the day has no usable flat file."""

    def __init__(self, message, *, raw=None):
        super().__init__(
            message, registry=REGISTRY, raw=raw, reason=errors.REASON_MALFORMED
        )


def file_name(day):
    """``YYYYMMDD.7z``: the name the Ministry publishes the file of ``day`` under."""
    return f"{day:%Y%m%d}.7z"


def file_url(base_url, day):
    return base_url.rstrip("/") + "/" + file_name(day)


def flat_hash(day, nip, nrb, transformations):
    """The file's hash of (``nip``, ``nrb``) on ``day``: SHA-512 of
    ``YYYYMMDD + NIP + NRB``, then of its hex digest, ``transformations`` times."""
    key = (day.strftime("%Y%m%d") if isinstance(day, date) else str(day)) + nip + nrb
    value = key.encode("ascii")
    for _i in range(transformations):
        value = hashlib.sha512(value).hexdigest().encode("ascii")
    return value.decode("ascii")


def mask_matches(mask, nrb):
    """Whether ``nrb`` has the fixed digits of ``mask``."""
    return len(mask) == len(nrb) == 26 and all(
        m == n for m, n in zip(mask, nrb, strict=True) if m.isdigit()
    )


def masked_account(mask, nrb):
    """``nrb`` as the file hashes it for ``mask``: ``X`` where the mask has ``X``."""
    return "".join("X" if m == "X" else n for m, n in zip(mask, nrb, strict=True))


def bank_code(nrb_or_mask):
    """The bank's settlement number: digits 3-10 of an NRB (and of a mask)."""
    return nrb_or_mask[2:10]


def account_keys(nrb, masks):
    """The account forms to hash for ``nrb``: itself, then its masked form for every
    mask of its bank (``masks``: masks of that bank, or all of them) it matches."""
    keys = [nrb]
    for mask in masks:
        if mask_matches(mask, nrb):
            masked = masked_account(mask, nrb)
            if masked not in keys:
                keys.append(masked)
    return keys


@dataclass(frozen=True)
class FlatFileHeader:
    day: date
    transformations: int
    schema: str

    @classmethod
    def from_json(cls, values):
        raw_day = str(values.get("dataGenerowaniaDanych") or "")
        raw_count = str(values.get("liczbaTransformacji") or "")
        try:
            if not (len(raw_day) == 8 and raw_day.isdigit()):
                raise ValueError(raw_day)
            day = datetime.strptime(raw_day, "%Y%m%d").date()
        except ValueError:
            raise FlatFileError(f"bad generation date {raw_day!r}") from None
        if not raw_count.isdigit() or int(raw_count) < 1:
            raise FlatFileError(f"bad number of transformations {raw_count!r}")
        schema = str(values.get("schemat") or SCHEMA)
        if schema != SCHEMA:
            raise FlatFileError(f"unknown hash schema {schema!r}")
        return cls(day, int(raw_count), schema)


@dataclass
class FlatFileStats:
    header: FlatFileHeader
    active: int = 0
    exempt: int = 0
    masks: int = 0
    json_bytes: int = 0


class FlatFileParser:
    """Streaming reader of the file's JSON: ``feed(bytes)`` as it arrives, then
    ``close()`` -> :class:`FlatFileStats`.

    ``on_batch(kind, values)`` receives ``batch_size`` values at a time, ``kind``
    ``active`` / ``exempt`` (lower-case hex hashes, as ``bytes``) or ``mask``
    (``str``). Values are checked (128 hex digits; masks of 26 ``0-9XY``).
    """

    def __init__(self, on_batch, batch_size=20_000):
        self.on_batch = on_batch
        self.batch_size = batch_size
        self._buffer = b""
        self._stack = []  # "obj" / "arr" containers, outermost first
        self._keys = []  # the current key of each open object
        self._expect_key = False
        self._header = {}
        self._batches = {kind: [] for kind in ARRAYS.values()}
        self._counts = dict.fromkeys(ARRAYS.values(), 0)
        self._size = 0
        self._done = False

    # --- tokens -> structure ----------------------------------------------------------

    def feed(self, data):
        view = memoryview(data)
        for start in range(0, len(view), PIECE):
            self._feed_piece(view[start : start + PIECE])

    def _feed_piece(self, piece):
        self._size += len(piece)
        buffer = self._buffer + piece if self._buffer else bytes(piece)
        pos = self._scan(buffer, final=False)
        self._buffer = buffer[pos:]
        if len(self._buffer) > MAX_PENDING:
            raise FlatFileError("no JSON token in 64 KiB: not a flat file")

    def close(self):
        pos = self._scan(self._buffer, final=True)
        rest = self._buffer[pos:]
        self._buffer = b""
        if rest.strip() or self._stack or not self._done:
            raise FlatFileError("the JSON ends before the file does (cut short?)")
        if not self._header:
            raise FlatFileError("no header ('naglowek')")
        header = FlatFileHeader.from_json(self._header)
        for kind in self._batches:
            self._flush(kind)
        return FlatFileStats(
            header,
            active=self._counts["active"],
            exempt=self._counts["exempt"],
            masks=self._counts["mask"],
            json_bytes=self._size,
        )

    def _scan(self, buffer, final):
        pos, end = 0, len(buffer)
        match = TOKEN_RE.match
        while pos < end:
            kind = self._array_kind()
            if kind is not None:
                pos = self._run(kind, buffer, pos)
                if pos >= end:
                    break
            token = match(buffer, pos)
            if token is None:
                break  # an unfinished string (or garbage, caught by close())
            literal = token.group(3)
            if literal is not None and token.end() == end and not final:
                break  # a number may go on in the next chunk
            string = token.group(1)
            if string is not None:
                self._value(string, is_string=True)
            elif token.group(2):
                self._structure(token.group(2))
            else:
                self._value(literal, is_string=False)
            pos = token.end()
        return pos

    def _array_kind(self):
        """The kind of values of the top-level array being read, else None."""
        if len(self._stack) == 2 and self._stack[1] == "arr":
            return ARRAYS.get(self._keys[0])
        return None

    def _run(self, kind, buffer, pos):
        """Take the items followed by a comma from ``pos`` at once; -> new pos."""
        run = RUNS[kind].match(buffer, pos)
        if run is None:
            return pos  # the token path reads (or refuses) what comes
        values = STRINGS_RE.findall(buffer, pos, run.end())
        if kind == "mask":
            values = [value.decode("ascii") for value in values]
        else:
            values = [value.lower() for value in values]
        batch = self._batches[kind]
        batch.extend(values)
        size = self.batch_size
        while len(batch) >= size:
            self._counts[kind] += size
            self.on_batch(kind, batch[:size])
            del batch[:size]
        return run.end()

    def _structure(self, char):
        if self._done:
            raise FlatFileError("data after the end of the JSON document")
        if char in b"{[":
            if self._stack and self._stack[-1] == "obj" and self._expect_key:
                raise FlatFileError("a key was expected")
            self._stack.append("obj" if char == b"{" else "arr")
            self._keys.append(None)
            self._expect_key = char == b"{"
        elif char in b"}]":
            if not self._stack or self._stack[-1] != ("obj" if char == b"}" else "arr"):
                raise FlatFileError("unbalanced brackets")
            self._stack.pop()
            self._keys.pop()
            self._expect_key = False
            if not self._stack:
                self._done = True
        elif char == b",":
            self._expect_key = bool(self._stack) and self._stack[-1] == "obj"
        # ":" separates a key from its value: nothing to do

    def _value(self, raw, is_string):
        if not self._stack:
            raise FlatFileError("the flat file is not a JSON object")
        if self._stack[-1] == "obj" and self._expect_key:
            if not is_string:
                raise FlatFileError("an object key must be a string")
            self._keys[-1] = raw.decode("utf-8", "replace")
            self._expect_key = False
            return
        depth = len(self._stack)
        top_key = self._keys[0]
        if depth == 2 and top_key == HEADER and self._stack[1] == "obj":
            self._header[self._keys[1]] = raw.decode("utf-8", "replace")
        elif depth == 2 and top_key in ARRAYS and self._stack[1] == "arr":
            self._add(ARRAYS[top_key], raw)
        # anything else (a key the format may grow) is skipped

    def _add(self, kind, raw):
        if kind == "mask":
            value = raw.decode("ascii", "replace")
            if not MASK_RE.fullmatch(value):
                raise FlatFileError(f"bad mask {value!r}")
        else:
            if not HASH_RE.fullmatch(raw):
                raise FlatFileError(f"bad hash {raw[:20]!r}...")
            value = raw.lower()
        batch = self._batches[kind]
        batch.append(value)
        if len(batch) >= self.batch_size:
            self._flush(kind)

    def _flush(self, kind):
        batch = self._batches[kind]
        if batch:
            self._counts[kind] += len(batch)
            self.on_batch(kind, batch)
            self._batches[kind] = []


# --- the 7z archive -------------------------------------------------------------------


def read_archive(archive, parser):
    """Decompress the JSON member of ``archive`` (a path or a binary file object)
    into ``parser`` chunk by chunk; -> the parser's :class:`FlatFileStats`."""
    import py7zr
    import py7zr.py7zr as py7zr_module
    from py7zr.exceptions import ArchiveError
    from py7zr.io import Py7zIO, WriterFactory

    if hasattr(py7zr_module, "get_memory_limit"):
        # the decompression chunk: py7zr has no parameter for it, only this helper
        py7zr_module.get_memory_limit = lambda: DECOMPRESS_CHUNK

    class _ToParser(Py7zIO):
        def __init__(self):
            self.written = 0

        def write(self, s):  # pylint: disable=method-required-super
            parser.feed(s)
            self.written += len(s)
            return len(s)

        def read(self, size=None):  # pylint: disable=method-required-super
            return b""

        def seek(self, offset, whence=0):
            return self.written

        def flush(self):
            return None

        def size(self):
            return self.written

    class _Factory(WriterFactory):
        def create(self, filename):  # pylint: disable=method-required-super
            return _ToParser()

    try:
        with py7zr.SevenZipFile(archive, mode="r") as seven:
            names = [n for n in seven.getnames() if n.lower().endswith(".json")]
            if len(names) != 1:
                raise FlatFileError(f"{len(names)} JSON files in the archive, not 1")
            seven.extract(targets=names, factory=_Factory())
    except FlatFileError:
        raise
    except (ArchiveError, EOFError, OSError, ValueError) as exc:
        raise FlatFileError(f"corrupt archive: {exc}") from exc
    except Exception as exc:
        raise FlatFileError(f"unreadable archive ({type(exc).__name__})") from exc
    return parser.close()


# --- download -------------------------------------------------------------------------

CHUNK = 1024 * 1024


def download(base_url, day, out, *, timeout=60.0, session=None):
    """Write the archive of ``day`` into the binary file ``out`` as it arrives;
    -> its size in bytes. No file for the day (HTTP 404: a holiday, not yet
    published) and any transport failure raise :class:`~.errors.Unavailable`."""
    session = session or new_session()
    url = file_url(base_url, day)
    size = 0
    with (
        request_errors(REGISTRY),
        session.get(url, stream=True, timeout=timeout) as response,
    ):
        if response.status_code == 404:
            raise errors.Unavailable(
                f"no flat file for {day:%Y-%m-%d} ({url})",
                registry=REGISTRY,
                code="404",
                reason=errors.REASON_HTTP,
            )
        if response.status_code != 200:
            raise http_status_error(REGISTRY, response.status_code)
        for chunk in response.iter_content(CHUNK):
            out.write(chunk)
            size += len(chunk)
    return size
