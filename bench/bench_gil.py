"""Benchmark: does pyoxigraph release the interpreter lock while it evaluates a query?

Opens the bench's store read-only (bench_serve.py builds it from N constructed reports) and runs each workload
once alone, then twice at once in two threads of this process.  If pyoxigraph holds the interpreter lock, two
threads take twice the time of one (parallelism 1.0); if it releases it, they run on two cores at once (up to 2.0
on an idle two-core machine).  A second check times a small piece of Python work (1 ms alone) in another thread
while the workload runs: with the lock held by a native call it waits for the whole call.

    python bench/bench_gil.py [--reports 300] [--repeats 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT)]


def workloads(store):
    import pyoxigraph

    from unkg.store.query import resolve_query
    from unkg.web.answers import run_query

    participants = resolve_query("participants").read_text()
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    return {
        "COUNT of every quad (evaluated inside one call)": lambda: list(store.query(count)),
        "participants, rows drained into Python objects":
            lambda: sum(1 for _ in store.query(participants, use_default_graph_as_union=True)),
        "participants, serialised by pyoxigraph (JSON)":
            lambda: store.query(participants, use_default_graph_as_union=True).serialize(
                format=pyoxigraph.QueryResultsFormat.JSON),
        "participants, unkg's run_query (rows serialised in Python)":
            lambda: run_query(store, participants, "application/sparql-results+json", 10_000),
    }


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def two_at_once(call) -> float:
    threads = [threading.Thread(target=call) for _ in range(2)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def python_work() -> None:
    total = 0
    for i in range(40_000):
        total += i * i


def python_work_beside(call) -> float:
    """The worst time of 1 ms of Python work, repeated in another thread while `call` runs."""
    done = threading.Event()
    worst = [0.0]

    def other():
        while not done.is_set():
            worst[0] = max(worst[0], timed(python_work))
            time.sleep(0.001)
    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(0.05)
    call()
    done.set()
    thread.join()
    return worst[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    import pyoxigraph

    from bench_serve import build_store

    store = pyoxigraph.Store.read_only(str(build_store(args.reports, args.workdir)))
    alone_python = statistics.median(timed(python_work) for _ in range(20))
    print(f"{args.reports} reports; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; "
          f"the Python work alone: {alone_python * 1000:.1f} ms")
    print(f"  {'workload':<60}{'one':>8}{'two in threads':>16}{'parallelism':>13}{'Python work beside':>20}")
    for name, call in workloads(store).items():
        call()  # warm the caches
        one = statistics.median(timed(call) for _ in range(args.repeats))
        two = statistics.median(two_at_once(call) for _ in range(args.repeats))
        beside = python_work_beside(call)
        print(f"  {name:<60}{one * 1000:>6.0f}ms{two * 1000:>14.0f}ms{2 * one / two:>12.2f}x"
              f"{beside * 1000:>18.1f}ms")


if __name__ == "__main__":
    main()
