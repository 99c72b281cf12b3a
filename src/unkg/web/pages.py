"""Stage `web`: subject pages and search, as handlers of the application: each page kind renders its data as HTML, gives
the same data as JSON (the `.json` twin) and, where it holds a table, as CSV; the generic data view of every
resource stays one click away at `.data.html`."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from markupsafe import Markup, escape
from pyoxigraph import NamedNode

from unkg.store.search import MARK_END, MARK_START
from unkg.web.body import body_data, matrix_csv
from unkg.web.charts import bar_chart
from unkg.web.decision import decision_data
from unkg.web.document import document_data
from unkg.web.draft import draft_data
from unkg.web.meeting import meeting_data
from unkg.web.report import report_data
from unkg.web.state import filtered, history_csv, per_year, state_data, vote_totals

KINDS = {"#Meeting": "meeting", "#State": "state", "#Organization": "state",
         "#RegionalEconomicIntegrationOrganization": "state", "#Body": "body", "#DraftResolution": "draft",
         "#DraftDecision": "draft", "#Draft": "draft", "#Report": "report", "#Expression": "report",
         "#Resolution": "decision", "#NumberedDecision": "decision", "#Document": "document"}
VOTE_COLOURS = {"yes": "#2e7d32", "no": "#c62828", "abstain": "#8a8a8a"}
SEARCH_PAGE_SIZE = 20


def kind_of(site, iri: str) -> str | None:
    """Which subject page shows a resource (None: the generic data view)."""
    rows = site.backend.select("SELECT DISTINCT ?t WHERE { { GRAPH ?g { ?s a ?t } } UNION { ?s a ?t } }",
                               {"s": NamedNode(iri)})
    types = {r["t"].value for r in rows if r["t"].value.startswith("https://w3id.org/unkg/ontology")}
    for suffix, kind in KINDS.items():  # in order: a draft is also a Document, shown as a draft
        if any(t.endswith(suffix) for t in types):
            return kind
    if not types and iri.startswith(site.base + "id/doc/"):  # only named: cited in a footnote, revised...
        return "document"
    return None


def _json(data) -> tuple[str, list, bytes]:
    return "200 OK", [("Content-Type", "application/json; charset=utf-8")], \
        json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _csv(body: bytes, name: str) -> tuple[str, list, bytes]:
    return "200 OK", [("Content-Type", "text/csv; charset=utf-8"),
                      ("Content-Disposition", f'attachment; filename="{name}.csv"')], body


def subject_page(app, ctx: dict, kind: str, iri: str, raw: str, suffix: str, params: dict, headers: list):
    """The page (html), its twin (json) or its table (csv) of a meeting, a State or organization, a body;
    None when the resource is not of that kind after all."""
    langs, t = ctx["langs"], ctx["t"]
    views = {"data": ctx["root"] + raw + ".data.html", "json": ctx["root"] + raw + ".json",
             "csv": ctx["root"] + raw + ".csv"}
    if kind == "meeting":
        data = meeting_data(app.site, iri, langs)
        if data is None or suffix == "csv":
            return None
        if suffix == "json":
            return _json(data)
        return app.render("meeting.html", ctx, headers=headers, title=data["label"], m=data, views=views)
    if kind == "state":
        data = state_data(app.site, iri, langs)
        if data is None:
            return None
        chosen = {"body": params.get("body", [""])[0], "year": params.get("year", [""])[0]}
        history = filtered(data["history"], chosen["body"], chosen["year"])
        if suffix == "json":
            return _json(data | {"history": history})
        if suffix == "csv":
            return _csv(history_csv(history), raw.rsplit("/", 1)[-1] + "-history")
        facets = {"body": sorted({h["body"]["code"] for h in data["history"] if h["body"]}),
                  "year": sorted({h["year"] for h in data["history"] if h["year"]})}
        years = per_year(history)
        chart = bar_chart("participation-chart", f"{t['participation_per_year']}: {data['label']}", years, t,
                          rtl=ctx["lang"] == "ar") if years else None
        totals = vote_totals(history)
        vote_chart = bar_chart("vote-chart", f"{t['votes_per_kind']}: {data['label']}", [(t[k], n) for k, n in totals],
                               t, rtl=ctx["lang"] == "ar", colours=VOTE_COLOURS, keys=[k for k, _ in totals]) \
            if totals else None
        if any(chosen.values()):
            views["csv"] += "?" + urlencode({k: v for k, v in chosen.items() if v})
        return app.render("state.html", ctx, headers=headers, title=data["label"], s=data, history=history,
                          views=views, chart=chart, vote_chart=vote_chart, facets=facets, chosen=chosen,
                          filters=app.live)
    if kind == "draft":
        data = draft_data(app.site, iri, langs)
        if data is None or suffix == "csv":
            return None
        if suffix == "json":
            return _json(data)
        from unkg.graph.terms import ONTOLOGY
        from unkg.web.vocab import concept_label

        kind_label = concept_label(ONTOLOGY + {"resolution": "DraftResolution", "decision": "DraftDecision"}.get(
            data["kind"], "Draft"), langs)
        charts = []
        for i, action in enumerate(data["actions"]):
            lists = action["vote"]["lists"] if action["vote"] else {}
            rows = [(t[k], lists[k]["stated"] if lists[k]["stated"] is not None else lists[k]["count"])
                    for k in ("yes", "no", "abstain")] if lists else []
            charts.append(bar_chart(f"vote-chart-{i}", f"{t['votes_chart']}: {data['symbol']}", rows, t,
                                    rtl=ctx["lang"] == "ar", colours=VOTE_COLOURS, keys=["yes", "no", "abstain"])
                          if rows else None)
        return app.render("draft.html", ctx, headers=headers, title=data["symbol"], d=data, views=views,
                          kind_label=kind_label, charts=charts)
    if kind in ("report", "decision", "document"):
        return _document_page(app, ctx, kind, iri, suffix, headers, views)
    if kind == "body":
        data = body_data(app.site, iri, langs)
        if data is None:
            return None
        if suffix == "json":
            return _json(data)
        if suffix == "csv":
            return _csv(matrix_csv(data), data["code"].replace("/", "_") + "-participation")
        return app.render("body.html", ctx, headers=headers, title=data["label"], b=data, views=views)
    return None


def _document_page(app, ctx: dict, kind: str, iri: str, suffix: str, headers: list, views: dict):
    """A report or one of its language versions, a decision or resolution cited, another document: the page or its
    JSON twin (no CSV)."""
    data = {"report": report_data, "decision": decision_data, "document": document_data}[kind](
        app.site, iri, ctx["langs"])
    if data is None or suffix == "csv":
        return None
    if suffix == "json":
        return _json(data)
    return app.render(f"{kind}.html", ctx, headers=headers, title=data["label"], d=data, views=views)


def highlighted(snippet: str) -> Markup:
    """The snippet escaped, then the index's highlight markers turned into <mark>."""
    return Markup(str(escape(snippet)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def search_page(app, ctx: dict, params: dict, as_json: bool):
    text = params.get("q", [""])[0][:300]
    chosen = {"body": params.get("body", [""])[0], "year": params.get("year", [""])[0],
              "language": params.get("language", [""])[0]}
    try:
        page = max(1, min(1000, int(params.get("page", ["1"])[0])))
    except ValueError:
        page = 1
    year = int(chosen["year"]) if chosen["year"].isdigit() else None
    index = app.search_index
    if index is None:  # a remote endpoint: names, symbols and titles only, through SPARQL
        items = app.names_search(text, ctx["langs"]) if text else []
        hits = [{"report": None, "lang": None, "paragraph": None, "text": label, "snippet": label, "iri": iri,
                 "kind": "name", "body": None, "year": None} for iri, label in items]
        total, facets = len(hits), {"body": [], "year": [], "lang": []}
    else:
        found, total = index.search(text, chosen["body"] or None, year, chosen["language"] or None,
                                    limit=SEARCH_PAGE_SIZE, offset=(page - 1) * SEARCH_PAGE_SIZE)
        hits = [h.as_json() | {"snippet": h.snippet} for h in found]
        facets = index.facets()
    if as_json:
        return _json({"query": text, "filters": {k: v for k, v in chosen.items() if v}, "total": total,
                      "page": page, "hits": [{k: v for k, v in h.items() if k != "snippet"} for h in hits]})
    for h in hits:
        h["snippet_html"] = highlighted(h["snippet"])
    pages = max(1, -(-total // SEARCH_PAGE_SIZE))
    base = {"q": text, **{k: v for k, v in chosen.items() if v}}
    return app.render("search.html", ctx, title=f"{ctx['t']['search_results']}: {text}", hits=hits, total=total,
                      facets=facets, chosen=chosen, page=page, pages=pages,
                      qs_prev=urlencode(base | {"page": page - 1}), qs_next=urlencode(base | {"page": page + 1}))
