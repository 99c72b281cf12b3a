from __future__ import annotations

import pytest

from unkg.read.blocks import join_lines
from unkg.lang.scripts import normalise_letters
from unkg.read.segment import segment


@pytest.mark.parametrize("left,right,joined", [
    ("Объеди-", "ненных Наций", "Объединенных Наций"),
    ("Народно-Демо-", "кратическая", "Народно-Демократическая"),
    ("(CTOC/COP/WG.2/2024/4-", "CTOC/COP/WG.3/2024/4)", "(CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4)"),  # regression
    ("государств —", "участников", "государств — участников"),
    ("Буркина-", "Фасо", "Буркина-Фасо"),
])
def test_join_lines(left, right, joined):
    assert join_lines(left, right) == joined


TEXT = """Проект доклада

 I. Введение

1. Первый абзац, который переносится
на следующую строку.
2. Во втором абзаце список:
1. Первый пункт;
 a) подпункт;
 b) еще подпункт
2. Второй пункт.

CTOC/COP/WG.9/2030/L.1

2/3 X.30-00001

3. Третий абзац про-
должается после колонтитула.
"""


def test_paragraph_numbers_run_in_sequence_and_lists_stay_inside():
    seg = segment(TEXT)
    paras = [b for b in seg.blocks if b.kind == "para"]
    assert [b.label for b in paras] == ["1", "2", "3"]
    items = [(b.label, b.para) for b in seg.blocks if b.kind == "item"]
    assert items == [("1", 2), ("a", 2), ("b", 2), ("2", 2)]
    assert paras[2].text == "Третий абзац продолжается после колонтитула."


def test_running_header_and_footer_are_removed_and_recorded():
    seg = segment(TEXT)
    assert seg.header_symbols["CTOC/COP/WG.9/2030/L.1"] == 1
    assert seg.job_numbers["X.30-00001"] == 1
    assert all("X.30" not in b.text and "2/3" not in b.text for b in seg.blocks)


def test_footer_in_the_middle_of_a_sentence():
    text = "I. Введение\n1. Начало пред-\n\nCTOC/COP/WG.9/2030/L.1\n\n4/5 X.30-00001\n\nложения здесь.\n"
    seg = segment(text)
    assert [b.text for b in seg.blocks if b.kind == "para"] == ["Начало предложения здесь."]


@pytest.mark.parametrize("letters,expected", [
    (["a", "b", "c", "d", "е", "f"], ["a", "b", "c", "d", "e", "f"]),  # Cyrillic е in a Latin list
    (["а", "б", "в"], ["а", "б", "в"]),  # a Cyrillic list stays Cyrillic
])
def test_lookalike_letters(letters, expected):
    assert normalise_letters(letters) == expected


# -- layouts of real inputs (constructed text) ---------------------------------------------------

PDFTOTEXT = (
    "XY/9999/12\n\nUnited Nations\n\nDistr.: General\n5 March 2030\n\nI. Introduction\n"
    "1.\nThe first paragraph names a report\nthat goes on.¹\n2.\nThe second paragraph lists:\n(a)\nfirst;\n"
    "(b)\nsecond.\n__________________\n1\n\n99-99999 (E)\n\n050330\n\n*9999999*\nSee XY/9999/3 and XY/9999/4.\n"
    "\fXY/9999/12\n\ncontinues on page two.\n3.\nThe third paragraph.\n99-99999\n\n2/2\n"
)


def test_pdftotext_numbers_on_their_own_line_pages_and_footnotes():
    seg = segment(PDFTOTEXT)
    paras = seg.paragraphs()
    assert sorted(paras) == [1, 2, 3]
    assert [b.label for b in paras[2] if b.kind == "item"] == ["a", "b"]
    assert paras[2][-1].text == "second. continues on page two."  # across the page break, footnotes aside
    assert [(b.para, b.page) for b in seg.blocks if b.kind == "para"] == [(1, 1), (2, 1), (3, 2)]
    assert seg.pages == 2
    assert [(b.label, b.page, b.text) for b in seg.footnotes] == [("1", 1, "See XY/9999/3 and XY/9999/4.")]
    assert seg.job_numbers == {"99-99999": 2} and seg.masthead_symbol == "XY/9999/12"


# constructed: an adopted agenda in paragraph 3 whose items end with full stops and run past 4, the number the
# next paragraph takes (the class of the UNFCCC subsidiary-body reports, where the agenda follows paragraph 4)
AGENDA_PAST_THE_NEXT_PARAGRAPH = (
    "I. Opening of the session\n1. The session opened on 3 May 2031.\n2. The Chair welcomed the delegates.\n"
    "II. Organizational matters\n3. At its 1st meeting the Body adopted the agenda as follows:\n"
    "\t1. Opening of the session.\n\t2. Organizational matters:\n\t\t(a) Adoption of the agenda;\n"
    "\t\t(b) Organization of work.\n\t3. Coastal observation.\n\t4. Ocean acidity.\n\t5. Reef monitoring:\n"
    "\t\t(a) Methods;\n\t\t(b) Data.\n\t6. Other matters.\n\t7. Closure of the session.\n"
    "A. Organization of work\n4. The Body agreed to its programme of work.\n5. It closed its work on 9 May 2031.\n"
)


