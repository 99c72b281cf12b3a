"""Stage `web`: store work in worker processes, bounded in time and in number.

Nothing a request asks of the store runs in the server process: a query that runs too long holds no thread and no
interpreter lock there, and is stopped by ending its process (then replaced). A `WorkerPool` has a fixed number of
processes and a bounded queue: when both are full the request is refused at once (the server answers 503 with
Retry-After), and a request whose client has gone frees its worker.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

from unkg.web.jobs import worker_main
from unkg.web.protocol import Busy, Gone, TimedOut


class WorkerPool:
    """`size` worker processes on the read-only store and at most `queue` requests waiting for one."""

    def __init__(self, store_path: Path, size: int = 2, queue: int = 8, name: str = "workers",
                 memory_mb: int | None = None):
        self.path, self.size, self.queue, self.name = str(store_path), max(1, size), max(0, queue), name
        self.memory_mb = memory_mb
        self.context = multiprocessing.get_context("spawn")
        self.lock = threading.Condition()
        self.idle: list = [self._spawn() for _ in range(self.size)]
        self.waiting = 0
        self.closed = False

    def _spawn(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=worker_main, args=(self.path, child, self.memory_mb), daemon=True,
                                       name=f"unkg-{self.name}")
        process.start()
        child.close()
        return process, parent

    def _replace(self, process) -> None:
        """End a worker and start its replacement in the background (the request does not wait for it)."""
        process.kill()

        def respawn():
            process.join(5)
            worker = self._spawn()
            with self.lock:
                if self.closed:
                    worker[0].kill()
                    return
                self.idle.append(worker)
                self.lock.notify()
        threading.Thread(target=respawn, daemon=True).start()

    def _acquire(self, wait: float, disconnected):
        deadline = time.monotonic() + wait
        with self.lock:
            if not self.idle:
                if self.waiting >= self.queue:
                    raise Busy(f"all {self.size} {self.name} are busy and {self.waiting} requests wait")
                self.waiting += 1
                try:
                    while not self.idle:
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            raise Busy(f"no {self.name} became free within {wait:g} s")
                        self.lock.wait(min(remaining, 0.2))
                        if disconnected and disconnected():
                            raise Gone()
                finally:
                    self.waiting -= 1
            return self.idle.pop()

    def call(self, kind: str, *args, timeout: float, wait: float | None = None, disconnected=None):
        """Run a job; its answer tuple ("ok", value) or ("refused" | "syntax" | "error", message).
        Raises Busy, Gone or TimedOut."""
        process, conn = self._acquire(timeout if wait is None else wait, disconnected)
        deadline = time.monotonic() + timeout
        try:
            conn.send((kind, args))
            while not conn.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    self._replace(process)
                    raise TimedOut()
                if disconnected and disconnected():
                    self._replace(process)
                    raise Gone()
            answer = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(process)
            if self.memory_mb:
                return ("error", f"the worker process ended: the query may need more than the memory limit of "
                                 f"{self.memory_mb} MB")
            return ("error", "the worker process ended unexpectedly")
        with self.lock:
            self.idle.append((process, conn))
            self.lock.notify()
        return answer

    def close(self) -> None:
        with self.lock:
            self.closed = True
            for process, conn in self.idle:
                process.kill()
            self.idle.clear()


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
