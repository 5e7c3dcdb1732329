"""Flash sale: N buyers race through whole purchases for one SKU on a flash deal, against the
production server on PostgreSQL, with pgbench's hot-row UPDATE as the baseline.

    .venv/bin/python bench/flash_sale.py [--clients 64] [--units 1000] [--runs 3]
                                         [--workers 3] [--threads 4] [--profile] [--keep]

Recreates the PostgreSQL database `tradepost_flash` at BENCH_FLASH_DATABASE_URL (Redis db 14 at
BENCH_FLASH_REDIS_URL, flushed: the production cache), migrates, collects static files and starts
gunicorn gthread with --workers × --threads and kept-alive connections (the settings `make run`
had when bench/FLASH_SALE.md was measured; bin/web has since changed), DEBUG off, and the Huey
consumer beside it. Each run then, in a child process with the bench
environment, sets up one verified seller's EUR store, one product whose only variant holds
--units units on a running flash deal of --units units, and --clients buyers (bulk rows; no
password hashing), each with an address in Germany and an API token with orders:read and
orders:write. The test payment gateway sends its webhooks over HTTP to the same server
(PAYMENT_TEST_GATEWAY_WEBHOOK_URL), delivered by the Huey consumer, as a real processor's
arrive. Every buyer is one client thread with its own keep-alive HTTP connection, doing whole
purchases, payment included, in a loop:

    POST /api/v1/cart/lines {variant, quantity: 1}
    POST /api/v1/checkout/quote {address, currency, coupons}
    POST /api/v1/checkouts {address, currency, coupons, expected_total_minor} + Idempotency-Key
    POST /gateway/test/tokens {number: 4242 4242 4242 4242, exp_month, exp_year, cvc} (no auth)
    POST /api/v1/checkouts/{public_id}/pay {payment_token} + Idempotency-Key

until it gets a sold-out answer (409; any other error, or a payment not "succeeded", also stops
it). A thread watches the gateway's webhook table every 0.1 s from the sale's start; after the
sale the run waits (up to 120 s) until the run's every webhook is delivered. Per run it prints
placed orders/s (placed checkouts / time from the first request to the last placed checkout),
paid orders/s end to end (orders paid / wall time from the first request until the watcher saw
the last webhook delivered, i.e. processed by our endpoint), p50/p95/p99 of a whole purchase
(the five requests; and of its first three, to placed), the units sold (order lines in the
database), the variant's remaining stock, oversold units, the stock identity on_hand =
available + reserved + sold (inventory.selectors.position), payments succeeded, orders paid,
webhooks delivered and failed delivery attempts, our WebhookEvent rows by outcome (and
duplicate deliveries), ledger.invariants.check_invariants(), the escrow balance against the
paid orders' totals, the responses by status code, where the machine's CPU went (sale and
webhook tail), and then pgbench on the same PostgreSQL server — `UPDATE hot SET n = n - 1
WHERE id = 1` on a one-row table in the scratch database `tradepost_flash_pgbench`, as many
clients, for the end-to-end duration (at least 10 s) — and the ratios of placed and of paid
orders/s to its tps. With --runs > 1 the medians follow. Exits 1 if a unit was oversold, the
identity fails, any response was a 5xx, a webhook was not delivered, the ledger invariants
report a problem or the escrow differs from the paid orders' totals.

--profile serves through bench/_flash_profile.py (a WSGI wrapper, BENCH_PROFILE=1) that splits
each request's server time into SQL, COMMIT, connection pool, Redis and the rest (Python), and
samples pg_stat_activity for what PostgreSQL's backends wait on; the shares are printed at the
end (see bench/FLASH_SALE.md). --cprofile adds a cProfile of the server (thread CPU time);
--try token-touch,cart-view patches two suggested server changes into the profiled server.
"""

import argparse
import http.client
import json
import os
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

from catalog import GUNICORN, PY, ROOT, _free_port, _manage

PG_URL = os.environ.get(
    "BENCH_FLASH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tradepost_flash"
)
REDIS_URL = os.environ.get("BENCH_FLASH_REDIS_URL", "redis://127.0.0.1:6379/14")
SCRATCH_DB = "tradepost_flash_pgbench"
CURRENCY = "EUR"  # store and buyers: no exchange rate involved
PRICE_MINOR = 4990
DEAL_PRICE_MINOR = 1990
GOAL_RATIO = 0.25  # issue 5: orders/s ≥ 0.25 × pgbench hot-row tps
MIN_PGBENCH_SECONDS = 10
STEPS = ("cart", "quote", "place", "token", "pay")
PATHS = {
    "cart": "/api/v1/cart/lines",
    "quote": "/api/v1/checkout/quote",
    "place": "/api/v1/checkouts",
    "token": "/gateway/test/tokens",  # the test processor's tokenisation: no auth
    "pay": "/api/v1/checkouts/{}/pay",
}
SCOPES = ["orders:read", "orders:write"]
CARD = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "737"}
WEBHOOK_PATH = "/api/v1/payments/webhooks/test"
WEBHOOK_TABLE = "payments_test_gateway_gatewaywebhook"
WEBHOOK_WAIT_SECONDS = 120  # after the sale, for the gateway's webhooks to be delivered
WATCH_EVERY = 0.1  # seconds between the watcher's looks at the webhook table
WATCHER_NAME = "flash-bench-webhook-watcher"  # its connection's application_name


