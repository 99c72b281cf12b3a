"""Recall and precision of the extractor on gold facts, per document and gold key.

Each gold key (tests/gold/README.md) is compared through the competency queries (tests/gold_checks.py): recall is the
share of gold rows found, precision the share of the graph's rows for that key that are gold. Prints one line per
document and key with what is missing or extra, a total per document, then a table of every document.

    PYTHONPATH=src python scripts/gold_recall.py all              # every gold document
    PYTHONPATH=src python scripts/gold_recall.py real             # the real reports (corpus:real/…)
    PYTHONPATH=src python scripts/gold_recall.py A_77_388.en -v   # one document, every missing and extra row
    PYTHONPATH=src python scripts/gold_recall.py CTOC_COP_WG.3_2024_L.1.ru=tests/data/ctoc-wg3-2024-l1.en.txt

GOLD=TEXT measures another rendering TEXT of GOLD's report on the columns that do not depend on the language.
(no argument: the wording renderings, every gold document whose name contains ".v").
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import converted_store, gold, gold_documents, source_path  # noqa: E402
from tests.extract.test_cross_language import LANGUAGE_COLUMNS  # noqa: E402
from tests.gold_checks import TABLES, checked_keys, score  # noqa: E402


def language_free(facts: dict) -> dict:
    """The gold facts of another language's rendering: columns that depend on the language left out."""
    out = dict(facts)
    for key in TABLES:
        rows = facts.get(key)
        if rows:
            out[key] = [{c: v for c, v in row.items() if c not in LANGUAGE_COLUMNS} for row in rows]
    out.pop("recommendations", None)
    return out


def measure(doc: str, text: str | None = None, verbose: bool = False) -> tuple[int, int, int]:
    """(found, expected, extra) over every key the gold states; prints a line per key."""
    facts = gold(doc)
    if text:
        facts = language_free(facts)
    _, store = converted_store(text or str(source_path(facts["source"])))
    found_all = expected_all = extra_all = 0
    for key in checked_keys(facts):
        s = score(facts, store, key)
        found_all, expected_all, extra_all = found_all + s.found, expected_all + len(s.expected), extra_all + len(s.extra)
        if s.missing or s.extra or verbose:
            shown = None if verbose else 4
            print(f"{doc}\t{key}\t{s.found}/{len(s.expected)}\textra {len(s.extra)}"
                  + (f"\tmissing {s.missing[:shown]}" if s.missing else "")
                  + (f"\textra {s.extra[:shown]}" if s.extra else ""))
    return found_all, expected_all, extra_all


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def main(args: list[str]) -> None:
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if not args:
        args = [d for d in gold_documents() if ".v" in d]
    if "all" in args:
        args = [a for a in args if a != "all"] + gold_documents()
    if "real" in args:
        args = [a for a in args if a != "real"] + [d for d in gold_documents()
                                                   if gold(d)["source"].startswith("corpus:real/")]
    rows, by_language = [], defaultdict(lambda: [0, 0, 0])
    for arg in args:
        name, _, text = arg.partition("=")
        found, expected, extra = measure(name, text or None, verbose)
        lang = Path(text).name.split(".")[-2] if text else (gold(name)["report"] or [{}])[0].get("language", "?")
        for i, v in enumerate((found, expected, extra)):
            by_language[lang][i] += v
        rows.append((arg, found, expected, extra))
    print("\ndocument\tfound/gold\trecall\tprecision")
    for arg, found, expected, extra in rows:
        print(f"{arg}\t{found}/{expected}\t{percent(found, expected):.1f} %\t{percent(found, found + extra):.1f} %")
    print("\nlanguage\tfound/gold\trecall\tprecision")
    for lang, (found, expected, extra) in sorted(by_language.items()):
        print(f"{lang}\t{found}/{expected}\t{percent(found, expected):.1f} %\t{percent(found, found + extra):.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
