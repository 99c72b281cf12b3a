"""Stage `store`: run SPARQL SELECT queries (the competency queries or any .rq file)."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Store

from unkg.errors import UnkgError
from unkg.resources import queries_dir


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str | None]]

    def as_dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def query_names() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def resolve_query(name_or_path: str) -> Path:
    """A path to a .rq file, or the name of one in queries/ (with or without .rq)."""
    p = Path(name_or_path)
    if p.is_file():
        return p
    stem = p.name[:-3] if p.name.endswith(".rq") else p.name
    candidate = queries_dir() / f"{stem}.rq"
    if candidate.is_file():
        return candidate
    raise UnkgError(f"{name_or_path}: no such query file, and not one of: {', '.join(query_names())}")


def _value(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, (NamedNode, Literal, BlankNode)):
        return term.value
    return str(term)


def run_select(store: Store, sparql: str) -> Table:
    try:
        solutions = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise UnkgError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    if isinstance(solutions, bool) or not hasattr(solutions, "variables"):
        raise UnkgError("only SELECT queries are supported here")
    columns = [v.value for v in solutions.variables]
    rows = [[_value(sol[c]) for c in columns] for sol in solutions]
    return Table(columns, sort_unordered(sparql, rows))


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def sort_unordered(sparql: str, rows: list[list]) -> list[list]:
    """Rows of a query without ORDER BY, sorted for stable output (numbers as numbers)."""
    if has_order(sparql):
        return rows

    def key(row):
        return [(0, float(v), "") if _number(v) else (1, 0.0, v or "") for v in row]
    return sorted(rows, key=key)


def has_order(sparql: str) -> bool:
    """Whether the query orders its results (comments are not the query)."""
    return bool(_ORDER_BY.search("\n".join(l for l in sparql.splitlines() if not l.lstrip().startswith("#"))))


def _number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def render(table: Table, fmt: str) -> str:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()
    if fmt == "json":
        return json.dumps(table.as_dicts(), ensure_ascii=False, indent=2) + "\n"
    return render_table(table)


def render_table(table: Table, max_width: int = 60) -> str:
    def cut(v: str | None) -> str:
        v = "" if v is None else v
        return v if len(v) <= max_width else v[: max_width - 1] + "…"

    cells = [[cut(v) for v in row] for row in table.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(table.columns, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join([line, rule, *body]) + "\n"
