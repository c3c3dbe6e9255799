"""What the benchmarks share: the Odoo registry of the benchmark's own database.

The scripts run as `python tests/bench/bench_<name>.py` (see setup/bench.sh), so this
module is importable by its plain name.
"""


def open_registry(db, addons_path):
    """Odoo configured for `db` (warnings only in the log) and its registry."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [f"--addons-path={addons_path}", f"--database={db}", "--log-level=warn"]
    )
    return Registry(db)
