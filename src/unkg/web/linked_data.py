"""Stage `web`: linked data: dereferenceable IRIs (303 to the negotiated document, suffixes), RDF documents, the generic
data view, SHACL status, the ontology, the dataset description and the dumps."""
from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.resources import ontology_path
from unkg.web.site import PAGE_SIZE
from unkg.web.answers import DUMPS, RDF_TYPES, rdf_bytes, rdf_content_type, write_dump
from unkg.web.protocol import Response, negotiate, page_number


SUFFIXES = {"html": "text/html", **{v[0]: k for k, v in RDF_TYPES.items()}}


HTML_TYPES = ("text/html", "application/xhtml+xml")


SHACL_GRAPHS_PER_REQUEST = 5  # graphs validated for one page at most (the rest on later visits)


@dataclass
class ShaclStatus:
    violations: int
    unchecked: int = 0  # graphs not validated yet (validation is bounded per request)

    @property
    def conforms(self) -> bool:
        return self.violations == 0

    @property
    def text(self) -> str:
        text = "conforms" if self.conforms else f"{self.violations} violation(s)"
        return text + (f" ({self.unchecked} graph(s) not checked yet)" if self.unchecked else "")


@lru_cache(maxsize=8)
def ontology_sections(lang: str):
    import rdflib

    g = rdflib.Graph().parse(ontology_path(), format="turtle")
    RDFS, OWL = rdflib.RDFS, rdflib.OWL

    def text(node, prop):
        values = {l.language: str(l) for l in g.objects(node, prop) if isinstance(l, rdflib.Literal)}
        return values.get(lang) or values.get("en") or next(iter(values.values()), "")

    sections = []
    for title, kind in (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
                        ("Datatype properties", OWL.DatatypeProperty)):
        entries = []
        for node in sorted(g.subjects(rdflib.RDF.type, kind)):
            if not str(node).startswith(ONTOLOGY):
                continue
            parents = [g.namespace_manager.normalizeUri(p) for p in
                       list(g.objects(node, RDFS.subClassOf)) + list(g.objects(node, RDFS.subPropertyOf))]
            entries.append({"name": str(node)[len(ONTOLOGY):], "label": text(node, RDFS.label),
                            "comment": text(node, RDFS.comment), "parents": parents})
        sections.append((title, entries))
    return text(rdflib.URIRef("https://w3id.org/unkg/ontology"), RDFS.comment), sections


