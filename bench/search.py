"""Full-text search at scale: tantivy in-process, through the search page and the search API,
against PostgreSQL.

    .venv/bin/python bench/search.py [--listings 1000000] [--queries 2000] [--runs 3]
                                     [--concurrency 8] [--pg-queries 50] [--keep]
    .venv/bin/python bench/search.py --reuse DIR [--runs 3]   # a kept run's data, again

Recreates the PostgreSQL database `tradepost_bench` at BENCH_DATABASE_URL (Redis at
BENCH_REDIS_URL, flushed), as bench/catalog.py does, and refuses to when another session is
connected to it (someone else's benchmark). Then, each step in a child process:

1. generate N listings with the demo generator (deterministic seed; titles and descriptions in
   English plus several of es fr de ja ko zh-hans ru pt tr pl), then Thai titles for a share
   of them (the generator writes none) — reports the time;
2. rebuild the search index (tradepost.search.services.rebuild) into the temporary directory —
   reports listings/s and the size on disk;
3. build a fixed, deterministic mix of queries from the generated vocabulary: broad (one English
   word), two words, filtered (category + price range + ship-from country), fuzzy (a misspelt
   word), Japanese, Chinese, Thai and Russian — each with facet counts and the storefront's
   price buckets (search.prices.bucket_edges("EUR"));
4. runs the mix in-process (search.selectors.search) after a warm-up pass: p50/p95/p99 per
   kind and overall, pooled over the runs;
5. builds a PostgreSQL full-text baseline on the same listings (a bench-only table with one
   tsvector per listing, per-language text search configurations, a GIN index) and runs the
   first --pg-queries queries of the kinds PostgreSQL can answer (broad, two words, filtered,
   Russian): page (ORDER BY ts_rank, LIMIT PER_PAGE) + COUNT, against tantivy on the same
   queries;
6. starts the web server as `make run` does (bin/web, DEBUG off) on the built index and
   requests the search page /<lang>/search/?q=... for the whole mix at --concurrency, every
   URL once per run (each request on a new connection: the server closes each after its
   response, and the client opens the next, as a browser does). Every measured request is a
   page-cache MISS: each URL carries a tag (&bench=r<run>q<n>, ignored by the page) that was
   never requested before in the server's life. Display currency EUR (cookie), so the page's price filters and buckets are the
   in-process ones. The per-IP search budget (RATE_LIMIT_SEARCH) is raised out of reach: all
   the load comes from one address. Any error stops the HTTP step (no figures from 429s).
   The first pass over the mix ("cold") is also the server's warm-up: it is the only one where
   the caches below the page cache (per-process product cards, category tree, rates) are cold
   for each query's first occurrence; in the measured runs they are warm, since the same
   query texts come again under new tags.
7. on the same server, the same mix through the JSON API GET /api/v1/search (same parameters:
   q, lang, category, ship_from_country, min/max_price_minor in EUR, currency=EUR, one page of
   the page's size, facet counts), at the same concurrency and with the same raised budget.
   The API has no whole-response cache; its URLs carry the same kind of never-seen tag
   (&bench=..., an unknown parameter the API ignores) so that one added later would still be
   missed. Cold pass first, then the measured runs, each run right after the page's run of the
   same number (the two alternate, so a noisy neighbour weighs on both alike).
   Each HTTP run also reports the CPU time per request of the server, PostgreSQL, Redis, the
   load generator and everything else on the machine (from /proc): at a fixed concurrency on
   a small machine, latency follows the CPU a request costs in total.

--reuse DIR runs steps 4, 6 and 7 again on a directory kept by --keep (its database, named by
BENCH_DATABASE_URL, must be the one that run built and must be left as it was) and prints the
summary with the kept figures of steps 1-3 and 5: before/after figures for a code change
without generating the data again.

Prints a summary with the targets of issue 4 (at 1,000,000 listings: in-process p95 ≤ 30 ms,
page and API HTTP p95 ≤ 60 ms, ≥ 10× faster than PostgreSQL on broad queries), stops the server and removes
the temporary directory (unless --keep). The database is left as it is (the next run drops it).
"""

import argparse
import http.client
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from catalog import PG_REDIS, PG_URL, PY, ROOT, _free_port, _manage, _serve

SEED = 2026  # the demo generator's
MIX_SEED = 4
SELLERS = 40
THAI_SHARE = 0.3  # listings given a Thai title and description
KINDS = ("broad", "two-word", "filtered", "fuzzy", "cjk-ja", "cjk-zh", "thai", "cyrillic")
PG_KINDS = ("broad", "two-word", "filtered", "cyrillic")  # what PostgreSQL FTS can answer
LANGUAGE = {"cjk-ja": "ja", "cjk-zh": "zh-hans", "thai": "th", "cyrillic": "ru"}  # else en
PRICE_RANGES_EUR = ((None, 10), (10, 25), (25, 50), (50, 100), (100, 250), (250, None))
TARGET_INPROCESS_P95 = 30.0  # ms, at 1,000,000 listings
TARGET_HTTP_P95 = 60.0
TARGET_PG_SPEEDUP = 10.0  # broad queries
STOP_WORDS = {"with", "for", "and", "the"}
# All the load comes from one address: the per-IP search budget (120/m) is lifted, still counted.
SEARCH_BUDGET = "100000000/m"

