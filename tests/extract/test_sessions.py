"""The session a subsidiary body's report is on (src/unkg/extract/sessions.py): the one its title names, whatever
other bodies' sessions its paragraphs name first; a title broken over lines; a title naming a range of sessions
(each a meeting with the title's dates, the report on the last); the first part of a session. Constructed reports
(invented symbols, places and dates) in English, French and Spanish, with the masthead variants of the class (the
body's name before the table rows, empty and "None" cells, a title over two or three tab-indented lines)."""
from __future__ import annotations

from datetime import date

import pytest
from pyoxigraph import Store

from unkg.extract.report import extract_file
from unkg.graph.validate import validate_quads
from unkg.pipeline.convert import convert_file
from unkg.store.embedded import add_ontology
from unkg.store.query import resolve_query, run_select

MASTHEAD = "CONSTRUCTED TEST MATERIAL (unkg developers): invented facts.\n\n{body}\n" \
           "\t| {cell} | {un} | {symbol} |\n\t|  |  | Distr.: General 2 March 2098  Original: English |\n\n{title}\n\n"

# (language, body, "United Nations", title over lines, opening paragraphs naming other bodies' sessions first)
RANGE = {
    "en": ("Subsidiary Body for Scientific and Technological Advice", "United Nations",
           "Report of the Subsidiary Body for Scientific and\n\tTechnological Advice on its eighty-first to "
           "eighty-third session,\n\theld in Lima from 9 to 17 November 2097",
           "I. Opening of the session\n(Agenda item 1)\n\n1. The Body met together with the sixty-second session of "
           "the Conference of the Parties at the Convention Centre of Lima, Peru, from 9 to 17 November 2097.\n\n"
           "2. The Chair opened the session on 9 November and closed it on 17 November 2097.\n"),
    "fr": ("Organe subsidiaire de conseil scientifique et technologique", "Nations Unies",
           "Rapport de l'Organe subsidiaire de conseil scientifique et\n\ttechnologique sur ses quatre-vingt-unième à "
           "quatre-vingt-troisième sessions,\n\ttenues à Lima du 9 au 17 novembre 2097",
           "I. Ouverture de la session\n(Point 1 de l'ordre du jour)\n\n1. L'Organe s'est réuni en même temps que la "
           "soixante-deuxième session de la Conférence des Parties, au Centre des congrès de Lima (Pérou), du 9 au "
           "17 novembre 2097.\n\n2. Le Président a ouvert la session le 9 novembre et l'a close le 17 novembre 2097.\n"),
    "es": ("Órgano Subsidiario de Asesoramiento Científico y Tecnológico", "Naciones Unidas",
           "Informe del Órgano Subsidiario de Asesoramiento Científico y\n\tTecnológico sobre sus períodos de sesiones "
           "octogésimo primero a octogésimo tercero,\n\tcelebrados en Lima del 9 al 17 de noviembre de 2097",
           "I. Apertura del período de sesiones\n(Tema 1 del programa)\n\n1. El Órgano se reunió junto con el "
           "sexagésimo segundo período de sesiones de la Conferencia de las Partes, en el Centro de Convenciones de "
           "Lima (Perú), del 9 al 17 de noviembre de 2097.\n\n2. El Presidente abrió el período de sesiones el 9 de "
           "noviembre y lo clausuró el 17 de noviembre de 2097.\n"),
}

