"""Benchmark: the full-text index (SQLite FTS5) on N reports — build time, size, query latency — against the
search it replaces (a SPARQL CONTAINS filter over the labels and texts, in the embedded store) in the same run.

Converts a generated corpus (bench/make_corpus.py) with unkg's batch converter (reused when present), indexes
every graph, then times each query (median of --repeat runs) on the index and on the store.

    python bench/bench_search.py [--reports 1000] [--repeat 5] [--workdir bench/out]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

QUERIES = [  # (what the reader typed, filters)
    ("Мексика", {}),
    ("международного сотрудничества", {}),
    ("Танзания", {"year": 2035}),
    ("Мекс", {}),
    ("Конвенции", {"body": "CTOC/COP/WG.10"}),
]
TEXT_PROPERTIES = ["https://w3id.org/unkg/ontology#text", "http://www.w3.org/2004/02/skos/core#prefLabel",
                   "http://purl.org/dc/terms/title", "https://w3id.org/unkg/ontology#symbol"]


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    import pyoxigraph
    from make_corpus import make_corpus

    from unkg.pipeline.batch import Options, run_batch
    from unkg.store.search import SearchIndex
    from unkg.web.site import bind

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    work = args.workdir
    corpus = work / f"corpus-{args.reports}"
    make_corpus(args.reports, corpus)
    nq = work / f"search-{args.reports}.nq"
    if not nq.exists():
        run_batch([str(corpus)], str(nq), Options(), jobs=2, quiet=True)
    store = pyoxigraph.Store()
    store.bulk_extend(pyoxigraph.parse(nq.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS))
    graphs = [g.value for g in store.named_graphs()]
    path = work / f"search-{args.reports}.sqlite"
    path.unlink(missing_ok=True)
    index = SearchIndex(path)
    started = time.perf_counter()
    for graph in graphs:
        index.replace_graph(graph, [q.triple for q in store.quads_for_pattern(None, None, None,
                                                                               pyoxigraph.NamedNode(graph))])
    build = time.perf_counter() - started
    index.db.execute("VACUUM")
    rows = index.db.execute("SELECT (SELECT count(*) FROM paragraphs) + (SELECT count(*) FROM names)").fetchone()[0]
    print(f"{args.reports:,} reports, {len(store):,} quads in {len(graphs):,} graphs ({nq.stat().st_size / 1e6:.0f} MB "
          f"N-Quads); index: {rows:,} rows (paragraphs and distinct names), {path.stat().st_size / 1e6:.1f} MB, built in {build:.1f} s")
    print(f"{'query':48} {'FTS5 ms':>9} {'hits':>6} {'SPARQL ms':>10} {'hits':>6} {'ratio':>7}")
    ratios = []
    for text, filters in QUERIES:
        fts, (hits, total) = timed(lambda: index.search(text, limit=20, **filters), args.repeat)
        first = text.split()[0].lower()
        # the site's search before the index (names, symbols, titles; here texts too), first word only
        sparql = ("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?l } FILTER(?p IN (<" + ">, <".join(TEXT_PROPERTIES)
                  + ">) && CONTAINS(LCASE(STR(?l)), LCASE(?q))) } ORDER BY ?s LIMIT 20")
        bound = bind(sparql, {"q": pyoxigraph.Literal(first)})  # as the site binds values (escaped VALUES)
        base, found = timed(lambda: list(store.query(bound)), max(1, args.repeat // 2))
        ratios.append(base / fts)
        label = text + (f" {filters}" if filters else "")
        print(f"{label:48} {fts * 1000:9.2f} {total:6} {base * 1000:10.1f} {len(found):6} {base / fts:6.0f}×")
    print(f"median ratio SPARQL CONTAINS / FTS5: {statistics.median(ratios):.0f}× "
          "(the SPARQL baseline matches the first word only, without filters or ranking)")


if __name__ == "__main__":
    main()
