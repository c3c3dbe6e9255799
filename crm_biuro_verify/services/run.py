"""The one batched path of every registry check: the daily cron and "verify now".

* Pending work: for each registry, the clients it applies to that have no evidence of
  today (Europe/Warsaw). Evidence is unique per client, registry and day, so a second
  run the same day sends nothing, and a run killed half-way resumes where it stopped
  without duplicating a record. "Verify now" also retries today's outages.
* Requests: one worker thread per registry (the clients are not thread-safe, and one
  thread per registry keeps each registry's pace: GUS through its rate limiter with
  20 NIPs per search and one login, the white list with 30 NIPs per search and its
  daily quota). The workers only talk HTTP; the cursor stays in the calling thread,
  which applies each batch and commits it (cron) or keeps it in a savepoint (tests).
* An outage trips the registry for the rest of the run: remaining clients get an
  ``unavailable`` record without a request (retried on the next daily run), so a dead
  registry costs a few requests, not thousands of timeouts. A spent white-list quota
  trips at once.
* The cron works in time slices: when the slice is over it reports the remaining
  count through ``ir.cron._notify_progress`` and Odoo calls it again at once.
"""

import logging
import queue
import threading
import time
from collections import Counter, defaultdict

from odoo.addons.crm_biuro import identifiers

from .. import registries
from ..registries.http import chunks, warsaw_now
from . import config, flat_store, outcomes, registry_table, writer

_logger = logging.getLogger(__name__)

UNIT_SIZE = {r.name: r.unit for r in registry_table.REGISTRIES}
# White-list checks answered from the flat file per transaction.
FLAT_FILE_BATCH = 200
# Consecutive failed requests after which a registry is considered down for the run.
TRIP_AFTER = 2
# Reasons that no retry in the same run can cure.
HARD_REASONS = frozenset(
    {
        registries.errors.REASON_QUOTA,
        registries.errors.REASON_AUTH,
        registries.errors.REASON_BLOCKED,
    }
)
_END = object()


def active_clients_domain():
    return [
        ("biuro_client", "=", True),
        ("biuro_state", "=", "active"),
        ("parent_id", "=", False),
        ("biuro_nip", "!=", False),
    ]


def applies(registry, partner):
    """Whether ``registry`` has something to say about this client."""
    return registry_table.BY_NAME[registry].applies(partner)


class _Lane(threading.Thread):
    """Sends one registry's requests, unit after unit, into ``out``.

    ``call(items)`` answers a whole unit (batch registries) or, with ``per_item``,
    ``call(item)`` one client at a time, so that a registry found down stops being
    called in the middle of a unit.
    """

    def __init__(
        self, registry, units, call, out, stop, *, per_item=False, limiter=None
    ):
        super().__init__(name=f"biuro-verify-{registry}", daemon=True)
        self.registry = registry
        self.units = units
        self.call = call
        self.per_item = per_item
        self.out = out
        self.stop = stop
        self.limiter = limiter
        self.tripped = None
        self.failures = 0

    def run(self):
        if self.limiter is not None:
            self.limiter.interrupt_with(self.stop)
        try:
            for items in self.units:
                if self.stop.is_set():
                    break
                self.out.put((self.registry, items, self._unit(items)))
        except config.StopRun:
            pass  # the unit waiting for the rate limiter was not sent: still pending
        except Exception as exc:  # noqa: BLE001 - re-raised by the owning thread
            self.out.put((self.registry, None, exc))
            return
        finally:
            if self.limiter is not None:
                self.limiter.interrupt_with(None)
        self.out.put((self.registry, None, _END))

    def _unit(self, items):
        if not self.per_item:
            if self.tripped is not None:
                return {i["id"]: outcomes.NotChecked(self.tripped) for i in items}
            try:
                results = self.call(items)
            except config.StopRun:
                raise
            except Exception as exc:  # noqa: BLE001 - see outcomes.client_failure
                failure = outcomes.client_failure(self.registry, exc)
                results = {i["id"]: failure for i in items}
            failed = [
                r for r in results.values() if isinstance(r, registries.Unavailable)
            ]
            self._watch(failed[0] if failed else None)
            return results
        results = {}
        for item in items:
            if self.tripped is not None:
                results[item["id"]] = outcomes.NotChecked(self.tripped)
                continue
            try:
                result = self.call(item)
            except registries.RegistryError as error:
                result = error
            except Exception as exc:  # noqa: BLE001 - see outcomes.client_failure
                result = outcomes.client_failure(self.registry, exc)
            results[item["id"]] = result
            self._watch(result if isinstance(result, registries.Unavailable) else None)
        return results

    def _watch(self, failure):
        """Count consecutive failed requests; trip the registry when it is down."""
        if failure is None:
            self.failures = 0
            return
        self.failures += 1
        if failure.reason in HARD_REASONS or self.failures >= TRIP_AFTER:
            self.tripped = failure
            _logger.info(
                "%s unavailable (%s): the rest of this run skips it",
                self.registry,
                failure,
            )


