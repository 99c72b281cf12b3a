"""Benchmark: a corpus of N reports to validated N-Quads, unkg against the plain rdflib pipeline.

For each size: unkg's streaming batch (`run_batch`, fast SHACL per report,
pyoxigraph serialisation) with --jobs 1 and 2, and the plain pipeline (the
same extractor, every triple into one rdflib Dataset, pySHACL on the whole
graph, rdflib's N-Quads serialiser), each in its own process so that time and
peak memory are its own.  Prints a table with the ratios, where the time goes
per report, and the physical floor (reading the texts and writing the bytes).

    python bench/bench_corpus.py [--sizes 100,1000] [--plain-max 1000] [--workdir bench/out]

With --against REV (a git revision, e.g. the previous release) the same corpus is also
converted by that revision's code, the two alternated --rounds times in this run, and the
best time of each compared: the regression check of a change.

    python bench/bench_corpus.py --sizes 1000 --plain-max 0 --against v0.3.0 --rounds 2
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def _unkg(corpus: str, output: str, jobs: int) -> dict:
    try:
        from unkg.pipeline.batch import Options, run_batch
    except ImportError:  # a revision before the tree by stage (issue 16)
        from unkg.batch import Options, run_batch

    t0 = time.perf_counter()
    summary = run_batch([corpus], output, Options(), jobs=jobs, force=True, quiet=True)
    seconds = time.perf_counter() - t0
    stages = summary.stage_seconds
    n = max(1, summary.count("ok"))
    return {"seconds": seconds, "ok": summary.count("ok"), "failed": len(summary.failed),
            "invalid": len(summary.invalid), "bytes": Path(output).stat().st_size,
            "stage_ms": {k: 1000 * v / n for k, v in stages.items()},
            "peak_mb_parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_mb_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _plain(corpus: str, output: str, jobs: int) -> dict:
    import rdflib
    from pyoxigraph import BlankNode, NamedNode
    from pyshacl import validate

    from unkg.extract.report import extract_file
    from unkg.graph.mapping import report_quads
    from unkg.graph.validate import ontology_graph, shapes_graph

    def term(t):
        if isinstance(t, NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return rdflib.Literal(t.value, datatype=None if dt.endswith("#string") else rdflib.URIRef(dt))

    t0 = time.perf_counter()
    dataset = rdflib.Dataset()
    for path in sorted(Path(corpus).glob("*.txt")):
        quads = report_quads(extract_file(path))
        ctx = dataset.graph(rdflib.URIRef(quads[0].graph_name.value))
        for q in quads:
            ctx.add((term(q.subject), term(q.predicate), term(q.object)))
    t1 = time.perf_counter()
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    conforms, _, _ = validate(union, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none")
    t2 = time.perf_counter()
    dataset.serialize(output, format="nquads")
    t3 = time.perf_counter()
    return {"seconds": t3 - t0, "extract_build_s": t1 - t0, "validate_s": t2 - t1, "serialise_s": t3 - t2,
            "conforms": bool(conforms), "bytes": Path(output).stat().st_size,
            "peak_mb_parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "peak_mb_worker": 0}


def _floor(corpus: str, output_bytes: int) -> dict:
    """Reading every text and writing as many bytes as the output: what no converter can beat."""
    t0 = time.perf_counter()
    total = sum(len(p.read_bytes()) for p in Path(corpus).glob("*.txt"))
    t1 = time.perf_counter()
    with tempfile.NamedTemporaryFile(dir=corpus) as fh:
        chunk = b"x" * (1 << 20)
        left = output_bytes
        while left > 0:
            fh.write(chunk[:left])
            left -= len(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    t2 = time.perf_counter()
    return {"read_s": t1 - t0, "write_s": t2 - t1, "input_mb": total / 1e6}


def run_variant(kind: str, corpus: Path, output: Path, jobs: int, src: Path = ROOT / "src") -> dict:
    # bench_corpus puts this tree's src/ first when imported: `src` goes first again after it, and the result
    # says which unkg ran, so that a comparison cannot silently run the same code twice.
    code = (f"import json,sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import bench_corpus as b; "
            f"sys.path.insert(0, {str(src)!r}); r = b._{kind}({str(corpus)!r},{str(output)!r},{jobs}); "
            f"import unkg; r['unkg'] = unkg.__file__; print(json.dumps(r))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["unkg"].startswith(str(src)):
        raise SystemExit(f"{kind} ran {result['unkg']}, not the code under {src}")
    return result


def checkout(revision: str, into: Path) -> Path:
    """The code and data files of a git revision, unpacked under `into` (the working tree is left alone)."""
    target = into / f"src-{revision.replace('/', '_')}"
    if not target.exists():
        tmp = into / f".{target.name}.tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src", "data", "ontology", "shapes", "queries"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
        tmp.rename(target)
    return target / "src"


def compare(corpus: Path, n: int, workdir: Path, revision: str, rounds: int) -> None:
    """This tree against `revision` on the same corpus, alternated so that both see the same machine."""
    theirs = checkout(revision, workdir)
    print(f"\n{n:,} reports: this tree against {revision} (best of {rounds}, alternated)")
    print(f"  {'pipeline':<16}{'this tree s':>13}{revision + ' s':>16}{'ratio':>9}   per report, this tree / {revision}")
    for jobs in (2, 1):
        best: dict[str, dict] = {}
        for _ in range(rounds):
            for name, src in (("this", ROOT / "src"), ("base", theirs)):
                r = run_variant("unkg", corpus, workdir / f"cmp-{name}-{n}-{jobs}.nq", jobs, src)
                if name not in best or r["seconds"] < best[name]["seconds"]:
                    best[name] = r
        this, base = best["this"], best["base"]
        stages = ", ".join(f"{k} {this['stage_ms'][k]:.2f}/{base['stage_ms'].get(k, 0):.2f}"
                           for k in this["stage_ms"])
        print(f"  unkg --jobs {jobs:<4}{this['seconds']:>13.2f}{base['seconds']:>16.2f}"
              f"{this['seconds'] / base['seconds']:>8.2f}x   {stages} ms")


def main() -> None:
    from make_corpus import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--plain-max", type=int, default=1000, help="largest size also run through rdflib+pySHACL")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--against", metavar="REV", help="also run a git revision's code and compare")
    parser.add_argument("--rounds", type=int, default=2, help="alternated runs of each side with --against")
    args = parser.parse_args()
    if args.against:
        for n in [int(s) for s in args.sizes.split(",")]:
            corpus = args.workdir / f"corpus-{n}"
            make_corpus(n, corpus)
            compare(corpus, n, args.workdir, args.against, args.rounds)
        return
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        corpus = args.workdir / f"corpus-{n}"
        make_corpus(n, corpus)
        results = {}
        for jobs in (1, 2):
            results[f"unkg --jobs {jobs}"] = run_variant("unkg", corpus, args.workdir / f"unkg-{n}-{jobs}.nq", jobs)
        if n <= args.plain_max:
            results["plain rdflib + pySHACL"] = run_variant("plain", corpus, args.workdir / f"plain-{n}.nq", 1)
        floor = _floor(str(corpus), results["unkg --jobs 2"]["bytes"])
        rows.append((n, results, floor))
        base = results["unkg --jobs 2"]["seconds"]
        print(f"\n{n:,} reports ({floor['input_mb']:.1f} MB of text -> "
              f"{results['unkg --jobs 2']['bytes'] / 1e6:.1f} MB of N-Quads)")
        print(f"  {'pipeline':<26}{'seconds':>9}{'reports/s':>11}{'peak MB':>16}{'vs --jobs 2':>13}")
        for name, r in results.items():
            peak = f"{r['peak_mb_parent']:.0f}+{r['peak_mb_worker']:.0f}" if r["peak_mb_worker"] else \
                f"{r['peak_mb_parent']:.0f}"
            print(f"  {name:<26}{r['seconds']:>9.2f}{n / r['seconds']:>11.1f}{peak:>16}"
                  f"{r['seconds'] / base:>12.1f}x")
        stages = results["unkg --jobs 1"]["stage_ms"]
        print("  per report (--jobs 1): " + ", ".join(f"{k} {v:.2f} ms" for k, v in stages.items()))
        if "plain rdflib + pySHACL" in results:
            p = results["plain rdflib + pySHACL"]
            print(f"  plain pipeline: extract+build {p['extract_build_s']:.1f} s, pySHACL {p['validate_s']:.1f} s, "
                  f"serialise {p['serialise_s']:.1f} s")
        print(f"  physical floor: read texts {floor['read_s']:.2f} s, write output {floor['write_s']:.2f} s")
    if len(rows) > 1:
        (n1, r1, _), (n2, r2, _) = rows[-2], rows[-1]
        growth = r2["unkg --jobs 2"]["seconds"] / r1["unkg --jobs 2"]["seconds"]
        print(f"\nscaling --jobs 2: {n2:,} reports take {growth:.1f}x the time of {n1:,} ({n2 / n1:.0f}x the reports)")


if __name__ == "__main__":
    main()
