"""Where a request's server time goes: a WSGI wrapper used only by `bench/flash_sale.py --profile`.

gunicorn serves `_flash_profile:application` (with `--pythonpath bench`) instead of
`tradepost.wsgi:application` when BENCH_PROFILE=1. It is the same Django application; around each
request (until the response is closed, so Django's request_finished work counts) it measures:

- wall time and the thread's CPU time (time.thread_time: this thread's CPU, so wall − CPU −
  waits is time spent runnable but not running: the GIL or a busy CPU);
- SQL: every cursor execute (Django's connection.execute_wrappers), split into statements in a
  transaction and autocommitted writes (whose time includes their own commit and WAL flush);
- COMMIT of transaction.atomic blocks (DatabaseWrapper._commit: the round trip and WAL flush);
- the connection pool: DatabaseWrapper.connect and close (checkout and return);
- Redis: every command through redis-py (cache, rate limits, Huey nudges).

"Python" is the rest: wall − SQL − commit − pool − Redis. Totals per endpoint and the slowest
statements are written as JSON to BENCH_PROFILE_DIR/worker-<pid>.json every 2 s and at exit;
requests with an X-Bench-Warmup header are not counted. `merge` and `report` are used by the
benchmark to add up the workers and print the shares.
"""

import atexit
import cProfile
import json
import os
import pstats
import re
import threading
import time
from collections import defaultdict
from pathlib import Path

FIELDS = ("requests", "wall", "cpu", "sql", "queries", "autocommit_sql", "autocommit_writes",
          "commit", "commits", "pool", "redis", "redis_calls")  # fmt: skip
_local = threading.local()
_lock = threading.Lock()
_totals: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0.0))
_statements: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])  # sql → [count, seconds]
_statuses: dict[str, int] = defaultdict(int)
_directory = Path(os.environ.get("BENCH_PROFILE_DIR", "/tmp/flash-profile"))
_written = [time.monotonic()]
_WRITES = ("INSERT", "UPDATE", "DELETE")
_CPROFILE = os.environ.get("BENCH_CPROFILE") == "1"
_FOLD_EVERY = 50  # requests a thread profiles before folding its figures into the worker's
_folded: list[pstats.Stats] = []  # this worker's cProfile figures, folded into one


def _acc() -> dict | None:
    return getattr(_local, "acc", None)


