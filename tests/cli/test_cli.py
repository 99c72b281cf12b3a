"""The command line: formats, exit codes, clear one-line errors, nothing written on failure."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.cli import cli

from ..conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "example-report.ru.txt")


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", ["convert", "validate", "query", "load", "graphs", "drop", "serve", "publish",
                                     "harvest"])
def test_help_has_an_example(command):
    result = run(command, "-h")
    assert result.exit_code == 0 and "Example:" in result.output and f"unkg {command}" in result.output


def test_turtle_on_stdout_by_default():
    result = run("convert", EXAMPLE, "-q")
    assert result.exit_code == 0
    triples = list(pyoxigraph.parse(result.stdout_bytes, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 100


@pytest.mark.parametrize("ext,fmt,named_graphs", [
    ("ttl", pyoxigraph.RdfFormat.TURTLE, False), ("nt", pyoxigraph.RdfFormat.N_TRIPLES, False),
    ("nq", pyoxigraph.RdfFormat.N_QUADS, True), ("trig", pyoxigraph.RdfFormat.TRIG, True),
    ("rdf", pyoxigraph.RdfFormat.RDF_XML, False), ("jsonld", pyoxigraph.RdfFormat.JSON_LD, True),
])
def test_formats_from_the_extension_parse_back(tmp_path, ext, fmt, named_graphs):
    out = tmp_path / f"report.{ext}"
    assert run("convert", EXAMPLE, "-o", str(out), "-q").exit_code == 0
    items = list(pyoxigraph.parse(out.read_bytes(), format=fmt))
    assert len(items) > 100
    if named_graphs:
        graphs = {q.graph_name.value for q in items if isinstance(q, pyoxigraph.Quad)}
        assert graphs == {"https://w3id.org/unkg/graph/CTOC/COP/WG.2/2030/L.1/ru",
                          "https://w3id.org/unkg/graph/reference"}


def test_jsonld_is_compacted_with_readable_keys(tmp_path):
    out = tmp_path / "report.jsonld"
    run("convert", EXAMPLE, "-o", str(out), "-q")
    doc = json.loads(out.read_text())
    text = json.dumps(doc)
    assert "@context" in doc
    assert '"meetingNumber"' in text and "https://w3id.org/unkg/ontology#meetingNumber" not in text


def test_two_reports_into_nquads_keep_separate_graphs(tmp_path):
    other = tmp_path / "copy.ru.txt"
    other.write_text(open(EXAMPLE, encoding="utf-8").read().replace("CTOC/COP/WG.2/2030/L.1", "CTOC/COP/WG.2/2031/L.1"),
                     encoding="utf-8")
    out = tmp_path / "all.nq"
    assert run("convert", EXAMPLE, str(other), "-o", str(out), "-q").exit_code == 0
    graphs = {q.graph_name.value for q in pyoxigraph.parse(out.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS)}
    assert len(graphs - {"https://w3id.org/unkg/graph/reference"}) == 2


BAD_INPUTS = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not-a-report": "Это просто письмо другу. Погода хорошая, мы гуляли в парке.\n".encode("utf-8"),
    "unknown-language": ("Die Arbeitsgruppe hat die Tagesordnung angenommen.\n1. Erster Absatz.\n"
                         "2. Zweiter Absatz.\n").encode("utf-8"),
}


@pytest.mark.parametrize("ext", ["ttl", "nq"])  # the streamed and the in-memory conversion
def test_a_refused_file_says_its_reason_once(tmp_path, ext):
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    result = run("convert", str(src), "-o", str(tmp_path / f"out.{ext}"))
    assert result.exit_code == 2
    assert result.stderr.count("empty file") == 1, result.stderr


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exit_2_one_line_no_output(tmp_path, name):
    src = tmp_path / f"{name}.txt"
    src.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "out.ttl"
    result = run("convert", str(src), "-o", str(out))
    assert result.exit_code == 2
    assert str(src) in result.stderr
    assert len([l for l in result.stderr.splitlines() if l.startswith("Error")]) == 1
    # the reason once (was "error: …" then "Error: …")
    assert [l for l in result.stderr.splitlines() if str(src) in l] == [l for l in result.stderr.splitlines()
                                                                        if l.startswith("Error")]
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == []


def test_one_bad_report_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.nq"
    result = run("convert", str(bad), EXAMPLE, "-o", str(out))
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert out.exists() and len(out.read_bytes()) > 1000


def test_failed_conversion_leaves_an_existing_output_untouched(tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("previous content")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert run("convert", str(bad), "-o", str(out)).exit_code == 2
    assert out.read_text() == "previous content"


def test_validate_exit_codes(tmp_path):
    good = tmp_path / "good.nt"
    run("convert", EXAMPLE, "-o", str(good), "-q")
    result = run("validate", str(good))
    assert result.exit_code == 0 and "conforms" in result.output
    lines = [l for l in good.read_text().splitlines() if "ontology#startDate" not in l]
    broken = tmp_path / "broken.nt"
    broken.write_text("\n".join(lines) + "\n")
    result = run("validate", str(broken))
    assert result.exit_code == 1 and "startDate" in result.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle <")
    result = run("validate", str(garbage))
    assert result.exit_code == 2 and "garbage.ttl" in result.stderr


def test_query_csv_has_a_header_row(tmp_path):
    out = tmp_path / "r.ttl"
    run("convert", EXAMPLE, "-o", str(out), "-q")
    result = run("query", "meeting", "--data", str(out), "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["symbol,meeting_number,start_date,end_date,sittings",
                                          "CTOC/COP/WG.2/2030/L.1,12,2030-03-03,2030-03-04,3"]


def test_query_accepts_a_file_and_report_text(tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("PREFIX unkg: <https://w3id.org/unkg/ontology#>\n"
                  "SELECT (COUNT(?p) AS ?n) WHERE { ?p a unkg:Participation }")
    result = run("query", str(rq), "--data", EXAMPLE, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == [{"n": "12"}]


def test_unknown_query_is_an_error():
    result = run("query", "no-such-query", "--data", EXAMPLE)
    assert result.exit_code == 2 and "no-such-query" in result.stderr


def test_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "unkg.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "0.1.0" in result.stdout


def _report_like(tmp_path, body: str):
    path = tmp_path / "other.txt"
    path.write_text(f"Draft report\n\nI. Organization of the meeting\n\n{body}\n\nCTOC/COP/WG.9/2031/L.1\n\n1/1 X.31-00001\n",
                    encoding="utf-8")
    return path


def test_another_genre_with_nothing_recognised_exits_2(tmp_path):
    src = _report_like(tmp_path, "1. The committee discussed the weather in the city.\n"
                                 "2. Lunch was served in the garden of the building.")
    out = tmp_path / "out.ttl"
    result = run("convert", str(src), "-o", str(out))
    assert result.exit_code == 2 and "nothing recognised" in result.stderr and not out.exists()


def test_partly_recognised_report_is_written_with_what_was_not_found(tmp_path):
    src = _report_like(tmp_path, "1. The meeting was held on 3 and 4 March 2031.\n"
                                 "2. Lunch was served in the garden of the building.")
    out = tmp_path / "out.ttl"
    result = run("convert", str(src), "-o", str(out))
    assert result.exit_code == 0 and out.exists()
    assert "recognised: dates" in result.stderr and "not found: meeting number" in result.stderr


def test_lang_option_overrides_detection_and_rejects_unknown_codes(tmp_path):
    assert run("convert", EXAMPLE, "--lang", "ru", "-q").exit_code == 0
    result = run("convert", EXAMPLE, "--lang", "de")
    assert result.exit_code == 2 and "unsupported language 'de'" in result.stderr


def test_stated_count_is_checked_against_the_list(tmp_path):
    src = tmp_path / "count.en.txt"
    src.write_text("Draft report\n\nI. Organizational matters\n\nA. Attendance\n\n"
                   "1. Representatives of the following 3 States that are members of the Platform attended the "
                   "session: Chile, Kenya.\n\nIPBES/9/99\n\n1/1\n", encoding="utf-8")
    result = run("convert", str(src), "-o", str(tmp_path / "c.ttl"))
    assert result.exit_code == 0
    assert "states 3 but lists 2" in result.stderr


def test_reference_graph_describes_each_state_once_with_all_names(tmp_path):
    out = tmp_path / "r.nq"
    run("convert", EXAMPLE, "-o", str(out), "-q")
    quads = list(pyoxigraph.parse(out.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS))
    mex = [q for q in quads if q.subject.value == "https://w3id.org/unkg/id/state/MEX"
           and q.graph_name.value.endswith("/graph/reference")]
    labels = {q.object.language for q in mex if q.predicate.value.endswith("#prefLabel")}
    assert labels == {"ar", "zh", "en", "fr", "ru", "es"}
    assert any(q.predicate.value.endswith("ontology#m49") and q.object.value == "484" for q in mex)


def test_rows_of_unordered_queries_are_sorted_for_output(tmp_path):
    from unkg.store.query import has_order, sort_unordered

    assert not has_order("# sorting is not ORDER BY here\nSELECT ?a WHERE { ?a ?b ?c }")
    assert has_order("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a")
    assert sort_unordered("SELECT ?n WHERE {}", [["10"], ["9"], [None], ["b"], ["a"]]) == \
        [["9"], ["10"], [None], ["a"], ["b"]]
    out = run("query", "agenda", "--data", EXAMPLE, "--format", "csv").output.splitlines()
    assert [line.split(",")[1:3] for line in out[1:4]] == [["1", ""], ["1", "a"], ["1", "b"]]
