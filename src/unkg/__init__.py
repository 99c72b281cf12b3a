"""unkg: UN meeting reports to a validated knowledge graph.

The package is built in stages, each a subpackage that imports only the stages below it:
`cli` → `web` | `harvest` → `store` → `pipeline` → `graph` → `extract` → `read` → `lang` → the base modules
(`model`, `errors`, `resources`, `version`). The two entry points most callers need are named here and
imported on first use, so that `import unkg` stays cheap:

    >>> from unkg import convert_file
    >>> converted = convert_file("data/examples/example-report.ru.txt")  # doctest: +SKIP
"""
from __future__ import annotations

from unkg.version import __version__

__all__ = ["__version__", "convert_file", "extract_file"]


def __getattr__(name: str):
    if name == "extract_file":
        from unkg.extract import extract_file
        return extract_file
    if name == "convert_file":
        from unkg.pipeline import convert_file
        return convert_file
    raise AttributeError(f"module 'unkg' has no attribute {name!r}")
