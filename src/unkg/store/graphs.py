"""Stage `store`: the named graphs a store keeps beside the reports' — the ontology, and the catalogue of which
graphs are loaded, with what and when."""
from __future__ import annotations

import pyoxigraph

ONTOLOGY_GRAPH = "https://w3id.org/unkg/ontology"
CATALOG = pyoxigraph.NamedNode("urn:unkg:catalog")  # which graphs are loaded, with what and when