# --- child processes (Django, with the bench environment) -------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradepost.settings")
    import django

    django.setup()


def step_setup(run: int, units: int, clients: int) -> dict:
    """The store (first run), a fresh product, variant and deal, and fresh buyers for this run."""
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.db.models import Max

    from tradepost import clock
    from tradepost.accounts.models import Address, User
    from tradepost.accounts.services import create_api_token
    from tradepost.catalog.testing import make_category, make_product, make_seller_store
    from tradepost.payments.gateways.test_gateway.models import GatewayWebhook
    from tradepost.promotions.services import FlashDealInput, create_flash_deal_for_store
    from tradepost.sellers.models import Store

    now = clock.now()
    store = Store.objects.filter(slug="flash-store").select_related("seller__user").first()
    if store is None:
        store = make_seller_store(
            country="DE", currency=CURRENCY, name="Flash Store", slug="flash-store"
        )
    category = make_category(path=["electronics", "flash-sale"])
    product = make_product(
        store=store,
        category=category,
        titles={"en": f"Flash sale headphones, run {run}"},
        variants=[{"price_minor": PRICE_MINOR, "stock": units, "sku": f"FLASH-{run}"}],
    )
    variant = product.variants.get()
    deal = create_flash_deal_for_store(
        store=store,
        actor=store.seller.user,
        data=FlashDealInput(
            variant=variant.public_id,
            deal_price_minor=DEAL_PRICE_MINOR,
            quantity=units,
            starts_at=now - dt.timedelta(minutes=1),
            ends_at=now + dt.timedelta(hours=6),
        ),
        now=now,
    )
    emails = [f"buyer{run}-{n}@flash.example" for n in range(clients)]
    User.objects.bulk_create(
        User(email=email, password="!", display_currency=CURRENCY, ship_to_country="DE")
        for email in emails
    )  # "!": an unusable password, so nothing is hashed
    users = list(User.objects.filter(email__in=emails).order_by("id"))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    Address.objects.bulk_create(
        Address(
            user=user,
            full_name=f"Buyer {n}",
            line1=f"Hauptstraße {n + 1}",
            city="Berlin",
            postal_code="10115",
            country="DE",
            phone="+493012345678",
            is_default=True,
        )
        for n, user in enumerate(users)
    )
    addresses = dict(Address.objects.filter(user__in=users).values_list("user_id", "public_id"))
    buyers = []
    for user in users:
        _token, plain = create_api_token(user=user, name="flash sale", scopes=SCOPES, now=now)
        buyers.append({"token": plain, "address": addresses[user.id]})
    last_webhook = GatewayWebhook.objects.aggregate(last=Max("id"))["last"] or 0
    return {"variant": variant.public_id, "variant_id": variant.id, "deal_id": deal.id,
            "buyers": buyers, "webhooks_after": last_webhook}  # fmt: skip


def step_verify(variant_id: int, deal_id: int, webhooks_after: int) -> dict:
    """What the database says after the run (and after its webhooks were delivered)."""
    from django.db.models import Count, Max, Sum

    from tradepost.cart.models import Checkout
    from tradepost.catalog.models import Variant
    from tradepost.inventory.selectors import position
    from tradepost.ledger.invariants import check_invariants
    from tradepost.ledger.selectors import escrow_total_by_currency
    from tradepost.orders.models import Order, OrderLine
    from tradepost.orders.states import OrderStatus
    from tradepost.payments.gateways.test_gateway.models import GatewayWebhook
    from tradepost.payments.models import PaymentIntent, WebhookEvent
    from tradepost.payments.states import PaymentStatus
    from tradepost.promotions.models import FlashDeal

    lines = OrderLine.objects.filter(variant_id=variant_id).aggregate(
        units=Sum("quantity"), lines=Count("id"), orders=Count("order_id", distinct=True)
    )
    orders = Order.objects.filter(lines__variant_id=variant_id).distinct()
    checkouts = Checkout.objects.filter(orders__in=orders).distinct()
    paid = Order.objects.filter(pk__in=orders, status=OrderStatus.PAID)
    hooks = GatewayWebhook.objects.filter(id__gt=webhooks_after)
    hook_totals = hooks.aggregate(
        sent=Count("id"), delivered=Count("delivered_at"), attempts=Sum("attempts"),
        last_delivered=Max("delivered_at"),
    )  # fmt: skip
    received = {e.event_id: e for e in WebhookEvent.objects.filter(
        provider="test", event_id__in=hooks.values("event_id"))}  # fmt: skip
    duplicates = sum(  # recorded by an attempt the gateway saw fail, then answered "duplicate"
        1
        for event_id, delivered_at in hooks.values_list("event_id", "delivered_at")
        if delivered_at and event_id in received and received[event_id].received_at < delivered_at
    )
    paid_everywhere = (  # every run's: the escrow holds them all
        Order.objects.filter(status=OrderStatus.PAID).order_by().values("currency")
    )
    last = hook_totals["last_delivered"]
    return {
        "units_sold": lines["units"] or 0,
        "lines": lines["lines"],
        "orders": lines["orders"],
        "checkouts": checkouts.count(),
        "stock": Variant.objects.values_list("stock", flat=True).get(pk=variant_id),
        "deal_sold": FlashDeal.objects.values_list("sold", flat=True).get(pk=deal_id),
        "position": position(variant_id),
        "payments_succeeded": PaymentIntent.objects.filter(
            checkout__in=checkouts, status=PaymentStatus.SUCCEEDED
        ).count(),
        "orders_paid": paid.count(),
        "orders_by_status": dict(Counter(orders.values_list("status", flat=True))),
        "paid_total_minor": paid.aggregate(total=Sum("total_minor"))["total"] or 0,
        "webhooks_sent": hook_totals["sent"],
        "webhooks_delivered": hook_totals["delivered"],
        "webhook_attempts": hook_totals["attempts"] or 0,
        # every attempt but a delivered webhook's last one got no 2xx
        "webhook_failed_attempts": (hook_totals["attempts"] or 0) - hook_totals["delivered"],
        "webhook_last_status": dict(Counter(map(str, hooks.values_list("last_status", flat=True)))),
        "webhook_types": dict(Counter(hooks.values_list("type", flat=True))),
        "events_by_outcome": dict(Counter(e.outcome for e in received.values())),
        "events_duplicate": duplicates,
        "last_delivered_at": last.timestamp() if last else None,
        "invariant_problems": check_invariants(),
        "escrow": escrow_total_by_currency(),
        "paid_orders_total": dict(
            paid_everywhere.annotate(total=Sum("total_minor")).values_list("currency", "total")
        ),
    }


