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
        from unkg.lang.lexicon import load
        from unkg.pipeline.convert import convert_file

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
        if info.name.endswith(".__main__"):
            continue  # running it is running the command
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


# Flagged by the checker, which compares single characters, but linear: read by hand, and run on pumped
# strings by test_flagged_but_linear_patterns_finish_on_pumped_strings.
LINEAR_BY_HAND = {
    "unkg.lang.symbols._CANDIDATE": "a component's '-' is followed by a digit, a joint symbol's '-' by a capital letter: "
                               "no text splits between the two in more than one way",
}
PUMPS = '["A/1-" * 5000 + "!", "A/1-A/1-" * 3000 + "-", "A/B-" * 5000 + "/", "A/1" + "-1" * 8000 + "-a", ' \
        '"A/a-1/a-1" * 3000 + "-", "A" + "/A-B" * 5000 + "-"]'  # built in the child process


def _by_hand() -> dict[str, str]:
    out = {}
    for name in LINEAR_BY_HAND:
        module, _, attribute = name.rpartition(".")
        out[getattr(importlib.import_module(module), attribute).pattern] = name
    return out


def test_no_pattern_unkg_uses_can_backtrack_exponentially():
    patterns = _collect_patterns()
    assert len(patterns) > 100  # the conversion and the lexicons were really seen
    by_hand = _by_hand()
    found = {p: problems(p, f & ~re.UNICODE) for p, f in patterns if p not in by_hand}
    assert not {p: v for p, v in found.items() if v}


def test_flagged_but_linear_patterns_finish_on_pumped_strings():
    """A functional bound (a hang fails it), not a timing: each pumped string in a child process."""
    import subprocess

    for name in LINEAR_BY_HAND:
        module, _, attribute = name.rpartition(".")
        code = (f"import {module} as m; rx = m.{attribute}; "
                f"[rx.search(t) for t in {PUMPS}]")
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
