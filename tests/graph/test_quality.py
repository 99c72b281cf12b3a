"""Data-quality measurements in the graph (W3C DQV, src/unkg/graph/quality.py): one measurement per metric computed
on the report's language version, metrics defined in the ontology, the shapes, the competency query, and what
`unkg convert` says of them."""
from __future__ import annotations

import json
import re

import pyoxigraph
from click.testing import CliRunner

from unkg.cli import cli
from unkg.extract import extract_text
from unkg.extract.quality import CHECKS, KINDS
from unkg.graph.mapping import report_quads
from unkg.graph.validate import validate_quads
from unkg.pipeline import convert_file
from unkg.resources import ontology_path
from unkg.store.embedded import add_ontology
from unkg.store.query import resolve_query, run_select

from ..conftest import EXAMPLES

DQV = "http://www.w3.org/ns/dqv#"
EXAMPLE = EXAMPLES / "example-report.ru.txt"


def store_of(quads) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    add_ontology(store)
    store.bulk_extend(quads)
    return store


def test_each_metric_is_measured_once_on_the_language_version_and_conforms():
    converted = convert_file(str(EXAMPLE))
    store = store_of(converted.quads)
    rows = list(store.query(f"""PREFIX dqv: <{DQV}> PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?metric (COUNT(?m) AS ?n) WHERE {{ ?m a dqv:QualityMeasurement ; dqv:isMeasurementOf ?metric ;
        dqv:computedOn ?e . ?e a unkg:Expression ; unkg:languageCode "ru" }} GROUP BY ?metric""",
                            use_default_graph_as_union=True))
    assert sorted(r["metric"].value.split("#metric-")[1] for r in rows) == sorted(KINDS + CHECKS)
    assert all(int(r["n"].value) == 1 for r in rows)
    assert validate_quads(converted.quads).conforms


def test_every_metric_is_defined_in_the_ontology_with_six_labels_and_a_definition():
    g = pyoxigraph.Store()
    g.bulk_extend(pyoxigraph.Quad(t.subject, t.predicate, t.object)
                  for t in pyoxigraph.parse(ontology_path().read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    for metric in KINDS + CHECKS:
        node = f"<https://w3id.org/unkg/ontology#metric-{metric}>"
        labels = {r["l"].language for r in g.query(f"SELECT ?l WHERE {{ {node} a <{DQV}Metric> ; "
                                                   "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }")}
        assert labels == {"ar", "zh", "en", "fr", "ru", "es"}, metric
        assert g.query(f"ASK {{ {node} <http://www.w3.org/2004/02/skos/core#definition> ?d ; <{DQV}inDimension> ?x }}")


def test_the_quality_query_lists_what_a_report_lacks():
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"\n4\.\s[^\n]*(?:\n(?!\d+\.)[^\n]*)*", "\n4. (Пункт опущен.)", text, count=1)
    quads = report_quads(extract_text(text, "example.ru.txt"))
    rows = run_select(store_of(quads), resolve_query("quality").read_text(encoding="utf-8")).as_dicts()
    lacking = [(r["metric"], r["value"]) for r in rows if r["expected"] == "true" and r["value"] == "0"]
    assert lacking == [("officers", "0")]


def test_convert_says_what_a_report_lacks_in_its_summary_and_log(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    changed = tmp_path / "CTOC_COP_WG.2_2030_L.1.ru.txt"
    changed.write_text(re.sub(r"\n4\.\s[^\n]*(?:\n(?!\d+\.)[^\n]*)*", "\n4. (Пункт опущен.)", text, count=1),
                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(changed), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 0, result.output
    assert "the graph lacks: officers" in result.stderr
    result = CliRunner().invoke(cli, ["convert", str(changed), str(EXAMPLE), "-o", str(tmp_path / "x.nq")])
    assert result.exit_code == 0, result.output
    assert f"lacks: {changed}: officers" in result.stderr
    records = [json.loads(line) for line in (tmp_path / "x.nq.log.jsonl").read_text().splitlines()]
    by_path = {r["path"]: r for r in records}
    assert by_path[str(changed)]["missing"] == ["officers"] and by_path[str(EXAMPLE)]["missing"] == []
    assert by_path[str(changed)]["quality"]["officers"] == 0 and by_path[str(changed)]["genre"] == "working-group"
