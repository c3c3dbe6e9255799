"""`make dist` packaging: each addon builds into an OCA-style wheel (whool) whose
metadata names Odoo 18.0 and the addons it depends on."""

import pathlib
import subprocess
import sys
import zipfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDONS = [
    "crm_biuro",
    "crm_biuro_verify",
    "crm_biuro_mail",
    "crm_biuro_portal",
    "crm_biuro_compliance",
    "crm_biuro_billing",
    "crm_biuro_mail_plugin",
]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    for addon in ADDONS:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build",
                "--wheel",
                "--no-isolation",
                "--outdir",
                str(out),
                str(REPO / addon),
            ],
            check=True,
            capture_output=True,
        )
    return {path.name.split("-")[0]: path for path in out.glob("*.whl")}


def metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode()


def test_one_wheel_per_addon(wheels):
    assert sorted(wheels) == sorted(f"odoo_addon_{addon}" for addon in ADDONS)
    for name, path in wheels.items():
        assert path.name.startswith(f"{name}-18.0.")


def test_wheels_carry_the_addon_and_its_dependencies(wheels):
    verify = metadata(wheels["odoo_addon_crm_biuro_verify"])
    assert "Requires-Dist: odoo-addon-crm_biuro==18.0.*" in verify
    assert "Requires-Dist: odoo==18.0.*" in verify
    assert "Requires-Dist: zeep" in verify
    with zipfile.ZipFile(wheels["odoo_addon_crm_biuro"]) as archive:
        assert "odoo/addons/crm_biuro/__manifest__.py" in archive.namelist()