# Thai, in the order of tradepost.demo_catalog.kinds.KINDS (one kind per leaf category).
THAI_NOUNS = (
    "ชุดเดรส|เสื้อเบลาส์|เสื้อยืด|เสื้อฮู้ด|รองเท้าผ้าใบ|กระเป๋าเป้|เคสโทรศัพท์|พาวเวอร์แบงค์"
    "|ที่ชาร์จ USB-C|หูฟังไร้สาย|ลำโพงบลูทูธ|สมาร์ทวอทช์|แฟลชไดรฟ์ USB|กระทะ|มีดเชฟ|ขวดน้ำ"
    "|โคมไฟตั้งโต๊ะ LED|กรรไกรตัดกิ่ง|เสื่อโยคะ|ชุดดัมเบล|เต็นท์แคมปิ้ง|ครีมบำรุงผิวหน้า"
    "|ชุดแปรงแต่งหน้า|แคปซูลวิตามินดี3|ยาแก้ปวด|ชุดตัวต่อ|ตุ๊กตาหมี|รถบังคับ|สร้อยคอจี้"
    "|นาฬิกาควอตซ์|กล้องติดรถยนต์"
).split("|")
THAI_QUALIFIERS = ("รุ่นปี 2026", "พร้อมกล่องของขวัญ", "คุณภาพพรีเมียม", "ส่งตรงจากโรงงาน")
THAI_DESCRIPTION = "{noun} จาก {store} ตรวจสอบสินค้าทุกชิ้นก่อนจัดส่ง โดยปกติภายใน {days} วันทำการ"

# PostgreSQL text search configurations for the catalogue's languages ('simple' for the rest).
PG_CONFIGS = {
    "en": "english", "es": "spanish", "fr": "french", "de": "german", "ru": "russian",
    "pt": "portuguese", "tr": "turkish", "it": "italian", "nl": "dutch", "ar": "arabic",
    "id": "indonesian",
}  # fmt: skip


# --- child processes (Django) -----------------------------------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tradepost.settings")
    import django

    django.setup()


def step_generate(args, work: Path) -> dict:
    from django.core.management import call_command

    from tradepost.demo_catalog import generate_catalog

    call_command("import_rates", verbosity=0)
    started = time.perf_counter()
    counts = generate_catalog(
        sellers=SELLERS, products=args.listings, seed=SEED, images=not args.no_images
    )
    seconds = time.perf_counter() - started
    print(
        f"generated {counts['products']} listings ({counts['translations']} translations, "
        f"{counts['variants']} variants, {counts['images']} image rows) in {seconds:.1f} s "
        f"({counts['products'] / seconds:.0f} listings/s)",
        flush=True,
    )
    started = time.perf_counter()
    thai = add_thai(random.Random(SEED + 1))
    thai_seconds = time.perf_counter() - started
    print(f"added {thai} Thai translations in {thai_seconds:.1f} s", flush=True)
    analyse()
    return {"seconds": seconds, "listings": counts["products"], "thai": thai,
            "thai_seconds": thai_seconds}  # fmt: skip


def add_thai(rng: random.Random) -> int:
    """A Thai title and description for THAI_SHARE of the listings, as the generator writes
    the other languages (brand, noun, model; sometimes a qualifier)."""
    from tradepost.catalog.models import Category, Product, ProductTranslation
    from tradepost.catalog.services.fields import slug_for
    from tradepost.demo_catalog.kinds import KINDS as DEMO_KINDS
    from tradepost.demo_catalog.products import MODELS
    from tradepost.demo_catalog.rows import Rows

    slugs = dict(Category.objects.values_list("id", "slug"))
    nouns = {kind.category: noun for kind, noun in zip(DEMO_KINDS, THAI_NOUNS, strict=True)}
    rows = Rows(ProductTranslation)
    listings = (
        Product.objects.order_by("id")
        .values_list("id", "category_id", "brand", "store__name")
        .iterator(chunk_size=10_000)
    )
    for product_id, category_id, brand, store in listings:
        if rng.random() >= THAI_SHARE:
            continue
        noun = nouns[slugs[category_id]]
        title = " ".join(filter(None, (brand, noun, f"{rng.choice(MODELS)} {rng.randint(1, 99)}")))
        if rng.random() < 0.5:
            title += " – " + rng.choice(THAI_QUALIFIERS)
        description = THAI_DESCRIPTION.format(noun=noun, store=store, days=rng.randint(1, 5))
        rows.add({"product_id": product_id, "language": "th", "title": title,
                  "slug": slug_for(title), "description": description})  # fmt: skip
    rows.flush()
    return rows.total


