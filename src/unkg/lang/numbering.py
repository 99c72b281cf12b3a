"""Stage `lang`: how the UN numbers its decisions and resolutions — the same in every language.

Resolutions in UN numbering (52/250, ES-10/15, S-10/2, 242 (1967), 2625 (XXV), 2200 A (XXI), 47/1 A-B): one
spelling per reference, the organ the numbering alone determines, and the symbol of the resolution's own document.
Decisions in UNFCCC-style notation (1/CP.19, 2/CMP.8, 18/CMA.1): the body that took them, from
data/decision-notations.csv.
"""
from __future__ import annotations

import csv
import re
from functools import cache

from unkg.resources import data_path

_LETTERS = r"(?:\s?[A-Z](?:\s?[-–]\s?[A-Z])?(?![\w/]))?"  # 47/1 A-B, 2200 A (XXI)
_PAREN = r"\d{1,4}" + _LETTERS + r"\s?\((?:\d{4}|(?:ES-|S-)?[IVXLC]+)\)"  # 242 (1967), 2625 (XXV)
_SLASHED = r"(?:(?:ES|S)-)?\d{1,4}/\d{1,4}" + _LETTERS  # 52/250, ES-10/15, S-10/2, 2022/22
_SYMBOL = r"[A-Z][\w.]*/[\w./-]*\d"  # a decision cited by its symbol: IPBES/1/1, IPCC/XLIII-6
REF = re.compile(f"(?:{_PAREN}|{_SLASHED}|{_SYMBOL})")
_YEAR = re.compile(r"\(\d{4}\)$")
_ROMAN = re.compile(r"\((?:ES-|S-)?[IVXLC]+\)$")

# The symbol series under which an organ issues its resolutions (A/RES/52/250, S/RES/242(1967)).
RESOLUTION_SERIES = {"A": "A/RES/", "S": "S/RES/", "E": "E/RES/", "A/HRC": "A/HRC/RES/"}


def normalise(ref: str) -> str:
    """One spelling per reference whatever the script's spacing: "242(1967)" -> "242 (1967)"."""
    ref = re.sub(r"\s+", " ", ref.strip()).replace("–", "-")
    ref = re.sub(r"\s*\(", " (", ref)
    return re.sub(r"(?<=\d)\s?([A-Z](?:\s?-\s?[A-Z])?)(?= \(|$)", lambda m: " " + m.group(1).replace(" ", ""), ref)


def numbering_organ(ref: str) -> str | None:
    """The organ a reference's numbering alone determines."""
    if _YEAR.search(ref):
        return "S"
    if _ROMAN.search(ref) or re.match(r"(?:ES|S)-\d", ref):
        return "A"
    return None


def document_symbol(kind: str, organ: str | None, ref: str) -> str | None:
    """The symbol of the resolution's own document (A/RES/52/250, S/RES/242(1967), A/RES/2625(XXV)), where
    the organ and numbering determine it; None otherwise (decisions are issued in their organ's reports)."""
    if kind != "resolution" or organ not in RESOLUTION_SERIES or not REF.fullmatch(ref):
        return None
    if re.match(r"[A-Z][\w.]*/", ref):  # already a symbol
        return None
    number = re.sub(r"\s?[A-Z](?:-[A-Z])?(?= \(|$)", "", ref)  # parts A, B of one resolution share its document
    return RESOLUTION_SERIES[organ] + number.replace(" ", "")


@cache
def decision_notations() -> dict[str, str]:
    """UNFCCC-style notation body code ("CP") -> symbol series of the body ("FCCC/CP")."""
    with data_path("decision-notations.csv").open(encoding="utf-8", newline="") as f:
        return {row["notation"]: row["series"] for row in csv.DictReader(f)}


@cache
def notation_rx() -> re.Pattern[str]:
    codes = "|".join(sorted(map(re.escape, decision_notations()), key=len, reverse=True))
    # ASCII neighbours only: Chinese and Arabic attach words ("第1/CP.21号", "و1/CP.21").
    return re.compile(rf"(?<![0-9A-Za-z/.])(?P<n>\d{{1,3}})/(?P<body>{codes})\.(?P<session>\d{{1,3}})(?![0-9A-Za-z/])")


def notation_issuer(reference: str) -> str | None:
    """The series of the body that took a decision cited in notation ("1/CP.19" -> "FCCC/CP")."""
    m = notation_rx().fullmatch(reference)
    return decision_notations()[m.group("body")] if m else None
