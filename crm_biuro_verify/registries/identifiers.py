"""The identifiers (NIP, REGON, KRS, NRB) of the registry clients: crm_biuro's module.

The one implementation is ``crm_biuro/identifiers.py`` (plain Python on
python-stdnum). This package is plain Python too and cannot import the crm_biuro addon
(its ``__init__`` imports odoo), so the file is loaded on its own: the module Odoo
already loaded when running inside Odoo, else the file next to this addon (the
repository, and an installed wheel, keep the addons side by side).
"""

import importlib.util
import pathlib
import sys

_ODOO_NAME = "odoo.addons.crm_biuro.identifiers"
_PLAIN_NAME = "crm_biuro_identifiers"


def _load():
    for name in (_ODOO_NAME, _PLAIN_NAME):
        if sys.modules.get(name) is not None:
            return sys.modules[name]
    path = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro" / "identifiers.py"
    if not path.is_file():  # addons in different directories: ask Odoo
        return importlib.import_module(_ODOO_NAME)
    spec = importlib.util.spec_from_file_location(_PLAIN_NAME, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_PLAIN_NAME] = module
    spec.loader.exec_module(module)
    return module


_identifiers = _load()

# What the registry clients use.
clean_nip = _identifiers.clean_nip
is_nip_format = _identifiers.is_nip_format
is_valid_nip = _identifiers.is_valid_nip
clean_regon = _identifiers.clean_regon
is_valid_regon = _identifiers.is_valid_regon
clean_krs = _identifiers.clean_krs
is_valid_krs = _identifiers.is_valid_krs
normalize_krs = _identifiers.normalize_krs
clean_nrb = _identifiers.clean_nrb
is_valid_nrb = _identifiers.is_valid_nrb
# Check digits of generated test data (the fake registries).
nip_check_digit = _identifiers.nip_check_digit
regon_with_check = _identifiers.regon_with_check
nrb_with_check = _identifiers.nrb_with_check
