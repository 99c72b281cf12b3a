"""Every regular expression unkg applies — to request data in the server and to report text in the
extractor, lexicon patterns included — is free of the shapes that backtrack exponentially."""
from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import unkg

from .conftest import EXAMPLES, ROOT, TESTDATA
from .regex_safety import problems

SRC = str(Path(unkg.__file__).parent)


@pytest.mark.parametrize("pattern,bad", [
    (r"(?is)^\s*(?:(?:PREFIX|BASE)[^{]*?)*\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", True),  # issue 11
    (r"(\w+\s?)*$", True), (r"(a+)+b", True), (r"(a*)*b", True), (r"^(\d+|\d+\.)*x", True),
    (r"(?:[^\"\\]|\\.)*", False), (r"(?:\w+,\s*)*\w+", False), (r"\d+(?:\s*[a-z]\))?", False),
    (r"[\w’'-]+", False), (r"(?>\w+\s?)*", False), (r"(?:\w++\s?)*", False),
    (r"(?:a*\)a*)*x", True), (r"(?:[a-z]\)[^()]*?)*x", False), (r"\S+(?:\s*(?:،|و)\s*\S+)*x", True),
    (r"(?:\w+\s)*x", False),
])
def test_the_checker_tells_exponential_shapes(pattern, bad):
    assert bool(problems(pattern)) == bad, problems(pattern)


def _collect_patterns() -> set[tuple[str, int]]:
    """Patterns compiled by unkg's code while it converts reports in every language (dynamic ones included),
    module-level compiled patterns, and every string of the lexicons that is a regular expression."""
    seen: set[tuple[str, int]] = set()
    original = re._compile

    def recording(pattern, flags):
        if isinstance(pattern, str):
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename.endswith(("re/__init__.py", "re\\__init__.py")):
                frame = frame.f_back
            if frame and frame.f_code.co_filename.startswith(SRC):
                seen.add((pattern, int(flags)))
        return original(pattern, flags)

    re._compile = recording
    try:
        from unkg.lexicon import load
        from unkg.pipeline import convert_file

        for path in [EXAMPLES / "example-report.ru.txt", *sorted((TESTDATA / "example").glob("*.txt")),
                     *sorted(TESTDATA.glob("*.txt"))]:
            convert_file(path)
        for lang_file in sorted((ROOT / "data" / "lexicon").glob("*.json")):
            for pattern in load(lang_file.stem).date_patterns:
                seen.add((pattern.pattern, pattern.flags))
            for text in _strings(json.loads(lang_file.read_text(encoding="utf-8"))):
                try:
                    re.compile(text)
                except re.error:
                    continue
                seen.add((text, re.IGNORECASE))
    finally:
        re._compile = original
    for info in pkgutil.walk_packages(unkg.__path__, "unkg."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                seen.add((value.pattern, value.flags))
    return seen


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_no_pattern_unkg_uses_can_backtrack_exponentially():
    patterns = _collect_patterns()
    assert len(patterns) > 100  # the conversion and the lexicons were really seen
    found = {p: problems(p, f & ~re.UNICODE) for p, f in patterns}
    assert not {p: v for p, v in found.items() if v}
