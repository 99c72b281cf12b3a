"""Subject pages over HTTP: meeting, State, body and search, their `.json` twins and CSV downloads.

Gold facts of the constructed example report (data/examples/example-report.ru.txt), as a reader finds them:
paragraph 9 lists ten parties, paragraph 10 two intergovernmental organizations; paragraph 6 lists five States
speaking on item 2 and paragraph 5 the secretariat on items 2 and 3; the three recommendations stand under the
heading of item 2; paragraph 11 lists two documents; the report exists in six languages."""
from __future__ import annotations

import csv
import io

import pytest
import requests

from ..conftest import EXAMPLES, ROOT
from .test_serve import Server, _many_reports, get

MEETING = "/id/meeting/CTOC/COP/WG.2/12"
GOLD = {
    "parties": {"BRA", "DEU", "EU", "KEN", "TZA", "POL", "MEX", "USA", "TTO", "JPN"},
    "igo": {"LAS", "COE"},
    "item_2_speakers": {"DEU", "KEN", "TZA", "USA", "JPN", "secretariat"},
    "item_3_speakers": {"LAS", "secretariat"},
    "item_2_adopted": ["a", "b", "c"],
    "documents": ["CTOC/COP/WG.2/2030/1", "CTOC/COP/WG.2/2030/2"],
    "languages": ["ar", "en", "es", "fr", "ru", "zh"],
    "officers": {("co-chair", "MEX"), ("co-chair", "POL")},
}
UNKG = "https://w3id.org/unkg/ontology#"


def serve_files(folder, files) -> Server:
    return Server([a for f in files for a in ("--data", str(f))], folder)


def example_files(folder, derived: int) -> list:
    """The example report in its six language versions, and `derived` reports made from it (other series,
    years and States present: bench/make_corpus.py)."""
    return [EXAMPLES / "example-report.ru.txt"] + sorted((ROOT / "tests" / "data" / "example").glob("*.txt")) + \
        _many_reports(folder, derived)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    srv = serve_files(folder, example_files(folder, 8))
    yield srv
    srv.stop()


