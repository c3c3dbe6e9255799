"""The compliance settings, kept as system parameters (Settings → Accounting office).

Read with sudo: office users may not read ir.config_parameter, and these values are
settings, not personal data."""

PREFIX = "crm_biuro_compliance."
DEFAULTS = {
    # months between two reviews of an AML case, per risk level
    "review_months_low": 36,
    "review_months_standard": 24,
    "review_months_high": 12,
    # days of notice before an expiry (ID documents, mandates, KSeF credentials)
    "alert_days": 30,
    # years an AML case is kept after the relationship ends (art. 49 of the AML act)
    "retention_years": 5,
}
CONTRACT_MODES = ("block", "warn")


def get_int(env, key):
    # sudo: reads one of this addon's settings, not user data
    raw = env["ir.config_parameter"].sudo().get_param(PREFIX + key)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return DEFAULTS[key]
    return value if value >= 0 else DEFAULTS[key]


def contract_mode(env):
    # sudo: reads one of this addon's settings, not user data
    raw = env["ir.config_parameter"].sudo().get_param(PREFIX + "contract_mode")
    # "warn" until the office switches to "block": installed in a running office,
    # the addon must not stop the contracts of clients whose cases are not on file yet
    return raw if raw in CONTRACT_MODES else "warn"


def agreement_version(env):
    # sudo: reads one of this addon's settings, not user data
    icp = env["ir.config_parameter"].sudo()
    return (icp.get_param(PREFIX + "agreement_version") or "").strip()
