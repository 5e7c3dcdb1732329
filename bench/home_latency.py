"""Home page latency and throughput against a running server (`make run` in another terminal).

    .venv/bin/python bench/home_latency.py [--url http://127.0.0.1:8000] [--concurrency 16]

Each run sends BENCH_REQUESTS requests from `concurrency` threads over keep-alive connections,
first to /healthz (the baseline: one database round trip, no template) and then to the home page.
It prints median and p95 latency and requests/s per run, then the medians over BENCH_RUNS runs
and the home/baseline ratio, which is steadier than raw numbers on a shared machine.
"""

import argparse
import http.client
import os
import statistics
import threading
import time
from urllib.parse import urlsplit


def _worker(host, port, path, count, latencies, errors, lock):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    local = []
    failed = 0
    for _ in range(count):
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Language": "en"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            continue
        local.append(time.perf_counter() - started)
    conn.close()
    with lock:
        latencies.extend(local)
        errors[0] += failed


def measure(base_url: str, path: str, requests: int, concurrency: int) -> dict:
    parts = urlsplit(base_url)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_thread = max(1, requests // concurrency)
    threads = [
        threading.Thread(
            target=_worker,
            args=(parts.hostname, parts.port or 80, path, per_thread, latencies, errors, lock),
        )
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": len(latencies) / elapsed,
        "errors": errors[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 2000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    args = parser.parse_args()

    measure(args.url, "/en/", 100, 4)  # warm-up: templates, connections, caches
    results = {"baseline /healthz": [], "home /en/": []}
    for run in range(1, args.runs + 1):
        for label, path in (("baseline /healthz", "/healthz"), ("home /en/", "/en/")):
            figures = measure(args.url, path, args.requests, args.concurrency)
            results[label].append(figures)
            print(
                f"run {run} {label:<18} median {figures['median_ms']:7.2f} ms  "
                f"p95 {figures['p95_ms']:7.2f} ms  {figures['rps']:8.1f} req/s  "
                f"errors {figures['errors']}"
            )
    print(f"\nmedians over {args.runs} runs, concurrency {args.concurrency}:")
    summary = {}
    for label, runs in results.items():
        summary[label] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        figures = summary[label]
        print(
            f"  {label:<18} median {figures['median_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms"
            f"  {figures['rps']:8.1f} req/s"
        )
    ratio = summary["home /en/"]["rps"] / summary["baseline /healthz"]["rps"]
    print(f"  home throughput / baseline throughput: {ratio:.2f}")


if __name__ == "__main__":
    main()
