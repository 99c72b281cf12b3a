"""Stage `graph`: VoID, DCAT and SPARQL service descriptions of the published dataset."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from unkg.version import __version__
from unkg.graph.terms import ONTOLOGY

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
VOCABULARIES = [ONTOLOGY, "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/",
                "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/org#", "http://schema.org/",
                "https://w3id.org/un/ontology/undo/", "http://data.europa.eu/eli/ontology#"]
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def dataset_description(site, base: str, root: str, dumps: list[str], sparql: str | None,
                        stats: dict | None = None) -> list[Triple]:
    """VoID and DCAT; the SPARQL endpoint only when there is one (a static site may have none)."""
    ds = NamedNode(base + "dataset")
    stats = stats or site.statistics()
    t = [Triple(ds, RDF_TYPE, NamedNode(VOID + "Dataset")), Triple(ds, RDF_TYPE, NamedNode(DCAT + "Dataset")),
         Triple(ds, NamedNode(DCT + "title"), Literal("UN meeting reports (unkg)", language="en")),
         Triple(ds, NamedNode(DCT + "description"),
                Literal("Facts of UN intergovernmental meeting reports, each with its source paragraph.",
                        language="en")),
         Triple(ds, NamedNode(DCT + "license"), NamedNode(LICENSE)),
         Triple(ds, NamedNode(VOID + "triples"), Literal(str(stats["triples"]), datatype=NamedNode(XSD + "integer"))),
         Triple(ds, NamedNode(VOID + "uriSpace"), Literal(base + "id/")),
         Triple(ds, NamedNode(DCT + "creator"), Literal(f"unkg {__version__}"))]
    if sparql:
        t.append(Triple(ds, NamedNode(VOID + "sparqlEndpoint"),
                        NamedNode(sparql if sparql.startswith("http") else _absolute(root, base, sparql.lstrip("/")))))
    for vocab in VOCABULARIES:
        t.append(Triple(ds, NamedNode(VOID + "vocabulary"), NamedNode(vocab)))
    for example in (base + "id/state/ARG",):
        t.append(Triple(ds, NamedNode(VOID + "exampleResource"), NamedNode(example)))
    for name in dumps:
        url = NamedNode(_absolute(root, base, f"dumps/{name}"))
        dist = NamedNode(base + f"dataset/distribution/{name}")
        t += [Triple(ds, NamedNode(VOID + "dataDump"), url), Triple(ds, NamedNode(DCAT + "distribution"), dist),
              Triple(dist, RDF_TYPE, NamedNode(DCAT + "Distribution")),
              Triple(dist, NamedNode(DCAT + "downloadURL"), url),
              Triple(dist, NamedNode(DCAT + "mediaType"),
                     Literal("application/n-quads" if ".nq" in name else "text/turtle")),
              Triple(dist, NamedNode(DCAT + "compressFormat"), Literal("application/gzip")),
              Triple(dist, NamedNode(DCT + "license"), NamedNode(LICENSE))]
    for graph, count in sorted(stats["graphs"].items()):
        sub = NamedNode(graph)
        t += [Triple(ds, NamedNode(VOID + "subset"), sub), Triple(sub, RDF_TYPE, NamedNode(VOID + "Dataset")),
              Triple(sub, NamedNode(VOID + "triples"), Literal(str(count), datatype=NamedNode(XSD + "integer")))]
    return t


def service_description(root: str, limits) -> list[Triple]:
    service = NamedNode(root + "sparql") if root.startswith("http") else NamedNode("urn:unkg:sparql")
    return [Triple(service, RDF_TYPE, NamedNode(SD + "Service")),
            Triple(service, NamedNode(SD + "endpoint"), service),
            Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Query")),
            Triple(service, NamedNode(SD + "resultFormat"), NamedNode("http://www.w3.org/ns/formats/SPARQL_Results_JSON")),
            Triple(service, NamedNode(SD + "resultFormat"), NamedNode("http://www.w3.org/ns/formats/SPARQL_Results_XML")),
            Triple(service, NamedNode(SD + "resultFormat"), NamedNode("http://www.w3.org/ns/formats/SPARQL_Results_CSV")),
            Triple(service, NamedNode(SD + "resultFormat"), NamedNode("http://www.w3.org/ns/formats/SPARQL_Results_TSV")),
            Triple(service, NamedNode(SD + "resultFormat"), NamedNode("http://www.w3.org/ns/formats/Turtle")),
            Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "UnionDefaultGraph")),
            Triple(service, NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                   Literal(f"Read-only. Time limit {limits.timeout:g} s; at most {limits.max_rows} rows per answer.",
                           language="en"))]


def _absolute(root: str, base: str, path: str) -> str:
    return (root if root.startswith("http") else base) + path