def _timed_sql(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        acc = _acc()
        if acc is not None:
            elapsed = time.perf_counter() - started
            acc["sql"] += elapsed
            acc["queries"] += 1
            connection = context["connection"]
            if not connection.in_atomic_block and sql.lstrip()[:6].upper() in _WRITES:
                acc["autocommit_sql"] += elapsed
                acc["autocommit_writes"] += 1
            acc["_statements"].append((sql, elapsed))


def _patch(cls, name: str, field: str, count: str | None = None) -> None:
    original = getattr(cls, name)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            acc = _acc()
            if acc is not None:
                acc[field] += time.perf_counter() - started
                if count:
                    acc[count] += 1

    setattr(cls, name, timed)


def _endpoint(environ) -> str:
    path = re.sub(r"/[A-Za-z0-9_-]{16,}(?=/|$)", "/<id>", environ.get("PATH_INFO", ""))
    return f"{environ.get('REQUEST_METHOD', 'GET')} {path}"


class _Finish:
    """The response iterable; closing it (gunicorn does, after sending) ends the measurement."""

    def __init__(self, inner, finish):
        self.inner, self.finish = inner, finish

    def __iter__(self):
        return iter(self.inner)

    def close(self):
        try:
            if hasattr(self.inner, "close"):
                self.inner.close()
        finally:
            self.finish()


def _install() -> None:
    """Time SQL, COMMIT, the pool and Redis (only in the profiled server)."""
    import redis
    from django.db.backends.postgresql.base import DatabaseWrapper

    _patch(DatabaseWrapper, "_commit", "commit", "commits")
    _patch(DatabaseWrapper, "connect", "pool")
    _patch(DatabaseWrapper, "close", "pool")
    _patch(redis.Redis, "execute_command", "redis", "redis_calls")
    atexit.register(_dump)


def _profiled(environ, start_response):
    from django.db import connections

    if environ.get("HTTP_X_BENCH_WARMUP") or environ.get("PATH_INFO") == "/healthz":
        return django_application(environ, start_response)
    acc = dict.fromkeys(FIELDS, 0.0)
    acc["_statements"] = []
    status = ["?"]
    _local.acc = acc
    for connection in connections.all(initialized_only=False):
        if _timed_sql not in connection.execute_wrappers:
            connection.execute_wrappers.append(_timed_sql)
    profiler = _thread_profiler() if _CPROFILE else None
    started, cpu_started = time.perf_counter(), time.thread_time()

    def remember_status(line, headers, exc_info=None):
        status[0] = line.split(" ", 1)[0]
        return start_response(line, headers, exc_info)

    def finish():
        acc["wall"] = time.perf_counter() - started
        acc["cpu"] = time.thread_time() - cpu_started
        acc["requests"] = 1
        _local.acc = None
        if profiler is not None:
            profiler.disable()
            _fold(profiler)
        _record(_endpoint(environ), status[0], acc)

    if profiler is not None:
        profiler.enable()
    try:
        result = django_application(environ, remember_status)
    except BaseException:
        finish()
        raise
    return _Finish(result, finish)


def _thread_profiler() -> cProfile.Profile:
    """This thread's profiler (enabled only while it serves a profiled request)."""
    if getattr(_local, "profiler", None) is None:
        _local.profiler, _local.profiled = cProfile.Profile(time.thread_time), 0
    return _local.profiler


def _fold(profiler: cProfile.Profile) -> None:
    _local.profiled += 1
    if _local.profiled >= _FOLD_EVERY:
        stats = pstats.Stats(profiler)
        with _lock:
            if _folded:
                _folded[0].add(stats)
            else:
                _folded.append(stats)
        _local.profiler = None


def _record(endpoint: str, status: str, acc: dict) -> None:
    statements = acc.pop("_statements")
    with _lock:
        totals = _totals[endpoint]
        for field in FIELDS:
            totals[field] += acc[field]
        for sql, elapsed in statements:
            entry = _statements[sql]
            entry[0] += 1
            entry[1] += elapsed
        _statuses[f"{endpoint} {status}"] += 1
        due = time.monotonic() - _written[0] > 2
        if due:
            _written[0] = time.monotonic()
    if due:
        _dump()


def _dump() -> None:
    with _lock:
        data = {
            "totals": {k: dict(v) for k, v in _totals.items()},
            "statements": {k: list(v) for k, v in _statements.items()},
            "statuses": dict(_statuses),
        }
    _directory.mkdir(parents=True, exist_ok=True)
    path = _directory / f"worker-{os.getpid()}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data))
    temporary.replace(path)
    with _lock:
        if _folded:
            _folded[0].dump_stats(_directory / f"cprofile-{os.getpid()}.prof")


def _what_if(names: set[str]) -> None:
    """BENCH_TRY: suggestions of bench/FLASH_SALE.md tried without editing tradepost/, by
    replacing one function in the running server (never used outside this benchmark).

    - token-touch: authenticate the API token without writing last_used_at on every request
      (as if it were written at most once a minute);
    - cart-view: POST /api/v1/cart/lines answers with an empty cart summary instead of pricing
      the whole cart again (as if it returned only the line it changed).
    """
    if "token-touch" in names:
        import hmac

        from tradepost.accounts import services
        from tradepost.accounts.models import ApiToken

        def authenticate_api_token(*, plain, now):
            parts = plain.split("_", 2)
            if len(parts) != 3 or parts[0] != services.TOKEN_PREFIX:
                return None
            token = (
                ApiToken.objects.select_related("user")
                .filter(prefix=parts[1], revoked_at__isnull=True, user__is_active=True)
                .first()
            )
            if token is None or not hmac.compare_digest(
                token.secret_hash, services._hash_secret(plain)
            ):
                return None
            return token

        services.authenticate_api_token = authenticate_api_token
    if "cart-view" in names:
        from tradepost.cart import api, schemas

        original = api._cart_view

        def cart_view(request, currency):
            if request.method == "POST":
                return schemas.empty_cart_out(api.buyer_currency(request, currency))
            return original(request, currency)

        api._cart_view = cart_view


if os.environ.get("BENCH_PROFILE") == "1":  # gunicorn's import in the profiled server
    from tradepost.wsgi import application as django_application

    _install()
    _what_if(set(filter(None, os.environ.get("BENCH_TRY", "").split(","))))
    application = _profiled


# --- used by the benchmark ----------------------------------------------------------------------


def merge(workers: list[dict]) -> dict:
    totals: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0.0))
    statements: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    statuses: dict[str, int] = defaultdict(int)
    for data in workers:
        for endpoint, values in data["totals"].items():
            for field in FIELDS:
                totals[endpoint][field] += values[field]
        for sql, (count, seconds) in data["statements"].items():
            statements[sql][0] += count
            statements[sql][1] += seconds
        for key, count in data["statuses"].items():
            statuses[key] += count
    return {"totals": totals, "statements": statements, "statuses": statuses}


