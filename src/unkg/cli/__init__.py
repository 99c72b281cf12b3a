"""Stage `cli`: the `unkg` command line, a thin layer over the library: the group (`group`) and its commands, one
module per family (`convert`, `stores`, `site`, `harvest`).

Exit codes (all commands): 0 success; 1 partial failure (`convert`: some reports failed, the others were written;
`validate`: the graph has violations); 2 error (bad input, nothing written).
"""
from __future__ import annotations

from unkg.cli import convert, harvest, site, stores  # noqa: F401  each module adds its commands to the group
from unkg.cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="unkg")
