"""Catalogue pages under load, against the production server, with a one-row baseline.

    .venv/bin/python bench/catalog.py [--products 100000] [--db sqlite|postgres]
                                      [--runs 5 --requests 2000 --concurrency 16]

Creates a fresh database (SQLite in a temporary TRADEPOST_VAR_DIR, or the PostgreSQL database
`tradepost_bench` at BENCH_DATABASE_URL with Redis at BENCH_REDIS_URL), migrates, generates
N listings with the demo generator (tradepost.demo_catalog), collects static files and starts
the web server as `make run` starts it (bin/web, DEBUG off) plus BENCH_ENDPOINTS=true. It then
measures the product page (400 random listings), the category page (leaf and inner categories,
first and later pages), the store page and the baseline /bench/row/<pk> (one row by primary
key, tiny JSON: the ceiling of any page on this machine) after a warm-up that lets each worker
cache those pages, and separately product pages that nobody viewed before (rendered afresh:
the page cache's miss path). Each figure is the median over the
runs; each page's throughput is printed as a ratio of the baseline's, with the targets of
issue 3. The server is stopped and the temporary directory removed at the end.
"""

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from load import line, measure, median_of

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tradepost_bench")
PG_REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
SAMPLE = 400  # distinct URLs per page kind
# page → (minimum ratio of the baseline's requests/s, maximum p95 in ms) at 100,000 listings
TARGETS = {"product": (0.5, 50.0), "category": (0.25, 80.0)}
FIRST_VIEW = "product, first view"  # pages nobody asked for before: no cached copy anywhere


def _env(args, var_dir: Path) -> dict:
    env = dict(os.environ, TRADEPOST_VAR_DIR=str(var_dir), DEBUG="false", BENCH_ENDPOINTS="true")
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.db == "postgres":
        env.update(DATABASE_URL=PG_URL, REDIS_URL=PG_REDIS)
    return env


def _fresh_postgres() -> None:
    import psycopg
    import redis

    base, _, name = PG_URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(PG_REDIS).flushdb()  # cached reads of an earlier run


def _manage(env: dict, *command: str) -> None:
    subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)


