"""The four ways a registry call can fail.

Callers (the Odoo layer, the cron) catch exactly these classes:

* :class:`NotFound` - the registry answered and has no such entity;
* :class:`InvalidInput` - the identifier or parameter was refused (by a local check
  before any request, or by the registry);
* :class:`Unavailable` - nothing can be concluded now: outage, timeout, quota, rate
  limit, SOAP fault, a maintenance page instead of an answer. Never a negative result:
  keep the previous data and try again later;
* :class:`Unexpected` - the registry answered something this client does not understand
  (an unknown error code or status).

All carry ``registry`` (``gus``, ``whitelist``, ``vies``, ``krs``, ``crbr``), ``code``
(the registry's own code when there is one, e.g. ``WL-191``, ``MS_UNAVAILABLE``, GUS
``ErrorCode``/``KomunikatKod``), ``raw`` (the answer text, for evidence) and
``request_id`` (the white list's requestId when the answer had one).
"""

# Why an Unavailable happened; stable strings the caller may branch on.
REASON_TIMEOUT = "timeout"
REASON_CONNECTION = "connection"
REASON_HTTP = "http"
REASON_FAULT = "fault"
REASON_MALFORMED = "malformed"
REASON_QUOTA = "quota"
REASON_RATE_LIMIT = "rate_limit"
REASON_MAINTENANCE = "maintenance"
REASON_SESSION = "session"
REASON_AUTH = "auth"
REASON_BLOCKED = "blocked"


class RegistryError(Exception):
    """Base class of every error raised by the registry clients."""

    def __init__(self, message, *, registry=None, code=None, raw=None, request_id=None):
        super().__init__(message)
        self.message = message
        self.registry = registry
        self.code = code
        self.raw = raw
        self.request_id = request_id

    def __str__(self):
        parts = [self.message]
        if self.code:
            parts.append(f"[{self.code}]")
        if self.registry:
            parts.insert(0, f"{self.registry}:")
        return " ".join(parts)


class NotFound(RegistryError):
    """The registry answered: no entity for this identifier."""


class InvalidInput(RegistryError):
    """The input was refused (checksum, format, unknown report name...)."""


class Unavailable(RegistryError):
    """No answer can be used now; retry later and keep the data you have.

    ``reason`` is one of the ``REASON_*`` strings of this module. ``transient`` says
    whether an immediate retry (with backoff) may help; the clients retry those
    themselves and raise only when their retries are spent. ``until`` (an aware
    datetime) and ``retry_after`` (seconds) are set when the registry told us how long
    to wait, e.g. WL-191 "daily quota spent" lasts until midnight Europe/Warsaw.
    """

    def __init__(
        self,
        message,
        *,
        reason=REASON_HTTP,
        transient=False,
        retry_after=None,
        until=None,
        **kwargs,
    ):
        super().__init__(message, **kwargs)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after
        self.until = until


class Unexpected(RegistryError):
    """The registry answered something this client cannot interpret."""