def analyse() -> None:
    """Planner statistics for the bulk-loaded tables. Production has autovacuum for that; without
    them PostgreSQL picks plans that are hundreds of times slower (a sequential scan of the
    images for a page of cards), and the page would measure that instead of search."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        cursor.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s "
          f"(autovacuum is {autovacuum} on this server)", flush=True)  # fmt: skip


def step_index(args, work: Path) -> dict:
    from tradepost.search import services

    started = time.perf_counter()
    done = services.rebuild()
    seconds = time.perf_counter() - started
    size = _du_mb(work / "search")
    print(f"indexed {done} listings in {seconds:.1f} s ({done / seconds:.0f} listings/s), "
          f"index {size:.0f} MB on disk", flush=True)  # fmt: skip
    return {"listings": done, "seconds": seconds, "size_mb": size}


def _du_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


# --- the query mix ----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [
        w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 3 and w not in STOP_WORDS
    ]


def _misspellings(word: str) -> list[str]:
    """A letter dropped, two letters swapped, one doubled: deterministic typos."""
    middle = len(word) // 2
    return [
        word[:middle] + word[middle + 1 :],
        word[0] + word[2] + word[1] + word[3:],
        word[: middle + 1] + word[middle] + word[middle + 1 :],
    ]


def _vocabulary(brands: list[str]) -> dict[str, list[str]]:
    """Candidate query texts per kind, from the generator's own words."""
    from tradepost.demo_catalog.kinds import KINDS as DEMO_KINDS
    from tradepost.demo_catalog.kinds import QUALIFIERS, WHOLESALE

    english = [kind.noun("en") for kind in DEMO_KINDS]
    extras = [q.split("|")[0] for q in QUALIFIERS] + [WHOLESALE.split("|")[0]]
    broad = list(dict.fromkeys(w for text in english + extras for w in _words(text)))
    known = set(broad) | {w.lower() for w in brands}
    two = [" ".join(_words(n)[:2]) for n in english if len(_words(n)) >= 2]
    two += [f"{b} {w}" for b in brands[:12] for w in broad[:30:3]]
    two += [f"{w} {q}" for w in broad[:40:4] for q in ("premium", "wholesale", "gift")]
    typos = (t for w in broad if len(w) >= 6 for t in _misspellings(w))
    fuzzy = [t for t in typos if len(t) >= 5 and t not in known]  # 5+ letters: fuzzy matched
    ja = [kind.noun("ja").replace(" ", "") for kind in DEMO_KINDS]
    zh = [kind.noun("zh-hans") for kind in DEMO_KINDS]
    russian = [kind.noun("ru") for kind in DEMO_KINDS]
    return {
        "broad": broad,
        "two-word": list(dict.fromkeys(two)),
        "fuzzy": list(dict.fromkeys(fuzzy)),
        "cjk-ja": ja + [n[-3:] for n in ja if len(n) >= 5],
        "cjk-zh": zh + [n[-2:] for n in zh if len(n) >= 3],
        "thai": THAI_NOUNS + [n.split()[0] for n in THAI_NOUNS if " " in n],
        "cyrillic": russian + [w for n in russian for w in _words(n) if len(w) >= 5],
    }


def _filtered(rng: random.Random, count: int) -> list[dict]:
    """Queries built from real listings: a word of the listing's noun, its parent category,
    its store's country and the price range it falls in (so most find something)."""
    from tradepost.catalog.models import Category
    from tradepost.demo_catalog.kinds import KINDS as DEMO_KINDS
    from tradepost.search import documents

    categories = {c.id: c for c in Category.objects.all()}
    nouns = {kind.category: kind.noun("en") for kind in DEMO_KINDS}
    normalise = documents.PriceNormaliser()
    public = documents.public_products()
    top = public.order_by("-id").values_list("id", flat=True).first()
    sample = sorted(rng.sample(range(1, top + 1), min(top, count * 2)))
    rows = (
        public.filter(id__in=sample)
        .order_by("id")
        .values_list(
            "category_id", "store__country", "min_price_minor", "store__settlement_currency"
        )
    )
    found = []
    for category_id, country, price, currency in list(rows)[:count]:
        leaf = categories[category_id]
        parent = categories.get(leaf.parent_id, leaf)
        eur = normalise(price, currency) or 0
        low, high = next((lo, hi) for lo, hi in PRICE_RANGES_EUR if (hi is None or eur < hi * 100))
        found.append({
            "text": rng.choice(_words(nouns[leaf.slug])), "category_id": parent.id,
            "category": parent.slug, "country": str(country),
            "min_price": low * 100 if low else None, "max_price": high * 100 - 1 if high else None,
        })  # fmt: skip
    return found


