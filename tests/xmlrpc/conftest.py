"""Fixtures of the XML-RPC suites: the served test database pointed at the fake
registries (started here, on this machine), as an office's external tool sees it."""

import pathlib
import sys

import pytest

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro_verify"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))

from fake_registries import FakeRegistries

REGISTRIES = ("gus", "whitelist", "vies", "krs", "crbr")


@pytest.fixture(scope="module")
def fake(rpc, installed_addons):
    if "crm_biuro_verify" not in installed_addons:
        pytest.skip("crm_biuro_verify is not installed in the test database")
    # the served instance reads its settings from the database: point it at the fakes
    with FakeRegistries() as registries:
        params = {
            f"crm_biuro_verify.{name}_url": url for name, url in registries.urls.items()
        }
        params.update(
            {f"crm_biuro_verify.{name}_enabled": "True" for name in REGISTRIES},
            **{
                "crm_biuro_verify.gus_key": "fake-gus-key-0123456",
                "crm_biuro_verify.retry_backoff": "0.01",
            },
        )
        before = {key: rpc("ir.config_parameter", "get_param", key) for key in params}
        for key, value in params.items():
            rpc("ir.config_parameter", "set_param", key, value)
        yield registries
        for key, value in before.items():
            rpc("ir.config_parameter", "set_param", key, value)