def test_an_agenda_whose_items_run_past_the_next_paragraph_number_stays_one_list():
    seg = segment(AGENDA_PAST_THE_NEXT_PARAGRAPH)
    paras = seg.paragraphs()
    assert sorted(paras) == [1, 2, 3, 4, 5]
    assert [b.label for b in paras[3] if b.kind == "item" and b.label.isdigit()] == [str(n) for n in range(1, 8)]
    assert paras[4][0].text == "The Body agreed to its programme of work."


def test_parenthesised_numbers_on_their_own_line():
    seg = segment("Report\n\nI. Introduction\n(1)\nFirst paragraph.\n(2)\nSecond paragraph.\n")
    assert {n: b[0].text for n, b in seg.paragraphs().items()} == {1: "First paragraph.", 2: "Second paragraph."}


CONTENTS_AND_RUN_IN = (
    "Report of the meeting CONTENTS\nParagraphs Page I. Introduction 1-3 2\nA. Attendance 2-3 2\n"
    "II. Closing of the session 4 3\nThe meeting was held in Vienna from 3 to 4 March 2030 as planned.\n"
    "A. Attendance The meeting was attended by the following States: Kenya and Japan.\n"
    "Observers also attended the meeting as in previous years.\n"
    "The meeting was attended by observers for the following organizations:\n(a) One organization;\n"
    "(b) Another organization.\nClosing of the session The Chair closed the meeting on 4 March 2030.\n"
)


def test_one_sentence_a_line_with_contents_and_run_in_headings():
    seg = segment(CONTENTS_AND_RUN_IN)
    assert seg.positions == "line"
    assert seg.contents == [("I", "Introduction"), ("A", "Attendance"), ("II", "Closing of the session")]
    paras = seg.paragraphs()
    assert sorted(paras) == [5, 6, 7, 8, 11]  # lines; the list items stay with line 8
    assert [b.label for b in paras[8] if b.kind == "item"] == ["a", "b"]
    assert paras[6][0].subsection == "Attendance" and paras[6][0].text.startswith("The meeting was attended")
    assert paras[11][0].section == "Closing of the session"
    assert seg.front == ["Report of the meeting"]


def _layout_page(n: int, body: str) -> str:
    """A page as pdftotext -layout prints it: a running title beside the symbol, the footer spread out."""
    title = "Running title of the report on\n" + " " * 50 + "its second part"
    header = f"{' ' * 50}{title}\nXY/9999/12{' ' * 40}Second line of the running title\n" if n > 1 else ""
    return f"{header}\n{body}\n\n99-99999{' ' * 60}{n}/3\n"


def test_running_title_beside_the_symbol_is_furniture():
    pages = ["United Nations" + " " * 40 + "XY/9999/12\n\nI. Introduction\n1. The first paragraph\n",
             "runs over a page.\n2. The second paragraph\n", "ends here.\n3. The third one."]
    seg = segment("\f".join(_layout_page(n, body) for n, body in enumerate(pages, 1)))
    assert {n: b[0].text for n, b in seg.paragraphs().items()} == {
        1: "The first paragraph runs over a page.", 2: "The second paragraph ends here.", 3: "The third one."}
    assert seg.pages == 3


def test_a_symbol_alone_once_in_a_footnote_is_not_the_running_header():
    text = ("Report\n\nI. Introduction\n1. A paragraph citing a document.1\n__________________\n1\n"
            "XY/9999/4.\n")
    seg = segment(text)
    assert not seg.header_symbols and seg.footnotes[0].text == "XY/9999/4."


def test_footnotes_end_where_the_body_resumes_in_text_without_form_feeds():
    text = ("Report\n\nI. Introduction\n1. A paragraph.1\n__________________\n1 See XY/9999/4.\n"
            "XY/9999/12\n2. The next paragraph.\n")
    seg = segment(text)
    assert sorted(seg.paragraphs()) == [1, 2]
    assert [b.text for b in seg.footnotes] == ["See XY/9999/4."]


def test_footnote_marks_printed_apart_from_their_texts_are_paired():
    # pdftotext's default order on real UN PDFs: a mark, the texts, the other marks
    text = ("Report\n\nI. Introduction\n1. A paragraph.1 2 3\n__________________\n1\n\n99-99999 (E)\n"
            "First note.\nSecond note that runs\nover two lines.\n3\nXY/9999/4.\n2\n")
    assert [(b.label, b.text) for b in segment(text).footnotes] == [
        ("1", "First note."), ("2", "Second note that runs over two lines."), ("3", "XY/9999/4.")]


