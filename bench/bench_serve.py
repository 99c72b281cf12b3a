"""Benchmark: `unkg serve` and `oxigraph serve-read-only` on the same store, under the same load.

Builds a store of N constructed reports (bench/make_corpus.py), serves it with both servers on 127.0.0.1 and, for
each number of clients, runs the same phase against each in turn: C client threads for S seconds, each sending its
next request as soon as it has the previous answer.  Oxigraph runs with `--union-default-graph` (unkg's endpoint
matches every graph by default too) and without a time limit: its limit ends a result it has begun to send, with
status 200 and a cut body, which a client cannot tell from an answer unless it reads it to the end (the bench
does, and counts such answers apart, as -1).

The mix (`--mix queries`, issue 18): 70 % small queries — ASK, COUNT, a label lookup and DESCRIBE of a State, in
equal shares, on a State drawn at random — and 30 % the competency queries `meeting` and `participants`, sent to
both servers with the same text as SPARQL GET requests.  While a phase runs, a probe asks each server for its home
page twice a second.  Answers are counted per second of the phase as those that came before its end (the
clients' requests still running then are waited for, and their times counted).  With `--revalidate` each client sends back the entity tag of an answer it has had for the
same request (a 304 counts as answered).  A client told 503 with Retry-After waits that long.  Printed per server and phase: small-query median and p95, large-query median, answered
requests per second, 503 answers (and how many said Retry-After), the home page's slowest answer; then the ratios
unkg / Oxigraph.  `--mix site` runs the earlier mix: 40 % pages (unkg only), 30 % five competency queries, 30 %
small queries on States and meetings.

    python bench/bench_serve.py [--reports 300] [--seconds 20] [--clients 16,64] [--unkg-args "--workers 3"]
"""
from __future__ import annotations

import argparse
import os
import random
import shlex
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

BASE = "https://w3id.org/unkg/"
UNKG = "https://w3id.org/unkg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SMALL = {  # the small queries a linked-data client sends, on one State at a time
    "ask": "ASK {{ GRAPH ?g {{ ?p <" + UNKG + "participant> <{state}> }} }}",
    "count": "SELECT (COUNT(?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p <" + UNKG + "participant> <{state}> }} }}",
    "label": "SELECT ?l WHERE {{ GRAPH ?g {{ <{state}> <" + SKOS + "prefLabel> ?l }} }}",
    "describe": "DESCRIBE <{state}>",
}
LARGE = {"queries": ["meeting", "participants"],
         "site": ["meeting", "report", "agenda", "officers", "adoption"]}  # each under the row cap at 1,000 reports
SITE_SMALL = {**{k: v for k, v in SMALL.items() if k != "describe"},
              "describe": "CONSTRUCT {{ <{meeting}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{meeting}> ?p ?o }} }}"}
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


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


def sample_iris(folder: Path) -> dict[str, list[str]]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(folder))
    out = {}
    for kind, cls in (("state", "State"), ("meeting", "Meeting"), ("report", "Report")):
        rows = store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s a <{UNKG}{cls}> }} }} LIMIT 200")
        out[kind] = [r["s"].value for r in rows if r["s"].value.startswith(BASE)]
    return out


def requests_for(target: str, mix: str, iris: dict[str, list[str]], rng: random.Random):
    """A client's requests, one after the other: (kind, path, headers).  Kinds: "small NAME", "large NAME",
    "page NAME"."""
    from unkg.store.query import resolve_query

    def sparql(kind: str, text: str):
        # GET: one packet per request (a POST's body sent after its headers meets delayed ACKs: +40 ms)
        return kind, ("/sparql" if target == "unkg" else "/query") + "?" + urlencode({"query": text}), \
            {"Accept": ACCEPT}
    large = {name: resolve_query(name).read_text() for name in LARGE[mix]}
    small = SMALL if mix == "queries" else SITE_SMALL
    while True:
        roll = rng.random()
        state, meeting = rng.choice(iris["state"]), rng.choice(iris["meeting"])
        if mix == "site" and target == "unkg" and roll < 0.4:
            path = rng.choice(["/", "/collections/states", "/collections/meetings?page=3",
                               "/" + state[len(BASE):] + ".html", "/" + meeting[len(BASE):] + ".html",
                               "/" + rng.choice(iris["report"])[len(BASE):] + ".html",
                               "/search?q=" + rng.choice(["Mexi", "Герман", "WG.2", "Austr"])])
            name = path.split("/")[1].split("?")[0].split(".")[0] or "home"
            yield "page " + name, path, {"Accept": "text/html", "Accept-Language": "en"}
        elif roll < (0.3 if mix == "queries" else 0.7):
            name = rng.choice(LARGE[mix])
            yield sparql("large " + name, large[name])
        else:
            name = rng.choice(list(small))
            yield sparql("small " + name, small[name].format(state=state, meeting=meeting))


