"""Home page latency and throughput against a running server (`make run` in another terminal).

    .venv/bin/python bench/home_latency.py [--url http://127.0.0.1:8000] [--concurrency 16]

Each run sends BENCH_REQUESTS requests from `concurrency` threads (a connection per thread, opened
again whenever the server closes it, which `make run`'s does after each response),
first to /healthz (the baseline: one database round trip, no template) and then to the home page.
It prints median and p95 latency and requests/s per run, then the medians over BENCH_RUNS runs
and the home/baseline ratio, which is steadier than raw numbers on a shared machine.
"""

import argparse
import os

from load import line, measure, median_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 2000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 5)))
    args = parser.parse_args()

    measure(args.url, ["/en/"], 100, 4)  # warm-up: templates, connections, caches
    targets = {"baseline /healthz": ["/healthz"], "home /en/": ["/en/"]}
    results: dict[str, list[dict]] = {label: [] for label in targets}
    for run in range(1, args.runs + 1):
        for label, paths in targets.items():
            figures = measure(args.url, paths, args.requests, args.concurrency)
            results[label].append(figures)
            print(f"run {run} " + line(label, figures))
    print(f"\nmedians over {args.runs} runs, concurrency {args.concurrency}:")
    summary = {label: median_of(runs) for label, runs in results.items()}
    for label, figures in summary.items():
        print("  " + line(label, figures))
    ratio = summary["home /en/"]["rps"] / summary["baseline /healthz"]["rps"]
    print(f"  home throughput / baseline throughput: {ratio:.2f}")


if __name__ == "__main__":
    main()
