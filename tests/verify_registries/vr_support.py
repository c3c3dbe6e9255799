"""Helpers shared by the verify_registries tests (imported by name: conftest puts this
directory on sys.path)."""

import pathlib
from datetime import datetime, timedelta

from registries.http import WARSAW, RetryPolicy

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
