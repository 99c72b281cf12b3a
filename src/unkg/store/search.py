"""Stage `store`: full-text search over every paragraph, name, symbol and title: an SQLite FTS5 index beside the store.

The index holds one row per paragraph of a report's language version (its text,
symbol, language, body, year, paragraph number and IRI) and one row per name,
symbol or title of a thing.  It is kept in step with the store graph by graph:
loading a report replaces its rows, dropping it removes them.  User text never
reaches FTS5's query syntax: every word becomes a quoted prefix term.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from unkg.graph.terms import ONTOLOGY

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAME_PROPERTIES = {"http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
                    "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title",
                    ONTOLOGY + "symbol"}
# Han, kana and hangul have no spaces between words: each character is indexed as a word of its own,
# and a query in those scripts becomes a phrase of characters.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
MARK_START, MARK_END = "\ue000", "\ue001"  # highlight markers, replaced after HTML escaping
COLUMNS = ("text, report UNINDEXED, lang UNINDEXED, body UNINDEXED, year UNINDEXED, paragraph UNINDEXED, "
           "iri UNINDEXED, tags")
# Names and paragraphs in two tables: names come first in the hits, and ranking each table alone is what FTS5
# does fast (ordering one table by kind and rank together cost twice as much on 1,000 reports).
TABLES = (("names", "name"), ("paragraphs", "paragraph"))
VERSION = 3  # PRAGMA user_version of the index: an index of another layout is built again
SCHEMA = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS names USING fts5({COLUMNS}, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs USING fts5({COLUMNS}, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS rows_of_graph (id INTEGER PRIMARY KEY, tbl TEXT, graph TEXT);
CREATE INDEX IF NOT EXISTS rows_of_graph_graph ON rows_of_graph (graph);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, report TEXT, lang TEXT, body TEXT, year INTEGER);
CREATE TABLE IF NOT EXISTS name_rows (id INTEGER PRIMARY KEY, iri TEXT, lang TEXT, text TEXT, UNIQUE (iri, lang, text));
CREATE TABLE IF NOT EXISTS name_refs (id INTEGER, graph TEXT);
CREATE INDEX IF NOT EXISTS name_refs_graph ON name_refs (graph);
CREATE INDEX IF NOT EXISTS name_refs_id ON name_refs (id);
"""


def index_path(store_path: str | Path) -> Path:
    """Where a store's index lives: a file beside the store folder."""
    p = Path(store_path)
    return p.with_name(p.name + ".search.sqlite")


def _version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def _spaced(text: str) -> str:
    return _CJK.sub(r" \1 ", text)


_WIDE = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\ue000\ue001"


def _unspaced(text: str) -> str:
    """The text as printed: the spaces _spaced put between CJK characters (and their punctuation) removed."""
    return re.sub(f"(?<=[{_WIDE}]) +(?=[{_WIDE}])", "", re.sub(r" {2,}", " ", text)).strip()


def tag(column: str, value) -> str:
    """One word standing for a filter value (body, year, language), searched in the `tags` column: filtering
    by MATCH is an index lookup, where comparing an unindexed column reads every matching row (12 times
    slower for a common word on 1,000 reports)."""
    return f"{column[0]}{hashlib.sha1(str(value).encode('utf-8')).hexdigest()[:16]}"


