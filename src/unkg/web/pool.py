"""Stage `web`: store work in worker processes, bounded in time and in number, in lanes.

Nothing a request asks of the store runs in the server process: a query that runs too long holds no thread and no
interpreter lock there, and is stopped by ending its process (then replaced).  pyoxigraph cannot stop a query it
evaluates in a thread (no cancellation), so a process is the unit that the time limit ends.

A `WorkerPool` has a fixed number of processes and one or two lanes.  A lane allows so many jobs at once and so
many waiting (first come, first served); when both are full a request is refused at once (the server answers 503
with Retry-After), and a request whose client has gone frees its process.  With a short lane, a job that is not
known to be long runs there first, for at most `short.seconds`; one still running then moves to the long lane in
place if the long lane has room, else its process is ended and the job waits in the long lane's queue, to run for
what remains of its time limit.  Either way its key is remembered as long, so that it is sent to the long lane the
next time.  Short jobs therefore never wait behind long ones.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path

from unkg.web.jobs import worker_main
from unkg.web.protocol import Busy, Gone, TimedOut

LONG, SHORT = "long", "short"
REMEMBERED = 4096  # keys of jobs found long, at most (the oldest forgotten first)


class ShortLane:
    """The lane for jobs that are not known to be long: `size` at once, `queue` waiting, `seconds` each."""

    def __init__(self, size: int = 4, queue: int = 16, seconds: float = 1.0):
        self.size, self.queue, self.seconds = size, queue, seconds


class Lane:
    """Processes of their own (`size`, at priority `nice`), as many jobs at once, at most `queue` waiting, in
    order."""

    def __init__(self, name: str, size: int, queue: int, nice: int = 0):
        self.name, self.size, self.queue, self.nice = name, max(1, size), max(0, queue), max(0, nice)
        self.running = 0  # jobs
        self.processes = 0  # started or starting; one more than `size` while a job moved here runs
        self.idle: list = []
        self.waiting: deque = deque()


class _Moved(Exception):
    """A job leaves the short lane for the long one, after `spent` seconds of running."""

    def __init__(self, spent: float):
        super().__init__()
        self.spent = spent


class WorkerPool:
    """`size` worker processes on the read-only store for the long lane (at priority `nice`), `short.size` more
    for the short lane, and at most `queue` requests waiting for one."""

    def __init__(self, store_path: Path, size: int = 2, queue: int = 8, name: str = "workers",
                 memory_mb: int | None = None, short: ShortLane | None = None, nice: int = 0):
        self.path, self.name, self.memory_mb = str(store_path), name, memory_mb
        self.lanes = {LONG: Lane(name, size, queue, nice)}
        if short:
            self.lanes[SHORT] = Lane(f"short-query {name}", short.size, short.queue)
        self.short_seconds = short.seconds if short else None
        self.long_keys: OrderedDict = OrderedDict()
        self.context = multiprocessing.get_context("spawn")
        self.lock = threading.Condition()
        self.closed = False
        self.replaced = 0  # processes ended with their job (time limit, client gone, no room to move, crash)
        starting = [(lane, self._spawn(lane.nice)) for lane in self.lanes.values() for _ in range(lane.size)]
        for lane, worker in starting:
            if not self._ready(worker):
                self.close()
                raise RuntimeError(f"{name}: a worker process could not open the store {self.path}")
            lane.idle.append(worker)
            lane.processes += 1

    @property
    def size(self) -> int:
        return self.lanes[LONG].size

    def _spawn(self, nice: int):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=worker_main, args=(self.path, child, self.memory_mb, nice),
                                       daemon=True, name=f"unkg-{self.name}")
        process.start()
        child.close()
        return process, parent

    @staticmethod
    def _ready(worker, seconds: float = 120) -> bool:
        """Wait until a new worker has opened the store (a job given earlier would wait for it)."""
        process, conn = worker
        try:
            if conn.poll(seconds) and conn.recv()[0] == "ready":
                return True
        except (EOFError, OSError):
            pass
        process.kill()
        return False

    def _start(self, lane: Lane) -> None:
        """Start a process for the lane in the background (no request waits for it; it joins when ready).
        Called with the lock held, the lane's count of processes already raised."""
        def start():
            while True:
                worker = self._spawn(lane.nice)
                if self._ready(worker):
                    break
                time.sleep(1)  # the store could not be opened (yet): try again, calmly
                if self.closed:
                    return
            with self.lock:
                if self.closed:
                    worker[0].kill()
                    return
                lane.idle.append(worker)
                self.lock.notify_all()
        threading.Thread(target=start, daemon=True).start()

    def _end(self, lane: Lane, process) -> None:
        """End a job's process (its job is stopped), free its slot, and replace it unless the lane has one
        more than it needs."""
        process.kill()
        with self.lock:
            self.replaced += 1
            lane.running -= 1
            if lane.processes > lane.size:
                lane.processes -= 1
            else:
                self._start(lane)
            self.lock.notify_all()

    def _release(self, lane: Lane, worker) -> None:
        """A job is done: its process waits for the next (or ends, if the lane has one more than it needs)."""
        with self.lock:
            lane.running -= 1
            if lane.processes > lane.size:
                lane.processes -= 1
                worker[0].kill()
            else:
                lane.idle.append(worker)
            self.lock.notify_all()

    def _acquire(self, lane: Lane, wait: float, disconnected):
        """A process of the lane, in the order requests came; Busy when the lane's queue is full or none came
        free within `wait` seconds."""
        deadline = time.monotonic() + wait
        with self.lock:
            if lane.running < lane.size and lane.idle and not lane.waiting:
                lane.running += 1
                return lane.idle.pop()
            if len(lane.waiting) >= lane.queue:
                raise Busy(f"all {lane.size} {lane.name} are busy and {len(lane.waiting)} requests wait")
            ticket = object()
            lane.waiting.append(ticket)
            try:
                while not (lane.waiting[0] is ticket and lane.running < lane.size and lane.idle):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise Busy(f"no {lane.name} became free within {wait:g} s")
                    self.lock.wait(min(remaining, 0.2))
                    if disconnected and disconnected():
                        raise Gone()
                lane.running += 1
                return lane.idle.pop()
            finally:
                lane.waiting.remove(ticket)
                self.lock.notify_all()  # the next in line may go now

    def _move(self, process) -> bool:
        """Move a running job, with its process, from the short lane to the long one if the long lane has room
        now (the short lane starts a new process; the long lane ends one when it has one too many)."""
        short, long = self.lanes[SHORT], self.lanes[LONG]
        with self.lock:
            if long.running >= long.size or long.waiting:
                return False
            short.running -= 1
            long.running += 1
            long.processes += 1
            self._start(short)  # its count unchanged: the new process takes the place of the one that left
            self.lock.notify_all()
        if long.nice:
            try:  # as its own processes (worker_main): this process's niceness and more; raising it needs no privilege
                os.setpriority(os.PRIO_PROCESS, process.pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + long.nice))
            except OSError:
                pass
        return True

    def _remember(self, key) -> None:
        with self.lock:
            self.long_keys[key] = True
            self.long_keys.move_to_end(key)
            while len(self.long_keys) > REMEMBERED:
                self.long_keys.popitem(last=False)

    def is_long(self, key) -> bool:
        with self.lock:
            return SHORT not in self.lanes or key is None or key in self.long_keys

    def call(self, kind: str, *args, timeout: float, wait: float | None = None, disconnected=None,
             short_key=None):
        """Run a job; its answer tuple ("ok", value) or ("refused" | "syntax" | "error", message).  With a short
        lane and a `short_key` not known to be long, the job runs in the short lane first.  Raises Busy, Gone or
        TimedOut.  `timeout` bounds the job's running time in all lanes together."""
        wait = timeout if wait is None else wait
        if self.is_long(short_key):
            return self._run(self.lanes[LONG], kind, args, timeout, wait, disconnected)
        try:
            return self._run(self.lanes[SHORT], kind, args, timeout, wait, disconnected,
                             short=min(self.short_seconds, timeout), key=short_key)
        except _Moved as moved:
            if timeout - moved.spent <= 0:
                raise TimedOut() from None
            return self._run(self.lanes[LONG], kind, args, timeout - moved.spent, wait, disconnected)

    def _run(self, lane: Lane, kind, args, timeout: float, wait: float, disconnected, short: float | None = None,
             key=None):
        """The job on a process of `lane`.  In the short lane, raises _Moved when the job must run in the long lane
        instead: found long while it waited, or still running after `short` seconds with no room in the long
        lane (then its process was ended)."""
        process, conn = worker = self._acquire(lane, wait, disconnected)
        if short is not None and self.is_long(key):  # found long (by another request) while this one waited
            self._release(lane, worker)
            raise _Moved(0.0)
        started = time.monotonic()
        deadline = started + (short if short is not None else timeout)
        try:
            conn.send((kind, args))
            while not conn.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    if short is not None:
                        self._remember(key)
                        short = None
                        if self._move(process):
                            lane, deadline = self.lanes[LONG], started + timeout
                            continue
                        self._end(lane, process)
                        raise _Moved(time.monotonic() - started)
                    self._end(lane, process)
                    raise TimedOut()
                if disconnected and disconnected():
                    self._end(lane, process)
                    raise Gone()
            answer = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._end(lane, process)
            if self.memory_mb:
                return ("error", f"the worker process ended: the query may need more than the memory limit of "
                                 f"{self.memory_mb} MB")
            return ("error", "the worker process ended unexpectedly")
        self._release(lane, worker)
        return answer

    def close(self) -> None:
        with self.lock:
            self.closed = True
            for lane in self.lanes.values():
                for process, conn in lane.idle:
                    process.kill()
                lane.idle.clear()


class PoolBackend:
    """The site's lookups (`unkg.web.site.Backend`) run in a pool: each request has a deadline, set by
    `begin()` in the thread serving it, that all of its lookups share."""

    def __init__(self, pool: WorkerPool, timeout: float):
        self.pool, self.timeout = pool, timeout
        self.local = threading.local()

    def begin(self, seconds: float, disconnected=None) -> None:
        self.local.deadline = time.monotonic() + seconds
        self.local.disconnected = disconnected

    def call(self, kind: str, *args):
        deadline = getattr(self.local, "deadline", None)
        remaining = self.timeout if deadline is None else deadline - time.monotonic()
        if remaining <= 0:
            raise TimedOut()
        answer = self.pool.call(kind, *args, timeout=remaining, disconnected=getattr(self.local, "disconnected", None))
        if answer[0] != "ok":
            raise RuntimeError(f"{kind}: {answer[1]}")
        return answer[1]

    def select(self, query: str, bindings: dict | None = None) -> list[dict]:
        return self.call("select", query, bindings)

    def dataset_quads(self):
        raise NotImplementedError("dumps are written by a worker of their own (unkg.web.linked_data.LinkedData.dump)")