def child(step: str, out: Path, args) -> None:
    _django()
    if step == "setup":
        result = step_setup(args.run, args.units, args.clients)
    else:
        result = step_verify(args.variant_id, args.deal_id, args.webhooks_after)
    out.write_text(json.dumps(result))


def _in_child(env: dict, out: Path, *arguments: str) -> dict:
    subprocess.run([PY, __file__, "--out", str(out), *arguments], cwd=ROOT, env=env, check=True)
    return json.loads(out.read_text())


# --- database, server ---------------------------------------------------------------------------


def _env(args, var_dir: Path, port: int) -> dict:
    env = dict(os.environ, TRADEPOST_VAR_DIR=str(var_dir), DEBUG="false")
    env.update(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL, HUEY_NAME="tradepost-flash-bench")
    # The test gateway's webhooks travel over HTTP to this server, as a real processor's do.
    env["PAYMENT_TEST_GATEWAY_WEBHOOK_URL"] = f"http://127.0.0.1:{port}{WEBHOOK_PATH}"
    env["WEB_WORKERS"] = str(args.workers)
    env["WEB_THREADS"] = str(args.threads)
    if args.profile:
        env.update(BENCH_PROFILE="1", BENCH_PROFILE_DIR=str(var_dir / "profile"))
    if args.cprofile:
        env["BENCH_CPROFILE"] = "1"
    if args.what_if:
        env["BENCH_TRY"] = args.what_if
    return env


def _server_parts(url: str) -> tuple[str, str]:
    base, _, name = url.rpartition("/")
    return base, name


def _fresh_database() -> None:
    import psycopg
    import redis

    base, name = _server_parts(PG_URL)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()


