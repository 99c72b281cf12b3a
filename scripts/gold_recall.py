"""How many gold facts the extractor recovers, per document and competency query (recall and extra rows).

Used to measure the wording renderings of the example report (tests/data/renderings) while extraction
is made robust; prints one line per document and query, a total per document, then recall per language.
Example: PYTHONPATH=src python scripts/gold_recall.py example-report.fr.v1 example-report.fr.v2
(no argument: every gold document whose name contains ".v"; `all`: every gold document).
GOLD=TEXT measures another rendering TEXT of GOLD's report on the columns that do not depend on the
language: PYTHONPATH=src python scripts/gold_recall.py CTOC_COP_WG.3_2024_L.1.ru=tests/data/ctoc-wg3-2024-l1.en.txt
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import converted_store, gold, gold_documents, source_path  # noqa: E402
from tests.extract.test_cross_language import LANGUAGE_COLUMNS  # noqa: E402
from unkg.store.query import resolve_query, run_select  # noqa: E402

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


def score(doc: str, text: str | None = None) -> tuple[int, int]:
    facts = gold(doc)
    _, store = converted_store(text or str(source_path(facts["source"])))
    found_all = total_all = 0
    for query in QUERIES:
        columns, expected = expected_rows(facts, query)
        if text and query != "recommendations":  # another language: compare what does not depend on it
            keep = [i for i, c in enumerate(columns) if c not in LANGUAGE_COLUMNS]
            columns, expected = [columns[i] for i in keep], [tuple(r[i] for i in keep) for r in expected]
        elif text:
            columns, expected = columns[:2], [r[:2] for r in expected]
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
    args = sys.argv[1:] or [d for d in gold_documents() if ".v" in d]
    args = [a for a in args if a != "all"] + (gold_documents() if "all" in args else [])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for arg in args:
        name, _, text = arg.partition("=")
        found, total = score(name, text or None)
        lang = Path(text).name.split(".")[-2] if text else (gold(name)["report"] or [{}])[0].get("language", "?")
        by_language[lang][0] += found
        by_language[lang][1] += total
    print("\nlanguage\tfound/total\trecall")
    for lang, (found, total) in sorted(by_language.items()):
        print(f"{lang}\t{found}/{total}\t{100 * found / max(total, 1):.1f} %")
