"""Stage `lang`: language knowledge, loaded from one data file per language.

`data/lexicon/{lang}.json` holds the headings, formulae, number words,
addressee formulae and list conjunctions of a language; month names come from
CLDR through babel; Russian morphology from pymorphy3.  Code here is the same
for every language: adding a language means adding a file.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from babel.dates import get_month_names

from unkg.lang.gate import gated
from unkg.lang.scripts import script_of
from unkg.resources import data_path

_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_ESCAPES = re.compile(r"\\[A-Za-z]|\(\?P?<[^>]*>|\{[a-z_0-9,]*\}")  # \s, \b, (?P<name>, {month}: no words
_LITERAL = re.compile(r"[^\W\d_]{3,}")


@cache
def _morph():
    import pymorphy3  # imported lazily: only languages that ask for it pay for it

    return pymorphy3.MorphAnalyzer()


@cache
def available_languages() -> list[str]:
    return sorted(p.stem for p in data_path("lexicon").glob("*.json"))


@dataclass
class Lexicon:
    lang: str
    data: dict[str, Any]

    def __post_init__(self) -> None:
        self.morphology = self.data.get("morphology")
        self._regex_cache: dict[str, Any] = {}
        self._forms: dict[str, frozenset[str]] = {}
        self.months = self._month_map()
        month_alt = "|".join(sorted(map(re.escape, self.months), key=len, reverse=True))
        conn = "|".join(map(re.escape, self.data["dates"]["connectors"]))
        self.date_patterns = [
            re.compile(p.replace("{month}", f"(?:{month_alt})").replace("{conn}", f"(?:{conn})"), re.IGNORECASE)
            for p in self.data["dates"]["patterns"]
        ]
        day_month = self.data["dates"].get("day_month")
        self.day_month_pattern = re.compile(day_month.replace("{month}", f"(?:{month_alt})"), re.IGNORECASE) \
            if day_month else None

    # -- regexes ---------------------------------------------------------
    def rx(self, dotted: str, ignore_case: bool = True) -> re.Pattern[str] | None:
        """The compiled regex at a dotted path of the lexicon, or None if absent."""
        cache_key = f"{dotted}/{ignore_case}"
        if cache_key not in self._regex_cache:
            value: Any = self.data
            for key in dotted.split("."):
                if not isinstance(value, dict) or key not in value:
                    return None
                value = value[key]
            self._regex_cache[cache_key] = gated(re.compile(value, re.IGNORECASE if ignore_case else 0))
        return self._regex_cache[cache_key]

    def rx_all(self, dotted: str, ignore_case: bool = True) -> list[re.Pattern[str]]:
        """The compiled regexes at a dotted path that holds one pattern or a list of them (a formula whose
        parts come in either order: "X was elected Rapporteur", "Докладчиком был избран X")."""
        cache_key = f"{dotted}/{ignore_case}/all"
        if cache_key not in self._regex_cache:
            value = self.get(dotted)
            patterns = [value] if isinstance(value, str) else list(value or ())
            self._regex_cache[cache_key] = [gated(re.compile(p, re.IGNORECASE if ignore_case else 0)) for p in patterns]
        return self._regex_cache[cache_key]

    def get(self, dotted: str, default: Any = None) -> Any:
        value: Any = self.data
        for key in dotted.split("."):
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    # -- vocabularies ------------------------------------------------------
    def _words_rx(self, key: str, words: list[str]) -> re.Pattern[str]:
        """Words as one regex: an entry matches where a word starts and may be followed by an ending
        ("observ" finds "observers", "observateurs"); in scripts written without spaces or with
        attached prefixes (Chinese, Arabic: `vocab.anywhere`) anywhere.  Apostrophes match either form."""
        if key not in self._regex_cache:
            marks = self.data.get("marks")  # Arabic short vowels may be written on any letter ("عُقد")
            alt = "|".join(
                "".join(r"\s+" if c == " " else f"{re.escape(c)}[{marks}]*" for c in w) if marks else
                re.escape(w).replace("\\ ", r"\s+").replace("'", "['’]")
                for w in sorted(words, key=len, reverse=True))
            start = "" if self.get("vocab.anywhere") else r"(?<!\w)"
            self._regex_cache[key] = gated(re.compile(f"{start}(?:{alt})", re.IGNORECASE))
        return self._regex_cache[key]

    def vocab_rx(self, kind: str) -> re.Pattern[str] | None:
        """The words of `vocab.KIND` (role and verb vocabularies) as one regex."""
        words = self.get(f"vocab.{kind}")
        return self._words_rx(f"vocab/{kind}", words) if words else None

    def mentions(self, kind: str, text: str) -> bool:
        rx = self.vocab_rx(kind)
        return bool(rx and rx.search(text))

    def role_in(self, text: str) -> str | None:
        """The capacity a lead-in names: the first role of `vocab.roles` (listed in precedence order)
        whose words it contains, so that "signatory" wins over "observer", "focal points" over "parties"."""
        for role, words in self.get("vocab.roles", {}).items():
            if self._words_rx(f"roles/{role}", words).search(text):
                return role
        return None

    def table(self, group: str, ignore_case: bool = True) -> list[tuple[str, Any]]:
        """The {key: regex} table at dotted path `group`, compiled and gated, in the lexicon's order."""
        cache_key = f"{group}/{ignore_case}/table"
        if cache_key not in self._regex_cache:
            self._regex_cache[cache_key] = [(key, gated(re.compile(pattern, re.IGNORECASE if ignore_case else 0)))
                                            for key, pattern in (self.get(group) or {}).items()]
        return self._regex_cache[cache_key]

    def classify(self, group: str, text: str) -> str | None:
        """First key of the {key: regex} table `group` whose regex matches text."""
        for key, rx in self.table(group):
            if rx.search(text):
                return key
        return None

    def earliest(self, group: str, text: str) -> str | None:
        """Key of the {key: regex} table `group` whose regex matches first in text (the addressee a
        recommendation names first, wherever its sentence starts)."""
        hits = []
        for key, rx in self.table(group):
            m = rx.search(text)
            if m:
                hits.append((m.start(), key))
        return min(hits)[1] if hits else None

    # -- words -----------------------------------------------------------
    def place(self, phrase: str | None) -> str | None:
        """A place as a name, not in the case its sentence gives it ("в Вене": "Вена"): capitalised words the
        morphology knows as places are put in the nominative; languages without morphology keep the phrase."""
        if not phrase or self.morphology != "pymorphy3":
            return phrase
        if " " not in phrase.strip() and _adjective_only(phrase.strip()):
            return None  # "в Центральных учреждениях …": the first word of a description, not a place's name
        return re.sub(r"\b[^\W\d_][\w-]*", lambda m: _place_nominative(m.group(0)) if m.group(0)[:1].isupper()
                      else m.group(0), phrase)

    def word_forms(self, word: str) -> frozenset[str]:
        """The forms a word may stand for (its lemmas where the language has morphology), lower-cased; remembered
        per lexicon (name readers ask for the same words thousands of times a report)."""
        memory = self._forms
        found = memory.get(word)
        if found is None:
            if len(memory) >= 200_000:
                memory.clear()
            found = memory[word] = self._forms_of(word)
        return found

    def _forms_of(self, word: str) -> frozenset[str]:
        forms = _word_forms(self.lang if self.morphology == "pymorphy3" else "", word)
        prefixes = self.data.get("prefixes")
        if prefixes:  # Arabic attaches "و" (and), "ب", "ل" to the next word
            low = word.lower()
            extra = {low[len(p):] for p in prefixes if low.startswith(p) and len(low) > len(p) + 2}
            if extra:
                forms = forms | frozenset(extra)
        return forms

    @property
    def function_words(self) -> frozenset[str]:
        """Words that stand alone however short ("a", "of", "в"): a piece of a broken word that is one of them
        may be a word of its own (`read.words`)."""
        return frozenset(w.lower() for w in self.data.get("function_words", ()))

    def literal_words(self) -> frozenset[str]:
        """Every word of three letters or more the lexicon's formulae and vocabularies spell out ("draft",
        "sponsoring", "rejected"), in lower case: words that `read.words` may rebuild from broken pieces."""
        if "literal_words" not in self._regex_cache:
            found: set[str] = set()
            stack: list[Any] = [self.data]
            while stack:
                value = stack.pop()
                if isinstance(value, dict):
                    stack.extend(value.values())
                elif isinstance(value, list):
                    stack.extend(value)
                elif isinstance(value, str):
                    found.update(w.lower() for w in _LITERAL.findall(_ESCAPES.sub(" ", value)))
            self._regex_cache["literal_words"] = frozenset(found)
        return self._regex_cache["literal_words"]

    @property
    def unsegmented(self) -> bool:
        """Written without spaces between words (Chinese): names are found as substrings."""
        return bool(self.data.get("unsegmented"))

    def words(self, text: str) -> list[str]:
        return [w for w, _, _ in self.tokens(text)]

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Words with their offsets; an elided article ("l'", "d'" in `elisions`) is a word of its own,
        so that "l'Union européenne" and "Côte d'Ivoire" are read word by word like the tables' names.
        Remembered for the last texts asked (readers split one paragraph twice as often as there are paragraphs)."""
        memory = self._regex_cache.setdefault("tokens", {})
        found = memory.get(text)
        if found is None:
            if len(memory) >= 256:
                memory.clear()
            found = memory[text] = tuple(self._tokens(text))
        return list(found)

    def _tokens(self, text: str) -> list[tuple[str, int, int]]:
        elisions = self.data.get("elisions", ())
        out: list[tuple[str, int, int]] = []
        if not elisions:
            append = out.append
            for m in _WORD.finditer(text):
                word = m.group()
                if "’" in word:
                    word = word.replace("’", "'")  # (one character for one: the offsets hold)
                if word[0] != "-" and word[-1] != "-":
                    append((word, m.start(), m.end()))  # most words: nothing to strip
                    continue
                stripped = word.strip("-")
                if stripped:
                    start = m.start() + len(word) - len(word.lstrip("-"))
                    append((stripped, start, start + len(stripped)))
            return out
        for m in _WORD.finditer(text):
            word, start = m.group(0).replace("’", "'"), m.start()
            low = word.lower()
            cut = next((len(e) for e in elisions if low.startswith(e) and len(low) > len(e)), 0)
            if cut:
                out.append((word[:cut], start, start + cut))
                word, start = word[cut:], start + cut
            stripped = word.strip("-")
            if stripped:
                lead = len(word) - len(word.lstrip("-"))
                out.append((stripped, start + lead, start + lead + len(stripped)))
        return out

    def number(self, phrase: str, kind: str) -> int | None:
        """A number written in words ("пятнадцатое", "twenty-first") or digits."""
        phrase = phrase.strip()
        if phrase.isdigit():
            return int(phrase)
        m = re.match(r"(\d+)", phrase)
        if m:
            return int(m.group(1))
        from unkg.lang.numerals import cjk_value

        value = cjk_value(phrase)
        if value is not None:
            return value
        table = self.data["numbers"][kind]
        if phrase.lower() in table:
            return table[phrase.lower()]
        total, found = 0, False
        for word in re.split(r"[\s-]+", phrase.lower()):
            for form in sorted(self.word_forms(word)):
                if form in table:
                    total += table[form]
                    found = True
                    break
        return total if found else None

    # -- dates -----------------------------------------------------------
    def _month_map(self) -> dict[str, int]:
        months: dict[str, int] = {}
        # Some languages print two names of a month (Arabic "آذار/مارس"): the lexicon
        # lists the CLDR locales whose names may appear.
        for locale in self.data["dates"].get("month_locales", [self.lang]):
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for num, name in get_month_names(width, context=context, locale=locale).items():
                        months[name.lower().rstrip(".")] = num
        # names the UN prints that no CLDR locale gives (Arabic "حزيران/يونيه", "تموز/يوليه")
        months.update({name.lower(): num for name, num in self.data["dates"].get("more_months", {}).items()})
        return months

    def dates(self, text: str) -> list[tuple[date, date]]:
        """Date ranges in text: "5 и 6 июня 2024 года" -> (2024-06-05, 2024-06-06)."""
        return [(s, e) for _, s, e in self._date_ranges(text)]

    def dated(self, text: str) -> list[tuple[int, date]]:
        """(offset, first day) of each date range in text."""
        return [(pos, s) for pos, s, _ in self._date_ranges(text)]

    def dated_without_year(self, text: str, year: int) -> list[tuple[int, date]]:
        """(offset, date) of each day written without its year ("at its 3rd meeting, on 11 June", "6月11日"),
        dated in `year` (the meeting's); a day inside a full date ("4 and 5 June 2014") is not one."""
        if self.day_month_pattern is None:
            return []
        full = [(m.start(), m.end()) for pattern in self.date_patterns for m in pattern.finditer(text)]
        found = []
        for m in self.day_month_pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in full):
                continue
            try:
                found.append((m.start(), date(year, self._month(m.group("m")), int(m.group("d")))))
            except (KeyError, ValueError):
                continue
        return found

    def _date_ranges(self, text: str) -> list[tuple[int, date, date]]:
        found = []
        for pattern in self.date_patterns:
            for m in pattern.finditer(text):
                g = {k: v for k, v in m.groupdict().items() if v}
                try:
                    month2 = self._month(g["m2"])
                    year2 = int(g["y2"])
                    end = date(year2, month2, int(g["d2"]))
                    if "d1" in g:
                        start = date(int(g.get("y1", year2)), self._month(g["m1"]) if "m1" in g else month2,
                                     int(g["d1"]))
                    else:
                        start = end
                except (KeyError, ValueError):
                    continue
                found.append((m.start(), start, end))
        found.sort()
        return found

    def _month(self, word: str) -> int:
        word = word.lower().rstrip(".")
        if word in self.months:
            return self.months[word]
        if word.isdigit():
            return int(word)
        raise KeyError(word)

    def split_at_colon(self, text: str) -> tuple[str, str] | None:
        """(intro, list) at the first colon of the language ("：" in Chinese)."""
        for colon in self.data["list"].get("colons", [":"]):
            if colon in text:
                head, _, tail = text.partition(colon)
                return head, tail
        return None