def _code(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def sparql(server, query: str) -> list[dict]:
    r = get(server, "/sparql", "application/sparql-results+json", params={"query": query})
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def test_meeting_json_twin_holds_what_the_report_states(server):
    m = get(server, MEETING + ".json", headers={"Accept-Language": "en"}).json()
    groups = {g["code"]: g for g in m["participants"]}
    assert {_code(x["iri"]) for x in groups["party"]["members"]} == GOLD["parties"]
    assert groups["party"]["count"] == len(GOLD["parties"]) and groups["party"]["label"] == "party"
    assert {_code(x["iri"]) for x in groups["igo"]["members"]} == GOLD["igo"]
    items = {(i["number"], i["sub"]): i for i in m["agenda"]}
    assert {_code(s["iri"]) for s in items[(2, None)]["speakers"]} == GOLD["item_2_speakers"]
    assert {_code(s["iri"]) for s in items[(3, None)]["speakers"]} == GOLD["item_3_speakers"]
    assert [r["letter"] for r in items[(2, None)]["adopted"]] == GOLD["item_2_adopted"]
    assert [d["symbol"] for d in m["documents"]] == GOLD["documents"]
    assert m["documents"][0]["undocs"] == "https://undocs.org/en/CTOC/COP/WG.2/2030/1"
    assert m["documents"][0]["digital_library"] == "https://digitallibrary.un.org/search?p=CTOC%2FCOP%2FWG.2%2F2030%2F1"
    assert [r["symbol"] for r in m["reports"]] == ["CTOC/COP/WG.2/2030/L.1"]
    assert sorted(v["lang"] for v in m["reports"][0]["versions"]) == GOLD["languages"]
    assert {(o["role"]["code"], _code(o["state"]["iri"])) for o in m["officers"]} == GOLD["officers"]
    assert m["start_date"] == "2030-03-03" and m["end_date"] == "2030-03-04" and m["number"] == 12
    para9 = groups["party"]["members"][0]["sources"]
    assert any(s["paragraph"] == 9 and s["report"] == "CTOC/COP/WG.2/2030/L.1" for s in para9)


@pytest.mark.parametrize("lang,party,igo,addressee,kind", [
    ("ru", "участник", "межправительственная организация", "государства-участники", "совещание"),
    ("en", "party", "intergovernmental organization", "States parties", "meeting"),
    ("ar", "طرف", "منظمة حكومية دولية", "الدول الأطراف", "اجتماع"),
    ("fr", "partie", "organisation intergouvernementale", "États parties", "réunion"),
])
def test_meeting_page_shows_codes_by_their_labels_in_the_page_language(server, lang, party, igo, addressee, kind):
    html = get(server, MEETING + ".html", params={"lang": lang}).text
    assert f"{party} <span class=\"count\">10</span>" in html and f"{igo} <span class=\"count\">2</span>" in html
    assert addressee in html and f"({kind})" in html
    if lang != "en":  # the bare codes never show
        assert ">party<" not in html and ">igo<" not in html and ">states-parties<" not in html
    assert 'href="/id/meeting/CTOC/COP/WG.2/12.data.html"' in html  # the generic view one click away
    assert f"https://undocs.org/{lang}/CTOC/COP/WG.2/2030/1" in html


@pytest.mark.parametrize("lang,status,m49", [
    ("en", "Member State", "M49 code"), ("fr", "État Membre", "code M49"), ("ru", "государство-член", "код M49"),
    ("zh", "会员国", "M49 代码"), ("ar", "دولة عضو", "رمز M49"), ("es", "Estado Miembro", "código M49"),
])
def test_state_page_shows_its_codes_by_their_labels_in_the_page_language(server, lang, status, m49):
    """Regression: the UN status showed as the bare code "member" and each code under its property name."""
    html = get(server, "/id/state/MEX.html", params={"lang": lang}).text
    assert f"<dd>{status}</dd>" in html and f"<dt>{m49}</dt>" in html and "<dd><code>484</code></dd>" in html
    assert ">member<" not in html and ">unStatus<" not in html and ">m49<" not in html


def test_state_json_history_is_one_object_per_meeting_attended(server):
    state = get(server, "/id/state/MEX.json").json()
    expected = {r["m"] for r in sparql(server, f"""SELECT DISTINCT ?m WHERE {{ GRAPH ?g {{
        {{ ?x <{UNKG}participant> <https://w3id.org/unkg/id/state/MEX> ; <{UNKG}inMeeting> ?m }} UNION
        {{ ?x <{UNKG}fromState> <https://w3id.org/unkg/id/state/MEX> ; <{UNKG}postIn> ?m }} }} }}""")}
    assert len(expected) > 2
    assert [h["meeting"]["iri"] for h in state["history"]] == sorted(
        expected, key=lambda m: next(h["start_date"] for h in state["history"] if h["meeting"]["iri"] == m))
    assert len({h["meeting"]["iri"] for h in state["history"]}) == len(state["history"])
    assert state["names"]["ar"]["short"] == "المكسيك" and state["codes"]["m49"] == "484"
    assert {l["name"]: l["href"] for l in state["links"]}["Wikidata"] == "http://www.wikidata.org/entity/Q96"
    first = next(h for h in state["history"] if h["meeting"]["iri"].endswith(MEETING))
    assert "2" not in first["items_spoken_on"] and "party" in first["capacity"]


def test_state_history_csv_and_filters(server):
    full = get(server, "/id/state/MEX.json").json()["history"]
    rows = list(csv.DictReader(io.StringIO(get(server, "/id/state/MEX.csv").text)))
    assert [r["meeting"] for r in rows] == [h["meeting"]["iri"] for h in full]
    year = str(full[-1]["year"])
    by_year = list(csv.DictReader(io.StringIO(get(server, "/id/state/MEX.csv", params={"year": year}).text)))
    assert by_year and all(r["start_date"].startswith(year) for r in by_year) and len(by_year) < len(rows)
    by_body = get(server, "/id/state/MEX.json", params={"body": "CTOC/COP/WG.2"}).json()["history"]
    assert [h["meeting"]["iri"].rsplit("/id/", 1)[-1] for h in by_body] == ["meeting/CTOC/COP/WG.2/12"]
    r = get(server, "/id/state/MEX.csv")
    assert r.headers["Content-Type"].startswith("text/csv") and "attachment" in r.headers["Content-Disposition"]


def test_state_page_has_history_chart_with_a_table_alternative(server):
    html = get(server, "/id/state/MEX.html", params={"lang": "ru"}).text
    history = get(server, "/id/state/MEX.json").json()["history"]
    assert html.count("<tr><td><a href=\"/id/meeting/") == len(history)
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html and "Совещания по годам" in html
    assert '<table class="chart-data">' in html and 'href="/id/state/MEX.csv"' in html


def test_body_page_lists_meetings_in_order_and_its_matrix_as_csv(server):
    body = get(server, "/id/body/CTOC/COP/WG.10.json").json()
    dates = [m["start_date"] for m in body["meetings"]]
    assert len(dates) == 8 and dates == sorted(dates)
    rows = list(csv.reader(io.StringIO(get(server, "/id/body/CTOC/COP/WG.10.csv").text)))
    assert rows[0][2:] == [m["iri"] for m in body["meetings"]]
    attended = sparql(server, f"""SELECT DISTINCT ?who ?m WHERE {{ GRAPH ?g {{ ?m <{UNKG}body>
        <https://w3id.org/unkg/id/body/CTOC/COP/WG.10> . ?x <{UNKG}inMeeting> ?m ; <{UNKG}participant> ?who ;
        <{UNKG}role> ?role }} }}""")
    cells = {(r[0], m) for r in rows[1:] for m, c in zip(rows[0][2:], r[2:]) if c}
    assert cells == {(a["who"], a["m"]) for a in attended}


def test_search_json_hits_and_filters(server):
    r = get(server, "/search.json", params={"q": "программы подготовки", "body": "CTOC/COP/WG.2"})
    hits = r.json()["hits"]
    assert r.headers["Content-Type"].startswith("application/json")
    assert [(h["report"], h["lang"], h["paragraph"]) for h in hits if h["kind"] == "paragraph"] == \
        [("CTOC/COP/WG.2/2030/L.1", "ru", 2)]
    assert "программы подготовки кадров" in hits[0]["text"]
    wide = get(server, "/search.json", params={"q": "программы подготовки"}).json()["total"]
    assert wide == 9  # the example and its eight derived reports
    zh = get(server, "/search.json", params={"q": "培训", "language": "zh"}).json()["hits"]
    assert zh and {h["lang"] for h in zh} == {"zh"}


def test_search_page_links_a_hit_to_its_paragraph(server):
    html = get(server, "/search", params={"q": "Танзания", "language": "ru", "body": "CTOC/COP/WG.2"}).text
    assert 'href="/id/doc/CTOC/COP/WG.2/2030/L.1/ru#para-9"' in html and "<mark>Танзания</mark>" in html
    report = get(server, "/id/doc/CTOC/COP/WG.2/2030/L.1/ru.html").text  # the paragraph in the reading view,
    para = report[report.index('id="para-9"'):]  # the facts stated in it beside it
    assert 'href="/id/state/TZA"' in para[:para.index('</li>\n<li class="para"')]
    assert 'action="/search"' in get(server, "/").text


OUTCOMES = ROOT / "tests" / "data" / "outcomes"


@pytest.fixture(scope="module")
def outcome_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages-outcomes")
    srv = serve_files(folder, [OUTCOMES / f"{lang}.txt" for lang in ("en", "ru", "ar")])
    yield srv
    srv.stop()


def test_meeting_agenda_shows_each_outcome_under_its_item(outcome_server):
    """Gold: tests/data/outcomes/expected.json (what a reader finds in the constructed reports)."""
    import json

    expected = json.loads((OUTCOMES / "expected.json").read_text(encoding="utf-8"))["outcomes"]
    meeting = get(outcome_server, "/id/meeting/FCCC/SBI/10/part/2.json").json()
    found = {(f"{i['number']}{'.' + i['sub'] if i['sub'] else ''}", r["kind"]["code"])
             for i in meeting["agenda"] for r in i["adopted"] if r["kind"]}
    assert found == {(item, kind) for lang in ("en", "ru", "ar") for item, kind, _ in expected[lang]}
    html = get(outcome_server, "/id/meeting/FCCC/SBI/10/part/2.html", params={"lang": "ru"}).text
    assert '<span class="tag kind">выводы</span>' in html and '<span class="tag kind">решение</span>' in html


@pytest.mark.parametrize("path", ["/id/meeting/CTOC/COP/WG.2/12/participation/MEX/party.json",
                                  "/id/doc/CTOC/COP/WG.2/2030/L.1.csv"])
def test_json_and_csv_exist_only_for_pages_that_have_them(server, path):
    assert requests.get(server.url + path, timeout=30).status_code == 404


# ------------------------------------------------------------------ drafts and recorded votes

GA = [ROOT / "tests" / "data" / f"ga-committee-example.{lang}.txt" for lang in ("en", "fr", "ru")]


def ga_reports() -> list:
    """The constructed General Assembly committee reports (they come with the drafts-and-votes extraction)."""
    if not all(p.is_file() for p in GA):
        pytest.skip("the constructed committee reports (tests/data/ga-committee-example.*.txt) are not here yet")
    return GA
DRAFT = "/id/doc/A/C.3/95/L.34"
GA_GOLD = {  # paragraphs 9-11 of the constructed committee report, as a reader finds them
    "submitted": {"EGY", "IDN"}, "joined": {"BOL", "SEN"},
    "yes": {"BOL", "CHL", "CRI", "EGY", "FJI", "GHA", "IDN", "MNG", "NOR", "SEN", "URY", "VNM"},
    "no": {"CAN", "JPN", "GBR"}, "abstain": {"AUS", "CIV", "IRN", "CHE"},
}


@pytest.fixture(scope="module")
def ga_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages-ga")
    srv = serve_files(folder, ga_reports())
    yield srv
    srv.stop()


def test_draft_json_twin_has_sponsors_action_and_the_three_vote_lists(ga_server):
    d = get(ga_server, DRAFT + ".json", headers={"Accept-Language": "en"}).json()
    assert d["symbol"] == "A/C.3/95/L.34" and d["kind"] == "resolution"
    assert d["title"] == "Financing of wetland restoration"
    assert {g["code"]: {_code(m["iri"]) for m in g["members"]} for g in d["sponsors"]} == \
        {"submitted": GA_GOLD["submitted"], "joined": GA_GOLD["joined"]}
    english = next(a for a in d["actions"] if a["meeting"]["iri"].endswith("/A/C.3/95"))
    assert english["outcome"]["code"] == "adopted" and english["method"]["code"] == "recorded-vote"
    lists = english["vote"]["lists"]
    for key in ("yes", "no", "abstain"):
        assert {_code(m["iri"]) for m in lists[key]["members"]} == GA_GOLD[key]
        assert lists[key]["count"] == lists[key]["stated"] == len(GA_GOLD[key])
    assert [r["symbol"] for r in d["reports"]] == ["A/95/512"] and d["reports"][0]["languages"] == ["en", "fr", "ru"]


@pytest.mark.parametrize("lang,yes,no,abstain,adopted", [
    ("en", "yes", "no", "abstained", "adopted"), ("ru", "за", "против", "воздержались", "принят"),
    ("ar", "مؤيد", "معارض", "ممتنع", "اعتُمد")])
def test_draft_page_shows_vote_lists_with_counts_and_a_chart(ga_server, lang, yes, no, abstain, adopted):
    html = get(ga_server, DRAFT + ".html", params={"lang": lang}).text
    assert f'{yes} <span class="count">12</span>' in html and f'{no} <span class="count">3</span>' in html
    assert f'{abstain} <span class="count">4</span>' in html and f'<strong class="outcome">{adopted}</strong>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html and 'fill="#c62828"' in html
    if lang != "en":  # the bare codes never show
        assert ">recorded-vote<" not in html and ">adopted<" not in html and ">yes<" not in html
        assert "<h3>submitted" not in html and "<h3>joined in sponsoring" not in html  # sponsorship kinds too


def test_state_history_has_its_votes_and_sponsorships(ga_server):
    canada = get(ga_server, "/id/state/CAN.json").json()["history"]
    votes = {(v["draft"]["symbol"], v["vote"]) for h in canada for v in h["votes"]}
    assert votes == {("A/C.3/95/L.34", "no")}
    egypt = get(ga_server, "/id/state/EGY.json").json()["history"]
    assert {d["symbol"] for h in egypt for d in h["drafts_sponsored"]} == {"A/C.3/95/L.34"}
    rows = list(csv.DictReader(io.StringIO(get(ga_server, "/id/state/CAN.csv").text)))
    assert any(r["votes"] == "A/C.3/95/L.34: no" for r in rows)
    html = get(ga_server, "/id/state/CAN.html").text
    assert 'id="vote-chart"' in html
