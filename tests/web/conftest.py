"""Fixtures the web tests share."""
from __future__ import annotations

import pyoxigraph
import pytest
from pyoxigraph import NamedNode, Quad


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store on disk holding one quad, closed (the worker processes open it read-only)."""
    folder = tmp_path_factory.mktemp("store") / "store"
    writable = pyoxigraph.Store(str(folder))
    writable.add(Quad(NamedNode("urn:x"), NamedNode("urn:x"), NamedNode("urn:x"), NamedNode("urn:x")))
    writable.flush()
    del writable
    return folder


def answer_or_error(call):
    """What call() returns, or the name of the exception it raised (for calls made in threads)."""
    try:
        return call()
    except Exception as exc:
        return type(exc).__name__