def test_notes_marked_with_stars_at_the_foot_of_a_page():
    text = ("XY/9999/L.1*\n\nDistr.: Limited\n\nI. Introduction\n1. A draft.**\n\n"
            "* Reissued for technical reasons.\n** A note on the draft.\n99-99999* (E)\n")
    seg = segment(text)
    assert [(b.label, b.text) for b in seg.footnotes] == [("*", "Reissued for technical reasons."),
                                                         ("**", "A note on the draft.")]
    assert seg.paragraphs()[1][0].text == "A draft.**"


def test_a_readers_footnote_is_tied_to_the_paragraph_that_carries_its_mark():
    from unkg.read.document import Footnote

    text = ("I. Organization\n1. The meeting opened.\n2. The Group had before it the note\nby the Secretariat "
            "and agreed.\n\f\n3. The meeting closed.\n")
    notes = [Footnote(1, "1", "See XY/2030/7.", anchor="before it the note by"),
             Footnote(2, "2", "See XY/2030/8.", anchor="nowhere in the text")]
    seg = segment(text, footnotes=notes)
    assert [(b.label, b.para, b.page) for b in seg.footnotes] == [("1", 2, 1), ("2", None, 2)]


# -- sections whose heading only the contents print (constructed text) --------------------------------

@pytest.mark.parametrize("lang", ["en", "fr", "ru", "zh"])
def test_sections_whose_heading_the_body_lost_are_found_by_their_topic(lang):
    """tests/data/segment/lost-headings.*.txt: the body prints no heading for III and IV; they start at
    the first line whose words hold their titles' topic. V's topic stands only before IV (in II), so V is
    not invented and the line after IV's stays in IV. Chinese is read in pairs of characters (and, its
    contents labels 一、 not being split off, its run-in headings are found by their topic too)."""
    from unkg.lang.lexicon import load

    from ..conftest import TESTDATA

    lex = load(lang)
    seg = segment((TESTDATA / "segment" / f"lost-headings.{lang}.txt").read_text(encoding="utf-8"),
                  headings=lex.get("headings"), stopwords=lex.get("stopwords"))
    titles = [title for _, title in seg.contents]
    assert len(titles) == 6
    assert [b.text for b in seg.blocks if b.kind == "heading"] == titles[:4] + titles[5:]
    section = {n: blocks[0].section for n, blocks in seg.paragraphs().items()}
    assert [section[n] for n in (13, 14, 17, 19, 20, 23, 24)] == [titles[1], titles[1], titles[2], titles[2],
                                                                  titles[3], titles[3], titles[5]]
    assert [b.section for b in seg.paragraphs()[14]] == [titles[1]] * 3  # the list stays with its lead-in


def test_a_lost_heading_is_put_back_only_on_strong_evidence():
    """One word of a title in common is not enough; a text whose headings are all printed is left alone."""
    text = ("Report of the meeting CONTENTS\nParagraphs Page I. Opening of the session 1 2\n"
            "II. Guidance on drought management 2-3 2\nIII. Closing of the session 4 3\n"
            "Opening of the session The Chair opened the meeting in Vienna on 3 March 2030.\n"
            "The secretariat presented its report on the management of the trust fund.\n"
            "Delegations thanked the secretariat for the report.\n"
            "Closing of the session The Chair closed the meeting on 4 March 2030.\n")
    seg = segment(text)
    assert [b.text for b in seg.blocks if b.kind == "heading"] == ["Opening of the session", "Closing of the session"]
    assert {b.section for b in seg.paragraphs()[6]} == {"Opening of the session"}
    printed = segment(text.replace("The secretariat presented", "Guidance on drought management The secretariat"
                                                                   " presented"))
    assert [b.text for b in printed.blocks if b.kind == "heading"] == [
        "Opening of the session", "Guidance on drought management", "Closing of the session"]


def test_a_heading_printed_with_another_note_than_the_contents_is_not_put_back_twice():
    text = ("Contents\nParagraphs Page\nI. Opening of the session 1 2\n"
            "II. Information from Parties not included in Annex I (agenda item held in abeyance) 2-3 2\n"
            "III. Closing of the session 4 3\nI. Opening of the session\n1. The Chair opened the session.\n"
            "II. Information from Parties not included in Annex I (Agenda item 4 held in abeyance)\n"
            "2. Information from Parties not included in Annex I was considered.\n"
            "3. Parties not included in Annex I gave information.\nIII. Closing of the session\n"
            "4. The Chair closed the session.\n")
    seg = segment(text)
    assert [b.label for b in seg.blocks if b.kind == "heading"] == ["I", "II", "III"]