def _tags(body, year, lang) -> str:
    return " ".join(tag(c, v) for c, v in (("body", body), ("year", year), ("lang", lang)) if v not in (None, ""))


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
        self.read_only = read_only
        if read_only:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            # Write-ahead log: a report's rows are one transaction, committed without a full sync each
            # (2.5 ms instead of 29 ms a report); readers see the last committed state meanwhile.
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            if self.db.execute("PRAGMA user_version").fetchone()[0] not in (0, VERSION):
                for table in ("names", "paragraphs", "rows_of_graph", "graphs", "name_rows", "name_refs"):
                    self.db.execute(f"DROP TABLE IF EXISTS {table}")
            self.db.executescript(SCHEMA)
            self.db.execute(f"PRAGMA user_version = {VERSION}")

    @classmethod
    def beside(cls, store_path: str | Path, store=None) -> "SearchIndex":
        """The index of a store folder, built from the store's graphs when it does not exist yet
        (a store loaded before the index existed); `store` is the open pyoxigraph store, if any."""
        path = index_path(store_path)
        existed = path.exists() and _version(path) == VERSION
        index = cls(path)
        if not existed:
            from pyoxigraph import Store

            index.rebuild(store if store is not None else Store.read_only(str(store_path)))
        return index

    def replace_graph(self, graph: str, triples) -> None:
        """A graph's rows replaced in one transaction."""
        rows = entries_of_graph(graph, triples)
        with self.db:
            self._delete(graph)
            next_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM rows_of_graph").fetchone()[0]
            mine = [(next_id + i,) + r[:7] + (_tags(r[3], r[4], r[2]),)
                    for i, r in enumerate(x for x in rows if x[7] == "paragraph")]
            self.db.executemany("INSERT INTO paragraphs (rowid, text, report, lang, body, year, paragraph, iri, "
                                "tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mine)
            self.db.executemany("INSERT INTO rows_of_graph VALUES (?, ?, ?)", [(r[0], "paragraphs", graph) for r in mine])
            self._add_names(graph, [r for r in rows if r[7] == "name"])
            report = next((r for r in rows if r[7] == "paragraph"), None)
            if report is not None:
                self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?, ?)", (graph,) + report[1:5])

    def _add_names(self, graph: str, rows: list[tuple]) -> None:
        """A name is one row however many reports name the thing (every report of a series names its body,
        every report a State attended its State); each graph holding it keeps a reference to it."""
        for text, _, lang, _, _, _, iri, _, _ in rows:
            found = self.db.execute("SELECT id FROM name_rows WHERE iri = ? AND lang IS ? AND text = ?",
                                    (iri, lang, text)).fetchone()
            if found is None:
                cursor = self.db.execute("INSERT INTO name_rows (iri, lang, text) VALUES (?, ?, ?)", (iri, lang, text))
                found = (cursor.lastrowid,)
                self.db.execute("INSERT INTO names (rowid, text, lang, iri, tags) VALUES (?, ?, ?, ?, ?)",
                                (found[0], text, lang, iri, _tags(None, None, lang)))
            self.db.execute("INSERT INTO name_refs VALUES (?, ?)", (found[0], graph))

    def _delete(self, graph: str) -> None:
        self.db.execute("DELETE FROM paragraphs WHERE rowid IN (SELECT id FROM rows_of_graph WHERE graph = ?)",
                        (graph,))
        self.db.execute("DELETE FROM rows_of_graph WHERE graph = ?", (graph,))
        names = [r[0] for r in self.db.execute("SELECT DISTINCT id FROM name_refs WHERE graph = ?", (graph,))]
        self.db.execute("DELETE FROM name_refs WHERE graph = ?", (graph,))
        for name in names:  # a name goes when no graph holds it any more
            if self.db.execute("SELECT 1 FROM name_refs WHERE id = ? LIMIT 1", (name,)).fetchone() is None:
                self.db.execute("DELETE FROM names WHERE rowid = ?", (name,))
                self.db.execute("DELETE FROM name_rows WHERE id = ?", (name,))
        self.db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))

    def drop_graph(self, graph: str) -> None:
        with self.db:
            self._delete(graph)

    def rebuild(self, store) -> None:
        """Every graph of a pyoxigraph store (reports and the reference graph) indexed again."""
        from pyoxigraph import NamedNode

        from unkg.store.graphs import CATALOG, ONTOLOGY_GRAPH

        with self.db:
            for table in ("names", "paragraphs", "rows_of_graph", "graphs", "name_rows", "name_refs"):
                self.db.execute(f"DELETE FROM {table}")
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
        wanted = _tags(body, year, lang)  # the reader's words in the text, the filters in the tags
        where, args = ["{table} MATCH ?"], [f"text : ({expression})" + (f" AND tags : ({wanted})" if wanted else "")]
        tables = [(t, k) for t, k in TABLES if kind in (None, "", k)]
        with self.lock:
            return self._search(tables, " AND ".join(where), args, limit, offset)

    def _search(self, tables, condition: str, args: list, limit: int, offset: int) -> tuple[list[Hit], int]:
        hits, total = [], 0
        for table, kind in tables:  # names first, then paragraphs, each by relevance
            where = condition.format(table=table)
            count = self.db.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0]
            total += count
            if offset >= count:
                offset -= count
                continue
            if len(hits) >= limit:
                continue
            rows = self.db.execute(
                f"SELECT report, lang, paragraph, text, snippet({table}, 0, ?, ?, '…', 24), iri, body, year "
                f"FROM {table} WHERE {where} ORDER BY rank LIMIT ? OFFSET ?",
                [MARK_START, MARK_END] + args + [limit - len(hits), offset]).fetchall()
            offset = 0
            hits += [Hit(r[0], r[1], r[2], _unspaced(r[3]), _unspaced(r[4]), r[5], kind, r[6],
                         int(r[7]) if r[7] is not None else None) for r in rows]
        return hits, total

    def facets(self) -> dict[str, list]:
        """The bodies, years and languages of the reports indexed, for the filters."""
        with self.lock:
            return {column: [r[0] for r in self.db.execute(
                f"SELECT DISTINCT {column} FROM graphs WHERE {column} IS NOT NULL ORDER BY {column}")]
                for column in ("body", "year", "lang")}

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def close(self) -> None:
        if not self.read_only:  # back to a rollback journal: a read-only reader then needs no -wal/-shm files
            self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.close()
