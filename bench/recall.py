"""Share of gold facts unkg recovers, per document and per language.

Reads gold files (tests/gold/*.json by default, or the ones given), converts
each one's source and compares the competency-query answers with the gold on
language-independent keys (codes, numbers, letters, dates), so that one gold
can serve every rendering of a report (`--as GOLD=TEXT` pairs a text with
another document's gold: a translation or a differently worded rendering).

    python bench/recall.py
    python bench/recall.py --as CTOC_COP_WG.3_2024_L.1.ru=tests/data/ctoc-wg3-2024-l1.en.txt

Prints found/total per fact kind and document, then recall per language.
Not a test: it measures; tests/test_competency_gold.py asserts.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import GOLD, gold, source_path  # noqa: E402

# kind -> (query, columns that do not depend on the language)
KEYS = {
    "meeting": ("meeting", None),
    "officers": ("officers", ("role", "state")),
    "agenda": ("agenda", ("number", "sub")),
    "decisions": ("decisions", None),
    "adoption": ("adoption", None),
    "recommendations": ("recommendations", ("letter", "addressee")),
}


def answers(path: Path) -> dict[str, list[dict]]:
    from pyoxigraph import Store

    from unkg.pipeline import convert_file
    from unkg.query import query_names, resolve_query, run_select
    from unkg.store import add_ontology

    store = Store()
    add_ontology(store)
    store.bulk_extend(convert_file(path).quads)
    return {q: run_select(store, resolve_query(q).read_text(encoding="utf-8")).as_dicts() for q in query_names()}


def fact_sets(facts: dict) -> dict[str, Counter]:
    """Gold facts as multisets of language-independent keys, per kind."""
    out: dict[str, Counter] = {}
    for kind, (_, cols) in KEYS.items():
        rows = facts.get(kind) or []
        if kind == "meeting":  # each field of the meeting row is a fact of its own
            out[kind] = Counter((k, str(v)) for r in rows for k, v in r.items() if k != "symbol")
        else:
            cols = cols or [c for c in (rows[0] if rows else {}) if c != "symbol"]
            out[kind] = Counter(tuple(str(r[c]) if r[c] is not None else None for c in cols) for r in rows)
    out["participants"] = Counter((role, code) for role, codes in facts.get("participants_by_role", {}).items()
                                  for code in codes)
    out["focal-points"] = Counter(facts.get("focal-points", []))
    out["statements"] = Counter((item, code) for item, codes in facts.get("statements", {}).items() for code in codes)
    out["documents"] = Counter(facts.get("documents", []))
    out["references"] = Counter(facts.get("references", []))
    return out


def got_sets(rows: dict[str, list[dict]], like: dict[str, Counter]) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for kind, (query, cols) in KEYS.items():
        if kind == "meeting":
            out[kind] = Counter((k, str(v) if v is not None else None) for r in rows[query] for k, v in r.items()
                                if k != "symbol")
            continue
        sample = next(iter(like[kind]), None)
        width = len(sample) if sample else 0
        if cols is None:
            cols = [c for c in (rows[query][0] if rows[query] else {}) if c != "symbol"][:width]
        out[kind] = Counter(tuple(r[c] if r[c] not in ("", None) else None for c in cols) for r in rows[query])
    out["participants"] = Counter((r["role"], r["code"]) for r in rows["participants"])
    out["focal-points"] = Counter(r["code"] for r in rows["focal-points"])
    out["statements"] = Counter((r["agenda_item"], r["code"]) for r in rows["statements"])
    out["documents"] = Counter(r["document"] for r in rows["documents"])
    out["references"] = Counter(r["referenced"] for r in rows["references"])
    return out


def _normalise_nulls(counter: Counter) -> Counter:
    return Counter({tuple(None if v in ("None", "") else v for v in k) if isinstance(k, tuple) else k: n
                    for k, n in counter.items()})


def measure(facts: dict, path: Path) -> dict[str, tuple[int, int]]:
    expected = {k: _normalise_nulls(v) for k, v in fact_sets(facts).items()}
    try:
        got = {k: _normalise_nulls(v) for k, v in got_sets(answers(path), expected).items()}
    except Exception as exc:  # a rendering unkg cannot read at all recovers nothing
        print(f"  {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        got = {k: Counter() for k in expected}
    return {k: (sum((expected[k] & got[k]).values()), sum(expected[k].values())) for k in expected}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold names (tests/gold/NAME.json) or files; default: all")
    parser.add_argument("--as", dest="pairs", action="append", default=[], metavar="GOLD=TEXT",
                        help="measure TEXT against the language-independent facts of GOLD")
    parser.add_argument("--quiet", action="store_true", help="only the per-language table")
    args = parser.parse_args()
    jobs: list[tuple[str, dict, Path]] = []
    names = args.gold or ([] if args.pairs else sorted(p.stem for p in GOLD.glob("*.json")))
    for name in names:
        name = Path(name).name.removesuffix(".json")
        facts = gold(name)
        try:
            path = source_path(facts["source"])
        except BaseException:  # the real corpus is absent: skip that document
            continue
        jobs.append((name, facts, path))
    for pair in args.pairs:
        name, _, text = pair.partition("=")
        jobs.append((f"{name}<-{Path(text).name}", gold(name), Path(text)))
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for label, facts, path in jobs:
        result = measure(facts, path)
        found = sum(f for f, _ in result.values())
        total = sum(t for _, t in result.values())
        lang = path.name.split(".")[-2] if path.name.count(".") >= 2 else "?"
        by_lang[lang][0] += found
        by_lang[lang][1] += total
        if not args.quiet:
            detail = " ".join(f"{k}={f}/{t}" for k, (f, t) in result.items() if t and f != t)
            print(f"{label:55} {lang:3} {found:4}/{total:<4} {100 * found / max(1, total):5.1f} %  {detail}")
    print("\nlanguage  found/total  recall")
    for lang, (found, total) in sorted(by_lang.items()):
        print(f"{lang:9} {found:5}/{total:<5}  {100 * found / max(1, total):5.1f} %")


if __name__ == "__main__":
    main()