class VerificationRun:
    """One run over ``partners`` (default: every active client).

    :param registries: names to check (default: every enabled one).
    :param retry_unavailable: also redo today's checks that ended ``unavailable``.
    :param auto_commit: commit after each applied batch (cron). Each batch is
        applied in a savepoint either way: all of it or nothing.
    :param time_budget: seconds after which no new batch is started (cron slices).
    :param keep_session: keep the GUS session for the next slice of the same run.
    """

    def __init__(
        self,
        env,
        partners=None,
        *,
        registries=None,
        retry_unavailable=False,
        auto_commit=False,
        time_budget=None,
        keep_session=False,
    ):
        lang = env.context.get("lang") or env.company.partner_id.lang or env.user.lang
        # Superuser: callers checked the user's rights first (action_biuro_verify,
        # _biuro_create_from_lookup: office user + read access) or are the cron;
        # the run writes evidence and verdicts, the service's alone.
        self.env = env(context=dict(env.context, lang=lang), su=True)
        self.partners = None
        if partners is not None:
            # sudo: same as above (rights checked by the caller)
            self.partners = partners.sudo().with_env(self.env)
        self.wanted = registries
        self.retry_unavailable = retry_unavailable
        self.auto_commit = auto_commit
        self.time_budget = time_budget
        self.keep_session = keep_session
        self.config = config.VerifyConfig.load(self.env)
        self.today = warsaw_now().date()
        self.counts = defaultdict(Counter)  # registry -> Counter(state)
        self.done = 0
        self.total = 0
        self.remaining = 0
        self.requests = Counter()  # HTTP requests sent per registry
        self.flat_file_answers = 0  # white-list checks answered from the flat file

    # --- what to do -------------------------------------------------------------------

    def _candidates(self):
        if self.partners is not None:
            return self.partners.filtered(lambda p: p.biuro_client and not p.parent_id)
        return self.env["res.partner"].search(active_clients_domain(), order="id")

    def pending(self):
        """{registry: [partner, ...]} still to check today, least recently first."""
        partners = self._candidates()
        registry_names = self.config.active_registries(self.wanted)
        done = writer.today_evidence(self.env, partners.ids, self.today, registry_names)
        todo = {}
        for registry in registry_names:
            date_field = registry_table.BY_NAME[registry].date_field

            def is_done(partner, registry=registry):
                found = done.get((partner.id, registry))
                if not found:
                    return False
                return not (self.retry_unavailable and found[1] == "unavailable")

            chosen = partners.filtered(
                lambda p, r=registry: applies(r, p) and not is_done(p)
            )
            todo[registry] = chosen.sorted(
                lambda p, f=date_field: (bool(p[f]), p[f] or self.today, p.id)
            )
        return todo

    # --- requests (worker threads: no database access) ------------------------------

    def _items(self, registry, partners):
        return [
            {
                "id": p.id,
                "nip": p.biuro_nip,
                "krs": identifiers.normalize_krs(p.biuro_krs or ""),
            }
            for p in partners
        ]

    def _caller(self, registry):
        """(call, per_item) sending ``registry``'s requests from a worker thread."""
        entry = registry_table.BY_NAME[registry]
        client = entry.client(self.config, self)
        if registry != "gus":  # the GUS session is counted and closed on its own
            self._clients[registry] = client

        def call(items):
            return entry.ask(client, items, self.today)

        return call, entry.per_item

    def _open_gus(self):
        identity = self.config.gus_identity(self.env.cr.dbname)
        self.gus_identity = identity
        self.gus_limiter = config.gus_limiter(identity)
        client = config.take_gus_session(identity) if self.keep_session else None
        self.gus = client or self.config.gus_client(self.gus_limiter)
        self._gus_calls_before = sum(self.gus.calls.values())

    def _close_gus(self, finished):
        gus = getattr(self, "gus", None)
        if gus is None:
            return
        self.requests["gus"] += sum(gus.calls.values()) - self._gus_calls_before
        if self.keep_session and not finished:
            config.keep_gus_session(self.gus_identity, gus)
            return
        try:
            gus.logout()
        except registries.RegistryError as error:
            _logger.info("GUS logout failed: %s", error)
        except config.StopRun:
            pass

    # --- the run ----------------------------------------------------------------------

    def run(self):
        todo = self.pending()
        self.total = sum(len(p) for p in todo.values())
        self.remaining = self.total
        self._notify()
        if not self.total:
            return self
        self._clients = {}
        out = queue.Queue()
        stop = threading.Event()
        lanes = []
        deadline = time.monotonic() + self.time_budget if self.time_budget else None
        partners_by_id = {}
        if todo.get("gus"):
            self._open_gus()
        finished = False
        try:
            for registry, partners in todo.items():
                if partners and registry != "whitelist":
                    lanes.append(
                        self._lane(registry, partners, out, stop, partners_by_id)
                    )
                    lanes[-1].start()
            # the flat file answers while the other registries' requests go out
            self._prepare_whitelist(todo, deadline)
            if todo.get("whitelist"):
                lanes.append(
                    self._lane(
                        "whitelist", todo["whitelist"], out, stop, partners_by_id
                    )
                )
                lanes[-1].start()
            alive = {lane.registry for lane in lanes}
            while alive:
                try:
                    registry, items, results = out.get(timeout=0.5)
                except queue.Empty:
                    items = None
                    registry = results = None
                if items is None:
                    if results is _END:
                        alive.discard(registry)
                    elif isinstance(results, BaseException):
                        raise results
                else:
                    partners = [partners_by_id[i["id"]] for i in items]
                    self._apply(registry, partners, results)
                if deadline and time.monotonic() > deadline and not stop.is_set():
                    _logger.info(
                        "registry verification: time slice over, %s left",
                        self.remaining,
                    )
                    stop.set()
            finished = self.remaining == 0
        finally:
            stop.set()
            for lane in lanes:
                lane.join(timeout=60)
            self._close_gus(finished)
            for name, client in self._clients.items():
                self.requests[name] += sum(client.calls.values())
            if todo.get("whitelist") and hasattr(self, "wl_quota"):
                self._save_quota_safely()
        return self

    def _lane(self, registry, partners, out, stop, partners_by_id):
        partners_by_id.update({p.id: p for p in partners})
        units = list(chunks(self._items(registry, partners), UNIT_SIZE[registry]))
        call, per_item = self._caller(registry)
        limiter = self.gus_limiter if registry == "gus" else None
        return _Lane(
            registry, units, call, out, stop, per_item=per_item, limiter=limiter
        )

    # --- the white list's flat file (no request) -------------------------------------

    def _prepare_whitelist(self, todo, deadline):
        """Answer what the flat file can; load the search quota for the rest."""
        if todo.get("whitelist"):
            todo["whitelist"] = self._answer_from_flat_file(todo["whitelist"], deadline)
        if todo.get("whitelist"):
            self.wl_quota = config.load_whitelist_quota(self.env)

    def _answer_from_flat_file(self, partners, deadline):
        """Answer the white-list check of the clients with known accounts from
        today's flat file; -> the clients left for the API (in their order: oldest
        check first). A slice that runs out of time leaves the rest of the white
        list for the next slice, so no search is spent on what the file answers."""
        flat_file = self.env["biuro.whitelist.flat.file"]._biuro_current(self.today)
        if not flat_file:
            return partners
        left = []
        for chunk in chunks(list(partners), FLAT_FILE_BATCH):
            clients = [(p.id, p.biuro_nip, writer.client_accounts(p)) for p in chunk]
            found = flat_store.answers(
                self.env.cr,
                flat_file.generated_on,
                flat_file.transformations,
                [client for client in clients if client[2]],
            )
            left += [p for p in chunk if p.id not in found]
            answered = [p for p in chunk if p.id in found]
            if answered:
                self._apply_flat_file(flat_file, answered, found)
            if deadline and time.monotonic() > deadline:
                return []  # the next slice goes on with the file
        return left

    def _apply_flat_file(self, flat_file, partners, found):
        evidence = {
            "source": "flat_file",
            "file_date": flat_file.generated_on.isoformat(),
            "file_size": flat_file.size,
            "file_sha256": flat_file.sha256,
            "url": flat_file.url,
        }
        items = []
        previous = writer.previous_snapshots(
            self.env, "whitelist", [p.id for p in partners], self.today
        )
        for partner in partners:
            outcome = outcomes.flat_file_outcome(
                self.env._,
                found[partner.id],
                previous.get(partner.id),
                file_date=flat_file.generated_on,
                vat_status=partner.biuro_vat_status,
                client_accounts=writer.client_accounts(partner),
                vat_labels=self._vat_labels(),
                evidence=evidence,
            )
            outcome.flat_file_id = flat_file.id
            items.append((partner, outcome))
        with self.env.cr.savepoint():
            writer.apply_outcomes(self.env, "whitelist", self.today, items)
        for _partner, outcome in items:
            self.counts["whitelist"][outcome.state] += 1
        self.flat_file_answers += len(items)
        self.done += len(items)
        self.remaining = self.total - self.done
        self._commit()
        self._notify()

    def _save_quota_safely(self):
        """The requests were spent whatever happened: keep the count (a failure
        here must not hide the error that ended the run)."""
        try:
            config.save_whitelist_quota(self.env, self.wl_quota)
            self._commit()
        except Exception:
            _logger.info("could not save the white-list quota", exc_info=True)

    def _apply(self, registry, partners, results):
        """Turn one unit's answers into outcomes and write them (one transaction)."""
        env = self.env
        ids = [p.id for p in partners]
        previous = writer.previous_snapshots(env, registry, ids, self.today)
        items = []
        for partner in partners:
            result = results.get(partner.id)
            prev = previous.get(partner.id)
            items.append((partner, self._outcome(registry, partner, result, prev)))
        # a batch is all or nothing, whether it is then committed (cron) or not
        with env.cr.savepoint():
            writer.apply_outcomes(env, registry, self.today, items)
        for _partner, outcome in items:
            self.counts[registry][outcome.state] += 1
        self._after_apply(registry, len(items))

    def _outcome(self, registry, partner, result, prev):
        # what the mappings may need from the Odoo side (see registry_table)
        context = {
            "vat_status": self._vat_labels(),
            "client_accounts": writer.client_accounts,
        }
        return registry_table.outcome_of(
            self.env._, registry, partner, result, prev, context
        )

    def _vat_labels(self):
        if not hasattr(self, "_vat_label_cache"):
            field = self.env["res.partner"]._fields["biuro_vat_status"]
            self._vat_label_cache = dict(field._description_selection(self.env))
        return self._vat_label_cache

    def _after_apply(self, registry, count):
        """A batch is written: save the quota, commit, report progress."""
        self.done += count
        self.remaining = self.total - self.done
        if registry == "whitelist":
            config.save_whitelist_quota(self.env, self.wl_quota)
        self._commit()
        self._notify()

    def _commit(self):
        if self.auto_commit:
            # the cron commits each batch so that a crash loses at most one batch
            self.env.cr.commit()  # pylint: disable=invalid-commit
        else:
            self.env.flush_all()

    def _notify(self):
        self.env["ir.cron"]._notify_progress(done=self.done, remaining=self.remaining)

    def summary(self):
        """{registry: {state: count}} of this run."""
        return {registry: dict(states) for registry, states in self.counts.items()}
