"""Benchmark: `unkg serve` under a bounded load, with `oxigraph serve-read-only` on the same store as reference.

Generates N reports (bench/make_corpus.py), converts them and loads them into
an embedded store, then serves that store twice, one after the other, on
127.0.0.1 only: with `unkg serve` (pages, competency queries, SPARQL) and with
`oxigraph serve-read-only` (the same SPARQL queries).  Each phase runs C
client threads for S seconds, each sending its next request as soon as it has
the previous answer.  Prints requests per second and p50/p95/p99 latency per
kind of request, answers other than 200 (503: refused while busy or stopped at
the time limit), and the ratio unkg / Oxigraph for the queries both answer.

    python bench/bench_serve.py [--reports 1000] [--seconds 30] [--clients 16] [--workdir bench/out]
"""
from __future__ import annotations

import argparse
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT)]

COMPETENCY = ["meeting", "report", "agenda", "officers", "adoption"]  # each under the row cap at 1,000 reports
UNKG = "https://w3id.org/unkg/ontology#"
SPARQL = {  # small queries of the kind a linked-data client sends, on one thing at a time
    "label": "SELECT ?l WHERE {{ GRAPH ?g {{ <{state}> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }} }}",
    "ask": "ASK {{ GRAPH ?g {{ ?p <" + UNKG + "participant> <{state}> }} }}",
    "count": "SELECT (COUNT(?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p <" + UNKG + "participant> <{state}> }} }}",
    "describe": "CONSTRUCT {{ <{meeting}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{meeting}> ?p ?o }} }}",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited ({process.returncode})")
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"{url}: no answer after {seconds} s")


def build_store(reports: int, work: Path) -> Path:
    from bench_load import groups
    from make_corpus import make_corpus

    from unkg.pipeline.batch import Options, run_batch
    from unkg.store.embedded import Loadable, LocalStore

    folder = work / f"serve-store-{reports}"
    if (folder / "complete").exists():
        return folder
    corpus = work / f"corpus-{reports}"
    make_corpus(reports, corpus)
    nq = work / f"serve-{reports}.nq"
    run_batch([str(corpus)], str(nq), Options(), jobs=2, quiet=True)
    shutil.rmtree(folder, ignore_errors=True)
    store = LocalStore(folder)
    store.ensure_ontology()
    for graph, triples in groups(nq):
        store.load(Loadable(graph, triples))
    store.close()
    (folder / "complete").write_text("")
    return folder


def sample_iris(folder: Path, base: str = "https://w3id.org/unkg/") -> dict[str, list[str]]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(folder))
    out = {}
    for kind, cls in (("state", "State"), ("meeting", "Meeting"), ("report", "Report")):
        rows = store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a <{UNKG}{cls}> }} }} LIMIT 200")
        out[kind] = [r["s"].value for r in rows if r["s"].value.startswith(base)]
    return out


def requests_for(target: str, iris: dict[str, list[str]], rng: random.Random):
    """The next request of a client: (kind, method, path, data, headers)."""
    from unkg.store.query import resolve_query

    def sparql_request(name: str, text: str):
        # GET: one packet per request (a POST's body sent after its headers meets delayed ACKs: +40 ms)
        path = ("/sparql" if target == "unkg" else "/query") + "?" + urlencode({"query": text})
        return (name, "GET", path, None, {"Accept": "application/sparql-results+json, text/turtle"})
    competency = {name: resolve_query(name).read_text() for name in COMPETENCY}
    base = "https://w3id.org/unkg/"
    while True:
        roll = rng.random()
        state, meeting = rng.choice(iris["state"]), rng.choice(iris["meeting"])
        if target == "unkg" and roll < 0.4:
            path = rng.choice(["/", "/collections/states", "/collections/meetings?page=3",
                               "/" + state[len(base):] + ".html", "/" + meeting[len(base):] + ".html",
                               "/" + rng.choice(iris["report"])[len(base):] + ".html",
                               "/search?q=" + rng.choice(["Mexi", "Герман", "WG.2", "Austr"])])
            yield ("page " + path.split("/")[1].split("?")[0].split(".")[0] if path != "/" else "page home",
                   "GET", path, None, {"Accept": "text/html", "Accept-Language": "en"})
        elif roll < 0.7:
            name = rng.choice(COMPETENCY)
            yield sparql_request("competency " + name, competency[name])
        else:
            name = rng.choice(list(SPARQL))
            yield sparql_request("sparql " + name, SPARQL[name].format(state=state, meeting=meeting))


