"""Full-text search over every paragraph, name, symbol and title: an SQLite FTS5 index beside the store.

The index holds one row per paragraph of a report's language version (its text,
symbol, language, body, year, paragraph number and IRI) and one row per name,
symbol or title of a thing.  It is kept in step with the store graph by graph:
loading a report replaces its rows, dropping it removes them.  User text never
reaches FTS5's query syntax: every word becomes a quoted prefix term.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from .rdf import ONTOLOGY

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAME_PROPERTIES = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
                    "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title",
                    ONTOLOGY + "symbol"}
# Han, kana and hangul have no spaces between words: each character is indexed as a word of its own,
# and a query in those scripts becomes a phrase of characters.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
MARK_START, MARK_END = "\ue000", "\ue001"  # highlight markers, replaced after HTML escaping
SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
  text, report UNINDEXED, lang UNINDEXED, body UNINDEXED, year UNINDEXED, paragraph UNINDEXED,
  iri UNINDEXED, kind UNINDEXED, graph UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
"""


def index_path(store_path: str | Path) -> Path:
    """Where a store's index lives: a file beside the store folder."""
    p = Path(store_path)
    return p.with_name(p.name + ".search.sqlite")


def _spaced(text: str) -> str:
    return _CJK.sub(r" \1 ", text)


_WIDE = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\ue000\ue001"


