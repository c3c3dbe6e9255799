"""Helpers shared by the verify_registries tests (imported by name: conftest puts this
directory on sys.path)."""

import html
import pathlib
import re
from datetime import datetime, timedelta

from registries import errors
from registries.http import WARSAW, RetryPolicy, decode_text, extract_envelope

REPO = pathlib.Path(__file__).resolve().parents[2]
# The public samples the clients must parse (not copied into the repo).
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures" / "registries"
# Small timeouts keep fault tests fast; the fakes hang longer than this.
TIMEOUT = 0.25
FAST_RETRY = RetryPolicy(attempts=3, backoff=0.5, factor=2.0)


class FakeClock:
    """An aware Europe/Warsaw clock whose sleep() advances it (no real waiting)."""

    def __init__(self, moment=None):
        self.moment = moment or datetime(2026, 3, 10, 10, 0, tzinfo=WARSAW)
        self.slept = []

    def __call__(self):
        return self.moment

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.moment += timedelta(seconds=seconds)

    def advance(self, **delta):
        self.moment += timedelta(**delta)


# --- raw GUS answers --------------------------------------------------------------

_RESULT_RE = re.compile(
    r"<(?:[\w.-]+:)?(\w+Result)(?:\s[^>]*)?>(.*?)</(?:[\w.-]+:)?\1\s*>", re.DOTALL
)
_EMPTY_RESULT_RE = re.compile(r"<(?:[\w.-]+:)?\w+Result(?:\s[^>]*)?/>")


def extract_result(envelope_text):
    """The inner XML string of the ``...Result`` element of a raw GUS answer (the
    client reads answers through zeep; the tests read the recorded samples with this).

    Works on a bare envelope, an MTOM body, a CDATA-wrapped sample and a cut envelope
    (one GUS documentation sample lacks its opening tag), so it uses a regex rather
    than an XML parser. Returns '' for an empty Result.
    """
    text = decode_text(envelope_text)
    match = _RESULT_RE.search(text)
    if not match:
        if _EMPTY_RESULT_RE.search(text):
            return ""
        raise errors.Unavailable(
            "no ...Result element in the GUS answer",
            registry="gus",
            raw=text,
            reason=errors.REASON_MALFORMED,
        )
    inner = match.group(2).strip()
    if inner.startswith("<![CDATA["):
        return inner[len("<![CDATA[") :].rsplit("]]>", 1)[0]
    return html.unescape(inner)


def extract_envelope_text(body):
    """Envelope text out of a raw (possibly multipart) GUS HTTP body."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return decode_text(extract_envelope(body))