def _serve(env: dict, port: int, args) -> list[subprocess.Popen]:
    """gunicorn as `make run` started it when bench/FLASH_SALE.md was measured (not bin/web's
    admission settings), and its Huey consumer."""
    app, extra = "tradepost.wsgi:application", []
    if args.profile:  # the same application, timed by a WSGI wrapper that lives in bench/
        app, extra = "_flash_profile:application", ["--pythonpath", str(ROOT / "bench")]
    command = [
        GUNICORN, app, *extra, "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--threads", str(args.threads),
        "--worker-class", "gthread", "--access-logfile", "-", "--log-level", "warning",
    ]  # fmt: skip
    log = (Path(env["TRADEPOST_VAR_DIR"]) / "server.log").open("ab")  # 409 warnings and the like
    web = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    worker = subprocess.Popen(
        [PY, "manage.py", "run_huey", "--quiet"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=log,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return [web, worker]
        except OSError:
            time.sleep(0.3)
    _stop([web, worker])
    raise SystemExit("the server did not answer /healthz within 60 s")


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# --- CPU accounting (from /proc) ----------------------------------------------------------------

_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[str, int, float] | None:
    """(command, parent pid, CPU seconds) of a process, None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS


def _cpu_snapshot(server_pids: list[int]) -> dict:
    """CPU seconds so far per process of interest: the web server (master and workers), the
    Huey consumer, PostgreSQL's backends of the bench database and its shared processes (WAL
    writer, checkpointer, background writer); plus this benchmark and the whole machine. Other
    sessions' databases and processes count as "other"."""
    _, name = _server_parts(PG_URL)
    web, huey = server_pids
    processes: dict[int, tuple[str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or not (stat := _proc_stat(int(entry))):
            continue
        command, parent, seconds = stat
        pid = int(entry)
        if pid == web or parent == web:
            processes[pid] = ("web", seconds)
        elif pid == huey or parent == huey:
            processes[pid] = ("huey", seconds)
        elif command == "postgres":
            title = _cmdline(pid)
            if f" {name} " in title:
                processes[pid] = ("postgres", seconds)
            elif any(word in title for word in ("walwriter", "checkpointer", "background writer")):
                processes[pid] = ("pg_shared", seconds)
    cpu = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(value) for value in cpu]
    return {
        "processes": processes,
        "bench": sum(os.times()[:2]),
        "machine_all": sum(ticks[:8]) / _TICKS,
        "machine_idle": (ticks[3] + ticks[4]) / _TICKS,
    }


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds used between the snapshots (a process that exited in between is not
    counted; one that started is counted whole)."""
    used = dict.fromkeys(("web", "huey", "postgres", "pg_shared"), 0.0)
    for pid, (kind, seconds) in after["processes"].items():
        used[kind] += seconds - before["processes"].get(pid, (kind, 0.0))[1]
    for key in ("bench", "machine_all"):
        used[key] = after[key] - before[key]
    used["machine_busy"] = used["machine_all"] - (after["machine_idle"] - before["machine_idle"])
    ours = ("web", "huey", "postgres", "pg_shared", "bench")
    used["other"] = used["machine_busy"] - sum(used[key] for key in ours)
    return used


# --- the sale -----------------------------------------------------------------------------------


class Tally:
    """What the clients saw, shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = {step: Counter() for step in STEPS}
        self.step_latencies: dict[str, list[float]] = {step: [] for step in STEPS}
        self.purchases: list[float] = []  # seconds, cart → pay, paid purchases only
        self.placings: list[float] = []  # seconds, cart → place, placed checkouts
        self.placed_at: list[float] = []
        self.paid_at: list[float] = []
        self.stops: Counter = Counter()  # why clients stopped
        self.samples: dict[str, str] = {}  # one body per unexpected (step, status)
        self.reconnects = 0

    def add(self, buyer: "Buyer", reason: str) -> None:
        with self.lock:
            for step in STEPS:
                self.statuses[step].update(buyer.statuses[step])
                self.step_latencies[step].extend(buyer.step_latencies[step])
            self.purchases.extend(buyer.purchases)
            self.placings.extend(buyer.placings)
            self.placed_at.extend(buyer.placed_at)
            self.paid_at.extend(buyer.paid_at)
            self.stops[reason] += 1
            self.reconnects += buyer.reconnects
            for key, text in buyer.samples.items():
                self.samples.setdefault(key, text)


class Buyer:
    """One client: its own keep-alive connection and token, buying until a refusal."""

    def __init__(self, host: str, port: int, buyer: dict, variant: str):
        self.conn = http.client.HTTPConnection(host, port, timeout=120)
        self.headers = {
            "Authorization": f"Bearer {buyer['token']}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Accept-Language": "en",
        }
        # The processor's tokenisation gets the card and never our API token.
        self.gateway_headers = {"Content-Type": "application/json", "Accept": "application/json"}
        self.order = {"address": buyer["address"], "currency": CURRENCY, "coupons": []}
        self.variant = variant
        self.statuses = {step: Counter() for step in STEPS}
        self.step_latencies = {step: [] for step in STEPS}
        self.purchases, self.placings, self.placed_at, self.paid_at = [], [], [], []
        self.samples = {}
        self.reconnects = 0

    def post(
        self, step: str, body: dict, extra: dict | None = None, *, path: str = "",
        headers: dict | None = None,
    ) -> tuple[int, dict]:  # fmt: skip
        started = time.perf_counter()
        headers = (self.headers if headers is None else headers) | (extra or {})
        for attempt in (1, 2):
            try:
                self.conn.request(
                    "POST", path or PATHS[step], body=json.dumps(body), headers=headers
                )
                response = self.conn.getresponse()
                break
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                # gunicorn closes a keep-alive connection idle for 2 s (a client thread starved
                # that long, or waiting at the start line); it read nothing from it, so the
                # request is sent again once on a new connection, as HTTP clients do.
                if attempt == 2:
                    raise
                self.conn.close()
                self.reconnects += 1
        data = response.read()
        self.step_latencies[step].append(time.perf_counter() - started)
        self.statuses[step][response.status] += 1
        try:
            payload = json.loads(data) if data else {}
        except ValueError:
            payload = {"raw": data[:300].decode("utf-8", "replace")}
        if response.status not in (200, 201):
            self.samples.setdefault(f"{step} {response.status}", json.dumps(payload)[:300])
        return response.status, payload

    def purchase(self) -> str | None:
        """One whole purchase, paid; None when paid, else why the buyer stops."""
        started = time.perf_counter()
        status, _ = self.post("cart", {"variant": self.variant, "quantity": 1})
        if status not in (200, 201):
            return f"cart {status}"
        status, quote = self.post("quote", self.order)
        if status != 200:
            return f"quote {status}"
        total = (quote.get("total") or {}).get("minor")
        body = self.order | {"expected_total_minor": total}
        status, checkout = self.post("place", body, {"Idempotency-Key": uuid.uuid4().hex})
        if status != 201:
            return f"place {status}"
        placed = time.perf_counter()
        self.placings.append(placed - started)
        self.placed_at.append(placed)
        status, card = self.post("token", CARD, headers=self.gateway_headers)
        if status != 201 or not card.get("token"):
            return f"token {status}"
        status, payment = self.post(
            "pay", {"payment_token": card["token"]}, {"Idempotency-Key": uuid.uuid4().hex},
            path=PATHS["pay"].format(checkout["public_id"]),
        )  # fmt: skip
        if status != 200:
            return f"pay {status}"
        if payment.get("status") != "succeeded":
            key = f"pay {payment.get('status')}"
            self.samples.setdefault(key, json.dumps(payment)[:300])
            return key
        done = time.perf_counter()
        self.purchases.append(done - started)
        self.paid_at.append(done)
        return None

    def warm_up(self) -> None:
        """Open the connection with one uncounted read (the wrapper of --profile skips it too):
        the sale starts on warm connections, imports and pools."""
        self.conn.request("GET", "/api/v1/cart", headers=self.headers | {"X-Bench-Warmup": "1"})
        self.conn.getresponse().read()

    def run(self, tally: "Tally", start_line: threading.Barrier) -> None:
        reason = None
        try:
            try:
                self.warm_up()
            finally:
                start_line.wait()  # all clients start together
            while reason is None:
                reason = self.purchase()
        except (OSError, http.client.HTTPException) as exc:
            reason = f"connection error: {type(exc).__name__}"
        finally:
            self.conn.close()
        tally.add(self, reason)


def sale(port: int, setup: dict) -> tuple[Tally, float, float, float]:
    """Every buyer buys until sold out; returns the tally, the start and the end (perf_counter)
    and the start on the wall clock (time.time, to compare with the webhooks' times)."""
    tally = Tally()
    buyers = [Buyer("127.0.0.1", port, buyer, setup["variant"]) for buyer in setup["buyers"]]
    start_line = threading.Barrier(len(buyers) + 1)
    threads = [threading.Thread(target=buyer.run, args=(tally, start_line)) for buyer in buyers]
    for thread in threads:
        thread.start()
    start_line.wait()  # every client has warmed up its connection
    started, started_wall = time.perf_counter(), time.time()
    for thread in threads:
        thread.join()
    return tally, started, time.perf_counter(), started_wall


class WebhookWatcher(threading.Thread):
    """Looks at the gateway's webhook table every WATCH_EVERY s from the sale's start: the wall
    time at which it first saw the last of the run's webhooks marked delivered (the gateway
    marks a webhook delivered after our endpoint answered 2xx, i.e. after it was processed).
    GatewayWebhook.delivered_at is stamped when the delivery *starts*, so it would leave out the
    processing of the last webhook; this is late by at most one look (plus the look's query)."""

    def __init__(self, after_id: int):
        super().__init__(daemon=True)
        self.after_id = after_id
        self.sent = self.delivered = 0
        self.last_delivered_wall: float | None = None  # time.time() of the look that saw it
        self.sale_over = threading.Event()
        self.done = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(
            PG_URL, autocommit=True, application_name=WATCHER_NAME
        ) as conn:  # fmt: skip
            while not self.stop.is_set():
                over = self.sale_over.is_set()  # before the look: the look then sees all rows
                sent, delivered = conn.execute(
                    f"SELECT count(*), count(delivered_at) FROM {WEBHOOK_TABLE} WHERE id > %s",
                    (self.after_id,),
                ).fetchone()
                seen = time.time()
                if delivered > self.delivered:
                    self.last_delivered_wall = seen
                self.sent, self.delivered = sent, delivered
                # every webhook row is written before its pay request answers, so once the
                # sale is over the set is complete
                if over and delivered == sent:
                    self.done.set()
                    return
                time.sleep(WATCH_EVERY)

    def wait_all(self, timeout: float) -> bool:
        self.sale_over.set()
        finished = self.done.wait(timeout)
        self.stop.set()
        self.join(timeout=5)
        return finished


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# --- pgbench ------------------------------------------------------------------------------------


def pgbench(clients: int, seconds: int, work: Path) -> float:
    """tps of `UPDATE hot SET n = n - 1 WHERE id = 1` on a one-row table, in a scratch
    database on the same server (created and dropped here)."""
    import psycopg

    base, _ = _server_parts(PG_URL)
    match = re.match(r"postgres(?:ql)?://(?:([^@/:]+)@)?([^/:]+)(?::(\d+))?", base)
    user, host, port = match.group(1) or "postgres", match.group(2), match.group(3) or "5432"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{SCRATCH_DB}"')
    try:
        with psycopg.connect(f"{base}/{SCRATCH_DB}", autocommit=True) as conn:
            conn.execute("CREATE TABLE hot (id integer PRIMARY KEY, n bigint NOT NULL)")
            conn.execute("INSERT INTO hot VALUES (1, 1000000000)")
        script = work / "hot.sql"
        script.write_text("UPDATE hot SET n = n - 1 WHERE id = 1;\n")
        command = ["pgbench", "-h", host, "-p", port, "-U", user, "-n", "-f", str(script),
                   "-c", str(clients), "-j", "2", "-T", str(seconds), SCRATCH_DB]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)[1])
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)')


