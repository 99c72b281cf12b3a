"""Stage `web`: `unkg serve`: the application (unkg.web) on files, a store or a remote endpoint."""
from __future__ import annotations

import tempfile
from pathlib import Path

from unkg.graph.terms import DEFAULT_BASE
from unkg.web.site import Site
from unkg.web.app import App
from unkg.web.protocol import Limits


def prepare_store(data: list[str], base: str, folder: Path) -> Path:
    """An on-disk store built from files (RDF or report texts), for serving --data."""
    from unkg.store.embedded import LocalStore, loadables_from

    store = LocalStore(folder)
    store.ensure_ontology()
    for path in data:
        for item in loadables_from(path, base):
            store.load(item)
    store.close()
    return folder


def make_app(data: list[str] | None = None, store_dir: str | None = None, endpoint: str | None = None,
             base: str = DEFAULT_BASE, limits: Limits | None = None, workdir: Path | None = None,
             pooled: bool = True) -> App:
    """The application on files (--data), a store or a remote endpoint.  `pooled=False` looks up pages
    in this process (for `unkg publish`, where no request must be protected from another)."""
    from unkg.web.site import EndpointBackend, StoreBackend
    from unkg.store.embedded import default_store_dir

    limits = limits or Limits()
    if endpoint:
        from unkg.store.remote import Endpoint

        remote = Endpoint.configure(endpoint, timeout=limits.timeout, retries=0)
        return App(Site(EndpointBackend(remote), base), None, limits, endpoint=remote)
    if data:
        folder = Path(workdir or tempfile.mkdtemp(prefix="unkg-serve-")) / "store"
        path = prepare_store(data, base, folder)
    else:
        path = Path(store_dir) if store_dir else default_store_dir()
        if not path.exists():
            from unkg.errors import UnkgError

            raise UnkgError(f"{path}: no store here; load reports with `unkg load` or serve files with --data")
    index = open_search_index(path)
    if not pooled:
        return App(Site(StoreBackend.open(path), base), path, limits, search_index=index)
    from unkg.web.pool import PoolBackend, WorkerPool

    pages = PoolBackend(WorkerPool(path, limits.page_workers, limits.page_queue, "page workers", limits.worker_memory_mb),
                        limits.page_timeout)
    return App(Site(pages, base), path, limits, pages=pages, search_index=index)


def open_search_index(store_path: Path):
    """The store's full-text index, read-only (built from the store first if it was loaded without one)."""
    from unkg.store.search import SearchIndex, index_path

    if not index_path(store_path).exists():
        SearchIndex.beside(store_path).close()
    return SearchIndex(index_path(store_path), read_only=True)