def _unspaced(text: str) -> str:
    """The text as printed: the spaces _spaced put between CJK characters (and their punctuation) removed."""
    return re.sub(f"(?<=[{_WIDE}]) +(?=[{_WIDE}])", "", re.sub(r" {2,}", " ", text)).strip()


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for what a reader typed: every word a quoted prefix term (AND),
    so quotes, operators (AND, OR, NOT, NEAR), columns and parentheses are searched as text."""
    terms = []
    for word in text.split()[:20]:
        if _CJK.search(word):
            chars = [c for c in re.findall(r"\w", word)]
            if chars:
                terms.append('"' + " ".join(chars) + '"')
            continue
        word = re.sub(r"[^\w]+", " ", word).strip()  # punctuation separates words, as the tokenizer does
        for part in word.split():
            terms.append('"' + part.replace('"', '""') + '"*')
    return " ".join(terms) or None


@dataclass
class Hit:
    report: str | None
    lang: str | None
    paragraph: int | None
    text: str
    snippet: str
    iri: str
    kind: str
    body: str | None
    year: int | None

    def as_json(self) -> dict:
        return {"report": self.report, "lang": self.lang, "paragraph": self.paragraph, "text": self.text,
                "iri": self.iri, "kind": self.kind, "body": self.body, "year": self.year}


def entries_of_graph(graph: str, triples) -> list[tuple]:
    """The rows a graph gives: its paragraphs, and the names, symbols and titles of the things it describes."""
    by_subject: dict[str, dict[str, list]] = {}
    for t in triples:
        by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    report = lang = body = None
    year = None
    for subject, props in by_subject.items():
        types = {o.value for o in props.get(_TYPE, [])}
        if ONTOLOGY + "Report" in types and props.get(ONTOLOGY + "symbol"):
            report = props[ONTOLOGY + "symbol"][0].value
            if props.get(ONTOLOGY + "symbolYear") and year is None:
                year = int(props[ONTOLOGY + "symbolYear"][0].value)
        if ONTOLOGY + "Expression" in types and props.get(ONTOLOGY + "languageCode"):
            lang = props[ONTOLOGY + "languageCode"][0].value
        if ONTOLOGY + "Meeting" in types:
            if props.get(ONTOLOGY + "body"):
                body = by_subject.get(props[ONTOLOGY + "body"][0].value, {}).get(ONTOLOGY + "code", [None])[0]
                body = body.value if body is not None else None
            if props.get(ONTOLOGY + "startDate"):
                year = int(props[ONTOLOGY + "startDate"][0].value[:4])
    rows = []
    for subject, props in by_subject.items():
        types = {o.value for o in props.get(_TYPE, [])}
        if ONTOLOGY + "Paragraph" in types:
            for text in props.get(ONTOLOGY + "text", []):
                number = props.get(ONTOLOGY + "paragraphNumber", [None])[0]
                rows.append((_spaced(text.value), report, lang, body, year,
                             int(number.value) if number is not None else None, subject, "paragraph", graph))
            continue
        for prop in _NAME_PROPERTIES:
            for value in props.get(prop, []):
                if not hasattr(value, "language"):
                    continue
                rows.append((_spaced(value.value), report, getattr(value, "language", None) or lang, body, year,
                             None, subject, "name", graph))
    return list(dict.fromkeys(rows))


class SearchIndex:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.lock = threading.Lock()  # one connection, shared by the server's threads
        if read_only:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            self.db.executescript(SCHEMA)

    @classmethod
    def beside(cls, store_path: str | Path, store=None) -> "SearchIndex":
        """The index of a store folder, built from the store's graphs when it does not exist yet
        (a store loaded before the index existed); `store` is the open pyoxigraph store, if any."""
        path = index_path(store_path)
        existed = path.exists()
        index = cls(path)
        if not existed:
            from pyoxigraph import Store

            index.rebuild(store if store is not None else Store.read_only(str(store_path)))
        return index

    def replace_graph(self, graph: str, triples) -> None:
        """A graph's rows replaced in one transaction."""
        with self.db:
            self.db.execute("DELETE FROM entries WHERE graph = ?", (graph,))
            self.db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                entries_of_graph(graph, triples))

    def drop_graph(self, graph: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM entries WHERE graph = ?", (graph,))

    def rebuild(self, store) -> None:
        """Every graph of a pyoxigraph store (reports and the reference graph) indexed again."""
        from pyoxigraph import NamedNode

        from .store import CATALOG, ONTOLOGY_GRAPH

        with self.db:
            self.db.execute("DELETE FROM entries")
        for graph in list(store.named_graphs()):
            if graph == CATALOG or graph.value == ONTOLOGY_GRAPH:
                continue
            quads = store.quads_for_pattern(None, None, None, NamedNode(graph.value))
            self.replace_graph(graph.value, [q.triple for q in quads])

    def search(self, text: str, body: str | None = None, year: int | None = None, lang: str | None = None,
               kind: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[Hit], int]:
        """Hits best first, and how many there are in all."""
        expression = match_expression(text or "")
        if expression is None:
            return [], 0
        where, args = ["entries MATCH ?"], [expression]
        for column, value in (("body", body), ("year", year), ("lang", lang), ("kind", kind)):
            if value not in (None, ""):
                where.append(f"{column} = ?")
                args.append(value)
        condition = " AND ".join(where)
        with self.lock:
            return self._search(condition, args, limit, offset)

    def _search(self, condition: str, args: list, limit: int, offset: int) -> tuple[list[Hit], int]:
        total = self.db.execute(f"SELECT count(*) FROM entries WHERE {condition}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT report, lang, paragraph, text, snippet(entries, 0, ?, ?, '…', 24), iri, kind, body, year "
            f"FROM entries WHERE {condition} ORDER BY kind = 'paragraph', rank LIMIT ? OFFSET ?",
            [MARK_START, MARK_END] + args + [limit, offset]).fetchall()
        hits = [Hit(r[0], r[1], r[2], _unspaced(r[3]), _unspaced(r[4]), r[5], r[6], r[7],
                    int(r[8]) if r[8] is not None else None) for r in rows]
        return hits, total

    def facets(self) -> dict[str, list]:
        """The bodies, years and languages the index holds, for the filters."""
        out = {}
        with self.lock:
            return self._facets(out)

    def _facets(self, out: dict) -> dict[str, list]:
        for column in ("body", "year", "lang"):
            out[column] = [r[0] for r in self.db.execute(
                f"SELECT DISTINCT {column} FROM entries WHERE {column} IS NOT NULL ORDER BY {column}")]
        return out

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def close(self) -> None:
        self.db.close()