def _shares(t: dict) -> dict[str, float]:
    wall = t["wall"] or 1e-9
    in_tx_sql = t["sql"] - t["autocommit_sql"]
    python = t["wall"] - t["sql"] - t["commit"] - t["pool"] - t["redis"]
    return {
        "SQL in transactions": in_tx_sql / wall,
        "autocommit writes (incl. commit)": t["autocommit_sql"] / wall,
        "COMMIT": t["commit"] / wall,
        "pool": t["pool"] / wall,
        "Redis": t["redis"] / wall,
        "Python (rest)": python / wall,
        "  of which on CPU": t["cpu"] / wall,
    }


def report(merged: dict, top: int = 12) -> str:
    totals = merged["totals"]
    everything = dict.fromkeys(FIELDS, 0.0)
    for values in totals.values():
        for field in FIELDS:
            everything[field] += values[field]
    rows = [("all requests", everything)] + sorted(
        totals.items(), key=lambda item: -item[1]["wall"]
    )
    labels = list(_shares(everything))
    out = ["server time per request (ms, means) and its shares, from the WSGI wrapper:"]
    header = f"  {'endpoint':<34} {'n':>6} {'wall':>7} {'cpu':>6} {'queries':>7} " + " ".join(
        f"{label.strip()[:14]:>14}" for label in labels
    )
    out.append(header)
    for endpoint, t in rows:
        n = t["requests"] or 1
        shares = _shares(t)
        out.append(
            f"  {endpoint[:34]:<34} {int(t['requests']):>6} {t['wall'] / n * 1000:7.2f} "
            f"{t['cpu'] / n * 1000:6.2f} {t['queries'] / n:7.1f} "
            + " ".join(f"{shares[label] * 100:13.1f}%" for label in labels)
        )
    n = everything["requests"] or 1
    out.append(
        f"  per request: {everything['queries'] / n:.1f} statements, "
        f"{everything['commits'] / n:.2f} commits, "
        f"{everything['autocommit_writes'] / n:.2f} autocommitted writes, "
        f"{everything['redis_calls'] / n:.2f} Redis calls"
    )
    out.append(f"\nthe {top} statements with the most total time:")
    ranked = sorted(merged["statements"].items(), key=lambda item: -item[1][1])[:top]
    for sql, (count, seconds) in ranked:
        text = re.sub(r"\s+", " ", sql)
        text = text if len(text) <= 110 else text[:107] + "..."
        out.append(
            f"  {seconds * 1000:9.0f} ms {int(count):>7}× {seconds / count * 1000:6.2f} ms  {text}"
        )
    out.append("\nresponses seen by the server:")
    for key, count in sorted(merged["statuses"].items()):
        out.append(f"  {key:<48} {count}")
    return "\n".join(out)
