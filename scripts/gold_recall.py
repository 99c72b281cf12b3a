"""How many gold facts the extractor recovers, per document and competency query (recall and extra rows).

Used to measure the wording renderings of the example report (tests/data/renderings) while extraction
is made robust; prints one line per document and query, then a total per document.
Example: PYTHONPATH=src python scripts/gold_recall.py example-report.fr.v1 example-report.fr.v2
(no argument: every gold document whose name contains ".v").
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import converted_store, gold, gold_documents, source_path  # noqa: E402
from unkg.query import resolve_query, run_select  # noqa: E402

TABLES = ["report", "meeting", "officers", "agenda", "decisions", "adoption"]


def expected_rows(facts: dict, query: str) -> tuple[list[str], list[tuple]]:
    """Gold facts of one query as (columns, rows); recommendations compare letter, addressee, start and end."""
    if query in TABLES:
        rows = facts[query]
        columns = list(rows[0]) if rows else []
        return columns, [tuple(r[c] for c in columns) for r in rows]
    if query == "participants":
        return ["role", "code"], [(role, code) for role, codes in facts["participants_by_role"].items() for code in codes]
    if query == "focal-points":
        return ["code"], [(c,) for c in facts["focal-points"]]
    if query == "statements":
        return ["agenda_item", "code"], [(item, c) for item, codes in facts["statements"].items() for c in codes]
    if query == "recommendations":
        return ["letter", "addressee", "text"], [(r["letter"], r["addressee"], (r["text_start"], r["text_end"]))
                                                  for r in facts["recommendations"]]
    column = "document" if query == "documents" else "referenced"
    return [column], [(s,) for s in facts[query]]


QUERIES = TABLES + ["participants", "focal-points", "statements", "recommendations", "documents", "references"]


def got_rows(store, query: str, columns: list[str]) -> list[tuple]:
    table = run_select(store, resolve_query(query).read_text(encoding="utf-8")).as_dicts()
    return [tuple(r[c] for c in columns) for r in table]


def matches(expected: tuple, got: tuple) -> bool:
    if isinstance(expected[-1], tuple):  # recommendation text: (start, end)
        start, end = expected[-1]
        return expected[:-1] == got[:-1] and got[-1].startswith(start) and got[-1].endswith(end)
    return expected == got


def score(doc: str) -> tuple[int, int]:
    facts = gold(doc)
    _, store = converted_store(str(source_path(facts["source"])))
    found_all = total_all = 0
    for query in QUERIES:
        columns, expected = expected_rows(facts, query)
        got = got_rows(store, query, columns) if columns else []
        pool = Counter(got)
        found = 0
        for row in expected:
            hit = next((g for g in pool if pool[g] and matches(row, g)), None)
            if hit is not None:
                pool[hit] -= 1
                found += 1
        extra = sum(pool.values())
        missing = [row for row in expected if not any(matches(row, g) for g in got)]
        wrong = [g for g in pool.elements()] if extra and query in TABLES else []
        print(f"{doc}\t{query}\t{found}/{len(expected)}\textra {extra}" + (f"\tmissing {missing[:6]}" if missing else "")
              + (f"\tgot {wrong[:3]}" if wrong else ""))
        found_all += found
        total_all += len(expected)
    print(f"{doc}\tTOTAL\t{found_all}/{total_all}\t{100 * found_all / max(total_all, 1):.0f} %")
    return found_all, total_all


if __name__ == "__main__":
    for name in sys.argv[1:] or [d for d in gold_documents() if ".v" in d]:
        score(name)
