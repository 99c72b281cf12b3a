"""The shape of the source tree (issue 16): one package per stage, imports that run down the stages only, no import
circle (imports inside functions and under TYPE_CHECKING count), no private name imported from another module, no
module over 500 lines, and a docstring that names each module's stage."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "unkg"
# Top to bottom; a module imports only from its own stage and the stages below it. Sibling stages (same rank)
# do not import each other.
STAGES = {"cli": 9, "web": 8, "harvest": 8, "store": 7, "pipeline": 6, "graph": 5, "extract": 4, "read": 3,
          "lang": 2, "model": 1, "errors": 1, "resources": 1, "version": 1}
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    return module.split(".")[1] if module != "unkg" else "unkg"


def imports(module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import statement of a module, wherever it stands."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "unkg"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if base.split(".")[0] != "unkg":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.append((sub, [], node.lineno) if sub in MODULES else (base, [alias.name], node.lineno))
    return out


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, _, _ in imports(module):
            if target in MODULES and target != module:
                graph[module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_every_module_belongs_to_a_stage():
    assert {stage(m) for m in MODULES} - {"unkg"} <= set(STAGES), sorted({stage(m) for m in MODULES} - set(STAGES))


def test_no_import_circle():
    assert cycles(edges()) == []


def test_imports_run_down_the_stages():
    upward = []
    for module in MODULES:
        if module == "unkg":
            continue  # the package root names two entry points, imported on first use
        for target, _, line in imports(module):
            here, there = stage(module), stage(target)
            if there == "unkg":
                upward.append(f"{module}:{line} imports the package root")
            elif here != there and STAGES[there] >= STAGES[here]:
                upward.append(f"{module}:{line} imports {target}")
    assert upward == []


def test_no_private_name_is_imported_from_another_module():
    private = [f"{module}:{line} takes {name} from {target}" for module in MODULES
               for target, names, line in imports(module) for name in names
               if name.startswith("_") and not name.startswith("__") and target != module]
    assert private == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_small_and_says_its_stage(module):
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES, f"{path.relative_to(SRC)}: {len(text.splitlines())} lines"
    doc = ast.get_docstring(ast.parse(text))
    assert doc, f"{path.relative_to(SRC)} has no docstring"
    if stage(module) in STAGES and STAGES[stage(module)] > 1 and "." in module.partition(".")[2]:
        assert f"`{stage(module)}`" in doc.split("\n\n")[0], f"{path.relative_to(SRC)}: the docstring's first paragraph names no stage"


def test_the_walker_sees_a_circle_and_an_upward_import():
    """The checks above can fail: a made-up graph with a circle, and a real upward import, are caught."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert STAGES["read"] < STAGES["extract"]
