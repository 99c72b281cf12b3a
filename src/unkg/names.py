"""Resolve names of States, organizations and bodies as printed in reports.

Names come from the project's reference tables (`data/countries.csv`, built
from UNTERM; `data/organizations.csv`; `data/aliases.csv` for variant and
historical names; `data/bodies.csv`).  Matching is word by word on a key that
ignores case, "ё", apostrophe style and parentheses; for languages whose
lexicon names a morphology (Russian: pymorphy3) a word matches any of its
dictionary forms, so every case form of a name resolves: "Доминиканской
Республики" and "Доминиканская Республика" are both DOM.
"""
from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from functools import cache

from .lexicon import Lexicon
from .model import Entity
from .resources import data_path

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
MAX_WORDS = 16
_MAX_VARIANTS = 64  # cap on the product of word forms per name


@dataclass(frozen=True)
class Known:
    kind: str  # state | reio | igo | ngo | un-entity
    code: str
    names: dict[str, str]  # lang -> canonical short name


@cache
def countries() -> dict[str, dict[str, str]]:
    with data_path("countries.csv").open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


@cache
def wikidata() -> dict[str, str]:
    """Code (ISO alpha-3, or EU) -> Wikidata item IRI; the file's leading # lines are its notes."""
    with data_path("wikidata-states.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["iso3"]: f"http://www.wikidata.org/entity/{row['qid']}" for row in rows}


@cache
def organizations() -> dict[str, dict[str, str]]:
    with data_path("organizations.csv").open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


@cache
def bodies() -> dict[str, dict[str, str]]:
    with data_path("bodies.csv").open(encoding="utf-8") as fh:
        return {row["series"]: row for row in csv.DictReader(fh)}


@cache
def known_entities() -> dict[str, Known]:
    out: dict[str, Known] = {}
    for code, row in countries().items():
        kind = "reio" if row["status"] == "reio" else "state"
        out[code] = Known(kind, code, {lang: row[f"short_{lang}"] for lang in LANGS})
    for code, row in organizations().items():
        out[code] = Known(row["kind"], code, {lang: row[f"name_{lang}"] for lang in LANGS})
    return out


def _surface_names(lang: str) -> list[tuple[str, str]]:
    """(name, code) pairs for one language: short, formal, organization names and aliases."""
    pairs: list[tuple[str, str]] = []
    for code, row in countries().items():
        pairs.append((row[f"short_{lang}"], code))
        pairs.append((row[f"formal_{lang}"], code))
    for code, row in organizations().items():
        pairs.append((row[f"name_{lang}"], code))
        for alias in filter(None, row["aliases"].split("|")):
            alias_lang, _, text = alias.partition(":")
            if alias_lang == lang:
                pairs.append((text, code))
    with data_path("aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["lang"] == lang:
                pairs.append((row["alias"], row["code"]))
    return [(n, c) for n, c in pairs if n]


class NameResolver:
    """Resolve names of one language; build once per language and reuse."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.articles = {a.lower() for a in lexicon.get("articles", [])}
        self.index: dict[tuple[str, ...], str] = {}
        self.first_words: set[str] = set()
        self.vocabulary: set[str] = set()
        for name, code in _surface_names(lexicon.lang):
            for key in self._keys(self._words(name)):
                self.index.setdefault(key, code)
                self.first_words.add(key[0])
                self.vocabulary.update(key)
        self.bodies = lexicon.get("bodies", {})

    def _words(self, text: str) -> list[str]:
        words = self.mend(self.lex.words(text))
        while words and words[0].lower() in self.articles:
            words = words[1:]
        return words

    def mend(self, words: list[str]) -> list[str]:
        """Re-join a word that PDF extraction split with a space ("Guine a", "Mon golia"): two
        neighbours are joined when together they are a word of a known name and one of them is not."""
        known, forms = getattr(self, "vocabulary", None), self.lex.word_forms
        if not known or len(words) < 2:
            return words
        unknown = [not (forms(w) & known) for w in words]
        if not any(unknown):  # the usual case: every word belongs to some name
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            if i + 1 < len(words) and (unknown[i] or unknown[i + 1]) and forms(words[i] + words[i + 1]) & known:
                out.append(words[i] + words[i + 1])
                i += 2
                continue
            out.append(words[i])
            i += 1
        return out

    def _keys(self, words: list[str]) -> list[tuple[str, ...]]:
        if not words or len(words) > MAX_WORDS:
            return []
        options = [sorted(self.lex.word_forms(w)) for w in words]
        product = itertools.islice(itertools.product(*options), _MAX_VARIANTS)
        return list(product)

    def lookup_code(self, text: str) -> str | None:
        words = self._words(text)
        for key in self._keys(words):
            code = self.index.get(key)
            if code:
                return code
        return self._squashed().get("".join(words).lower()) if words else None

    def _squashed(self) -> dict[str, str]:
        """Names with their spaces taken out: "Trini dad and Tobago", "Denm ark" (spaces PDF extraction
        leaves inside words) still resolve.  Built on first use."""
        if not hasattr(self, "_squash_index"):
            self._squash_index: dict[str, str] = {}
            for name, code in _surface_names(self.lex.lang):
                self._squash_index.setdefault("".join(self._words(name)).lower(), code)
        return self._squash_index

    def resolve(self, text: str) -> Entity:
        """A name as printed -> Entity; unknown names come back as kind 'unresolved'."""
        surface = " ".join(text.split())
        body = self._body(surface)
        if body:
            return Entity("body", body, surface)
        code = self.lookup_code(surface)
        if code is None:
            return Entity("unresolved", None, surface)
        known = known_entities()[code]
        return Entity(known.kind, code, surface, known.names.get(self.lex.lang))

    def _body(self, surface: str) -> str | None:
        import re

        for key, pattern in self.bodies.items():
            if re.search(pattern, surface, re.IGNORECASE):
                return key
        return None

    def scan_bodies(self, text: str) -> list[Entity]:
        """Bodies named in running text ("представители секретариата")."""
        import re

        found = []
        if self.lex.unsegmented:
            for key, pattern in self.bodies.items():
                for m in re.finditer(pattern.strip("^$"), text):
                    found.append(Entity("body", key, m.group(0)))
            return found
        for word in re.findall(r"[\w’'-]+", text):
            key = self._body(word)
            if key:
                found.append(Entity("body", key, word))
        return found

    def _scan_unsegmented(self, text: str) -> list[Entity]:
        """Chinese: the longest known name at each position, as a substring."""
        names = self._surfaces()
        found, i = [], 0
        while i < len(text):
            for name, code in names.get(text[i], ()):
                if text.startswith(name, i):
                    known = known_entities()[code]
                    found.append(Entity(known.kind, code, name, known.names.get(self.lex.lang)))
                    i += len(name)
                    break
            else:
                i += 1
        return found

    def _surfaces(self) -> dict[str, list[tuple[str, str]]]:
        if not hasattr(self, "_by_first_char"):
            table: dict[str, list[tuple[str, str]]] = {}
            for name, code in _surface_names(self.lex.lang):
                table.setdefault(name[0], []).append((name, code))
            for entries in table.values():
                entries.sort(key=lambda e: -len(e[0]))
            self._by_first_char = table
        return self._by_first_char

    def _mend_tokens(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """scan()'s tokens with split words re-joined (see mend); a joined token keeps its start."""
        words = [t[0] for t in tokens]
        mended = self.mend(words)
        if len(mended) == len(words):
            return tokens
        out, i = [], 0
        for word in mended:
            step = 2 if word != words[i] else 1
            out.append((word, tokens[i][1], tokens[i + step - 1][1] + len(tokens[i + step - 1][0])))
            i += step
        return out

    def scan(self, text: str) -> list[Entity]:
        """Every known name in running text, longest match first, left to right.

        Only capitalised words may start a name, so that a common word that
        happens to inflect like a country name ("того"/Togo) is not taken.
        """
        import re

        if self.lex.unsegmented:
            return self._scan_unsegmented(text)
        # a lone dash is no word: "بوليفيا (دولة - المتعددة القوميات)"
        tokens = self._mend_tokens([(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w’'-]+", text)
                                    if m.group(0).strip("-")])
        found: list[Entity] = []
        i = 0
        while i < len(tokens):
            word = tokens[i][0]
            cased = word[:1].isupper() or word[:1].islower()
            if (cased and not word[:1].isupper()) or not (self.lex.word_forms(word) & self.first_words):
                i += 1
                continue
            for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                words = [t[0] for t in tokens[i:i + n]]
                code = next((self.index[k] for k in self._keys(words) if k in self.index), None)
                if code:
                    start, end = tokens[i][1], tokens[i + n - 1][2]
                    known = known_entities()[code]
                    found.append(Entity(known.kind, code, text[start:end], known.names.get(self.lex.lang)))
                    i += n
                    break
            else:
                i += 1
        return found


@cache
def resolver(lang: str) -> NameResolver:
    from .lexicon import load

    return NameResolver(load(lang))