# --- one run ------------------------------------------------------------------------------------


def one_run(number: int, args, env: dict, port: int, server: list, work: Path) -> dict:
    setup = _in_child(env, work / f"setup-{number}.json", "--step", "setup", "--run",
                      str(number), "--units", str(args.units), "--clients", str(args.clients))  # fmt: skip
    watcher = WebhookWatcher(setup["webhooks_after"])
    watcher.start()
    cpu_before = _cpu_snapshot([process.pid for process in server])
    tally, started, stopped, started_wall = sale(port, setup)
    waited = time.perf_counter()
    all_delivered = watcher.wait_all(WEBHOOK_WAIT_SECONDS)
    waited = time.perf_counter() - waited
    cpu = _cpu_used(cpu_before, _cpu_snapshot([process.pid for process in server]))
    db = _in_child(env, work / f"verify-{number}.json", "--step", "verify",
                   "--variant-id", str(setup["variant_id"]), "--deal-id", str(setup["deal_id"]),
                   "--webhooks-after", str(setup["webhooks_after"]))  # fmt: skip
    placed = len(tally.placings)
    sell_out = (max(tally.placed_at) - started) if tally.placed_at else stopped - started
    if watcher.last_delivered_wall is not None:
        end_to_end = watcher.last_delivered_wall - started_wall
    else:  # no webhook at all (nothing paid): the sale's own end
        end_to_end = stopped - started
    seconds = max(MIN_PGBENCH_SECONDS, round(end_to_end))
    tps = pgbench(args.clients, seconds, work)
    statuses = Counter()
    for counter in tally.statuses.values():
        statuses.update(counter)
    position = db["position"]
    escrow = {k: v for k, v in db["escrow"].items() if v}
    figures = {
        "orders_per_s": placed / sell_out if sell_out > 0 else 0.0,
        "paid_per_s": db["orders_paid"] / end_to_end if end_to_end > 0 else 0.0,
        "p50_ms": _percentile(tally.purchases, 0.50) * 1000,
        "p95_ms": _percentile(tally.purchases, 0.95) * 1000,
        "p99_ms": _percentile(tally.purchases, 0.99) * 1000,
        "placed": placed,
        "paid": len(tally.purchases),
        "sell_out_s": sell_out,
        "all_stopped_s": stopped - started,
        "end_to_end_s": end_to_end,
        "webhook_wait_s": waited,
        "units_sold": db["units_sold"],
        "stock_left": db["stock"],
        "oversold": max(0, db["units_sold"] - args.units),
        "identity_ok": position["on_hand"] == args.units
        and position["available"] == db["stock"]
        and position["available"] >= 0
        and position["reserved"] + position["sold"] == db["units_sold"],
        "server_errors": sum(n for status, n in statuses.items() if status >= 500)
        + sum(n for reason, n in tally.stops.items() if reason.startswith("connection error")),
        "webhooks_ok": all_delivered and db["webhooks_delivered"] == db["webhooks_sent"],
        "escrow_ok": escrow == {k: v for k, v in db["paid_orders_total"].items() if v},
        "ledger_ok": not db["invariant_problems"],
        "pgbench_tps": tps,
        "pgbench_seconds": seconds,
    }
    figures["ratio"] = figures["orders_per_s"] / tps if tps else 0.0
    figures["paid_ratio"] = figures["paid_per_s"] / tps if tps else 0.0
    _print_run(number, args, figures, tally, statuses, db, cpu, watcher)
    return figures