@lru_cache(maxsize=4096)
def _adjective_only(word: str) -> bool:
    return all(p.tag.POS in ("ADJF", "ADJS", "PRTF") for p in _morph().parse(word))


@lru_cache(maxsize=4096)
def _place_nominative(word: str) -> str:
    """A place name in the nominative ("Вене" -> "Вена", "Нью-Йорке" -> "Нью-Йорк") where the morphology
    knows it as a place; otherwise the word as written. Each hyphenated part keeps its capital."""
    parses = [p for p in _morph().parse(word) if "Geox" in p.tag]
    inflected = parses[0].inflect({"nomn"}) if parses else None
    if inflected is None:
        return word
    written, parts = word.split("-"), inflected.word.split("-")
    if len(written) != len(parts):
        return word
    return "-".join(new[:1].upper() + new[1:] if old[:1].isupper() else new for old, new in zip(written, parts))


@lru_cache(maxsize=200_000)
def _word_forms(morph_lang: str, word: str) -> frozenset[str]:
    """Lower-cased word and, for inflected languages, its dictionary forms."""
    low = word.lower().replace("ё", "е").replace("’", "'")
    forms = {low}
    if morph_lang:
        for parse in _morph().parse(word)[:4]:
            forms.add(parse.normal_form.replace("ё", "е"))
    return frozenset(forms)