def alone(target: str, mix: str, url: str, iris, repeats: int = 5) -> dict[str, float]:
    """Each query alone (no other client), once to warm up and then `repeats` times: the median in ms."""
    import requests

    chosen: dict[str, tuple] = {}
    for kind, path, headers in requests_for(target, mix, iris, random.Random(0)):
        if not kind.startswith("page"):
            chosen.setdefault(kind, (path, headers))
        if len(chosen) == len(LARGE[mix]) + len(SMALL):
            break
    out = {}
    for kind, (path, headers) in sorted(chosen.items()):
        times = []
        for _ in range(repeats + 1):
            started = time.perf_counter()
            requests.get(url + path, headers=headers, timeout=120)
            times.append((time.perf_counter() - started) * 1000)
        out[kind] = percentile(times[1:], 50)
    return out


def run_phase(target: str, mix: str, url: str, iris, seconds: float, clients: int, revalidate: bool = False) -> dict:
    """C clients for S seconds, and the home page probed twice a second: every answer's (kind, status, seconds,
    Retry-After given)."""
    import requests

    answers: list[tuple[str, int, float, bool]] = []
    home: list[tuple[int, float]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int) -> None:
        session = requests.Session()
        tags: dict[str, str] = {}  # with --revalidate: the entity tag of each answer had, sent back
        for kind, path, headers in requests_for(target, mix, iris, random.Random(seed)):
            if time.monotonic() >= stop_at:
                return
            if path in tags:
                headers = {**headers, "If-None-Match": tags[path]}
            started = time.perf_counter()
            try:
                r = session.get(url + path, headers=headers, timeout=120)
                if revalidate and r.status_code == 200 and "ETag" in r.headers:
                    tags[path] = r.headers["ETag"]
                status, retry = r.status_code, r.headers.get("Retry-After")
                if status == 200 and not complete(r):
                    status = -1  # a body cut short: Oxigraph's time limit ends a result it has begun to send
            except requests.RequestException:
                status, retry = 0, None
            with lock:
                answers.append((kind, status, time.perf_counter() - started, bool(retry),
                                time.monotonic() <= stop_at))
            if retry and retry.isdigit():  # as a polite client does
                time.sleep(min(float(retry), max(0.0, stop_at - time.monotonic())))

    def probe() -> None:
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status = requests.get(url + "/", timeout=10).status_code
            except requests.RequestException:
                status = 0
            home.append((status, time.perf_counter() - started))
            time.sleep(0.5)
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)] + [threading.Thread(target=probe)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"answers": answers, "home": home, "seconds": seconds}


def complete(response) -> bool:
    """Whether a body is whole (for SPARQL JSON results: it ends with the closing brace)."""
    if "json" in response.headers.get("Content-Type", ""):
        return response.content.rstrip().endswith(b"}")
    return True


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def summary(phase: dict) -> dict[str, float]:
    """The figures the issue asks for, from one phase."""
    answers, seconds = phase["answers"], phase["seconds"]
    ok = [(k, e * 1000) for k, s, e, _, _ in answers if s in (200, 304)]
    in_time = sum(1 for a in answers if a[1] in (200, 304) and a[4])  # answered before the phase's end
    refused = [a for a in answers if a[1] == 503]
    return {"small p50": percentile([e for k, e in ok if k.startswith("small")], 50),
            "small p95": percentile([e for k, e in ok if k.startswith("small")], 95),
            "large p50": percentile([e for k, e in ok if k.startswith("large")], 50),
            "large p95": percentile([e for k, e in ok if k.startswith("large")], 95),
            "answered/s": in_time / seconds, "503": len(refused),
            "503 with Retry-After": sum(1 for a in refused if a[3]),
            "other": sum(1 for a in answers if a[1] not in (200, 304, 503)),
            "home worst": max((e * 1000 for s, e in phase["home"] if s == 200), default=float("nan")),
            "home failed": sum(1 for s, _ in phase["home"] if s != 200)}