def _ms(values: list[float], share: float) -> float:
    return _percentile(values, share) * 1000


def _print_run(number, args, f, tally: Tally, statuses: Counter, db: dict, cpu: dict,
               watcher: WebhookWatcher) -> None:  # fmt: skip
    position = db["position"]
    print(f"\nrun {number}: {f['placed']} checkouts placed and {f['paid']} paid by "
          f"{args.clients} clients, sold out after {f['sell_out_s']:.2f} s (all clients stopped "
          f"at {f['all_stopped_s']:.2f} s; last webhook processed at {f['end_to_end_s']:.2f} s)")  # fmt: skip
    print(f"  orders/s placed     {f['orders_per_s']:8.1f}   (placed checkouts / time to the last "
          f"placed checkout)")  # fmt: skip
    print(f"  orders/s paid       {f['paid_per_s']:8.1f}   (orders paid / time to the last webhook "
          f"processed, end to end)")  # fmt: skip
    print(f"  purchase latency    p50 {f['p50_ms']:7.1f} ms   p95 {f['p95_ms']:7.1f} ms   "
          f"p99 {f['p99_ms']:7.1f} ms   (cart + quote + place + token + pay)")  # fmt: skip
    print(f"    of which placing  p50 {_ms(tally.placings, 0.5):7.1f} ms   p95 "
          f"{_ms(tally.placings, 0.95):7.1f} ms   p99 {_ms(tally.placings, 0.99):7.1f} ms   "
          f"(cart + quote + place)")  # fmt: skip
    steps = "   ".join(
        f"{step} p50 {_ms(tally.step_latencies[step], 0.5):.1f} ms" for step in STEPS
    )
    print(f"  per request         {steps}")
    print(f"  units sold          {f['units_sold']} (order lines: {db['lines']}, orders "
          f"{db['orders']}, checkouts {db['checkouts']}); stock left {f['stock_left']}; "
          f"deal units sold {db['deal_sold']}/{args.units}")  # fmt: skip
    verdict = "holds" if f["identity_ok"] else "FAILS"
    print(f"  oversold units      {f['oversold']}   on_hand {position['on_hand']} = available "
          f"{position['available']} + reserved {position['reserved']} + sold "
          f"{position['sold']} ({verdict}; stocked {args.units})")  # fmt: skip
    by_status = ", ".join(f"{k} {n}" for k, n in sorted(db["orders_by_status"].items()))
    print(f"  payments succeeded  {db['payments_succeeded']}   orders paid {db['orders_paid']} "
          f"(orders by status: {by_status or 'none'})")  # fmt: skip
    delivered = "all delivered" if f["webhooks_ok"] else "NOT ALL DELIVERED"
    types = ", ".join(f"{k} ×{n}" for k, n in sorted(db["webhook_types"].items()))
    print(f"  webhooks            {db['webhooks_delivered']}/{db['webhooks_sent']} delivered "
          f"({delivered}; {types or 'none'}); failed attempts {db['webhook_failed_attempts']}; "
          f"last status {db['webhook_last_status']}; waited {f['webhook_wait_s']:.1f} s after "
          f"the sale")  # fmt: skip
    outcomes = ", ".join(f"{k} {n}" for k, n in sorted(db["events_by_outcome"].items()))
    print(f"  webhook events      {sum(db['events_by_outcome'].values())} recorded "
          f"({outcomes or 'none'}); duplicate deliveries {db['events_duplicate']}")  # fmt: skip
    seen, started = watcher.last_delivered_wall, db["last_delivered_at"]
    if seen:
        lag = f"; its delivery started {seen - started:.2f} s before" if started else ""
        print(f"  last webhook        processed by {time.strftime('%H:%M:%S', time.localtime(seen))}"
              f" (seen delivered by the watcher{lag})")  # fmt: skip
    problems = db["invariant_problems"]
    print(f"  ledger invariants   {'sound' if not problems else f'{len(problems)} PROBLEMS'}   "
          f"escrow {db['escrow']} = paid orders' totals {db['paid_orders_total']} "
          f"({'equal' if f['escrow_ok'] else 'DIFFERENT'}; this run's paid orders "
          f"{db['paid_total_minor']})")  # fmt: skip
    for problem in problems[:10]:
        print(f"    ! {problem}")
    codes = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
    print(f"  responses           {codes}   (5xx or dropped connections: {f['server_errors']})")
    for step in STEPS:
        codes = ", ".join(f"{status}: {n}" for status, n in sorted(tally.statuses[step].items()))
        print(f"    {step:<6} {codes}")
    print(f"  clients stopped on  {', '.join(f'{k} ×{n}' for k, n in tally.stops.most_common())}"
          f"   (idle keep-alive connections closed by the server and reopened: "
          f"{tally.reconnects})")  # fmt: skip
    for key, text in sorted(tally.samples.items()):
        print(f"    e.g. {key}: {text}")
    busy = cpu["machine_busy"]
    capacity = cpu["machine_all"]
    print(f"  CPU, sale + webhook tail: {busy:.1f} of {capacity:.1f} CPU-s busy: web "
          f"{cpu['web']:.1f}, postgres {cpu['postgres']:.1f} (+ WAL writer etc. "
          f"{cpu['pg_shared']:.1f}), huey {cpu['huey']:.1f}, bench clients {cpu['bench']:.1f}, "
          f"other processes {cpu['other']:.1f}")  # fmt: skip
    if f["placed"]:
        per_order = {k: cpu[k] / f["placed"] * 1000 for k in ("web", "postgres", "huey")}
        print(f"  CPU per order       web {per_order['web']:.1f} ms, postgres "
              f"{per_order['postgres']:.1f} ms, huey {per_order['huey']:.1f} ms")  # fmt: skip
    print(f"  pgbench hot-row     {f['pgbench_tps']:8.1f} tps ({args.clients} clients, "
          f"{f['pgbench_seconds']} s)")  # fmt: skip
    print(f"  ratio ours/pgbench  placed {f['ratio']:.3f}   paid {f['paid_ratio']:.3f}   "
          f"(issue 5's goal for placed: ≥ {GOAL_RATIO})", flush=True)  # fmt: skip


