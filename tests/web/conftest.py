"""Fixtures the web tests share."""
from __future__ import annotations

import time

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


def wait_until_answered(call, seconds: float = 20) -> None:
    """Ask until call() stops raising Busy (a replacement worker starts in the background), at most `seconds`."""
    from unkg.web.protocol import Busy

    deadline = time.monotonic() + seconds
    while True:
        try:
            assert call()[0] == "ok"
            return
        except Busy:
            assert time.monotonic() < deadline
            time.sleep(0.2)
