"""Where the project's data files live (ontology, shapes, queries, data)."""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def project_root() -> Path:
    """The folder holding ontology/, shapes/, queries/ and data/.

    UNKG_HOME wins; otherwise the source checkout this module sits in
    (unkg is installed editable, so its data files stay beside the code).
    """
    env = os.environ.get("UNKG_HOME")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "ontology" / "unkg.ttl").is_file():
            return parent
    raise RuntimeError("cannot find unkg's data files; set UNKG_HOME to the unkg checkout")


def data_path(*parts: str) -> Path:
    return project_root().joinpath("data", *parts)


def ontology_path() -> Path:
    return project_root() / "ontology" / "unkg.ttl"


def shapes_path() -> Path:
    return project_root() / "shapes" / "unkg-shapes.ttl"


def queries_dir() -> Path:
    return project_root() / "queries"
