"""Gold facts against the graph, key by key: what each gold key expects as rows, and the rows the graph gives for it
(through the competency queries in queries/, or a small SELECT where no competency query answers it).

Shared by tests/extract/test_competency_gold.py and scripts/gold_recall.py, so that the tests and the recall and
precision figures count the same thing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from unkg.store.query import resolve_query, run_select

# Gold keys read as tables: the columns are those of the gold rows.
TABLES = ["report", "meeting", "sessions", "officers", "agenda", "decisions", "adoption", "outcomes", "drafts",
          "part_votes"]
PREFIX = "PREFIX unkg: <https://w3id.org/unkg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
# Keys no competency query answers: a SELECT over every graph, one report per store.
SELECTS = {
    "intended_votes": """SELECT DISTINCT ?draft ?vote ?code WHERE {
        VALUES (?cast ?vote) { (unkg:hadIntendedVoterFavour "yes") (unkg:hadIntendedVoterAgainst "no")
                               (unkg:hadIntendedVoterAbstention "abstain") }
        ?a unkg:onDraft/unkg:symbol ?draft ; unkg:hadVote ?e . ?e ?cast ?who . ?who unkg:code ?code }""",
    "recommended": "SELECT DISTINCT ?s WHERE { ?a unkg:recommendedTo ?body ; unkg:onDraft/unkg:symbol ?s }",
    "meeting_records": "SELECT DISTINCT ?s WHERE { ?m unkg:recordedIn ?r . ?r a unkg:MeetingRecord ; unkg:symbol ?s }",
    "revisions": "SELECT DISTINCT ?r ?o WHERE { ?d unkg:symbol ?r ; unkg:revises/unkg:symbol ?o }",
    "amends": "SELECT DISTINCT ?r ?o WHERE { ?d unkg:symbol ?r ; unkg:amends/unkg:symbol ?o }",
    "orally_revised": """SELECT DISTINCT ?s WHERE { ?a a unkg:ActionOnDraft ; unkg:onDraft/unkg:symbol ?s ;
        unkg:orallyRevised true }""",
    "body": "SELECT DISTINCT ?code WHERE { ?r a unkg:Report ; unkg:reportOf/unkg:body/unkg:code ?code }",
    "place": "SELECT DISTINCT ?place WHERE { ?r a unkg:Report ; unkg:reportOf/unkg:place ?place }",
}
# Keys read through a competency query: (query, columns of its rows).
QUERIES = {
    "participants": ("participants", ["role", "code"]),
    "focal-points": ("focal-points", ["code"]),
    "statements": ("statements", ["agenda_item", "code"]),
    "recommendations": ("recommendations", ["letter", "addressee", "text"]),
    "documents": ("documents", ["document"]),
    "references": ("references", ["referenced"]),
    "votes": ("votes", ["draft", "vote", "code"]),
    "sponsors": ("sponsors", ["draft", "how", "code"]),
    "part_vote_lists": ("part-vote-lists", ["draft", "part", "vote", "code"]),
}
ALL = TABLES + list(QUERIES) + list(SELECTS)
NESTED = {"votes", "sponsors", "intended_votes"}  # draft -> kind -> codes
GOLD_KEY = {"participants": "participants_by_role"}  # a check whose gold key has another name
# Checked even where a gold file does not state them: a report that says nothing of drafts has none.
ALWAYS = {"drafts": [], "votes": {}, "sponsors": {}}


@dataclass
class Score:
    key: str
    expected: list[tuple]
    got: list[tuple]
    found: int
    missing: list[tuple]
    extra: list[tuple]


def expected_rows(facts: dict, key: str) -> tuple[list[str] | None, list[tuple]]:
    """The gold rows of a key, and the columns they compare (None: the key's own fixed columns)."""
    if GOLD_KEY.get(key, key) not in facts and key not in ALWAYS:
        return None, []
    value = facts.get(GOLD_KEY.get(key, key), ALWAYS.get(key))
    if key in TABLES:
        columns = list(value[0]) if value else []
        return columns, [tuple(r[c] for c in columns) for r in value]
    if key == "participants":
        return None, [(role, code) for role, codes in value.items() for code in codes]
    if key in ("focal-points", "documents", "references", "recommended", "meeting_records", "orally_revised"):
        return None, [(s,) for s in value]
    if key == "statements":
        return None, [(item, code) for item, codes in value.items() for code in codes]
    if key == "recommendations":
        return None, [(r["letter"], r["addressee"], (r["text_start"], r["text_end"])) for r in value]
    if key in NESTED:
        return None, [(d, k, c) for d, by in value.items() for k, codes in by.items() for c in codes]
    if key == "part_vote_lists":
        return None, [(*_split_part(dp), k, c) for dp, by in value.items() for k, codes in by.items() for c in codes]
    if key in ("revisions", "amends"):
        return None, list(value.items())
    if key in ("body", "place"):
        return None, [(value,)] if value is not None else []
    raise KeyError(key)


def _split_part(draft_part: str) -> tuple[str, str]:
    """ "A/C.1/77/L.2 preambular 5" -> ("A/C.1/77/L.2", "preambular 5")."""
    draft, _, part = draft_part.partition(" ")
    return draft, part


def got_rows(store, key: str, columns: list[str] | None) -> list[tuple]:
    if key in TABLES:
        name = "part-votes" if key == "part_votes" else key
        if not columns:
            columns = []
        try:
            table = run_select(store, resolve_query(name).read_text(encoding="utf-8")).as_dicts()
        except Exception:  # a query this tree does not have yet answers nothing
            return []
        return [tuple(r.get(c) for c in columns) for r in table]
    if key in QUERIES:
        name, cols = QUERIES[key]
        try:
            table = run_select(store, resolve_query(name).read_text(encoding="utf-8")).as_dicts()
        except Exception:
            return []
        return [tuple(r[c] for c in cols) for r in table]
    rows = store.query(PREFIX + SELECTS[key], use_default_graph_as_union=True)
    return [tuple(t.value if t is not None else None for t in sol) for sol in rows]


def matches(expected: tuple, got: tuple) -> bool:
    if expected and isinstance(expected[-1], tuple):  # a long text: (start, end)
        start, end = expected[-1]
        return expected[:-1] == got[:-1] and bool(got[-1]) and got[-1].startswith(start) and got[-1].endswith(end)
    return expected == got


def score(facts: dict, store, key: str) -> Score:
    columns, expected = expected_rows(facts, key)
    got = got_rows(store, key, columns) if (columns or key not in TABLES) else got_rows(store, key, _columns(key))
    pool = Counter(got)
    found, missing = 0, []
    for row in expected:
        hit = next((g for g in pool if pool[g] and matches(row, g)), None)
        if hit is None:
            missing.append(row)
        else:
            pool[hit] -= 1
            found += 1
    return Score(key, expected, got, found, missing, list(pool.elements()))


def _columns(key: str) -> list[str]:
    """The columns a table key compares when its gold rows are empty (any row the graph gives is extra)."""
    return {"report": ["language"], "meeting": ["meeting_number"], "sessions": ["kind"], "officers": ["name"],
            "agenda": ["number"], "decisions": ["reference"], "adoption": ["sitting"], "outcomes": ["kind"],
            "drafts": ["draft"], "part_votes": ["draft"]}[key]


def checked_keys(facts: dict) -> list[str]:
    """The keys a gold file states (a key it leaves out is not checked)."""
    return [k for k in ALL if GOLD_KEY.get(k, k) in facts or k in ALWAYS]
