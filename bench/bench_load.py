"""Benchmark: loading N reports' triples into stores, and competency-query latency at that size.

Loads the N-Quads of a generated corpus (bench/make_corpus.py, converted by unkg)
into: the embedded store (unkg's atomic per-graph protocol), an Oxigraph server
by Graph Store PUT (unkg's protocol: PUT into a temporary graph, count, MOVE),
the same server by SPARQL Update INSERT DATA in 10,000-triple batches, and the
server's bulk loader (`oxigraph load`, server stopped).  Then times every
competency query on the embedded store and on the server.  Prints triples per
second and the ratios.

    python bench/bench_load.py [--reports 1000] [--workdir bench/out]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT)]


def groups(nq: Path):
    import pyoxigraph

    current, triples = None, []
    for q in pyoxigraph.parse(nq.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS):
        if q.graph_name.value != current:
            if triples:
                yield current, triples
            current, triples = q.graph_name.value, []
        triples.append(q.triple)
    if triples:
        yield current, triples


def main() -> None:
    from make_corpus import make_corpus
    from tests.servers import Oxigraph

    from unkg.pipeline.batch import Options, run_batch
    from unkg.store.remote import Endpoint, ontology_loadable
    from unkg.store.query import query_names, resolve_query, run_select
    from unkg.store.embedded import Loadable, LocalStore

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    work = args.workdir
    corpus = work / f"corpus-{args.reports}"
    make_corpus(args.reports, corpus)
    nq = work / f"load-{args.reports}.nq"
    run_batch([str(corpus)], str(nq), Options(), jobs=2, quiet=True)
    data = list(groups(nq))
    total = sum(len(t) for _, t in data)
    print(f"{args.reports:,} reports: {total:,} triples in {len(data):,} graphs ({nq.stat().st_size / 1e6:.0f} MB)")
    results = {}

    folder = work / "load-embedded"
    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    store = LocalStore(folder)
    store.ensure_ontology()
    for graph, triples in data:
        store.load(Loadable(graph, triples))
    results["embedded store (atomic per graph)"] = time.perf_counter() - t0

    server_dir = work / "load-server"
    shutil.rmtree(server_dir, ignore_errors=True)
    server = Oxigraph(server_dir).start()
    endpoint = Endpoint.configure(server.query_url)
    onto = ontology_loadable()
    endpoint.load(onto.graph, onto.triples, "ontology")
    t0 = time.perf_counter()
    for graph, triples in data:
        endpoint.load(graph, triples, graph, shared=graph.endswith("/reference"))
    results["Oxigraph server, Graph Store PUT + MOVE"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for graph, triples in data:
        for i in range(0, len(triples), 10_000):
            endpoint.update(_insert_data(graph + "/update-batches", triples[i:i + 10_000]))
    results["Oxigraph server, SPARQL Update batches"] = time.perf_counter() - t0

    timings = {}
    for name in query_names():
        text = resolve_query(name).read_text()
        a = time.perf_counter()
        rows = len(run_select(store.store, text).rows)
        b = time.perf_counter()
        endpoint.select(text)
        c = time.perf_counter()
        timings[name] = (rows, 1000 * (b - a), 1000 * (c - b))
    server.stop()
    store.close()

    bulk_dir = work / "load-bulk"
    shutil.rmtree(bulk_dir, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("oxigraph")), "load", "--location", str(bulk_dir),
                    "--file", str(nq)], check=True, capture_output=True)
    results["Oxigraph bulk loader (server stopped)"] = time.perf_counter() - t0

    base = results["embedded store (atomic per graph)"]
    print(f"\n  {'load into':<42}{'seconds':>9}{'triples/s':>12}{'vs embedded':>13}")
    for name, seconds in results.items():
        print(f"  {name:<42}{seconds:>9.1f}{total / seconds:>12,.0f}{seconds / base:>12.1f}x")
    print(f"\n  {'competency query':<20}{'rows':>8}{'embedded ms':>13}{'server ms':>11}")
    for name, (rows, local_ms, server_ms) in timings.items():
        print(f"  {name:<20}{rows:>8,}{local_ms:>13.1f}{server_ms:>11.1f}")


def _insert_data(graph: str, triples) -> str:
    from pyoxigraph import NamedNode, RdfFormat, serialize

    body = serialize(triples, format=RdfFormat.N_TRIPLES).decode()
    return f"INSERT DATA {{ GRAPH {NamedNode(graph)} {{ {body} }} }}"


if __name__ == "__main__":
    main()
