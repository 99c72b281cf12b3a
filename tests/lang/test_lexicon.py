from __future__ import annotations

from datetime import date

import pytest

from unkg.lang.lexicon import detect_language, load


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


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "held in Bonn from 21 to 26 January 2013", (date(2013, 1, 21), date(2013, 1, 26))),
    ("en", "on 5 and 6 June 2024", (date(2024, 6, 5), date(2024, 6, 6))),
    ("fr", "s'est tenue du 5 au 6 juin 2024", (date(2024, 6, 5), date(2024, 6, 6))),
    ("fr", "les 3 et 4 mars 2030", (date(2030, 3, 3), date(2030, 3, 4))),
    ("fr", "le 1er juillet 2025", (date(2025, 7, 1), date(2025, 7, 1))),
    ("es", "los días 5 y 6 de junio de 2024", (date(2024, 6, 5), date(2024, 6, 6))),
    ("es", "del 5 al 6 de junio de 2024", (date(2024, 6, 5), date(2024, 6, 6))),
    ("es", "(Nueva York, 10 a 14 de marzo de 2031)", (date(2031, 3, 10), date(2031, 3, 14))),
    ("zh", "于2024年6月5日和6日举行", (date(2024, 6, 5), date(2024, 6, 6))),
    ("zh", "2030年3月4日", (date(2030, 3, 4), date(2030, 3, 4))),
    ("ar", "يومي 5 و6 حزيران/يونيه 2024".replace("يونيه", "يونيو"), (date(2024, 6, 5), date(2024, 6, 6))),
    ("ar", "في 4 آذار/مارس 2030", (date(2030, 3, 4), date(2030, 3, 4))),
])
def test_dates_in_every_language(lang, text, expected):
    assert load(lang).dates(text)[0] == expected


@pytest.mark.parametrize("lang,words,value", [
    ("en", "fifteenth", 15), ("en", "first", 1),
    ("fr", "quinzième", 15), ("fr", "première", 1),
    ("es", "decimoquinta", 15), ("es", "duodécima", 12),
    ("zh", "十五", 15), ("zh", "二十一", 21),
    ("ar", "الخامس عشر", 15), ("ar", "الثاني عشر", 12),
    ("ru", "пятнадцатое", 15),
    # compound ordinals of sessions: tens and units as parts
    ("fr", "soixante et onzième", 71), ("fr", "quarante-deuxième", 42), ("fr", "vingt et unième", 21),
    ("es", "septuagésimo noveno", 79), ("ar", "الخامسة والسبعين", 75), ("ru", "шестьдесят второй", 62),
])
def test_ordinals_in_every_language(lang, words, value):
    assert load(lang).number(words, "ordinals") == value


@pytest.mark.parametrize("text,lang", [
    ("The Working Group adopted the following agenda and the report of the meeting.", "en"),
    ("Le Groupe de travail a adopté l'ordre du jour de la réunion et le rapport.", "fr"),
    ("El Grupo de Trabajo aprobó el programa de la reunión y el informe.", "es"),
    ("工作组通过了会议议程和报告。", "zh"),
    ("اعتمد الفريق العامل جدول أعمال الاجتماع والتقرير.", "ar"),
])
def test_language_detection(text, lang):
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("lang,lead_in,role", [
    ("en", "The following States parties to the Convention were represented", "party"),
    ("en", "Also represented by an observer was Iran (Islamic Republic of), a signatory to the Convention", "signatory"),
    ("en", "The following parties included focal points in their delegations", "focal-point"),
    ("en", "The following intergovernmental organizations were represented by observers", "igo"),
    ("en", "Representatives of the following 89 States that are members of the Platform attended", "member"),
    ("fr", "L'Iran (République islamique d'), État signataire de la Convention, était représenté", "signatory"),
    ("es", "Estuvieron representadas por observadores las siguientes organizaciones intergubernamentales", "igo"),
    ("ru", "В работе совещания приняли участие представители следующих участников Конвенции", "party"),
    ("ru", "Наблюдателями было представлено подписавшее Конвенцию государство", "signatory"),
    ("zh", "下列《公约》缔约方在代表团中包括了协调人", "focal-point"),
    ("zh", "以观察员身份出席会议的政府间组织有", "igo"),
    ("ar", "ومُثلت بمراقبين المنظمات الحكومية الدولية التالية", "igo"),
    ("ar", "حضر الاجتماع ممثلو الأطراف التالية في الاتفاقية", "party"),
    ("en", "The Working Group adopted the following agenda", None),
])
def test_capacity_comes_from_role_words_in_any_lead_in(lang, lead_in, role):
    assert load(lang).role_in(lead_in) == role


@pytest.mark.parametrize("lang,kind,text", [
    ("ar", "held", "عُقد الاجتماع الثاني عشر للفريق العامل"),  # a vowel mark inside the word
    ("fr", "documents", "Le Groupe de travail était saisi des documents ci-après"),
    ("es", "adopt", "el Grupo de Trabajo adoptó el siguiente programa"),
    ("zh", "recommendation", "工作组第十二次会议通过了下列建议"),
])
def test_vocabularies_find_their_words_in_other_forms(lang, kind, text):
    assert load(lang).mentions(kind, text)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "at its 3rd meeting, on 11 June. Held 4 and 5 June 2014", [date(2015, 6, 11)]),
    ("fr", "à sa 3e séance, le 1er juillet", [date(2015, 7, 1)]),
    ("es", "en su tercera sesión, el 11 de junio, y el 5 de junio de 2014", [date(2015, 6, 11)]),
    ("ru", "на своем 3-м заседании 11 июня", [date(2015, 6, 11)]),
    ("zh", "在6月11日第3次会议上；2014年6月5日", [date(2015, 6, 11)]),
    ("ar", "في جلستها الثالثة المعقودة في 11 حزيران/يونيو", [date(2015, 6, 11)]),
])
def test_days_written_without_their_year_take_the_meetings_year(lang, text, expected):
    """A sitting's day is often written without its year ("on 11 June"); a day inside a full date is not one."""
    assert [d for _, d in load(lang).dated_without_year(text, 2015)] == expected


