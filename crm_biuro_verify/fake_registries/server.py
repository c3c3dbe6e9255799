"""A tiny threaded HTTP server on 127.0.0.1 that routes by path prefix to fake apps.

Every app counts requests per operation and can be told to misbehave
(:class:`Faults`): latency, a timeout (it sleeps past the client's timeout), HTTP 500,
a SOAP fault / registry error, or a malformed body; optionally only for the next
``times`` requests and only for some ``operations``.
"""

import logging
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

_logger = logging.getLogger(__name__)


@dataclass
class Faults:
    """Switchable misbehaviour of one fake. Every field off by default.

    * ``latency`` - seconds added to every answer;
    * ``timeout`` - sleep ``hang`` seconds before answering (past the client timeout).
      The default ``hang`` (12 s) outlasts Odoo's test framework, which raises every
      ``requests`` timeout below 10 s to 10 s: there a timeout fault costs ~10 s per
      attempt, so use a client with ``retry=NO_RETRY``. ``stop()`` wakes hung handlers;
    * ``http_500`` - plain ``500 Internal Server Error`` with an HTML body;
    * ``soap_fault`` - a fault string: VIES faultstring (``MS_UNAVAILABLE``...), a GUS
      or CRBR SOAP 1.2 ``Receiver`` fault text; ``"Sender:..."`` makes a Sender fault;
    * ``error_code`` - white list: answer this WL code (``WL-195``, ``WL-113``...);
    * ``malformed`` - a 200 answer whose body is not valid XML/JSON;
    * ``times`` - the fault applies to this many requests, then switches itself off;
    * ``operations`` - limit the fault to these operation names.
    """

    latency: float = 0.0
    timeout: bool = False
    hang: float = 12.0
    http_500: bool = False
    soap_fault: str | None = None
    error_code: str | None = None
    malformed: bool = False
    times: int | None = None
    operations: set | None = None

    @property
    def failing(self):
        return bool(
            self.timeout
            or self.http_500
            or self.soap_fault
            or self.error_code
            or self.malformed
        )


@dataclass
class FakeRequest:
    method: str
    path: str  # below the app's prefix, e.g. "/api/search/nips/..."
    query: dict
    headers: dict
    body: bytes

    def param(self, name, default=""):
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class FakeResponse:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @classmethod
    def text(cls, status, text, content_type):
        return cls(status, text.encode("utf-8"), {"Content-Type": content_type})


class FakeApp:
    """Base of the five fakes: parse -> count -> faults -> handle."""

    name = ""
    prefix = ""
    service_path = ""  # appended to the prefix in FakeRegistries.urls

    def __init__(self, store):
        self.store = store
        self.faults = Faults()
        self.counts = Counter()
        self.requests = []  # (operation, params) of every request, in order
        self._lock = threading.Lock()
        self.stop_event = threading.Event()

    # -- to implement --
    def parse(self, request):
        """-> (operation, params); BadRequest for what the real service refuses."""
        raise NotImplementedError

    def handle(self, operation, params, request):
        raise NotImplementedError

    def fault_response(self, operation, faults):
        """The app's answer for ``soap_fault`` / ``error_code``."""
        return FakeResponse.text(500, "fault", "text/plain")

    def malformed_response(self, operation):
        return FakeResponse.text(200, "<html><body>Przerwa techniczna", "text/html")

    # -- machinery --
    def set_faults(self, **values):
        """Replace the faults, keeping the latency: ``set_faults(timeout=True)``."""
        values.setdefault("latency", self.faults.latency)
        self.faults = Faults(**values)
        return self.faults

    def reset(self):
        with self._lock:
            self.faults = Faults()
            self.counts.clear()
            self.requests.clear()

    def total(self):
        return sum(self.counts.values())

    def _active_fault(self, operation):
        with self._lock:
            faults = self.faults
            if not faults.failing:
                return None
            if faults.operations and operation not in faults.operations:
                return None
            if faults.times is not None:
                if faults.times <= 0:
                    return None
                faults.times -= 1
            return faults

    def dispatch(self, request):
        try:
            operation, params = self.parse(request)
        except BadRequest as exc:
            with self._lock:
                self.counts["invalid"] += 1
            return exc.response
        with self._lock:
            self.counts[operation] += 1
            self.requests.append((operation, params))
            latency = self.faults.latency
        if latency:
            self.stop_event.wait(latency)
        faults = self._active_fault(operation)
        if faults is not None:
            if faults.timeout:
                self.stop_event.wait(faults.hang)
                return FakeResponse.text(504, "too late", "text/plain")
            if faults.http_500:
                return FakeResponse.text(
                    500,
                    "<html><body><h1>500 Internal Server Error</h1></body></html>",
                    "text/html",
                )
            if faults.malformed:
                return self.malformed_response(operation)
            return self.fault_response(operation, faults)
        return self.handle(operation, params, request)


class BadRequest(Exception):
    def __init__(self, response):
        super().__init__(response.status)
        self.response = response


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeRegistries/1.0"
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle + delayed ACK
    # add ~40 ms to every keep-alive answer (a benchmark would measure that).
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        _logger.debug("fake registries: " + format, *args)

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        app, rest = self.server.route(parts.path)
        if app is None:
            response = FakeResponse.text(404, "no such fake", "text/plain")
        else:
            request = FakeRequest(
                self.command,
                rest,
                parse_qs(parts.query, keep_blank_values=True),
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
            try:
                response = app.dispatch(request)
            except Exception:  # a bug in a fake must show as 500, not hang the client
                _logger.exception("fake %s failed", app.name)
                response = FakeResponse.text(500, "fake registry bug", "text/plain")
        try:
            self.send_response(response.status)
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (timeout fault): nothing to answer to.
            self.close_connection = True

    do_GET = _serve
    do_POST = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, apps):
        super().__init__(address, _Handler)
        self.apps = sorted(apps, key=lambda a: -len(a.prefix))

    def route(self, path):
        for app in self.apps:
            if path == app.prefix or path.startswith(app.prefix + "/"):
                return app, path[len(app.prefix) :]
        return None, path

    def handle_error(self, request, client_address):
        _logger.debug("fake registries: connection error from %s", client_address)


class FakeServer:
    """Serves ``apps`` on ``host:port`` (port 0 = any free port) in a daemon thread."""

    def __init__(self, apps, host="127.0.0.1", port=0):
        self.apps = list(apps)
        self.host, self.port = host, port
        self._server = None
        self._thread = None

    @property
    def base_url(self):
        if not self._server:
            raise RuntimeError("the fake server is not started")
        return f"http://{self.host}:{self._server.server_address[1]}"

    def start(self):
        if self._server:
            return self
        for app in self.apps:
            app.stop_event.clear()
        self._server = _Server((self.host, self.port), self.apps)
        # A short poll interval: stop() (server.shutdown) waits up to one interval.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(0.02,),
            name="fake-registries",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self):
        if not self._server:
            return
        for app in self.apps:
            app.stop_event.set()  # wake handlers sleeping in latency/timeout faults
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
