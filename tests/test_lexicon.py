from __future__ import annotations

from datetime import date

import pytest

from unkg.lexicon import detect_language, load


@pytest.mark.parametrize("text,expected", [
    ("проходило 5 и 6 июня 2024 года", (date(2024, 6, 5), date(2024, 6, 6))),
    ("прошедшей в Вене 9–18 октября 2006 года", (date(2006, 10, 9), date(2006, 10, 18))),
    ("На 4-м заседании 6 июня 2024 год", (date(2024, 6, 6), date(2024, 6, 6))),
    ("с 30 ноября по 2 декабря 2025 года", (date(2025, 11, 30), date(2025, 12, 2))),
])
def test_russian_date_ranges(text, expected):
    assert load("ru").dates(text)[0] == expected


@pytest.mark.parametrize("words,kind,value", [
    ("пятнадцатое", "ordinals", 15),
    ("пятнадцатого", "ordinals", 15),
    ("двадцать первой", "ordinals", 21),
    ("четырех", "cardinals", 4),
    ("трех", "cardinals", 3),
    ("12", "cardinals", 12),
])
def test_number_words(words, kind, value):
    assert load("ru").number(words, kind) == value


def test_detects_russian_and_rejects_other_languages():
    assert detect_language("Рабочая группа утвердила повестку дня и приняла рекомендации.")[0] == "ru"
    assert detect_language("Die Arbeitsgruppe hat die Tagesordnung angenommen und Empfehlungen verabschiedet.")[0] \
        is None