# Vocabulary the extractor reads (grep the key in src/unkg/): every language has it, so that the feature it drives
# works in all six; the exceptions say why a language needs none.
SHARED_VOCABULARY = ["officers.roles.alternate", "officers.roles.bureau-member", "officers.ignore",
                     "officers.appointed", "sessions.chaired_by", "sessions.elected", "sessions.held",
                     "sessions.organizational", "sessions.several", "outcomes.mention", "outcomes.mention_join",
                     "outcomes.notes", "outcomes.decision_clause", "masthead.title_end", "sections.opening",
                     "drafts.zero_words", "sitting_same", "officers.role_joiner", "masthead.title_runs_on",
                     "sessions.range", "outcomes.taken_up", "outcomes.subject_before", "outcomes.in_abeyance",
                     "officers.as_role", "sitting_part",
                     # drafts, amendments, separate votes on parts, sponsors (src/unkg/extract/drafts.py, votes.py,
                     # sponsors.py, draft_text.py)
                     "drafts.kinds.amendment", "drafts.context", "drafts.orally_revised", "drafts.oral_amendment",
                     "drafts.held", "drafts.parts.preambular", "drafts.parts.operative", "drafts.part_actions",
                     "drafts.by_officer", "drafts.capacity", "drafts.sponsor_error", "drafts.intended",
                     "drafts.document_word",
                     # citations (src/unkg/extract/citations.py)
                     "decisions.entitled", "decisions.part", "decisions.short_organs", "decisions.other_issuer",
                     # who spoke on which item (src/unkg/extract/statements.py)
                     "statements.cues", "statements.made", "statements.introduced", "statements.informed",
                     "statements.on_behalf", "statements.aligned.verb", "statements.aligned.lead",
                     "statements.elsewhere", "statements.secretariat", "statements.not_speaker",
                     "statements.officer_cues", "statements.part_of.gap", "statements.part_of.parent"]
NOT_NEEDED = {
    # Russian and Chinese reports print a vote of none in digits ("против 0", "0票"), which their count formula reads
    ("ru", "drafts.zero_words"), ("zh", "drafts.zero_words"),
}


@pytest.mark.parametrize("lang", ["ar", "en", "es", "fr", "ru", "zh"])
def test_every_language_has_the_vocabulary_the_extractor_reads(lang):
    lex = load(lang)
    missing = [key for key in SHARED_VOCABULARY if lex.get(key) is None and (lang, key) not in NOT_NEEDED]
    assert missing == []
    # a role scoped to a part of the meeting: the words that scope it follow the role, or precede it (Chinese)
    assert lex.get("officers.scoped_to") or lex.get("officers.scoped_by")


@pytest.mark.parametrize("lang,heading,kind", [
    ("en", "Opening of the session", "opening"),
    ("fr", "Ouverture de la session", "opening"),
    ("es", "Apertura del período de sesiones", "opening"),
    ("ru", "Открытие сессии", "opening"),
    ("ru", "Продолжительность совещания", "duration"),
    ("zh", "会议开幕", "opening"),
    ("ar", "افتتاح الدورة", "opening"),
    ("es", "Organización del período de sesiones", "organization"),
    ("fr", "Organisation de la session et questions administratives", "organization"),
    ("ru", "Организация сессии", "organization"),
])
def test_section_headings_in_every_language(lang, heading, kind):
    assert load(lang).classify("sections", heading) == kind


@pytest.mark.parametrize("lang,text,number", [
    ("en", "At its 6th plenary meeting, on 4 March 2031", "6th"),
    ("ru", "На своем 2-м пленарном заседании 3 марта", "2-м"),
    ("ar", "في جلستها العامة الثانية المعقودة في", "الثانية"),
])
def test_a_sitting_may_be_called_plenary(lang, text, number):
    assert load(lang).rx("sitting").search(text).group("n") == number


@pytest.mark.parametrize("lang,written,name", [
    ("ru", "Вене", "Вена"), ("ru", "Нью-Йорке", "Нью-Йорк"), ("ru", "Аддис-Абебе", "Аддис-Абеба"),
    ("ru", "Найроби", "Найроби"), ("ru", "Центральных", None), ("fr", "Vienne", "Vienne"), ("en", "New York", "New York"),
])
def test_a_place_is_named_in_the_nominative(lang, written, name):
    """Regression: the Russian place was published as its sentence inflects it ("Вене"), and "в Центральных
    учреждениях" gave the place "Центральных"."""
    assert load(lang).place(written) == name


@pytest.mark.parametrize("lang", ["ru", "fr"])  # without and with elided articles
def test_tokens_are_the_words_at_their_offsets_without_edge_hyphens(lang):
    import random

    lex = load(lang)
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("аbl-’' xY-1,.\n") for _ in range(rng.randint(0, 30)))
        tokens = lex.tokens(text)
        for word, start, end in tokens:
            assert word and word == text[start:end].replace("’", "'") and word[0] != "-" and word[-1] != "-"
        # every letter of the text is in some token
        letters = {i for i, c in enumerate(text) if c.isalnum()}
        assert letters <= {i for _, start, end in tokens for i in range(start, end)}
    assert lex.tokens("-- Объеди-ненных  ’-") == [("Объеди-ненных", 3, 16), ("'", 18, 19)]
