"""Stage `lang`: resolve names of States, organizations and bodies as printed in reports.

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
import re
from dataclasses import dataclass
from functools import cache

from unkg.lang.lexicon import Lexicon
from unkg.model import Entity
from unkg.resources import data_path

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
_MARK = re.compile(r"^[0-9]{1,2}$")  # a footnote mark standing alone
_GLUED_MARK = re.compile(r"^(\D+?[^\W\d_])([0-9]{1,2})$")  # "Mongolia1"
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
        self.vocabulary: set[str] = set()  # every word of a known name (to mend words PDF extraction split)
        self._known_form = None
        for name, code in _surface_names(lexicon.lang):
            for key in self._keys(self._words(name)):
                self.index.setdefault(key, code)
                self.vocabulary.update(key)
        # The same index as a tree of word forms (None: the name that ends there): a name is followed word by word
        # without building a tuple for every form tried.
        self.tree: dict = {}
        for key, code in self.index.items():
            node = self.tree
            for form in key:
                node = node.setdefault(form, {})
            node[None] = (key, code)
        # word -> some form of it is a word of a known name; kept once the vocabulary is complete
        self._known_form: dict[str, bool] | None = {}
        self.bodies = lexicon.get("bodies", {})
        self.skip_words = ({w.lower() for w in lexicon.get("list.conjunctions", [])} | self.articles
                           | {e.lower() for e in lexicon.get("elisions", [])})
        self.separators = "".join(sorted(set("".join(lexicon.get("list.separators", [])).replace(" ", "") + ",;")))
        self._separator_set = frozenset(self.separators)
        self._memory: dict[tuple[str, str], tuple[Entity, ...]] = {}

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
        # The first half of a split name word holds a capital ("Mon", "d’Ivoi") or is in a script without case:
        # only such a word and the next are looked up (a sentence's other words cost a morphological parse each).
        starts = [i for i in range(len(words) - 1) if words[i] != words[i].lower() or words[i] == words[i].upper()]
        if not starts:
            return words
        unknown: dict[int, bool] = {}

        known_form = self._known_form

        def is_unknown(i: int) -> bool:
            if i not in unknown:
                word = words[i]
                found = known_form.get(word) if known_form is not None else None
                if found is None:
                    found = bool(forms(word) & known)
                    if known_form is not None:
                        if len(known_form) >= 50_000:
                            known_form.clear()
                        known_form[word] = found
                unknown[i] = not found
            return unknown[i]

        joins = set()
        for i in starts:
            if i - 1 in joins:
                continue
            if (is_unknown(i) or is_unknown(i + 1)) and forms(words[i] + words[i + 1]) & known:
                joins.add(i)
        if not joins:  # the usual case
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            if i in joins:
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
        for key, pattern in self.bodies.items():
            if re.search(pattern, surface, re.IGNORECASE):
                return key
        return None

    def scan_bodies(self, text: str) -> list[Entity]:
        """Bodies named in running text ("представители секретариата")."""
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
                    found.append(self._entity(code, name))
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

    def longest_at(self, words: list[str], i: int) -> tuple[int, str] | None:
        """The longest known name starting at words[i]: (number of words, code), or None.

        Word forms are followed one word at a time down the tree of known names, so a long list costs one probe
        per word and form, whatever MAX_WORDS is. Where forms reach several names of one length, the name whose
        forms sort first is taken (the same each time)."""
        if i >= len(words):
            return None
        forms_of, tree = self.lex.word_forms, self.tree
        # the first word alone first: most words start no name
        frontier = [child for f in forms_of(words[i]) if (child := tree.get(f)) is not None]
        best = None
        limit, n = min(MAX_WORDS, len(words) - i), 1
        while frontier:
            ends = [node[None] for node in frontier if None in node]
            if ends:
                best = (n, min(ends)[1])
            if n >= limit:
                break
            forms = forms_of(words[i + n])
            frontier = [child for node in frontier for f in forms if (child := node.get(f)) is not None]
            n += 1
        return best

    def _entity(self, code: str, surface: str) -> Entity:
        known = known_entities()[code]
        return Entity(known.kind, code, surface, known.names.get(self.lex.lang))

    def _mend_tokens(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Tokens with split words re-joined (see mend), a joined token spanning both, and a footnote mark
        glued to a word taken off it ("Mongolia1", as PDF text gives a superscript "1")."""
        if any(t[0][-1:].isdigit() and not t[0].isdigit() for t in tokens):
            tokens = [self._unmarked(t) for t in tokens]
        words = [t[0] for t in tokens]
        mended = self.mend(words)
        if len(mended) == len(words):
            return tokens
        out, i = [], 0
        for word in mended:
            step = 2 if word != words[i] else 1
            out.append((word, tokens[i][1], tokens[i + step - 1][2]))
            i += step
        return out

    def _unmarked(self, token: tuple[str, int, int]) -> tuple[str, int, int]:
        word, start, end = token
        m = _GLUED_MARK.match(word)
        if m and self.lex.word_forms(m.group(1)) & self.vocabulary:
            return m.group(1), start, end - len(m.group(2))
        return token

    def scan(self, text: str) -> list[Entity]:
        """Every known name in running text, longest match first, left to right.

        Only capitalised words may start a name, so that a common word that
        happens to inflect like a country name ("того"/Togo) is not taken.
        """
        return self._remembered("scan", text, self._scan)

    def _remembered(self, kind: str, text: str, read) -> list[Entity]:
        """What `read` found in `text`, remembered for the next readers of the same paragraph (several fact readers
        scan one paragraph: a report's names were read three times). Entities are never changed once made."""
        key = (kind, text)
        found = self._memory.get(key)
        if found is None:
            if len(self._memory) >= 256:
                self._memory.clear()
            found = self._memory[key] = tuple(read(text))
        return list(found)

    def _scan(self, text: str) -> list[Entity]:
        if self.lex.unsegmented:
            return self._scan_unsegmented(text)
        tokens = self._mend_tokens(self.lex.tokens(text))
        words = [t[0] for t in tokens]
        found: list[Entity] = []
        i = 0
        while i < len(tokens):
            word = words[i]
            if word[:1].islower():
                i += 1
                continue
            hit = self.longest_at(words, i)
            if hit:
                n, code = hit
                found.append(self._entity(code, text[tokens[i][1]:tokens[i + n - 1][2]]))
                i += n
            else:
                i += 1
        return found

    def split_list(self, text: str) -> list[Entity]:
        """The names of an enumeration ("A, B, C and D"), read as the longest known names left to
        right, so that a conjunction inside a name ("Trinidad and Tobago and Japan", "Reino Unido de
        Gran Bretaña e Irlanda del Norte y Estados Unidos") does not cut it.  What does not resolve
        comes back as one 'unresolved' entity per stretch between separators."""
        return self._remembered("split_list", text, self._split_list)

    def _split_list(self, text: str) -> list[Entity]:
        if self.lex.unsegmented:
            return self._split_unsegmented(text)
        tokens = self._mend_tokens(self.lex.tokens(text))
        words = [t[0] for t in tokens]
        out: list[Entity] = []
        unknown: list[int] = []
        last_start = 0

        def flush() -> None:
            while unknown and words[unknown[-1]].lower() in self.skip_words:  # "Atlantis and" before a name
                unknown.pop()
            if unknown:
                surface = text[tokens[unknown[0]][1]:tokens[unknown[-1]][2]]
                if surface.count("(") > surface.count(")"):  # the name's closing parenthesis is not a word
                    surface = text[tokens[unknown[0]][1]:].split(")", 1)[0] + ")"
                out.append(self.resolve(surface))  # a body, or a name PDF extraction split ("Denm ark")
                unknown.clear()

        separators = self._separator_set
        i = 0
        while i < len(tokens):
            if i:
                gap = text[tokens[i - 1][2]:tokens[i][1]]
                if gap != " " and not separators.isdisjoint(gap):
                    flush()
            hit = self.longest_at(words, i)
            if hit:
                flush()
                n, code = hit
                between = text[tokens[i - 1][2]:tokens[i][1]] if i else ""
                if out and out[-1].code == code and between.strip() == "(":  # "Global Water Partnership (GWP)"
                    out[-1].surface = text[last_start:tokens[i + n - 1][2]] + ")"
                else:
                    out.append(self._entity(code, text[tokens[i][1]:tokens[i + n - 1][2]]))
                    last_start = tokens[i][1]
                i += n
                continue
            # A conjunction or article inside an unknown name stays in it ("Union for Defence of the Aral
            # Sea and Amudarya"); only separators and known names end an unknown stretch. A number after a
            # name or a separator is a footnote mark ("Syrian Arab Republic 2", "Indonesia,2"), not a name.
            if unknown or not (words[i].lower() in self.skip_words or _MARK.match(words[i])):
                unknown.append(i)
            i += 1
        flush()
        return out

    def _split_unsegmented(self, text: str) -> list[Entity]:
        """Chinese lists: known names as the longest substrings, the rest cut at separators and conjunctions."""
        cuts = self.separators + "".join(self.lex.get("list.conjunctions", []))
        names = self._surfaces()
        out: list[Entity] = []
        unknown = ""
        i = 0

        def flush() -> None:
            nonlocal unknown
            surface = unknown.strip(" 。.")
            if surface:
                body = self._body(surface)
                out.append(Entity("body", body, surface) if body else Entity("unresolved", None, surface))
            unknown = ""

        while i < len(text):
            hit = next(((n, c) for n, c in names.get(text[i], ()) if text.startswith(n, i)), None)
            if hit:
                flush()
                out.append(self._entity(hit[1], hit[0]))
                i += len(hit[0])
            elif text[i] in cuts:
                flush()
                i += 1
            else:
                unknown += text[i]
                i += 1
        flush()
        return out


@cache
def known_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(known, function) words of a language for mending words PDF extraction broke (`read.words`): every
    word of three letters or more of the lexicon's formulae and of the names of States and organizations, in
    lower case; and the function words, which stand alone however short."""
    from unkg.lang.lexicon import load

    lex = load(lang)
    if lex.unsegmented:
        return frozenset(), frozenset()
    return frozenset(w for w in resolver(lang).vocabulary | lex.literal_words() if len(w) >= 3), lex.function_words


@cache
def resolver(lang: str) -> NameResolver:
    from unkg.lang.lexicon import load

    return NameResolver(load(lang))
