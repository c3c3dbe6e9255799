"""Who may write the registries' verdicts.

The verdict fields (verification states and dates on clients, white-list marks on
bank accounts, beneficial owners read from CRBR) are written by the verification
service only. The service writes with a superuser environment (``env.su``), which
an RPC caller cannot obtain. Server code that must carry existing verdicts along
(the partner merge) runs inside :func:`trusted`, a Python context variable: unlike
the ORM context, no RPC argument can set it.
"""

import contextlib
import contextvars

from odoo.exceptions import AccessError

_TRUSTED = contextvars.ContextVar("crm_biuro_verify_trusted", default=False)


@contextlib.contextmanager
def trusted():
    """Let server code write verdict fields without superuser rights."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def is_trusted(env):
    return env.su or _TRUSTED.get()


def check_verdict_write(records, vals_list, names):
    """AccessError when an untrusted caller sets one of ``names``."""
    if is_trusted(records.env):
        return
    touched = sorted({name for vals in vals_list for name in vals if name in names})
    if touched:
        env = records.env
        labels = ", ".join(
            records._fields[name]._description_string(env) for name in touched
        )
        raise AccessError(
            env._(
                "Only the registry verification may set %(fields)s: these are the "
                "registries' answers, not data to type in.",
                fields=labels,
            )
        )
