"""Closed-loop HTTP load for the benchmarks: N requests from C threads, each on one connection
while the server keeps it open (`make run`'s closes each after its response: then a new one)."""

import http.client
import statistics
import threading
import time
from collections.abc import Sequence
from urllib.parse import urlsplit


def _worker(host, port, paths, count, offset, latencies, errors, lock):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    local, failed = [], 0
    for i in range(count):
        path = paths[(offset + i) % len(paths)]
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


def measure(base_url: str, paths: Sequence[str], requests: int, concurrency: int) -> dict:
    """Send `requests` GETs cycling through `paths`; return median/p95 ms, req/s and errors."""
    parts = urlsplit(base_url)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    per_thread = max(1, requests // concurrency)
    threads = [
        threading.Thread(
            target=_worker,
            args=(parts.hostname, parts.port or 80, list(paths), per_thread, n * 7919,
                  latencies, errors, lock),
        )
        for n in range(concurrency)
    ]  # fmt: skip
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        return {"median_ms": 0.0, "p95_ms": 0.0, "rps": 0.0, "errors": errors[0]}
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        "rps": len(latencies) / elapsed,
        "errors": errors[0],
    }


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def line(label: str, figures: dict) -> str:
    return (
        f"{label:<24} median {figures['median_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms  "
        f"{figures['rps']:8.1f} req/s  errors {figures['errors']}"
    )