class LinkedData:
    """What the application answers for IRIs under the base, the ontology, the dataset and dumps."""

    def resource(self, ctx, path, params, accept):
        raw = path.lstrip("/")
        suffix = None
        stem, dot, ext = raw.rpartition(".")
        if dot and (ext in SUFFIXES or ext in ("json", "csv")):
            suffix, raw = ext, stem
            if ext == "html" and raw.endswith(".data"):  # the generic data view of a subject page
                suffix, raw = "data.html", raw[: -len(".data")]
        from urllib.parse import unquote

        # the IRI as minted (unkg.lang.symbols.path_segment): "2334 (2016)" is "2334%20%282016%29"; links, the
        # Location and the alternates name it so
        iri = self.base + quote(unquote(raw), safe="/")
        raw = iri[len(self.base):]
        is_graph = raw.startswith("graph/")
        offered = ["text/html"] + list(RDF_TYPES)
        if suffix is None:
            media = negotiate(accept, offered) or negotiate(accept, ["application/xhtml+xml"]) and "text/html"
            if media is None:
                raise Response("406 Not Acceptable",
                               ("acceptable: " + ", ".join(offered) + "\n").encode(), headers=[("Vary", "Accept")])
            if not is_graph:  # the IRI names a thing: 303 to the document about it
                target = ctx["root"] + raw + "." + ("html" if media == "text/html" else RDF_TYPES[media][0])
                qs = "&".join(f"{k}={quote(v[0])}" for k, v in params.items() if k in ("lang", "page"))
                return "303 See Other", [("Location", target + (f"?{qs}" if qs else "")), ("Vary", "Accept"),
                                         ("Content-Type", "text/plain; charset=utf-8")], \
                    f"See {target}\n".encode()
        elif suffix in ("data.html", "json", "csv"):
            media = "text/html"
        else:
            media = SUFFIXES[suffix]
        alternates = [{"type": m_, "href": ctx["root"] + raw + "." + s, "name": s}
                      for s, m_ in SUFFIXES.items()]
        link_header = ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["type"]}"' for a in alternates)
        headers = [("Link", link_header)] + ([("Vary", "Accept")] if suffix is None else [])
        if media == "text/html":
            if is_graph:
                return self.graph_page(ctx, iri, alternates, headers)
            if suffix != "data.html":  # a meeting, State, body... is shown as itself; the data view one click away
                from unkg.web.pages import kind_of, subject_page

                kind = kind_of(self.site, iri)
                answer = subject_page(self, ctx | {"alternates": alternates[1:]}, kind, iri, raw, suffix or "html",
                                      params, headers) if kind else None
                if answer is not None:
                    return answer
                if suffix in ("json", "csv"):
                    raise Response("404 Not Found", f"no {suffix} view of this resource\n".encode())
            page = self.site.describe(iri, ctx["langs"], page_number(params))
            if not page.exists:
                raise self.not_found(ctx, path)
            shacl = self.status(page.graphs)
            ctx["alternates"] = alternates[1:]
            return self.render("resource.html", ctx, headers=headers, title=page.label, page=page, shacl=shacl)
        if is_graph:
            triples = [q.triple for q in self.site.graph_quads(iri)]
        else:
            triples = self.site.resource_triples(iri)
        if not triples:
            raise Response("404 Not Found", b"no such resource\n")
        return "200 OK", [("Content-Type", rdf_content_type(media))] + headers, rdf_bytes(triples, media)

    def graph_page(self, ctx, iri, alternates, headers):
        quads = self.site.graph_quads(iri)
        if not quads:
            raise self.not_found(ctx, iri)
        subjects = sorted({q.subject.value for q in quads if isinstance(q.subject, NamedNode)})[:PAGE_SIZE]
        labels = self.site.labels(subjects, ctx["langs"])
        status = self.status([iri])
        ctx["alternates"] = alternates[1:]
        return self.render("list.html", ctx, headers=headers, title=iri, items=[(s, labels.get(s, s)) for s in subjects],
                           page=1, pages=1, extra="", note=f"{len(quads)} triples · SHACL: {status.text}")

    def status(self, graphs: list[str]) -> "ShaclStatus | None":
        """SHACL status of the graphs stating a resource (violations counted once per graph)."""
        if not graphs:
            return None
        todo = [g for g in graphs if g not in self._violations][:SHACL_GRAPHS_PER_REQUEST]
        if todo and self.pages:  # validated in a worker, within the page's time; the page answers without
            from unkg.web.protocol import Busy, TimedOut

            try:
                self._violations.update(self.pages.call("shacl", todo))
            except (Busy, TimedOut):
                pass
        elif todo:
            from unkg.graph.shacl import validate_triples

            for graph in todo:
                self._violations[graph] = len(validate_triples(self.site.graph_quads(graph)))
        known = [g for g in graphs if g in self._violations]
        return ShaclStatus(sum(self._violations[g] for g in known), len(graphs) - len(known))

    def ontology(self, ctx, path, accept):
        media = "text/turtle" if path.endswith(".ttl") else "text/html" if path.endswith(".html") else \
            negotiate(accept, ["text/html", "text/turtle"])
        if media is None:
            raise Response("406 Not Acceptable", b"acceptable: text/html, text/turtle\n", headers=[("Vary", "Accept")])
        if media == "text/turtle":
            return "200 OK", [("Content-Type", "text/turtle; charset=utf-8"), ("Vary", "Accept")], \
                ontology_path().read_bytes()
        sections = ontology_sections(ctx["lang"])
        return self.render("ontology.html", ctx, headers=[("Vary", "Accept")], title="unkg ontology",
                           namespace=ONTOLOGY, comment=sections[0], sections=sections[1])

    def dataset(self, ctx, path, accept):
        if path == "/.well-known/void":
            return "303 See Other", [("Location", ctx["root"] + "dataset"), ("Content-Type", "text/plain")], b""
        media = "text/turtle" if path.endswith(".ttl") else negotiate(accept, list(RDF_TYPES) + ["text/html"])
        if media == "text/html" or path.endswith(".html"):
            media = "text/turtle"  # the description is short: shown as Turtle in the browser too
        if media is None:
            raise Response("406 Not Acceptable", b"acceptable: " + ", ".join(RDF_TYPES).encode() + b"\n")
        return "200 OK", [("Content-Type", rdf_content_type(media)), ("Vary", "Accept")], \
            rdf_bytes(self.dataset_description(ctx["root"]), media)

    def dataset_description(self, root: str):
        from unkg.graph.describe import dataset_description

        if self._statistics is None:  # counted once: the store is a read-only snapshot
            self._statistics = self.site.statistics()
        return dataset_description(self.site, self.base, root, list(DUMPS),
                                   root + "sparql" if self.live else self.sparql_url, self._statistics)

    def dump(self, name: str):
        if name not in DUMPS:
            raise Response("404 Not Found", b"no such dump\n")
        if name not in self._dumps:
            if self.pages is None:  # `unkg publish`: written here and now
                self._write_dump(name)
            else:
                self._start_dump(name)
                raise Response("503 Service Unavailable", b"the dump is being written: try again shortly\n",
                               headers=[("Retry-After", "30")])
        return "200 OK", [("Content-Type", DUMPS[name]), ("Content-Disposition", f'attachment; filename="{name}"')], \
            self._dumps[name]

    def _write_dump(self, name: str) -> None:
        """Write a dump once into a private folder; with a store, in a process of its own, bounded in time."""
        with self._dump_lock:
            if self._dump_folder is None:
                self._dump_folder = Path(tempfile.mkdtemp(prefix="unkg-dumps-"))
        target = self._dump_folder / name
        if self.store_path and self.pages is not None:
            from unkg.web.pool import WorkerPool

            writer = WorkerPool(self.store_path, 1, 0, "dump writer")
            try:
                answer = writer.call("dump", name, str(target), timeout=self.limits.dump_timeout)
            finally:
                writer.close()
            if answer[0] != "ok":
                raise RuntimeError(f"{name}: {answer[1]}")
        else:
            write_dump(self.site.backend.dataset_quads(), name, target)
        self._dumps[name] = target

    def _start_dump(self, name: str) -> None:
        with self._dump_lock:
            if name in self._dumping:
                return
            self._dumping.add(name)

        def run():
            try:
                self._write_dump(name)
            except Exception:  # a later request tries again
                pass
            finally:
                with self._dump_lock:
                    self._dumping.discard(name)
        threading.Thread(target=run, daemon=True).start()
