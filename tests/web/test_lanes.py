"""The query pool's lanes (issue 18): a query not known to be long runs in the short lane and never waits behind
long ones; one that outruns the short lane moves to the long lane (in place when it has room, else ended and run
again there); the time limit and the memory cap stop a query in either lane."""
from __future__ import annotations

import os
import threading
import time

import pytest

from unkg.web.pool import ShortLane, WorkerPool
from unkg.web.protocol import Busy, TimedOut

from .conftest import answer_or_error, wait_until_answered


def _count(n: int) -> str:
    numbers = " ".join(str(i) for i in range(n))
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} }}"


THOUSAND = " ".join(str(i) for i in range(1000))
HEAVY = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {THOUSAND} }} VALUES ?b {{ {THOUSAND} }} " \
        f"VALUES ?c {{ {THOUSAND} }} }}"  # a billion rows: runs until stopped
MEDIUM = _count(3000)  # nine million rows: a second or so, more than the short lane allows in these tests
ASK = "ASK {}"


@pytest.fixture()
def pool(store):
    pool = WorkerPool(store, size=1, queue=2, short=ShortLane(size=1, queue=2, seconds=0.2))
    yield pool
    pool.close()


def _sparql(pool, query, key, timeout=30.0, **kw):
    return pool.call("sparql", query, "text/csv", 10, timeout=timeout, short_key=key, **kw)


def _in_thread(call):
    out = []
    thread = threading.Thread(target=lambda: out.append(answer_or_error(call)))
    thread.start()
    return thread, out


def test_a_short_query_does_not_wait_behind_long_ones(pool):
    running, out = _in_thread(lambda: _sparql(pool, HEAVY, None, timeout=3, wait=10))  # known long: the long lane
    waiting, out2 = _in_thread(lambda: _sparql(pool, HEAVY, None, timeout=3, wait=10))  # and its queue
    time.sleep(0.5)
    started = time.monotonic()
    answer = _sparql(pool, ASK, b"ask")
    assert answer[0] == "ok" and b"true" in answer[1][1] and time.monotonic() - started < 1.0
    running.join(30)
    waiting.join(30)
    assert out == ["TimedOut"] and out2 == ["TimedOut"]  # each stopped at its time limit


def test_a_query_that_outruns_the_short_lane_moves_to_the_long_lane_in_place(pool):
    answer = _sparql(pool, MEDIUM, b"medium")
    assert answer[0] == "ok" and b"9000000" in answer[1][1]
    assert pool.replaced == 0  # not ended and run again: it went on in the same process
    assert pool.is_long(b"medium") and not pool.is_long(b"ask")  # the next time it goes to the long lane at once
    assert pool.lanes["long"].running == 0 and pool.lanes["short"].running == 0


def test_with_the_long_lane_full_it_is_ended_and_run_again_there_for_what_remains(pool):
    blocking, out = _in_thread(lambda: _sparql(pool, HEAVY, None, timeout=2))
    time.sleep(0.3)
    started = time.monotonic()
    answer = _sparql(pool, MEDIUM, b"medium-2")
    assert answer[0] == "ok" and b"9000000" in answer[1][1]
    assert pool.replaced >= 2  # the long query at its limit, the short lane's process when it moved
    assert time.monotonic() - started > 1.5  # it waited for the long lane
    blocking.join(30)
    assert out == ["TimedOut"]


def test_a_query_found_long_while_it_waited_for_the_short_lane_goes_to_the_long_lane(pool):
    """The same heavy query sent twice: the second does not hold the short lane once the first was found long
    (else a client repeating a heavy query would fill the short lane)."""
    first, out = _in_thread(lambda: _sparql(pool, HEAVY, b"same", timeout=1.5, wait=10))
    time.sleep(0.05)
    second, out2 = _in_thread(lambda: _sparql(pool, HEAVY, b"same", timeout=1.5, wait=10))
    first.join(30)
    second.join(30)
    assert out == ["TimedOut"] and out2 == ["TimedOut"]
    assert pool.replaced == 2  # each at its time limit; the second never ran in the short lane to be ended there


