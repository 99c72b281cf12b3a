"""Benchmark: convert a report in-process, and build/serialise its graph with rdflib vs pyoxigraph.

Prints a table: reports per second for text -> triples, then for N copies of
the report's triples (distinct graph names, as N reports would be) the time and
peak memory to build one store and serialise it as Turtle, with rdflib's default
store against pyoxigraph, and the ratio.  Each variant runs in its own process
so that peak memory (ru_maxrss) is its own.  Not a test: numbers vary by machine.

    python bench/bench_convert.py [--reports 200] [--source PATH]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "CTOC_COP_WG.3_2024_L.1.ru.txt"
EXAMPLE = ROOT / "data" / "examples" / "example-report.ru.txt"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def variant_convert(source: Path, reports: int) -> dict:
    from unkg.extract.report import extract_file
    from unkg.graph.mapping import report_quads
    from unkg.graph.validate import validate_quads

    extract_file(source)  # warm the caches (lexicon, name index) once, as a batch run would
    t0 = time.perf_counter()
    extract_s = build_s = 0.0
    triples = 0
    for _ in range(reports):
        a = time.perf_counter()
        report = extract_file(source)
        b = time.perf_counter()
        quads = report_quads(report)
        c = time.perf_counter()
        extract_s += b - a
        build_s += c - b
        triples += len(quads)
    total = time.perf_counter() - t0
    v0 = time.perf_counter()
    validate_quads(quads)
    validate_s = time.perf_counter() - v0
    return {"seconds": total, "reports_per_s": reports / total, "extract_ms": 1000 * extract_s / reports,
            "build_ms": 1000 * build_s / reports, "validate_ms": 1000 * validate_s,
            "triples_per_report": triples // reports, "peak_mb": peak_mb()}


def _copies(source: Path, reports: int):
    from unkg.extract.report import extract_file
    from unkg.graph.mapping import report_quads

    quads = report_quads(extract_file(source))
    return quads, reports


def variant_rdflib(source: Path, reports: int) -> dict:
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    quads, n = _copies(source, reports)
    # Terms converted once outside the timing: the store is what is measured.
    g = rdflib.Graph().parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode(),
                             format="nt")
    base = list(g)
    t0 = time.perf_counter()
    ds = rdflib.Dataset()
    for i in range(n):
        ctx = ds.graph(rdflib.URIRef(f"urn:report:{i}"))
        for triple in base:
            ctx.add(triple)
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    data = ds.serialize(format="trig")
    ser = time.perf_counter() - t1
    return {"build_s": build, "serialise_s": ser, "triples": len(base) * n, "bytes": len(data), "peak_mb": peak_mb()}


def variant_oxigraph(source: Path, reports: int) -> dict:
    from pyoxigraph import NamedNode, Quad, RdfFormat, Store

    quads, n = _copies(source, reports)
    t0 = time.perf_counter()
    store = Store()
    for i in range(n):
        g = NamedNode(f"urn:report:{i}")
        store.bulk_extend(Quad(q.subject, q.predicate, q.object, g) for q in quads)
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    data = store.dump(format=RdfFormat.TRIG)
    ser = time.perf_counter() - t1
    return {"build_s": build, "serialise_s": ser, "triples": len(store), "bytes": len(data), "peak_mb": peak_mb()}


VARIANTS = {"convert": variant_convert, "rdflib": variant_rdflib, "oxigraph": variant_oxigraph}


def run_variant(name: str, source: Path, reports: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--variant", name, "--source", str(source),
                          "--reports", str(reports)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--source", type=Path, default=SEED if SEED.is_file() else EXAMPLE)
    parser.add_argument("--variant", choices=sorted(VARIANTS))
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(VARIANTS[args.variant](args.source, args.reports)))
        return
    print(f"source: {args.source.name}, {args.reports} reports")
    conv = run_variant("convert", args.source, args.reports)
    print("\ntext -> triples, in-process, one process")
    print(f"  {conv['reports_per_s']:.1f} reports/s ({conv['seconds']:.2f} s for {args.reports}); per report: "
          f"extract {conv['extract_ms']:.2f} ms, build triples {conv['build_ms']:.2f} ms; "
          f"SHACL of one report {conv['validate_ms']:.0f} ms; {conv['triples_per_report']} triples/report; "
          f"peak {conv['peak_mb']:.0f} MB")
    rd = run_variant("rdflib", args.source, args.reports)
    ox = run_variant("oxigraph", args.source, args.reports)
    print(f"\nbuild one dataset of {ox['triples']:,} triples and serialise it as TriG")
    print(f"  {'store':<22}{'build s':>10}{'serialise s':>13}{'peak MB':>10}")
    print(f"  {'rdflib default store':<22}{rd['build_s']:>10.2f}{rd['serialise_s']:>13.2f}{rd['peak_mb']:>10.0f}")
    print(f"  {'pyoxigraph Store':<22}{ox['build_s']:>10.2f}{ox['serialise_s']:>13.2f}{ox['peak_mb']:>10.0f}")
    print(f"  {'ratio rdflib/oxigraph':<22}{rd['build_s'] / ox['build_s']:>10.1f}"
          f"{rd['serialise_s'] / ox['serialise_s']:>13.1f}{rd['peak_mb'] / ox['peak_mb']:>10.1f}")


if __name__ == "__main__":
    main()
