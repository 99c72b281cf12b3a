"""Drafts considered by a committee (src/unkg/extract/drafts.py): warnings for counts that differ from their lists,
one IRI per draft and State across reports, the published columns of the queries. What each real report states
(drafts, votes, sponsors, revisions, drafts recommended, intended votes, meeting records, the committee as the
body) is checked against its gold facts by tests/extract/test_competency_gold.py."""
from __future__ import annotations

import pytest
from pyoxigraph import Store

from unkg.extract.drafts import stated_counts
from unkg.extract.report import extract_text
from unkg.lang.lexicon import load
from unkg.store.query import resolve_query, run_select

PREFIX = "PREFIX unkg: <https://w3id.org/unkg/ontology#>\n"
from unkg.graph.mapping import report_quads
from unkg.store.embedded import add_ontology

from ..conftest import converted_store, gold, source_path

def example_text() -> str:
    return source_path(gold("ga-committee-example.en")["source"]).read_text(encoding="utf-8")


def test_a_count_that_differs_from_its_list_is_a_warning_not_a_fix():
    text = example_text().replace("recorded vote of 12 to 3", "recorded vote of 13 to 3")
    report = extract_text(text, "changed.txt")
    draft = next(d for d in report.drafts if d.symbol == "A/C.3/95/L.34")
    assert draft.counts() == {"yes": 13, "no": 3, "abstain": 4}
    assert sum(1 for v in draft.votes if v.vote == "yes" and not v.intended) == 12
    assert [w.message for w in report.warnings if "A/C.3/95/L.34" in w.message] == \
        ["A/C.3/95/L.34: the text states 13 'yes' votes but lists 12"]


def test_the_original_example_has_no_count_warning():
    report = extract_text(example_text(), "example.txt")
    assert not [w for w in report.warnings if "votes but lists" in w.message]


def test_one_resource_across_reports():
    """Two reports naming the same draft and States: one IRI each, so one query answers across reports."""
    first = extract_text(example_text(), "first.txt")
    # A second report (another symbol) that cites the same draft and records another vote on it.
    second_text = example_text().replace("A/95/512", "A/95/513").replace("Canada, Japan,", "Japan,") \
        .replace("Abstaining:\nAustralia,", "Abstaining:\nAustralia, Canada,").replace("recorded vote of 12 to 3,\nwith 4",
                                                                                    "recorded vote of 12 to 2,\nwith 5")
    second = extract_text(second_text, "second.txt")
    store = Store()
    add_ontology(store)
    store.bulk_extend(report_quads(first) + report_quads(second))
    citing = resolve_query("citing-reports").read_text(encoding="utf-8").replace('"A/C.1/77/L.63"', '"A/C.3/95/L.34"')
    assert [(r["symbol"], r["language"]) for r in run_select(store, citing).as_dicts()] == \
        [("A/95/512", "en"), ("A/95/513", "en")]
    votes = resolve_query("state-votes").read_text(encoding="utf-8").replace('"BRA"', '"CAN"')
    assert [(r["symbol"], r["draft"], r["vote"]) for r in run_select(store, votes).as_dicts()] == \
        [("A/95/512", "A/C.3/95/L.34", "no"), ("A/95/513", "A/C.3/95/L.34", "abstain")]
    drafts = list(store.query(PREFIX + 'SELECT DISTINCT ?d WHERE { ?d unkg:symbol ?s FILTER(STR(?s) = "A/C.3/95/L.34") }',
                              use_default_graph_as_union=True))
    states = list(store.query(PREFIX + 'SELECT DISTINCT ?s WHERE { ?s unkg:code "CAN" }', use_default_graph_as_union=True))
    assert len(drafts) == 1 and len(states) == 1


@pytest.mark.parametrize("query,columns", [
    ("drafts", ["symbol", "draft", "kind", "action", "method", "yes", "no", "abstain"]),
    ("votes", ["symbol", "draft", "code", "vote"]),
    ("sponsors", ["symbol", "draft", "code", "how"]),
    ("citing-reports", ["symbol", "language", "document"]),
    ("state-votes", ["symbol", "draft", "code", "vote"]),
])
def test_query_columns_are_the_published_ones(query, columns):
    _, store = converted_store(str(source_path(gold("ga-committee-example.en")["source"])))
    assert run_select(store, resolve_query(query).read_text(encoding="utf-8")).columns == columns


def test_cross_report_questions_are_on_the_query_page():
    from unkg.web.endpoint import competency_queries

    questions = {name: question for name, question, _ in competency_queries()}
    assert "A/C.1/77/L.63" in questions["citing-reports"] and "Brazil" in questions["state-votes"]


def test_a_limited_document_far_from_the_draft_words_is_not_a_draft():
    """Regression: "draft decision text … contained in the annex to document …/L.11" (UNFCCC conclusions)
    was read as a draft decision L.11."""
    text = example_text().replace("(A/95/210).", "(A/95/210). It also noted the draft decision text proposed by "
                                  "the facilitators and contained in the annex to document A/C.3/95/L.50.")
    report = extract_text(text, "changed.txt")
    assert "A/C.3/95/L.50" not in [d.symbol for d in report.drafts]
    assert len(report.drafts) == 4


# Counts of a vote as each language states them, "none" against written as a word where the language does
# (constructed sentences); Russian and Chinese reports print the zero in digits.
STATED_COUNTS = [
    ("en", "The draft resolution was adopted by a recorded vote of 12 to none, with 4 abstentions.", (12, 0, 4)),
    ("fr", "Le projet de résolution a été adopté par 12 voix contre zéro, avec 4 abstentions.", (12, 0, 4)),
    ("es", "El proyecto de resolución fue aprobado por 12 votos contra ninguno y 4 abstenciones.", (12, 0, 4)),
    ("ar", "واعتُمد مشروع القرار بتصويت مسجل بأغلبية 12 صوتا مقابل لا شيء، وامتناع 4 أعضاء عن التصويت.",
     (12, 0, 4)),
    ("ar", "واعتُمد مشروع القرار بأغلبية 12 صوتا مقابل لا شيء مع امتناع 4 أعضاء عن التصويت.", (12, 0, 4)),
    ("ru", "Проект резолюции был принят 12 голосами против 0 при 4 воздержавшихся.", (12, 0, 4)),
    ("zh", "决议草案以12票对0票、4票弃权获得通过。", (12, 0, 4)),
]


@pytest.mark.parametrize("lang,sentence,counts", STATED_COUNTS)
def test_a_vote_of_none_against_is_zero(lang, sentence, counts):
    got = stated_counts(load(lang), sentence)
    assert (got.get("yes"), got.get("no"), got.get("abstain")) == counts