NUMBERED_LOST_HEADING = {  # constructed: heading II lost in a text that numbers its paragraphs
    "en": ("Contents\nParagraphs Page\nI. Opening of the session 1 2\nII. Guidance on drought management 2-3 2\n"
           "III. Training of inspectors 4-5 3\nIV. Closing of the session 6 3\nI. Opening of the session\n"
           "1. The Chair opened the session on 3 March 2030.\n"
           "2. The Chair of the task force introduced draft guidance on the management of droughts.\n"
           "3. Delegations welcomed the guidance and its practical examples.\nIII. Training of inspectors\n"
           "4. The secretariat presented its programme for training inspectors.\n"
           "5. Twelve countries offered to host courses.\nIV. Closing of the session\n"
           "6. The Chair closed the session on 4 March 2030.\n"),
    "ar": ("المحتويات\nالفقرات الصفحة\nأولا - افتتاح الدورة 1 2\nثانيا - التوجيهات المتعلقة بإدارة الجفاف 2-3 2\n"
           "ثالثا - تدريب المفتشين 4-5 3\nرابعا - اختتام الدورة 6 3\nأولا - افتتاح الدورة\n"
           "1 - افتتح الرئيس الدورة في 3 آذار/مارس 2030.\n"
           "2 - عرض رئيس فرقة العمل مشروع التوجيهات المتعلقة بإدارة الجفاف في الأحواض المشتركة.\n"
           "3 - ورحبت الوفود بالتوجيهات وبأمثلتها العملية.\nثالثا - تدريب المفتشين\n"
           "4 - عرضت الأمانة برنامجها لتدريب المفتشين.\n5 - وعرض اثنا عشر بلدا استضافة دورات.\n"
           "رابعا - اختتام الدورة\n6 - اختتم الرئيس الدورة في 4 آذار/مارس 2030.\n"),
}


@pytest.mark.parametrize("lang", sorted(NUMBERED_LOST_HEADING))
def test_numbered_headings_after_a_lost_one_are_read_and_the_lost_one_put_back(lang):
    """III follows I: still a heading, since the contents list it; II starts where its topic does."""
    from unkg.lang.lexicon import load

    lex = load(lang)
    seg = segment(NUMBERED_LOST_HEADING[lang], headings=lex.get("headings"), stopwords=lex.get("stopwords"))
    titles = [title for _, title in seg.contents]
    assert len(titles) == 4
    headings = [b for b in seg.blocks if b.kind == "heading"]
    assert len(headings) == 4 and [b.level for b in headings] == [1] * 4
    assert all(title.endswith(b.text) for title, b in zip(titles, headings))
    assert [seg.paragraphs()[n][0].section for n in range(1, 7)] == [headings[i].text for i in (0, 1, 1, 2, 2, 3)]


def test_chapter_headings_on_their_own_line_and_honorifics_that_look_like_letter_headings():
    """"Chapter VI" with its title on the next line is a chapter; "M. Ahmed Benali (Maroc)" after heading C
    is a name, not heading M."""
    from unkg.lang.lexicon import load
    text = ("E/CN.7/2031/15\n\nChapitre I\nOrganisation de la session\n\nA. Ouverture\n\n1. Texte.\n\n"
            "B. Participation\n\n2. Texte.\n\nC. Élection du Bureau\n\n3. Le Bureau :\n\nVice-Présidents :\n"
            "M. Ahmed Benali (Maroc)\nM. Hiroshi Tanaka (Japon)\n")
    seg = segment(text, headings=load("fr").get("headings"))
    headings = [(b.label, b.text) for b in seg.blocks if b.kind == "heading"]
    assert headings == [("I", "Organisation de la session"), ("A", "Ouverture"), ("B", "Participation"),
                        ("C", "Élection du Bureau")]
    assert seg.blocks[-1].section == "Organisation de la session" and "Ahmed Benali" in seg.blocks[-1].text


def test_a_vote_heading_at_the_top_of_two_pages_is_not_a_running_title():
    """Regression: "Against:" standing in the top lines of two pages of vote lists was taken for a running title
    and removed, and the States under it were counted in favour."""
    pages = ["XY/9999/12\n\nI. Votes\n1. The first vote was as follows:\nIn favour:\nAlbania, Algeria,\n",
             "Andorra.\nAgainst:\nAngola.\n2. The second vote was as follows:\nIn favour:\nBelgium, Benin,\n",
             "Bhutan.\nAgainst:\nBolivia.\n3. The last paragraph."]
    text = "".join(f"{'XY/9999/12' if n > 1 else ''}\n\n{body}\n\n99-99999 {n}/3\n\f" for n, body in enumerate(pages, 1))
    texts = {n: " ".join(b.text for b in blocks) for n, blocks in segment(text).paragraphs().items()}
    assert "Against: Angola." in texts[1] and "Against: Bolivia." in texts[2]
