"""Make a corpus of N reports by varying the facts of a real or constructed Russian report.

Each derived report gets its own body series and meeting number (so that no two
describe the same meeting), its own year and month, and a different subset of
the States listed as present; ordinal words are inflected with pymorphy3 to fit
their sentence.  The text keeps the source's PDF artefacts (headers, hyphens).

    python bench/make_corpus.py N OUT_DIR [--source PATH]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "CTOC_COP_WG.3_2024_L.1.ru.txt"
EXAMPLE = ROOT / "data" / "examples" / "example-report.ru.txt"
sys.path.insert(0, str(ROOT / "src"))

ORDINALS = ["первый", "второй", "третий", "четвертый", "пятый", "шестой", "седьмой", "восьмой", "девятый",
            "десятый", "одиннадцатый", "двенадцатый", "тринадцатый", "четырнадцатый", "пятнадцатый",
            "шестнадцатый", "семнадцатый", "восемнадцатый", "девятнадцатый", "двадцатый"]


def _inflect_like(word: str, lemma: str, morph) -> str:
    """`lemma` in the case, gender and number of `word` ("пятнадцатого" + седьмой -> "седьмого")."""
    parse = morph.parse(word)[0]
    grammemes = {g for g in (parse.tag.case, parse.tag.gender, parse.tag.number) if g}
    target = morph.parse(lemma)[0].inflect(grammemes)
    out = target.word if target else lemma
    return out[0].upper() + out[1:] if word[0].isupper() else out


def derive(text: str, i: int, rng: random.Random, morph, months: dict[int, str]) -> str:
    symbol = re.search(r"^\s*(CTOC/COP/WG\.\d+/\d{4}/L\.\d+)\s*$", text, re.M).group(1)
    series_no = 10 + i // len(ORDINALS)
    year = 2030 + i % 50
    new_symbol = f"CTOC/COP/WG.{series_no}/{year}/L.1"
    text = text.replace(symbol, new_symbol)
    old_year = symbol.split("/")[3]
    text = re.sub(rf"\b{old_year}\b", str(year), text)
    ordinal = ORDINALS[i % len(ORDINALS)]
    text = re.sub(r"\b(\w+надцат\w+|двенадцат\w+)(?=\s+совещани)",
                  lambda m: _inflect_like(m.group(1), ordinal, morph), text)
    month = rng.randint(1, 12)
    text = re.sub(r"\b(июня|марта)\b", months[month], text)
    # Drop some of the States present (names standing whole on a line, between commas).
    def drop(m):
        return "" if rng.random() < 0.25 else m.group(0)
    text = re.sub(r"(?<=, )[А-Я][а-я]+(?: [А-Я][а-я]+)?, (?=[А-Я])", drop, text)
    return text


def make_corpus(n: int, out: Path, source: Path | None = None) -> list[Path]:
    import pymorphy3
    from babel.dates import get_month_names

    source = source or (SEED if SEED.is_file() else EXAMPLE)
    text = source.read_text(encoding="utf-8")
    morph = pymorphy3.MorphAnalyzer()
    months = dict(get_month_names("wide", context="format", locale="ru"))
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    paths = []
    for i in range(n):
        path = out / f"report-{i:05d}.ru.txt"
        if not path.exists():
            path.write_text(derive(text, i, rng, morph, months), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path)
    args = parser.parse_args()
    print(f"{len(make_corpus(args.n, args.out, args.source))} reports in {args.out}")