def one_by_one(target: str, url: str, iris, repeats: int = 5) -> dict[str, float]:
    """Each SPARQL request alone (no other client), once to warm up and then `repeats` times: the median
    latency without queueing, in ms."""
    import requests

    chosen: dict[str, tuple] = {}
    for request in requests_for(target, iris, random.Random(0)):
        if not request[0].startswith("page"):
            chosen.setdefault(request[0], request)
        if len(chosen) == len(COMPETENCY) + len(SPARQL):
            break
    out: dict[str, float] = {}
    for kind, method, path, data, headers in chosen.values():
        times = []
        for _ in range(repeats + 1):
            started = time.perf_counter()
            requests.request(method, url + path, data=data, headers=headers, timeout=120)
            times.append((time.perf_counter() - started) * 1000)
        out[kind] = percentile(times[1:], 50)
    return out


def run_phase(target: str, url: str, iris, seconds: float, clients: int) -> dict[str, list]:
    import requests

    results: dict[str, list] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        session = requests.Session()
        for kind, method, path, data, headers in requests_for(target, iris, random.Random(seed)):
            if time.monotonic() >= stop_at:
                return
            started = time.perf_counter()
            try:
                status = session.request(method, url + path, data=data, headers=headers, timeout=60).status_code
            except requests.RequestException:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                results.setdefault(kind, []).append((status, elapsed))
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def report(title: str, results: dict[str, list], seconds: float) -> dict[str, float]:
    print(f"\n{title}")
    print(f"  {'kind':<28}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  other answers")
    medians = {}
    total = 0
    for kind in sorted(results):
        rows = results[kind]
        ok = [e * 1000 for s, e in rows if s == 200]
        total += len(rows)
        medians[kind] = percentile(ok, 50)
        others = Counter(s for s, _ in rows if s != 200)
        print(f"  {kind:<28}{len(rows):>9}{len(rows) / seconds:>8.1f}{percentile(ok, 50):>9.0f}"
              f"{percentile(ok, 95):>9.0f}{percentile(ok, 99):>9.0f}  "
              + " ".join(f"{n}x{s or 'no answer'}" for s, n in sorted(others.items())))
    print(f"  {'all':<28}{total:>9}{total / seconds:>8.1f}")
    return medians


def settle(url: str, seconds: float = 300) -> None:
    """Wait until unkg's background work after start (counts, collections, the names searched) is done:
    measured alone, queries would otherwise share the processor with it."""
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        requests.get(url + "/search?q=settled", timeout=60)
        if time.perf_counter() - started < 0.5:
            return
        time.sleep(2)


def measure(target: str, command: list[str], url: str, ready: str, iris, args, log):
    """Start a server, wait until `ready` answers, time each query alone, then run the load phase."""
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_up(ready, server)
        if target == "unkg":
            settle(url)
        return one_by_one(target, url, iris), run_phase(target, url, iris, args.seconds, args.clients)
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = build_store(args.reports, args.workdir)
    iris = sample_iris(store)
    print(f"{args.reports:,} reports in {store} (built in {time.perf_counter() - t0:.0f} s); "
          f"{args.clients} clients, {args.seconds:g} s per server, 127.0.0.1 only")

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(args.workdir / "bench-serve-unkg.log", "wb") as log:
        unkg_alone, unkg_results = measure(
            "unkg", [sys.executable, "-m", "unkg.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
                     "--port", str(port)], url, url + "/", iris, args, log)  # the home page: counts computed once
    ours = report("unkg serve (embedded store; 2 query workers, queue 8, 2 page workers)", unkg_results, args.seconds)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    ox_alone, ox_results = measure(
        "oxigraph", [str(Path(sys.executable).with_name("oxigraph")), "serve-read-only", "--location", str(store),
                     "--bind", f"127.0.0.1:{port}"], url, url + "/query?query=ASK%7B%7D", iris, args, subprocess.DEVNULL)
    theirs = report("oxigraph serve-read-only (same store), the same SPARQL queries", ox_results, args.seconds)

    print(f"\n  {'query':<28}{'alone: unkg ms':>15}{'oxigraph ms':>13}{'ratio':>7}{'   under load, p50 ratio':>25}")
    for kind in sorted(unkg_alone):
        a, b = unkg_alone.get(kind, float("nan")), ox_alone.get(kind, float("nan"))
        load = ours.get(kind, float("nan")) / theirs.get(kind, float("nan"))
        print(f"  {kind:<28}{a:>15.0f}{b:>13.0f}{a / b:>6.1f}x{load:>24.1f}x")


if __name__ == "__main__":
    main()