def _failed(r: dict) -> bool:
    return bool(
        r["oversold"] or r["server_errors"] or not r["identity_ok"] or not r["webhooks_ok"]
        or not r["ledger_ok"] or not r["escrow_ok"]
    )  # fmt: skip


def _summary(results: list[dict], args) -> None:
    med = {key: statistics.median(r[key] for r in results) for key in
           ("orders_per_s", "paid_per_s", "p50_ms", "p95_ms", "p99_ms", "pgbench_tps", "ratio",
            "paid_ratio")}  # fmt: skip
    print(f"\nmedians over {len(results)} runs ({args.clients} clients, {args.units} units, "
          f"{args.workers} workers × {args.threads} threads):")  # fmt: skip
    print(f"  orders/s placed {med['orders_per_s']:.1f}   paid end to end "
          f"{med['paid_per_s']:.1f}   purchase with payment p50 {med['p50_ms']:.1f} ms   p95 "
          f"{med['p95_ms']:.1f} ms   p99 {med['p99_ms']:.1f} ms")  # fmt: skip
    print(f"  pgbench hot-row tps {med['pgbench_tps']:.1f}   ratio placed {med['ratio']:.3f} "
          f"({'meets' if med['ratio'] >= GOAL_RATIO else 'MISSES'} the goal ≥ {GOAL_RATIO})   "
          f"ratio paid {med['paid_ratio']:.3f}")  # fmt: skip
    print(f"  oversold units {sum(r['oversold'] for r in results)}   5xx "
          f"{sum(r['server_errors'] for r in results)}   stock identity "
          f"{'holds' if all(r['identity_ok'] for r in results) else 'FAILS'}, webhooks "
          f"{'all delivered' if all(r['webhooks_ok'] for r in results) else 'NOT ALL delivered'}"
          f", ledger {'sound' if all(r['ledger_ok'] and r['escrow_ok'] for r in results) else 'FAILS'}"
          f" in every run")  # fmt: skip


