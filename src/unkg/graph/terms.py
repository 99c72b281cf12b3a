"""Stage `graph`: the vocabulary terms and IRIs unkg mints.

IRIs are derived from the facts only (document symbol, body series, meeting number, ISO 3166 code, agenda number,
recommendation letter), never from the file or the language, so that the same report converted twice, or two
language versions of it, give the same IRIs.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from unkg.lang import symbols
from unkg.model import Report


ONTOLOGY = "https://w3id.org/unkg/ontology#"


DEFAULT_BASE = "https://w3id.org/unkg/"


LANGS = ("ar", "zh", "en", "fr", "ru", "es")


XSD = "http://www.w3.org/2001/XMLSchema#"


RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


SKOS = "http://www.w3.org/2004/02/skos/core#"


OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


DCTERMS = "http://purl.org/dc/terms/"


PROV = "http://www.w3.org/ns/prov#"


class _Terms(dict):
    """The ontology's terms by local name, each made once (the builder names the same few hundred terms about a
    thousand times a report): looked up by the dict's own `__getitem__`, made by `__missing__` the first time."""

    def __missing__(self, local: str) -> NamedNode:
        term = self[local] = NamedNode(ONTOLOGY + local)
        return term


U = _Terms().__getitem__  # U(local): the ontology's term `local`


def typed(value, datatype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + datatype))


def integer(value: int) -> Literal:
    return typed(value, "integer")


def day(value: date) -> Literal:
    return typed(value.isoformat(), "date")


def symbol_literal(text: str) -> Literal:
    return Literal(text, datatype=U("DocumentSymbol"))


_NOT_SLUG = re.compile(r"[^A-Za-z0-9.-]+")


@lru_cache(maxsize=8192)  # the same participants' codes, once per fact they take part in
def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text).strip("-")


class IRIs:
    """Mint the IRIs of one report's facts under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _n(self, path: str) -> NamedNode:
        return NamedNode(self.base + path)

    def doc(self, symbol: str) -> NamedNode:
        return self._n(f"id/doc/{symbols.path_segment(symbol)}")

    def expression(self, symbol: str, lang: str) -> NamedNode:
        return NamedNode(f"{self.doc(symbol).value}/{lang}")

    def paragraph(self, symbol: str, lang: str, number: int | None, unit: str = "paragraph") -> NamedNode:
        """A numbered paragraph, or a line of a text that numbers none (unit "line")."""
        part = f"{'line' if unit == 'line' else 'para'}/{number}" if number is not None else "front"
        return NamedNode(f"{self.expression(symbol, lang).value}/{part}")

    def graph(self, symbol: str, lang: str) -> NamedNode:
        return self._n(f"graph/{symbols.path_segment(symbol)}/{lang}")

    def body(self, series: str) -> NamedNode:
        return self._n(f"id/body/{symbols.path_segment(series)}")

    def secretariat(self, series: str) -> NamedNode:
        return NamedNode(f"{self.body(series).value}/secretariat")

    def meeting(self, report: Report) -> NamedNode:
        series = symbols.path_segment(report.body_series)
        if report.meeting_number is not None:
            session = self._n(f"id/meeting/{series}/{report.meeting_number}")
            return NamedNode(f"{session.value}/part/{report.session_part}") if report.session_part else session
        return self._n(f"id/meeting/by-report/{symbols.path_segment(report.symbol.text)}")

    def state(self, code: str) -> NamedNode:
        return self._n(f"id/state/{code}")

    def org(self, code: str) -> NamedNode:
        return self._n(f"id/org/{slug(code)}")

    def decision(self, kind: str, issuer_series: str, reference: str) -> NamedNode:
        return self._n(f"id/{kind}/{symbols.path_segment(issuer_series)}/{symbols.path_segment(reference)}")


ENTITY_CLASS = {"state": "State", "reio": "RegionalEconomicIntegrationOrganization", "igo": "Organization",
                 "ngo": "Organization", "un-entity": "Organization"}