def generate(products: int, sellers: int, out: Path) -> None:
    """(In a child process with the bench environment.) Fill the database, write the URL lists."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradepost.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tradepost.demo_catalog import generate_catalog

    call_command("import_rates", verbosity=0)
    started = time.perf_counter()
    counts = generate_catalog(sellers=sellers, products=products)
    elapsed = time.perf_counter() - started
    print(
        f"generated {counts['products']} listings ({counts['variants']} variants, "
        f"{counts['translations']} translations, {counts['images']} image rows from "
        f"{counts['palette']} pictures) and {counts['sellers']} sellers in {elapsed:.1f} s "
        f"({counts['products'] / elapsed:.0f} listings/s)"
    )
    out.write_text(json.dumps(_paths()))


def _paths() -> dict[str, list[str]]:
    from django.db.models import Count, Max, Q

    from tradepost.catalog.models import Category, Product, ProductTranslation
    from tradepost.catalog.selectors import PER_PAGE
    from tradepost.sellers.models import Store

    rng = random.Random(7)
    top = Product.objects.aggregate(top=Max("id"))["top"]
    ids = rng.sample(range(1, top + 1), min(top, SAMPLE * 4))
    listed = [
        f"/en/p/{public_id}/{quote(slug)}/"
        for public_id, slug in ProductTranslation.objects.filter(
            product_id__in=ids, language="en", product__status="active"
        ).values_list("product__public_id", "slug")[: SAMPLE * 2]
    ]
    # the working set, and as many listings never viewed before (each one rendered afresh)
    products, first_views = listed[:SAMPLE], listed[SAMPLE:]
    counted = list(
        Category.objects.filter(prohibited=False).annotate(
            n=Count("products", filter=Q(products__status="active"))
        )
    )
    children: dict[int | None, list] = {}
    for category in counted:
        children.setdefault(category.parent_id, []).append(category)

    def listed(category) -> int:
        return category.n + sum(listed(child) for child in children.get(category.id, []))

    categories = []
    for category in counted:
        pages = -(-listed(category) // PER_PAGE)
        categories.append(f"/en/c/{quote(category.slug)}/")
        if pages > 1:  # and a later page
            categories.append(f"/en/c/{quote(category.slug)}/?page={rng.randint(2, pages)}")
    stores = [f"/en/s/{quote(slug)}/" for slug in Store.objects.values_list("slug", flat=True)]
    rows = [f"/bench/row/{pk}" for pk in Category.objects.values_list("pk", flat=True)]
    return {
        "product": products, "category": categories, "store": stores, "baseline": rows,
        FIRST_VIEW: first_views,
    }  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env: dict, port: int) -> subprocess.Popen:
    """The web server as `make run` starts it (bin/web: gunicorn and its settings)."""
    env = dict(env, HOST="127.0.0.1", PORT=str(port))
    command = [str(ROOT / "bin" / "web")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not answer /healthz within 60 s")


def _report(summary: dict[str, dict], args) -> None:
    print(f"\nmedians over {args.runs} runs, {args.requests} requests each, "
          f"concurrency {args.concurrency}, {args.products} listings, {args.db}:")  # fmt: skip
    for label, figures in summary.items():
        print("  " + line(label, figures))
    base = summary["baseline"]["rps"]
    print("\nthroughput as a ratio of the baseline (targets at 100,000 listings):")
    for label in ("product", "category", "store", FIRST_VIEW):
        ratio = summary[label]["rps"] / base if base else 0.0
        p95 = summary[label]["p95_ms"]
        if label in TARGETS:
            want_ratio, want_p95 = TARGETS[label]
            verdict = "meets" if ratio >= want_ratio and p95 <= want_p95 else "MISSES"
            target = f"target ≥ {want_ratio:.2f} and p95 ≤ {want_p95:.0f} ms: {verdict}"
        else:
            target = "no target"
        print(f"  {label:<20} {ratio:5.2f}  (p95 {p95:6.1f} ms; {target})")


def run(args) -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="tradepost-bench-"))
    env = _env(args, var_dir)
    server = None
    try:
        if args.db == "postgres":
            _fresh_postgres()
        print(f"fresh {args.db} database in {var_dir if args.db == 'sqlite' else PG_URL}")
        _manage(env, "migrate", "--no-input", "--verbosity", "0")
        paths_file = var_dir / "paths.json"
        subprocess.run(
            [PY, __file__, "--generate", str(paths_file), "--products", str(args.products),
             "--sellers", str(args.sellers)],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        paths = json.loads(paths_file.read_text())
        started = time.perf_counter()
        _manage(env, "rebuild_search_index", "--quiet")
        print(f"search index built in {time.perf_counter() - started:.1f} s", flush=True)
        _manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        port = _free_port()
        server = _serve(env, port)
        url = f"http://127.0.0.1:{port}"
        first_views = paths.pop(FIRST_VIEW)
        for urls in paths.values():  # warm-up: connections, templates, each worker's page cache
            measure(url, urls, max(200, 3 * len(urls)), 4)
        results: dict[str, list[dict]] = {label: [] for label in [*paths, FIRST_VIEW]}
        share = max(1, len(first_views) // args.runs)
        for number in range(1, args.runs + 1):
            for label, urls in paths.items():
                figures = measure(url, urls, args.requests, args.concurrency)
                results[label].append(figures)
                print(f"run {number} " + line(label, figures), flush=True)
            fresh = first_views[(number - 1) * share : number * share]
            figures = measure(url, fresh, len(fresh), args.concurrency)
            results[FIRST_VIEW].append(figures)
            print(f"run {number} " + line(FIRST_VIEW, figures), flush=True)
        _report({label: median_of(runs) for label, runs in results.items()}, args)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--sellers", type=int, default=40)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--generate", metavar="PATHS_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.products, args.sellers, Path(args.generate))
    else:
        run(args)


if __name__ == "__main__":
    main()
