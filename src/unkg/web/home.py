"""Stage `web`: the site's own pages: home, collections, competency query results."""
from __future__ import annotations

import json

from unkg.web.site import COLLECTIONS, local_name
from unkg.web.endpoint import competency_queries
from unkg.web.answers import DUMPS
from unkg.web.protocol import page_number, negotiate


SEARCH_LIMIT = 50


class SitePages:
    """Home page, collections of things, competency questions as tables."""

    # -- pages --------------------------------------------------------------------
    def _collection_counts(self) -> dict[str, int]:
        if self._counts is None:  # the store is a read-only snapshot: counted once
            self._counts = self.site.collection_counts()
        return self._counts

    def home(self, ctx):
        from unkg.web.protocol import Busy, TimedOut

        try:
            counts = self._collection_counts()
        except (Busy, TimedOut):  # the home page answers even when counting cannot be done now
            counts = {}
        collections = [(name, ctx["t"].get(name, title), counts.get(name, "…"))
                       for name, (_, title) in COLLECTIONS.items()]
        return self.render("home.html", ctx, title="unkg", collections=collections,
                           queries=[(n, q) for n, q, _ in competency_queries()], dumps=list(DUMPS))

    def collection(self, ctx, name, params):
        if name not in COLLECTIONS:
            raise self.not_found(ctx, name)
        page = page_number(params)
        if self._members is not None:
            members, size = self._members[name], self.site.page_size
            iris, total = members[(page - 1) * size:page * size], len(members)
            labels = self.site.labels(iris, ctx["langs"])
            items = [(i, labels.get(i) or local_name(i)) for i in iris]
        else:
            items, total = self.site.collection(name, ctx["langs"], page)
        return self.render("list.html", ctx, title=ctx["t"].get(name, COLLECTIONS[name][1]), items=items,
                           page=page, pages=max(1, -(-total // self.site.page_size)), extra="", note=f"{total}")

    def names_search(self, text: str, langs: list[str]) -> list[tuple[str, str]]:
        """Names, symbols and titles containing the text, when there is no full-text index (a remote
        endpoint): from the names warm() collected, else a bounded query."""
        needle = text.strip()[:200].lower()
        if self._names is not None and needle:  # as Site.search: the first 50 IRIs whose name contains it
            iris = list(dict.fromkeys(iri for iri, name in self._names if needle in name))[:SEARCH_LIMIT]
            labels = self.site.labels(iris, langs)
            return [(i, labels.get(i) or local_name(i)) for i in iris]
        return self.site.search(text, langs, SEARCH_LIMIT)

    def competency(self, ctx, name, params, accept):
        queries = {n: (q, text) for n, q, text in competency_queries()}
        if name not in queries:
            raise self.not_found(ctx, name)
        question, text = queries[name]
        fmt = params.get("format", [None])[0] or {"text/csv": "csv", "application/json": "json",
                                                  "application/sparql-results+json": "json"}.get(
            negotiate(accept, ["text/html", "text/csv", "application/json"]) or "", "html")
        if fmt == "csv":
            status, headers, body = self.run_sparql(text, "text/csv")
            return status, headers, body
        if fmt == "json":
            return self.run_sparql(text, "application/sparql-results+json")
        status, headers, body = self.run_sparql(text, "application/sparql-results+json")
        if not status.startswith("200"):
            return status, headers, body
        data = json.loads(body)
        columns = data["head"]["vars"]
        from unkg.store.query import sort_unordered

        rows = sort_unordered(text, [[b.get(c, {}).get("value") for c in columns] for b in data["results"]["bindings"]])
        note = None
        if dict(headers).get("X-UNKG-Result-Cap"):
            note = f"truncated at the result cap of {self.limits.max_rows} rows"
        return self.render("table.html", ctx, title=name, question=question, name=name, columns=columns,
                           rows=rows, note=note)
