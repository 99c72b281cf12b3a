"""Build data/countries.csv from the UNTERM SKOS snapshot and pycountry.

Usage: python scripts/build_reference.py [UNTERM_TTL] [OUT_CSV]

UNTERM gives the UN's official short and formal names in the six languages but
no codes; pycountry (the ISO 3166 database) gives alpha-2, alpha-3 and the
numeric code, which for countries is the M49 code.  The join goes through the
English short name; every row must match exactly one ISO entry and every ISO
code may be used once, otherwise the script fails (no silent guess).
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pycountry
import rdflib
from rdflib.namespace import RDF, SKOS

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
ROOT = Path(__file__).resolve().parent.parent

# UN names that ISO spells differently: UN English short name -> ISO alpha-3.
# Each is a fact checked by hand against ISO 3166-1.
UN_NAME_TO_ISO3 = {
    "Bahamas": "BHS",
    "Bolivia (Plurinational State of)": "BOL",
    "Democratic Republic of the Congo": "COD",
    "Holy See": "VAT",
    "Iran (Islamic Republic of)": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Netherlands (Kingdom of the)": "NLD",
    "Republic of Korea": "KOR",
    "State of Palestine": "PSE",
    "Venezuela (Bolivarian Republic of)": "VEN",
}
# Entries of the snapshot that are not UN Member States.
OBSERVER_STATES = {"VAT", "PSE"}
NON_MEMBER_STATES = {"COK", "NIU"}
EXPECTED = {"member": 193, "observer": 2, "non-member": 2}

_TRAILING_ARTICLE = re.compile(r"\s*\((?:the|The|la|le|les|l'|l’|el|los|las)\)$")
# Longest first: "les" must not be read as "le" + "s États-Unis du Mexique".
_LEADING_ARTICLE = re.compile(r"^(?:the|les|las|los|la|le|el)\s+|^(?:l'|l’)", re.IGNORECASE)


def strip_short(name: str) -> str:
    """'Russian Federation (the)' -> 'Russian Federation'."""
    return _TRAILING_ARTICLE.sub("", name).strip()


def strip_formal(name: str) -> str:
    """'the Russian Federation' -> 'Russian Federation'; "l'État" -> 'État'."""
    return _LEADING_ARTICLE.sub("", name, count=1).strip()


def iso_for(english_short: str):
    if english_short in UN_NAME_TO_ISO3:
        return pycountry.countries.get(alpha_3=UN_NAME_TO_ISO3[english_short])
    try:
        return pycountry.countries.lookup(english_short)
    except LookupError:
        return None


def build(unterm_path: Path) -> list[dict[str, str]]:
    graph = rdflib.Graph()
    graph.parse(unterm_path, format="turtle")
    rows, seen, problems = [], {}, []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        short = {l.language: str(l) for l in graph.objects(concept, SKOS.prefLabel)}
        formal = {l.language: str(l) for l in graph.objects(concept, SKOS.altLabel)}
        missing = [lang for lang in LANGS if lang not in short]
        if missing:
            problems.append(f"{concept}: no short name in {missing}")
            continue
        en = strip_short(short["en"])
        country = iso_for(en)
        if country is None:
            problems.append(f"{concept}: no ISO 3166 entry for {en!r}")
            continue
        if country.alpha_3 in seen:
            problems.append(f"{concept}: {country.alpha_3} already joined to {seen[country.alpha_3]}")
            continue
        seen[country.alpha_3] = concept
        code = country.alpha_3
        status = ("observer" if code in OBSERVER_STATES
                  else "non-member" if code in NON_MEMBER_STATES else "member")
        row = {
            "code": code,
            "iso2": country.alpha_2,
            "iso3": code,
            "m49": country.numeric,
            "status": status,
            "unms": f"http://metadata.un.org/UNMS/{country.numeric}" if status == "member" else "",
            "unterm": str(concept),
        }
        for lang in LANGS:
            row[f"short_{lang}"] = strip_short(short[lang])
            # Where UNTERM has no formal name the short name is the formal one.
            row[f"formal_{lang}"] = strip_formal(formal.get(lang, short[lang]))
        rows.append(row)
    counts = {k: sum(r["status"] == k for r in rows) for k in EXPECTED}
    if counts != EXPECTED:
        problems.append(f"status counts {counts} differ from {EXPECTED}")
    if problems:
        raise SystemExit("join failed:\n  " + "\n  ".join(problems))
    rows.sort(key=lambda r: r["code"])
    rows.append(european_union(rows[0].keys()))
    return rows


def european_union(fields) -> dict[str, str]:
    """The EU takes part in UN treaties as a regional economic integration
    organization; it has the ISO 3166 exceptionally reserved code EU and no M49."""
    with (ROOT / "data/organizations.csv").open(encoding="utf-8") as fh:
        org = next(r for r in csv.DictReader(fh) if r["code"] == "EU")
    row = dict.fromkeys(fields, "")
    row.update(code="EU", iso2="EU", status="reio")
    for lang in LANGS:
        row[f"short_{lang}"] = row[f"formal_{lang}"] = org[f"name_{lang}"]
    return row


def main(argv: list[str]) -> None:
    src = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared/reference/unterm-countries.ttl"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "data/countries.csv"
    rows = build(src)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(out)
    print(f"{out}: {len(rows) - 1} States and the EU, every join checked")


if __name__ == "__main__":
    main(sys.argv)
