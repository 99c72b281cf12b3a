from __future__ import annotations

import pytest

from unkg.segment import join_lines, normalise_letters, segment


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


def test_a_readers_footnote_is_tied_to_the_paragraph_that_carries_its_mark():
    from unkg.readers import Footnote

    text = ("I. Organization\n1. The meeting opened.\n2. The Group had before it the note\nby the Secretariat "
            "and agreed.\n\f\n3. The meeting closed.\n")
    notes = [Footnote(1, "1", "See XY/2030/7.", anchor="before it the note by"),
             Footnote(2, "2", "See XY/2030/8.", anchor="nowhere in the text")]
    seg = segment(text, footnotes=notes)
    assert [(b.label, b.para, b.page) for b in seg.footnotes] == [("1", 2, 1), ("2", None, 2)]