def step_mix(args, work: Path) -> dict:
    from tradepost.catalog.models import Product
    from tradepost.catalog.selectors import PER_PAGE

    rng = random.Random(MIX_SEED)
    brands = sorted(set(Product.objects.exclude(brand="").values_list("brand", flat=True)))
    vocabulary = _vocabulary(brands)
    share = -(-args.queries // len(KINDS))
    mix = [{"kind": "filtered", **q} for q in _filtered(rng, share)]
    for kind, texts in vocabulary.items():
        mix += [{"kind": kind, "text": rng.choice(texts)} for _ in range(share)]
    rng.shuffle(mix)
    mix = mix[: max(args.queries, len(KINDS))]
    for query in mix:
        query["language"] = LANGUAGE.get(query["kind"], "en")
    counts = {kind: sum(q["kind"] == kind for q in mix) for kind in KINDS}
    print(f"query mix: {len(mix)} queries " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    return {"mix": mix, "per_page": PER_PAGE}


# --- in-process latency -----------------------------------------------------------------------


def _params(query: dict, edges: tuple[int, ...]):
    from tradepost.catalog.selectors import PER_PAGE
    from tradepost.search.selectors import SearchParams

    return SearchParams(
        text=query["text"], language=query["language"], category_id=query.get("category_id"),
        country=query.get("country"), min_price=query.get("min_price"),
        max_price=query.get("max_price"), sort="relevance", page=1, per_page=PER_PAGE,
        facets=True, price_edges=edges,
    )  # fmt: skip


def step_inprocess(args, work: Path) -> dict:
    from tradepost.search import prices, selectors

    mix = json.loads((work / "mix.json").read_text())["mix"]
    edges = prices.bucket_edges("EUR")[1]
    params = [_params(q, edges) for q in mix]
    results = [selectors.search(p) for p in params]  # warm-up pass
    latencies: list[list[float]] = [[] for _ in mix]
    for _run in range(args.runs):
        for number, p in enumerate(params):
            started = time.perf_counter()
            selectors.search(p)
            latencies[number].append((time.perf_counter() - started) * 1000)
    summary = {kind: _stats(_pool(mix, latencies, kind)) for kind in KINDS}
    summary["overall"] = _stats([ms for one in latencies for ms in one])
    print(f"in-process, {args.runs} runs of {len(mix)} queries after a warm-up pass:")
    for kind, figures in summary.items():
        print("  " + _stats_line(kind, figures))
    return {
        "latencies": latencies, "totals": [r.total for r in results],
        "fuzzy": [r.fuzzy for r in results], "edges": list(edges), "summary": summary,
    }  # fmt: skip


def _pool(mix: list[dict], latencies: list[list[float]], kind: str) -> list[float]:
    return [ms for q, one in zip(mix, latencies, strict=True) if q["kind"] == kind for ms in one]


# --- PostgreSQL full-text baseline ------------------------------------------------------------


def _config_case(column: str) -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{cfg}'::regconfig" for code, cfg in PG_CONFIGS.items())
    return f"CASE {column} {whens} ELSE 'simple'::regconfig END"


def _rates_to_eur() -> dict[str, float]:
    """Per store currency: the factor from its minor units to euro cents (newest rate)."""
    from tradepost.money import currencies, fx
    from tradepost.sellers.models import Store

    factors = {}
    for code in Store.objects.values_list("settlement_currency", flat=True).distinct():
        rate = fx.get_rate(code, "EUR").value
        factors[code] = float(rate) * 10 ** (currencies.exponent("EUR") - currencies.exponent(code))
    return factors


def _build_fts(cursor) -> None:
    from tradepost.catalog.models import Product, ProductTranslation
    from tradepost.search import documents
    from tradepost.sellers.models import Store

    public_sql, public_params = documents.public_products().values("id").query.sql_with_params()
    cursor.execute("DROP TABLE IF EXISTS bench_fts, bench_rates")
    cursor.execute("DROP AGGREGATE IF EXISTS bench_tsvector_agg(tsvector)")
    cursor.execute(
        "CREATE AGGREGATE bench_tsvector_agg(tsvector) "
        "(SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')"
    )
    cursor.execute("CREATE TABLE bench_rates (currency text PRIMARY KEY, factor float8)")
    cursor.executemany("INSERT INTO bench_rates VALUES (%s, %s)", list(_rates_to_eur().items()))
    cursor.execute(
        f"""CREATE TABLE bench_fts AS
        SELECT p.id, p.category_id, s.country, round(p.min_price_minor * r.factor)::bigint AS price,
               bench_tsvector_agg(to_tsvector({_config_case("t.language")},
                                              t.title || ' ' || t.description)) AS tsv
        FROM {Product._meta.db_table} p
        JOIN {Store._meta.db_table} s ON s.id = p.store_id
        JOIN bench_rates r ON r.currency = s.settlement_currency
        JOIN {ProductTranslation._meta.db_table} t ON t.product_id = p.id
        WHERE p.id IN ({public_sql})
        GROUP BY p.id, s.country, r.factor""",
        public_params,
    )
    cursor.execute("CREATE INDEX bench_fts_tsv ON bench_fts USING gin (tsv)")
    for column in ("category_id", "country", "price"):
        cursor.execute(f"CREATE INDEX bench_fts_{column} ON bench_fts ({column})")
    cursor.execute("VACUUM ANALYZE bench_fts")


def _descendants() -> dict[int, list[int]]:
    from tradepost.catalog.models import Category

    parents = dict(Category.objects.values_list("id", "parent_id"))
    found: dict[int, list[int]] = {pk: [] for pk in parents}
    for pk in parents:
        node = pk
        while node is not None:
            found[node].append(pk)
            node = parents[node]
    return found


def _pg_search(cursor, query: dict, subtree: dict[int, list[int]], limit: int) -> int:
    cfg = PG_CONFIGS.get(query["language"], "simple")
    where, params = ["tsv @@ query"], [cfg, query["text"]]
    if query.get("category_id") is not None:
        where.append("category_id = ANY(%s)")
        params.append(subtree[query["category_id"]])
    for column, op, key in (("country", "=", "country"), ("price", ">=", "min_price"),
                            ("price", "<=", "max_price")):  # fmt: skip
        if query.get(key) is not None:
            where.append(f"{column} {op} %s")
            params.append(query[key])
    source = "FROM bench_fts, plainto_tsquery(%s::regconfig, %s) query WHERE " + " AND ".join(where)
    cursor.execute(f"SELECT id {source} ORDER BY ts_rank(tsv, query) DESC LIMIT {limit}", params)
    cursor.fetchall()
    cursor.execute(f"SELECT count(*) {source}", params)
    return cursor.fetchone()[0]


def pg_sample(mix: list[dict], per_kind: int) -> list[int]:
    """Positions in the mix of the queries sent to PostgreSQL: the first `per_kind` of each."""
    chosen = []
    for kind in PG_KINDS:
        chosen += [n for n, q in enumerate(mix) if q["kind"] == kind][:per_kind]
    return sorted(chosen)


def step_pg(args, work: Path) -> dict:
    from django.db import connection

    from tradepost.catalog.selectors import PER_PAGE

    mix = json.loads((work / "mix.json").read_text())["mix"]
    sample = pg_sample(mix, args.pg_queries)
    subtree = _descendants()
    with connection.cursor() as cursor:
        started = time.perf_counter()
        _build_fts(cursor)
        seconds = time.perf_counter() - started
        cursor.execute("SELECT pg_total_relation_size('bench_fts'), count(*) FROM bench_fts")
        size, rows = cursor.fetchone()
        print(f"PostgreSQL FTS table and indexes: {rows} rows, {size / 2**20:.0f} MB, "
              f"built in {seconds:.1f} s", flush=True)  # fmt: skip
        for n in sample:  # warm-up pass
            _pg_search(cursor, mix[n], subtree, PER_PAGE)
        latencies, totals = {}, {}
        for n in sample:
            started = time.perf_counter()
            totals[n] = _pg_search(cursor, mix[n], subtree, PER_PAGE)
            latencies[n] = (time.perf_counter() - started) * 1000
    return {"latencies": latencies, "totals": totals, "seconds": seconds,
            "size_mb": size / 2**20, "rows": rows, "limit": PER_PAGE}  # fmt: skip


STEPS = {
    "generate": step_generate, "index": step_index, "mix": step_mix,
    "inprocess": step_inprocess, "pg": step_pg,
}  # fmt: skip


def run_step(args) -> None:
    _django()
    work = Path(args.work)
    load = os.getloadavg()[0]
    result = STEPS[args.step](args, work)
    result["load"] = (load, os.getloadavg()[0])  # the machine is shared: noise to judge by
    (work / f"{args.step}.json").write_text(json.dumps(result))


# --- statistics -------------------------------------------------------------------------------


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50": _percentile(ordered, 0.50),
        "p95": _percentile(ordered, 0.95),
        "p99": _percentile(ordered, 0.99),
    }


def _stats_line(label: str, figures: dict) -> str:
    return (
        f"{label:<10} n {figures['n']:5d}  p50 {figures['p50']:7.2f} ms  "
        f"p95 {figures['p95']:7.2f} ms  p99 {figures['p99']:7.2f} ms"
    )


# --- the search page over HTTP ----------------------------------------------------------------

HEADERS = {"Accept-Language": "en", "Cookie": "tp_currency=EUR"}


def page_path(query: dict, tag: str) -> str:
    params = {"q": query["text"]}
    if query.get("category"):
        params["category"] = query["category"]
    if query.get("country"):
        params["ship_from"] = query["country"]
    for key in ("min_price", "max_price"):
        if query.get(key) is not None:
            params[key] = f"{query[key] / 100:.2f}"  # EUR, the display currency
    params["bench"] = tag  # never seen before by the server: a page-cache miss
    return f"/{query['language']}/search/?{urlencode(params)}"


def api_path(query: dict, tag: str, per_page: int) -> str:
    """The same search through GET /api/v1/search: prices in EUR minor units (currency=EUR)."""
    params = {"q": query["text"], "lang": query["language"], "currency": "EUR"}
    if query.get("category"):
        params["category"] = query["category"]
    if query.get("country"):
        params["ship_from_country"] = query["country"]
    for key in ("min_price", "max_price"):
        if query.get(key) is not None:
            params[f"{key}_minor"] = query[key]
    params["limit"] = per_page
    params["bench"] = tag  # ignored by the API; a miss of any whole-response cache
    return f"/api/v1/search?{urlencode(params)}"


def _client(host: str, port: int, jobs, latencies: list, errors: list, lock) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    while True:
        with lock:
            job = next(jobs, None)
        if job is None:
            break
        number, path = job
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=HEADERS)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)
            status = type(error).__name__
        with lock:
            if status == 200:
                latencies[number] = (time.perf_counter() - started) * 1000
            else:
                errors.append(status)
    conn.close()