@cache
def load(lang: str) -> Lexicon:
    path = data_path("lexicon", f"{lang}.json")
    if not path.is_file():
        raise KeyError(lang)
    return Lexicon(lang, json.loads(path.read_text(encoding="utf-8")))


def detect_language(text: str) -> tuple[str | None, dict[str, float]]:
    """Guess the language from script and stopwords; returns (lang or None, scores)."""
    sample = text[:6000]
    scores: dict[str, float] = {}
    # The script is clear from fewer letters than the stopwords need (counting characters costs 80 ns each).
    scripts: Counter = Counter()
    for ch, count in Counter(sample[:2500]).items():
        if ch.isalpha():
            scripts[script_of(ch)] += count
    letter_count = sum(scripts.values())
    if not letter_count:
        return None, scores
    words: list[str] = []  # split only for a script several of the languages share (Latin)
    for lang in available_languages():
        lex = load(lang)
        script = lex.data["script"]
        share = scripts[script] / letter_count
        if share < 0.5:
            scores[lang] = 0.0
            continue
        stop = set(lex.data.get("stopwords", []))
        same_script = [l for l in available_languages() if load(l).data["script"] == script]
        if len(same_script) == 1 and script != "LATIN":  # many other languages write in Latin
            hits = 1.0  # Cyrillic, Arabic, Chinese: the script decides among our languages
        elif lex.unsegmented:
            hits = sum(sample.count(w) for w in stop) / max(1, len(sample))
        else:
            words = words or re.findall(r"\w+", sample.lower())
            hits = sum(1 for w in words if w in stop) / max(1, len(words))
        scores[lang] = share * hits
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] < 0.02:
        return None, scores
    return best, scores