# --- profile ------------------------------------------------------------------------------------


class WaitSampler(threading.Thread):
    """Samples pg_stat_activity of the bench database every 10 ms: how many backends run, wait
    for a lock, for WAL, or sit idle inside a transaction (waiting for the application)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.counts: Counter = Counter()
        self.samples = 0
        self.stop = threading.Event()

    def run(self) -> None:
        import psycopg

        base, name = _server_parts(PG_URL)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            while not self.stop.is_set():
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = "
                    "'client backend' AND application_name <> %s",
                    (name, WATCHER_NAME),
                ).fetchall()
                self.samples += 1
                for state, kind, event in rows:
                    self.counts[_wait_label(state, kind, event)] += 1
                time.sleep(0.01)


def _wait_label(state, kind, event) -> str:
    if state == "idle":
        return "idle (no transaction)"
    if state and state.startswith("idle in transaction"):
        return "idle in transaction (waiting for the app)"
    if kind is None:
        return "active, running (CPU)"
    return f"active, waiting {kind}:{event}"


def _print_profile(directory: Path, sampler: WaitSampler | None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from _flash_profile import merge, report

    files = sorted(directory.glob("worker-*.json"))
    if not files:
        print("\nprofile: no worker wrote its figures")
        return
    print("\n" + report(merge([json.loads(f.read_text()) for f in files])))
    prof = sorted(directory.glob("cprofile-*.prof"))
    if prof:
        print("\ncProfile of the server's request handling (all workers), by own time:")
        stats = pstats.Stats(*map(str, prof), stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(30)
        print("by cumulative time:")
        stats.sort_stats("cumulative").print_stats(60)
    if sampler and sampler.samples:
        print(f"\nPostgreSQL backends of the bench database, sampled every 10 ms during the "
              f"sales ({sampler.samples} samples; mean backends in each state):")  # fmt: skip
        for label, n in sampler.counts.most_common():
            print(f"  {label:<52} {n / sampler.samples:6.2f}")


def _print_log(path: Path) -> None:
    """The server's log: Django logs each 4xx as a warning ("Conflict: ..."); anything else
    (a traceback) is shown."""
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    warnings = Counter(line for line in lines if re.match(r"^[A-Z][A-Za-z ]+: /", line))
    other = [line for line in lines if line not in warnings]
    print(f"\nserver log: {len(lines)} lines; 4xx warnings: "
          f"{', '.join(f'{k} ×{n}' for k, n in warnings.most_common()) or 'none'}")  # fmt: skip
    for line in other[:40]:
        print(f"  | {line}")


# --- main ---------------------------------------------------------------------------------------


def run(args) -> int:
    var_dir = Path(tempfile.mkdtemp(prefix="tradepost-flash-"))
    port = _free_port()
    env = _env(args, var_dir, port)
    server: list[subprocess.Popen] = []
    results, sampler = [], None
    try:
        _fresh_database()
        print(f"fresh database {PG_URL} (cache {REDIS_URL}), var dir {var_dir}", flush=True)
        _manage(env, "migrate", "--no-input", "--verbosity", "0")
        _manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        server = _serve(env, port, args)
        print(f"gunicorn: {args.workers} workers × {args.threads} threads (gthread), DEBUG off, "
              f"Huey consumer running{'; PROFILING' if args.profile else ''}"
              f"{'; TRYING ' + args.what_if if args.what_if else ''}", flush=True)  # fmt: skip
        if args.profile:
            sampler = WaitSampler()
        for number in range(1, args.runs + 1):
            if sampler and not sampler.is_alive():
                sampler.start()
            results.append(one_run(number, args, env, port, server, var_dir))
        if sampler:
            sampler.stop.set()
        _stop(server)
        server = []
        _print_log(var_dir / "server.log")
        if len(results) > 1:
            _summary(results, args)
        if args.profile:
            _print_profile(var_dir / "profile", sampler)
    finally:
        _stop(server)
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    failed = any(_failed(r) for r in results)
    return 1 if failed or not results else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
    parser.add_argument("--profile", action="store_true", help="time SQL/commit/Python per request")
    parser.add_argument(
        "--cprofile", action="store_true", help="--profile plus cProfile of the server's Python"
    )
    parser.add_argument(
        "--try",
        dest="what_if",
        metavar="token-touch,cart-view",
        help="--profile with suggested server changes patched in (see bench/_flash_profile.py)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    # child steps
    parser.add_argument("--step", choices=("setup", "verify"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--run", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--variant-id", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--deal-id", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--webhooks-after", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.profile = args.profile or args.cprofile or bool(args.what_if)  # all use the wrapper
    if args.step:
        child(args.step, args.out, args)
    else:
        sys.exit(run(args))


if __name__ == "__main__":
    main()