PROCESS_KINDS = (("gunicorn", "server"), ("postgres", "PostgreSQL"), ("redis-server", "Redis"))


def cpu_seconds() -> dict[str, float]:
    """CPU time (user + system) used so far by the machine's processes, by kind: the web
    server, PostgreSQL, Redis, this load generator, everything else. Read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found = dict.fromkeys([label for _, label in PROCESS_KINDS] + ["client", "other"], 0.0)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        label = next((label for name, label in PROCESS_KINDS if name in command), "other")
        if entry.name == str(os.getpid()):
            label = "client"
        found[label] += (int(fields[11]) + int(fields[12])) / tick
    return found


def measure_each(port: int, paths: list[str], concurrency: int) -> dict:
    """Every path requested exactly once, by `concurrency` closed-loop clients; with the CPU
    time each kind of process spent per request meanwhile (where the machine's time went)."""
    latencies: list[float | None] = [None] * len(paths)
    errors: list = []
    lock = threading.Lock()
    jobs = iter(enumerate(paths))
    threads = [
        threading.Thread(target=_client, args=("127.0.0.1", port, jobs, latencies, errors, lock))
        for _ in range(concurrency)
    ]
    cpu_before = cpu_seconds()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = {k: (v - cpu_before[k]) * 1000 / len(paths) for k, v in cpu_seconds().items()}
    done = [ms for ms in latencies if ms is not None]
    if errors:
        print(f"  errors: {dict(Counter(errors))}", flush=True)
    return {"latencies": latencies, "rps": len(done) / elapsed, "errors": len(errors),
            "cpu_ms": cpu, **_stats(done)}  # fmt: skip


def _http_line(label: str, figures: dict) -> str:
    cpu = figures.get("cpu_ms", {})
    return (
        f"{label}: {figures['rps']:6.1f} req/s  p50 {figures['p50']:7.2f} ms  "
        f"p95 {figures['p95']:7.2f} ms  p99 {figures['p99']:7.2f} ms  errors {figures['errors']}"
        + (f"\n    {_cpu_line(cpu)}" if cpu else "")
    )


def _cpu_line(cpu: dict[str, float]) -> str:
    parts = ", ".join(f"{label} {ms:.2f}" for label, ms in cpu.items())
    return f"CPU ms per request: {parts} (total {sum(cpu.values()):.2f})"


def run_http(args, env: dict, mix: list[dict], per_page: int) -> dict:
    """The page, then the API: a cold pass each, then `--runs` measured runs of each, alternating."""
    _manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    load = os.getloadavg()[0]
    port = _free_port()
    server = _serve(env, port)
    targets = {
        "page": lambda q, tag: page_path(q, tag),
        "api": lambda q, tag: api_path(q, tag, per_page),
    }
    found = {name: {"runs": []} for name in targets}
    try:
        for name, path_of in targets.items():
            paths = [path_of(q, f"w{n}") for n, q in enumerate(mix)]
            cold = found[name]["cold"] = measure_each(port, paths, args.concurrency)
            print(_http_line(f"HTTP {name} cold pass = warm-up ({len(paths)} misses, caches "
                             f"below the page cache cold)", cold), flush=True)  # fmt: skip
            if cold["errors"]:
                raise SystemExit(f"the search {name} answered with errors: no HTTP figures")
        for number in range(1, args.runs + 1):
            for name, path_of in targets.items():
                paths = [path_of(q, f"r{number}q{n}") for n, q in enumerate(mix)]
                figures = measure_each(port, paths, args.concurrency)
                found[name]["runs"].append(figures)
                print(_http_line(f"HTTP {name} run {number}: {len(paths)} misses at concurrency "
                                 f"{args.concurrency}", figures), flush=True)  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {**found["page"], "api": found["api"], "load": (load, os.getloadavg()[0])}


# --- orchestration ----------------------------------------------------------------------------


def _env(work: Path) -> dict:
    env = dict(os.environ, TRADEPOST_VAR_DIR=str(work), DEBUG="false",
               SEARCH_INDEX_DIR=str(work / "search"), DATABASE_URL=PG_URL,
               REDIS_URL=PG_REDIS, RATE_LIMIT_SEARCH=SEARCH_BUDGET)  # fmt: skip
    env.pop("CACHE_KEY_PREFIX", None)
    return env


def fresh_postgres() -> None:
    """Drop and create the bench database, unless another session is using it."""
    import psycopg
    import redis

    base, _, name = PG_URL.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        others = conn.execute(
            "SELECT pid, application_name, state FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchall()
        if others:
            raise SystemExit(f"database {name} is in use (another benchmark?): {others}")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(PG_REDIS).flushdb()


def child(args, env: dict, step: str) -> dict:
    command = [PY, __file__, "--step", step, "--work", str(args.work)]
    for option in ("listings", "queries", "runs", "pg_queries"):
        command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
    command += ["--no-images"] if args.no_images else []
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return json.loads((Path(args.work) / f"{step}.json").read_text())


def run(args) -> None:
    work = Path(tempfile.mkdtemp(prefix="tradepost-bench-search-"))
    args.work = str(work)
    env = _env(work)
    try:
        fresh_postgres()
        print(f"fresh database {PG_URL}, work directory {work}", flush=True)
        _manage(env, "migrate", "--no-input", "--verbosity", "0")
        results = {step: child(args, env, step) for step in STEPS}
        results["http"] = run_http(args, env, results["mix"]["mix"], _per_page(results))
        summarise(args, results)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


def _per_page(results: dict) -> int:
    return results["mix"].get("per_page", 24)  # 24: catalog.selectors.PER_PAGE when it was kept


def rerun(args) -> None:
    """Steps 4, 6 and 7 again on a kept directory and its database (see --reuse)."""
    work = Path(args.reuse).resolve()
    args.work = str(work)
    env = _env(work)
    results = {step: json.loads((work / f"{step}.json").read_text()) for step in STEPS}
    args.listings = results["generate"]["listings"]
    print(f"reusing {work} and {PG_URL} ({results['index']['listings']} listings indexed)")
    results["inprocess"] = child(args, env, "inprocess")
    results["http"] = run_http(args, env, results["mix"]["mix"], _per_page(results))
    summarise(args, results)


# --- summary ----------------------------------------------------------------------------------


def _verdict(ok: bool, errors: int = 0) -> str:
    if errors:
        return "INVALID (errors)"
    return "meets" if ok else "MISSES"


def _summary_inprocess(args, results: dict) -> None:
    summary = results["inprocess"]["summary"]
    mix = results["mix"]["mix"]
    fuzzy, totals = results["inprocess"]["fuzzy"], results["inprocess"]["totals"]
    print(f"\nin-process search() with facets, pooled over {args.runs} runs "
          f"(target p95 ≤ {TARGET_INPROCESS_P95:.0f} ms at 1,000,000 listings):")  # fmt: skip
    print(f"  {'kind':<10} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'mean total':>11} {'fuzzy path':>10}  target")  # fmt: skip
    for kind, figures in summary.items():
        positions = [n for n, q in enumerate(mix) if kind in ("overall", q["kind"])]
        mean_total = statistics.fmean(totals[n] for n in positions)
        fuzzy_share = sum(fuzzy[n] for n in positions) / len(positions)
        print(f"  {kind:<10} {figures['n']:5d} {figures['p50']:8.2f} {figures['p95']:8.2f} "
              f"{figures['p99']:8.2f} {mean_total:11.0f} {fuzzy_share:9.0%}  "
              f"{_verdict(figures['p95'] <= TARGET_INPROCESS_P95)}")  # fmt: skip


def _summary_http(args, results: dict, name: str) -> float:
    found = results["http"] if name == "page" else results["http"][name]
    runs, cold = found["runs"], found["cold"]
    mix = results["mix"]["mix"]
    what = {
        "page": "search page /<lang>/search/ over HTTP, every request a page-cache MISS (URL new "
        "to the server)",
        "api": "search API GET /api/v1/search over HTTP (JSON, same parameters and facets; no "
        "response cache, URLs new to the server all the same)",
    }[name]
    print(f"\n{what}, bin/web as `make run` starts it, concurrency {args.concurrency}, medians over "
          f"{len(runs)} runs (target p95 ≤ {TARGET_HTTP_P95:.0f} ms):")  # fmt: skip
    print(f"  cold pass (first of the server's life, caches below the page cache cold): "
          f"{cold['rps']:.1f} req/s, p50 {cold['p50']:.1f}, p95 {cold['p95']:.1f}, "
          f"p99 {cold['p99']:.1f} ms")  # fmt: skip
    print("  measured runs (misses; card and other caches warm from the cold passes):")
    for name in ("rps", "p50", "p95", "p99"):
        values = ", ".join(f"{r[name]:.1f}" for r in runs)
        print(f"  {name:<4} {statistics.median(r[name] for r in runs):8.1f}   (runs: {values})")
    if all("cpu_ms" in r for r in runs):
        labels = runs[0]["cpu_ms"]
        medians = {k: statistics.median(r["cpu_ms"][k] for r in runs) for k in labels}
        print(f"  {_cpu_line(medians)}, medians")
    p95 = statistics.median(r["p95"] for r in runs)
    errors = sum(r["errors"] for r in runs)
    print(f"  errors {errors};  p95 target: {_verdict(p95 <= TARGET_HTTP_P95, errors)}")
    print("  per kind, pooled over the runs:")
    for kind in KINDS:
        pooled = [r["latencies"][n] for r in runs for n, q in enumerate(mix) if q["kind"] == kind]
        print("    " + _stats_line(kind, _stats([ms for ms in pooled if ms is not None])))
    return p95


def _summary_targets(args, results: dict) -> None:
    print(f"\nHTTP at concurrency {args.concurrency}, medians over {args.runs} runs "
          f"(target p95 ≤ {TARGET_HTTP_P95:.0f} ms at 1,000,000 listings):")  # fmt: skip
    for name in ("page", "api"):
        found = results["http"] if name == "page" else results["http"][name]
        runs = found["runs"]
        rps, p50, p95 = (statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p95"))
        errors = sum(r["errors"] for r in runs)
        print(f"  {name:<5} {rps:7.1f} req/s  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
              f"{_verdict(p95 <= TARGET_HTTP_P95, errors)}")  # fmt: skip


def _summary_pg(args, results: dict) -> None:
    mix = results["mix"]["mix"]
    pg, tantivy = results["pg"], results["inprocess"]
    print(f"\nPostgreSQL FTS baseline: one tsvector per listing over every translation's title + "
          f"description (per-language configurations: {', '.join(sorted(set(PG_CONFIGS.values())))};"
          f" 'simple' for the others), GIN index, {pg['size_mb']:.0f} MB; page ORDER BY ts_rank "
          f"LIMIT {pg['limit']} (the page's size) + COUNT, one pass after a warm-up; tantivy on "
          f"the same queries, with facets (which PostgreSQL does not compute); speed-up = PG p50 "
          f"/ tantivy p50:")  # fmt: skip
    print(f"  {'kind':<10} {'n':>3} {'PG p50':>9} {'PG p95':>9} {'tv p50':>8} {'tv p95':>8} "
          f"{'tv/PG p50':>9} {'tv/PG p95':>9} {'speed-up':>8} {'PG total':>9} {'tv total':>9}")  # fmt: skip
    for kind in PG_KINDS:
        positions = [int(n) for n in pg["latencies"] if mix[int(n)]["kind"] == kind]
        if not positions:
            continue
        theirs = _stats([pg["latencies"][str(n)] for n in positions])
        ours = _stats([ms for n in positions for ms in tantivy["latencies"][n]])
        speedup = theirs["p50"] / ours["p50"] if ours["p50"] else 0.0
        target = ""
        if kind == "broad":
            target = (
                f"  target ≥ {TARGET_PG_SPEEDUP:.0f}×: {_verdict(speedup >= TARGET_PG_SPEEDUP)}"
            )
        print(f"  {kind:<10} {len(positions):3d} {theirs['p50']:9.2f} {theirs['p95']:9.2f} "
              f"{ours['p50']:8.2f} {ours['p95']:8.2f} {ours['p50'] / theirs['p50']:9.3f} "
              f"{ours['p95'] / theirs['p95']:9.3f} {speedup:7.1f}× "
              f"{statistics.fmean(pg['totals'][str(n)] for n in positions):9.0f} "
              f"{statistics.fmean(tantivy['totals'][n] for n in positions):9.0f}{target}")  # fmt: skip
    print("  (fuzzy, Japanese, Chinese and Thai queries have no PostgreSQL FTS equivalent without "
          "extensions: not compared)")  # fmt: skip
    if args.reuse:
        print("  (--reuse: the PostgreSQL figures are the kept run's, tantivy's are measured now; "
              "on a shared machine the two moments' loads differ — see the load averages)")  # fmt: skip


def summarise(args, results: dict) -> None:
    generated, indexed = results["generate"], results["index"]
    print(f"\n=== search benchmark: {args.listings} listings requested, {generated['listings']} "
          f"generated, {indexed['listings']} indexed (public) ===")  # fmt: skip
    print(f"generation: {generated['seconds']:.1f} s "
          f"({generated['listings'] / generated['seconds']:.0f} listings/s); "
          f"Thai translations: {generated['thai']} in {generated['thai_seconds']:.1f} s")  # fmt: skip
    print(f"indexing:   {indexed['seconds']:.1f} s ({indexed['listings'] / indexed['seconds']:.0f} "
          f"listings/s), index {indexed['size_mb']:.0f} MB on disk")  # fmt: skip
    loads = ", ".join(
        f"{step} {results[step]['load'][0]:.1f}→{results[step]['load'][1]:.1f}"
        for step in (*STEPS, "http")
    )
    print(f"machine load average (1 min) at the start→end of each step, 2 CPUs: {loads}")
    _summary_inprocess(args, results)
    _summary_http(args, results, "page")
    _summary_http(args, results, "api")
    _summary_pg(args, results)
    _summary_targets(args, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--pg-queries", type=int, default=50, help="per kind, for PostgreSQL")
    parser.add_argument("--no-images", action="store_true", help="generate without pictures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--reuse", metavar="DIR", help="measure again on a kept directory")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args)
    elif args.reuse:
        rerun(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