def print_phase(title: str, phase: dict) -> None:
    print(f"\n{title}")
    print(f"  {'kind':<24}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  other answers")
    kinds: dict[str, list] = {}
    for kind, status, elapsed, _, _ in phase["answers"]:
        kinds.setdefault(kind, []).append((status, elapsed))
    for kind in sorted(kinds):
        rows = kinds[kind]
        ok = [e * 1000 for s, e in rows if s in (200, 304)]
        others = Counter(s for s, _ in rows if s not in (200, 304))
        print(f"  {kind:<24}{len(rows):>9}{len(rows) / phase['seconds']:>8.1f}{percentile(ok, 50):>9.0f}"
              f"{percentile(ok, 95):>9.0f}{percentile(ok, 99):>9.0f}  "
              + " ".join(f"{n}x{s or 'no answer'}" for s, n in sorted(others.items())))


def compare(clients: int, ours: dict, theirs: dict) -> None:
    a, b = summary(ours), summary(theirs)
    print(f"\n  {clients} clients{'':<18}{'unkg':>10}{'oxigraph':>10}{'unkg/oxigraph':>15}")
    for key in ("small p50", "small p95", "large p50", "large p95", "answered/s"):
        print(f"  {key:<28}{a[key]:>10.1f}{b[key]:>10.1f}{a[key] / b[key] if b[key] else float('nan'):>14.2f}x")
    for key in ("503", "503 with Retry-After", "other", "home worst", "home failed"):
        print(f"  {key:<28}{a[key]:>10.0f}{b[key]:>10.0f}")


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


def start(target: str, store: Path, args, log) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    if target == "unkg":
        command = [sys.executable, "-m", "unkg.cli", "serve", "--store", str(store), "--host", "127.0.0.1",
                   "--port", str(port), "--timeout", f"{args.timeout:g}", *shlex.split(args.unkg_args)]
        ready = url + "/"
    else:
        command = [str(Path(sys.executable).with_name("oxigraph")), "serve-read-only", "--location", str(store),
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        ready = url + "/query?query=ASK%7B%7D"
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    wait_up(ready, server)
    if target == "unkg":
        settle(url)
    return server, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", default="16,64", help="numbers of clients, one phase each")
    parser.add_argument("--mix", choices=["queries", "site"], default="queries")
    parser.add_argument("--timeout", type=float, default=10, help="unkg's time limit per query")
    parser.add_argument("--revalidate", action="store_true",
                        help="clients keep each answer's ETag and send it back (If-None-Match), as a browser does")
    parser.add_argument("--unkg-args", default="", help="more options for `unkg serve`")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    store = build_store(args.reports, args.workdir)
    iris = sample_iris(store)
    print(f"{args.reports:,} reports in {store} (built in {time.perf_counter() - t0:.0f} s); mix {args.mix}; "
          f"{args.seconds:g} s per phase; 127.0.0.1 only; {os.cpu_count()} cores; "
          f"load average before {os.getloadavg()[0]:.2f}; unkg serve {args.unkg_args or '(defaults)'}"
          + ("; clients revalidate" if args.revalidate else ""))
    servers = {}
    with open(args.workdir / "bench-serve-unkg.log", "wb") as log:
        try:
            for target in ("unkg", "oxigraph"):
                servers[target] = start(target, store, args, log if target == "unkg" else subprocess.DEVNULL)
            print(f"\n  {'each query alone (ms)':<24}{'unkg':>10}{'oxigraph':>10}")
            times = {t: alone(t, args.mix, url, iris) for t, (_, url) in servers.items()}
            for kind in times["unkg"]:
                print(f"  {kind:<24}{times['unkg'][kind]:>10.1f}{times['oxigraph'].get(kind, float('nan')):>10.1f}")
            for clients in [int(c) for c in args.clients.split(",")]:
                phases = {}
                for target, (_, url) in servers.items():
                    phases[target] = run_phase(target, args.mix, url, iris, args.seconds, clients, args.revalidate)
                    print_phase(f"{target}, {clients} clients (load average {os.getloadavg()[0]:.2f})",
                                phases[target])
                compare(clients, phases["unkg"], phases["oxigraph"])
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait(30)


if __name__ == "__main__":
    main()