def test_the_time_limit_counts_the_short_lane_too_and_stops_the_query(pool):
    started = time.monotonic()
    with pytest.raises(TimedOut):
        _sparql(pool, HEAVY, b"heavy", timeout=1.5)
    assert 1.4 < time.monotonic() - started < 4
    assert pool.replaced == 1  # its process was ended
    deadline = time.monotonic() + 30
    while sum(len(lane.idle) for lane in pool.lanes.values()) < 2:  # the replacement starts in the background
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert _sparql(pool, ASK, b"ask")[0] == "ok"


def test_runaway_queries_leave_the_short_lane_or_are_refused(pool):
    """Every lane is bounded: whatever is sent to it, the short lane is free again after its time (and the
    start of the processes that replace those ended), while the long lane still runs a runaway."""
    threads = [_in_thread(lambda i=i: _sparql(pool, HEAVY, b"runaway %d" % i, timeout=10, wait=3))
               for i in range(8)]
    short = pool.lanes["short"]
    time.sleep(0.5)
    deadline = time.monotonic() + 8
    while short.running or short.waiting:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert _sparql(pool, ASK, b"ask", timeout=5)[0] == "ok"
    assert pool.lanes["long"].running == 1  # the first runaway, moved there in place, until its time limit
    results = []
    for thread, out in threads:
        thread.join(30)
        results += out
    assert set(results) == {"TimedOut", "Busy"}


def test_long_queries_run_at_a_lower_priority(store):
    """The long lane's processes are niced, a process moved there with its job too; the short lane's are not."""
    pool = WorkerPool(store, size=1, queue=2, short=ShortLane(size=1, queue=2, seconds=0.2), nice=7)
    ours = os.getpriority(os.PRIO_PROCESS, 0)

    def niceness(processes):
        return [os.getpriority(os.PRIO_PROCESS, p.pid) for p in processes]
    try:
        idle = {name: [p for p, _ in lane.idle] for name, lane in pool.lanes.items()}
        assert niceness(idle["long"]) == [min(19, ours + 7)] and niceness(idle["short"]) == [ours]
        thread, out = _in_thread(lambda: _sparql(pool, HEAVY, b"heavy", timeout=3))
        time.sleep(1)
        assert pool.lanes["long"].running == 1 and pool.lanes["short"].running == 0  # moved, in place
        assert niceness(idle["short"]) == [min(19, ours + 7)]  # the short lane's process went with it
        thread.join(30)
        assert out == ["TimedOut"]
    finally:
        pool.close()


def test_requests_wait_their_turn(store):
    """First come, first served: a request does not overtake those already waiting for the lane."""
    pool = WorkerPool(store, size=1, queue=8)
    try:
        order = []
        first, _ = _in_thread(lambda: pool.call("sparql", _count(3000), None, 10, timeout=30))
        time.sleep(0.2)
        threads = []
        for i in range(4):
            threads.append(_in_thread(lambda i=i: (pool.call("sparql", ASK, None, 10, timeout=30),
                                                   order.append(i)))[0])
            time.sleep(0.05)
        for t in [first] + threads:
            t.join(30)
        assert order == [0, 1, 2, 3]
    finally:
        pool.close()


def test_a_query_past_the_memory_limit_in_the_short_lane_ends_its_worker(store):
    pool = WorkerPool(store, size=1, queue=0, memory_mb=250, short=ShortLane(size=1, queue=0, seconds=5))
    numbers = " ".join(str(i) for i in range(1500))
    sorting = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} }} ORDER BY DESC(?a) ?b"
    try:
        status, message = _sparql(pool, sorting, b"sorting", timeout=60)
        assert status == "error" and "memory limit of 250 MB" in message
        wait_until_answered(lambda: _sparql(pool, ASK, b"ask"))
    finally:
        pool.close()
