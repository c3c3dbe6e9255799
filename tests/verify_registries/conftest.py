"""Make `registries` and `fake_registries` importable without Odoo: both live inside the
crm_biuro_verify addon, whose own __init__ imports odoo, so the addon directory itself
goes on sys.path and the tests import the plain packages directly."""

import logging
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDON_DIR = REPO / "crm_biuro_verify"
HERE = pathlib.Path(__file__).resolve().parent
for path in (ADDON_DIR, HERE):  # HERE: the shared helpers of vr_support.py
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from fake_registries import FakeRegistries, generate_companies
from vr_support import FakeClock


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sleeps():
    """A sleep() that only records: retries are instant but their waits asserted."""
    recorded = []

    def sleep(seconds):
        recorded.append(seconds)

    sleep.calls = recorded
    return sleep


@pytest.fixture
def fake():
    """The five fakes with the sample companies, on a fresh local port."""
    with FakeRegistries() as registries:
        yield registries


@pytest.fixture
def fake100():
    """The fakes seeded with 100 generated companies (valid NIPs/REGONs/NRBs)."""
    with FakeRegistries(generate_companies(100)) as registries:
        yield registries


@pytest.fixture(autouse=True)
def no_warnings_logged(caplog):
    """Odoo's test run fails on any WARNING/ERROR log line: so must these tests."""
    caplog.set_level(logging.DEBUG)
    yield
    loud = [
        r
        for r in caplog.get_records("call")
        if r.levelno >= logging.WARNING
        and r.name.split(".")[0] in ("zeep", "registries", "fake_registries", "urllib3")
    ]
    assert not loud, [f"{r.name}: {r.getMessage()}" for r in loud]
