"""The catalogue client and the catalogue's facts as RDF, piece by piece: MARCXML records read with pymarc,
queries to search parameters, pagination with and without a total, nonsense refused, IRIs and ontology terms."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph
import pytest

from unkg.harvest.fetch import Client
from unkg.harvest.catalogue import (Catalogue, CatalogueError, FileLink, dl_url, iso_date, parse_page, search_params,
                                    search_pattern)
from unkg.harvest.graph import catalogue_quads, record_iri, subject_iri
from unkg.harvest.run import record_stamp
from unkg.resources import ontology_path

from .standin import BOT_PAGE

DATA = Path(__file__).parent / "data"
UNKG = "https://w3id.org/unkg/ontology#"


def test_a_record_reads_as_the_fields_unkg_uses():
    total, [record] = parse_page((DATA / "record-4100006.xml").read_bytes(), "test")
    assert total == 1
    assert record.id == "4100006" and record.modified == "20240612101500.0"
    assert record.symbol == "CTOC/COP/WG.3/2024/L.1"
    assert record.title == "Draft report Working Group on International Cooperation"
    assert record.date == "2024-06-06"
    assert record.subjects == ["TRANSNATIONAL CRIME", "EXTRADITION"]  # UNBIS only, each once
    assert record.bodies == ["Conference of the Parties to the United Nations Convention against Transnational "
                             "Organized Crime. Working Group on International Cooperation"]
    assert record.types == ["Reports"] and record.is_report
    base = "https://digitallibrary.example/record/4100006/files/CTOC_COP_WG.3_2024_L.1"
    assert record.links == [FileLink(f"{base}-EN.pdf", "en", "pdf"),
                            FileLink(f"{base}-RU.pdf", "ru", "pdf"),  # $y in the language itself
                            FileLink(f"{base}-FR.doc", "fr", None),  # no $y: the file name; .doc is not read
                            FileLink(f"{base}-ES.docx", "es", "docx")]  # an unknown $y: the file name


@pytest.mark.parametrize("query,pattern,field", [
    ("A/C.1/77/", "A/C.1/77/*", "documentsymbol"), ("CTOC/COP/WG.3/", "CTOC/COP/WG.3/*", "documentsymbol"),
    ("A/RES/77/*", "A/RES/77/*", "documentsymbol"), ("A/77/377", "A/77/377", "documentsymbol"),
    ("ECE/MP.WAT/", "ECE/MP.WAT/*", "documentsymbol"),
    ("transnational crime", "transnational crime", None), ("A/C.1/77/ nuclear", "A/C.1/77/ nuclear", None),
    ('author:"First Committee"', 'author:"First Committee"', None), ("First", "First", None)])
def test_symbol_series_search_the_symbol_field_and_the_rest_is_free_text(query, pattern, field):
    assert search_pattern(query) == (pattern, field)


def test_search_parameters():
    assert search_params("A/C.1/77/", 101, 100) == {"p": "A/C.1/77/*", "f": "documentsymbol", "of": "xm",
                                                    "rg": "100", "jrec": "101"}
    assert search_params("crime", 1, 5, since=date(2024, 6, 1)) == {"p": "crime", "of": "xm", "rg": "5", "jrec": "1",
                                                                    "dt": "m", "d1": "2024-06-01"}


def test_pages_follow_the_total_or_end_at_a_short_page(services):
    catalogue = Catalogue(Client(services.dl.url, pause=0), page_size=5)
    got = catalogue.search("CTOC/COP/WG.3/")
    assert [r.id for r in got] == ["4100006", "4100005", "4100004", "4100003", "4100002", "4100001"]
    assert catalogue.requests == 3  # the stand-in serves 2 a page of the 5 asked: the total says to go on
    services.dl.announce_total = False
    catalogue = Catalogue(Client(services.dl.url, pause=0), page_size=2)
    assert len(catalogue.search("CTOC/COP/WG.3/")) == 6 and catalogue.requests == 4  # the 4th page is empty
    catalogue = Catalogue(Client(services.dl.url, pause=0), page_size=5)
    assert len(catalogue.search("CTOC/COP/WG.3/")) == 2  # no total and a short first page: the end, as it must
    assert catalogue.search("no such thing at all") == []


@pytest.mark.parametrize("answer,said", [
    (BOT_PAGE, "answered a web page, not MARCXML"),
    (b'<?xml version="1.0"?><error>Search engine unavailable</error>', "not a MARCXML collection"),
    (b'{"hits": []}', "not a MARCXML collection"),
    (b'<?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim"><record><controlfield tag="001">1',
     "does not parse")])
def test_nonsense_is_an_error_not_an_empty_listing(answer, said):
    with pytest.raises(CatalogueError, match=said):
        parse_page(answer, "http://dl/search")


def test_dates_and_the_catalogue_address():
    assert iso_date("20240606") == "2024-06-06" and iso_date("2024-06-06") == "2024-06-06"
    assert iso_date("2024") == "2024"
    assert dl_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    for bad in ("ftp://dl.example", "digitallibrary.un.org", "http://dl.example/x>y"):
        with pytest.raises(Exception, match="not a web address"):
            dl_url(bad)


def test_catalogue_facts_as_rdf():
    _, [record] = parse_page((DATA / "record-4100006.xml").read_bytes(), "test")
    work = pyoxigraph.NamedNode("https://w3id.org/unkg/id/doc/CTOC/COP/WG.3/2024/L.1")
    graph = pyoxigraph.NamedNode("https://w3id.org/unkg/graph/CTOC/COP/WG.3/2024/L.1/en")
    quads = catalogue_quads(record, work, graph, "https://digitallibrary.example", "https://w3id.org/unkg/")
    assert {q.graph_name for q in quads} == {graph}
    facts = {(q.subject.value, q.predicate.value, q.object.value) for q in quads}
    crime = "https://w3id.org/unkg/id/unbis/transnational_crime"
    assert (work.value, UNKG + "catalogueRecord", "https://digitallibrary.example/record/4100006") in facts
    assert (work.value, "http://purl.org/dc/terms/subject", crime) in facts
    assert (crime, "http://www.w3.org/2004/02/skos/core#prefLabel", "TRANSNATIONAL CRIME") in facts
    assert (crime, "http://www.w3.org/2004/02/skos/core#inScheme", UNKG + "unbis") in facts
    assert (work.value, UNKG + "catalogueBody", record.bodies[0]) in facts


def test_iris_from_the_catalogue_are_safe_and_distinct():
    assert subject_iri("https://w3id.org/unkg/", "Côte d'Ivoire").value == \
        "https://w3id.org/unkg/id/unbis/c%C3%B4te_d%27ivoire"
    assert subject_iri("https://w3id.org/unkg/", "NUCLEAR  WEAPONS") == \
        subject_iri("https://w3id.org/unkg/", "nuclear weapons")
    assert subject_iri("https://w3id.org/unkg/", "A-B") != subject_iri("https://w3id.org/unkg/", "A B")
    assert subject_iri("https://w3id.org/unkg/", "x> <y").value.endswith("/x%3E_%3Cy")
    with pytest.raises(ValueError, match="not a number"):
        record_iri("https://digitallibrary.un.org", "123> <x")


def test_a_record_stamp_changes_with_what_unkg_uses_of_it():
    _, [record] = parse_page((DATA / "record-4100006.xml").read_bytes(), "test")
    stamp = record_stamp(record)
    record.subjects.append("CORRUPTION")
    assert record_stamp(record) != stamp


def test_the_new_ontology_terms_are_labelled_and_explained():
    import rdflib

    g = rdflib.Graph().parse(ontology_path())
    for term in ("catalogueRecord", "catalogueBody", "SubjectTerm", "unbis"):
        node = rdflib.URIRef(UNKG + term)
        labels = {(str(o), o.language) for o in g.objects(node, rdflib.RDFS.label)}
        comments = {o.language for o in g.objects(node, rdflib.RDFS.comment)}
        assert {"en", "ru"} <= {lang for _, lang in labels} and {"en", "ru"} <= comments, term
    assert (rdflib.URIRef(UNKG + "SubjectTerm"), rdflib.RDFS.subClassOf,
            rdflib.URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in g


def test_a_file_link_of_another_scheme_is_not_followed():
    xml = ('<?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim"><record>'
           '<controlfield tag="001">7</controlfield><datafield tag="856" ind1="4" ind2=" ">'
           '<subfield code="u">file:///etc/A_77_1-EN.pdf</subfield><subfield code="y">English</subfield>'
           '</datafield></record></collection>').encode()
    _, [record] = parse_page(xml, "test")
    assert record.links == [FileLink("file:///etc/A_77_1-EN.pdf", "en", None)]  # the language comes from ODS
