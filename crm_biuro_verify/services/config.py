"""Settings of the registry checks (system parameters) and the clients built from them.

The parameters live in ``ir.config_parameter`` (readable by administrators only), so
the GUS key never reaches an office user, the portal or a log line. Everything here
reads them with sudo and hands the key straight to the GUS client.
"""

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field

try:
    from .. import registries
    from . import registry_table
except ImportError:  # plain Python: ``services`` imported from the addon directory
    import registries
    from services import registry_table

RetryPolicy = registries.RetryPolicy

PREFIX = "crm_biuro_verify."
REGISTRY_ORDER = registry_table.ORDER
URL_PARAMS = {r.name: r.url_param for r in registry_table.REGISTRIES}
REPORT_VERSIONS = ("BIR11", "BIR12")
FALSE_VALUES = ("", "0", "false", "False", "no", "off")


def production_values():
    return {
        URL_PARAMS[name]: registries.ENDPOINTS[name]["prod"] for name in REGISTRY_ORDER
    }


def test_values():
    """The official test endpoints and GUS's public test key (registries.md §1.1,
    §2.5, §3.1). KRS and CRBR have no test service: they stay on production."""
    values = {
        URL_PARAMS[name]: registries.ENDPOINTS[name]["test"] for name in REGISTRY_ORDER
    }
    values["gus_key"] = registries.GUS_TEST_KEY
    return values


class StopRun(Exception):
    """Raised inside a worker's rate-limit wait when the run must stop now."""


@dataclass
class VerifyConfig:
    urls: dict
    gus_key: str = field(default="", repr=False)
    gus_report_version: str = "BIR12"
    enabled: dict = field(default_factory=dict)
    timeout: float = registries.DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    cron_time_budget: float = 45.0

    @classmethod
    def load(cls, env):
        # sudo: settings read by the service for its own requests; the GUS key
        # goes to the GUS client only, never back to the caller
        icp = env["ir.config_parameter"].sudo()

        def get(name, default=""):
            return (icp.get_param(PREFIX + name) or default).strip()

        def number(name, default, kind=float):
            try:
                return kind(get(name) or default)
            except ValueError:
                return default

        prod = production_values()
        version = get("gus_report_version", "BIR12")
        return cls(
            urls={
                name: get(URL_PARAMS[name]) or prod[URL_PARAMS[name]]
                for name in REGISTRY_ORDER
            },
            gus_key=get("gus_key"),
            gus_report_version=version if version in REPORT_VERSIONS else "BIR12",
            enabled={
                name: get(f"{name}_enabled", "True") not in FALSE_VALUES
                for name in REGISTRY_ORDER
            },
            timeout=number("timeout", registries.DEFAULT_TIMEOUT),
            retry=RetryPolicy(
                attempts=max(1, number("retry_attempts", 3, int)),
                backoff=number("retry_backoff", 1.0),
            ),
            cron_time_budget=number("cron_time_budget", 45.0),
        )

    def is_on(self, registry):
        """Enabled, with a URL, and for GUS with a key (without one GUS refuses
        every call, so the check is skipped rather than failed every day)."""
        if not self.enabled.get(registry) or not self.urls.get(registry):
            return False
        return registry != "gus" or bool(self.gus_key)

    def active_registries(self, wanted=None):
        return [
            r
            for r in REGISTRY_ORDER
            if self.is_on(r) and (wanted is None or r in wanted)
        ]

    # --- clients ------------------------------------------------------------------

    def gus_client(self, rate_limiter):
        return registries.GusClient(
            self.urls["gus"],
            self.gus_key,
            report_version=self.gus_report_version,
            timeout=self.timeout,
            retry=self.retry,
            rate_limiter=rate_limiter,
        )

    def whitelist_client(self, quota):
        return registries.WhiteListClient(
            self.urls["whitelist"], timeout=self.timeout, retry=self.retry, quota=quota
        )

    def vies_client(self):
        return registries.ViesClient(
            self.urls["vies"], timeout=self.timeout, retry=self.retry
        )

    def krs_client(self):
        return registries.KrsClient(
            self.urls["krs"], timeout=self.timeout, retry=self.retry
        )

    def crbr_client(self):
        return registries.CrbrClient(
            self.urls["crbr"], timeout=self.timeout, retry=self.retry
        )

    def gus_identity(self, dbname):
        """Key of the shared GUS state (limiter, session) without the key in clear."""
        digest = hashlib.sha256(self.gus_key.encode()).hexdigest()[:16]
        return (dbname, self.urls["gus"], digest, self.gus_report_version)


# --- white-list quota (per day, shared by every process through the database) ---------

QUOTA_PARAM = PREFIX + "whitelist_quota"


def load_whitelist_quota(env):
    # sudo: the quota counter is the service's own bookkeeping (no user input)
    raw = env["ir.config_parameter"].sudo().get_param(QUOTA_PARAM)
    try:
        state = json.loads(raw) if raw else None
    except ValueError:
        state = None
    return registries.WhiteListQuota(state=state)


def save_whitelist_quota(env, quota):
    # sudo: the service records the requests it sent (no user input)
    env["ir.config_parameter"].sudo().set_param(
        QUOTA_PARAM, json.dumps(quota.to_dict())
    )


# --- GUS: one rate limiter per key and process, one session per cron run ------------


class SharedGusLimiter(registries.GusRateLimiter):
    """GUS's limits count every call of the key, whoever makes it, so all GUS calls
    of this process share one limiter (serialised by a lock). The wait can be cut
    short by the run that owns the calling thread (see ``interrupt_with``).

    Calls are also paced evenly (a search of 20 NIPs every 60 * 20 / 150 = 8 s in
    the evening) instead of a burst that fills the minute followed by a wait of
    almost a minute: a cron slice of 45 s then always gets its share of searches.
    The sliding windows of the parent class still guarantee the limits.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("sleep", self._interruptible_sleep)
        super().__init__(**kwargs)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._last = None

    def interrupt_with(self, event):
        self._local.event = event

    def _interruptible_sleep(self, seconds):
        event = getattr(self._local, "event", None)
        if event is None:
            time.sleep(seconds)
        elif event.wait(seconds):
            raise StopRun()

    def acquire(self, weight=1):
        with self._lock:
            paced = self._pace(weight)
            waited = super().acquire(weight)
            self._last = self.clock().timestamp()
            return paced + waited

    def _pace(self, weight):
        if self._last is None:
            return 0.0
        limits = self.limits()
        gap = max(weight * 60.0 / limits.per_minute, weight * 3600.0 / limits.per_hour)
        wait = self._last + gap - self.clock().timestamp()
        if wait <= 0:
            return 0.0
        self.sleep(wait)
        self.waited += wait
        return wait


_shared_lock = threading.Lock()
_limiters = {}
_gus_sessions = {}


def new_gus_limiter():
    """Factory of the shared limiter (tests replace it with a virtual clock)."""
    return SharedGusLimiter()


def gus_limiter(identity):
    with _shared_lock:
        limiter = _limiters.get(identity[:3])
        if limiter is None:
            limiter = _limiters[identity[:3]] = new_gus_limiter()
        return limiter


def take_gus_session(identity):
    """A logged-in GUS client kept from the previous slice of the same cron run."""
    with _shared_lock:
        return _gus_sessions.pop(identity, None)


def keep_gus_session(identity, client):
    with _shared_lock:
        _gus_sessions[identity] = client


def reset_shared_state():
    """Forget limiters and sessions (tests, or after the settings changed)."""
    with _shared_lock:
        _limiters.clear()
        _gus_sessions.clear()