PART = {
    "en": ("Subsidiary Body for Implementation", "United Nations",
           "Report of the Subsidiary Body for Implementation on the first part of its sixty-fourth session, held in "
           "Nairobi from\n2 to 12 June 2098",
           "I. Opening of the session\n(Agenda item 1)\n\n1. The first part of the session took place in the "
           "conference rooms of Nairobi together with the twelfth session of the Conference of the Parties, from "
           "2 to 12 June 2098.\n\n2. The Chair opened the session on 2 June 2098.\n"),
    "fr": ("Organe subsidiaire de mise en œuvre", "Nations Unies",
           "Rapport de l'Organe subsidiaire de mise en œuvre sur la première partie de sa soixante-quatrième "
           "session,\ntenue à Nairobi du 2 au 12 juin 2098",
           "I. Ouverture de la session\n(Point 1 de l'ordre du jour)\n\n1. La première partie de la session s'est "
           "déroulée dans les salles de conférence de Nairobi en même temps que la douzième session de la Conférence "
           "des Parties, du 2 au 12 juin 2098.\n\n2. Le Président a ouvert la session le 2 juin 2098.\n"),
    "es": ("Órgano Subsidiario de Ejecución", "Naciones Unidas",
           "Informe del Órgano Subsidiario de Ejecución sobre la primera parte de su sexagésimo cuarto período de "
           "sesiones, celebrada en\nNairobi del 2 al 12 de junio de 2098",
           "I. Apertura del período de sesiones\n(Tema 1 del programa)\n\n1. La primera parte del período de "
           "sesiones tuvo lugar en las salas de conferencias de Nairobi junto con el duodécimo período de sesiones "
           "de la Conferencia de las Partes, del 2 al 12 de junio de 2098.\n\n2. El Presidente abrió el período de "
           "sesiones el 2 de junio de 2098.\n"),
}


def report(tmp_path, lang: str, parts: tuple, symbol: str, cell: str = "None"):
    """`cell`: what a converter left in the masthead's first table cell ("None", "c")."""
    body, un, title, text = parts
    path = tmp_path / f"report.{lang}.txt"
    path.write_text(MASTHEAD.format(body=body, un=un, symbol=symbol, title=title, cell=cell) + text,
                    encoding="utf-8")
    return extract_file(path, lang=lang)


@pytest.mark.parametrize("lang", sorted(RANGE))
def test_a_title_naming_a_range_of_sessions(lang, tmp_path):
    r = report(tmp_path, lang, RANGE[lang], "FCCC/SBSTA/2097/4")
    days = (date(2097, 11, 9), date(2097, 11, 17))
    assert (r.meeting_number, r.meeting_kind, (r.start_date, r.end_date), r.place) == (83, "session", days, "Lima")
    assert [(c.kind, c.number, c.start_date, c.end_date) for c in r.covered] == [
        ("session", n, *days) for n in (81, 82)]
    assert r.title.endswith(("November 2097", "novembre 2097", "noviembre de 2097")) and "\t" not in r.title


@pytest.mark.parametrize("lang", sorted(PART))
def test_the_title_names_the_session_not_the_conference_met_with(lang, tmp_path):
    r = report(tmp_path, lang, PART[lang], "FCCC/SBI/2098/3", cell="c")
    assert (r.meeting_number, r.session_part, r.place) == (64, 1, "Nairobi")
    assert (r.start_date, r.end_date) == (date(2098, 6, 2), date(2098, 6, 12))
    assert r.title.endswith(("June 2098", "juin 2098", "junio de 2098"))


@pytest.mark.parametrize("lang", sorted(PART))
def test_a_first_part_opens_its_session(lang, tmp_path):
    """The session of a first part starts with it; its end is a later part's (sessions query, shapes)."""
    report(tmp_path, lang, PART[lang], "FCCC/SBI/2098/3")
    converted = convert_file(str(tmp_path / f"report.{lang}.txt"), lang=lang)
    store = Store()
    add_ontology(store)
    store.bulk_extend(converted.quads)
    got = sorted(((r["meeting_number"], r["part"], r["start_date"], r["end_date"], r["reported"]) for r in
                  run_select(store, resolve_query("sessions").read_text(encoding="utf-8")).as_dicts()), key=repr)
    assert got == [("64", "1", "2098-06-02", "2098-06-12", "true"), ("64", None, "2098-06-02", None, "false")]
    assert validate_quads(converted.quads).conforms
