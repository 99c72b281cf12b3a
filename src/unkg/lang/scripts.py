"""Stage `lang`: the writing systems of the six languages — which script a letter is in, and which scripts are
written without spaces between words."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """The script of a letter, as far as unkg's languages need: CJK, CYRILLIC, ARABIC, LATIN or OTHER."""
    name = unicodedata.name(ch, "")
    for script in ("CJK", "CYRILLIC", "ARABIC", "LATIN"):
        if script in name:
            return script
    return "OTHER"


def is_cjk(ch: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese, full-width forms)."""
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


# Latin letters that Cyrillic text has look-alikes of ("а" for "a"): list letters typed in the wrong script.
LOOKALIKES = str.maketrans("асеорхуікм", "aceopxyikm")
_CYRILLIC_ONLY = set("бвгдёжзийлнптфцчшщъыьэюя")


def normalise_letters(letters: list[str]) -> list[str]:
    """List letters: Latin unless the list is visibly Cyrillic (б, в, г …)."""
    if any(ch in _CYRILLIC_ONLY for ch in letters):
        return letters
    return [ch.translate(LOOKALIKES) for ch in letters]
