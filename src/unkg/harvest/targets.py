"""Stage `harvest` (where graphs go): the embedded store (each report's graph replaced in one transaction, as
`unkg load` does) or an N-Quads file (rewritten whole and atomically at the end of a run from the state's rows,
so that a run killed half-way leaves the previous file as it was)."""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from unkg.errors import UnkgError
from unkg.graph.terms import IRIs, ONTOLOGY, U
from unkg.graph.reference import reference_quads
from unkg.harvest.catalogue import Record
from unkg.harvest.graph import catalogue_quads, record_iri, work_of


def _graph_and_work(record: Record, lang: str, data: bytes):
    quads = list(pyoxigraph.parse(data, format=RdfFormat.N_QUADS))
    work = work_of(quads)
    if not quads or work is None:
        raise UnkgError(f"{record.symbol} ({lang}): the converted graph describes no report")
    return quads, quads[0].graph_name, work


def _symbol_of(quads, work) -> str | None:
    return next((q.object.value for q in quads if q.subject == work and q.predicate.value == ONTOLOGY + "symbol"),
                None)


class StoreTarget:
    keeps_data = False

    def __init__(self, folder: str | None, base: str):
        from unkg.store.embedded import LocalStore

        self.local = LocalStore(folder)
        self.local.ensure_ontology()
        self.path, self.name, self.base = self.local.path, str(self.local.path), base
        self.graphs = {g.graph for g in self.local.graphs()}
        # The States and organizations the shared reference graph describes: a report adds only the new ones
        # (loading the reference graph again for each report was two thirds of the loading time).
        reference = pyoxigraph.NamedNode(IRIs(base).base + "graph/reference")
        self.described = {q.object.value for q in self.local.store.quads_for_pattern(None, U("code"), None, reference)}

    def holds(self, prev, state) -> bool:
        """A version loaded earlier is still there (not dropped since)."""
        return prev.graph in self.graphs

    def put(self, record: Record, lang: str, data: bytes, codes, dl: str) -> tuple[str, bytes]:
        """Load the report's graph with the catalogue's facts, replacing its previous version; the States and
        organizations it names go into the shared reference graph.  Returns (graph, catalogue N-Quads)."""
        from unkg.store.embedded import Loadable

        quads, graph, work = _graph_and_work(record, lang, data)
        facts = catalogue_quads(record, work, graph, dl, self.base)
        self.local.load(Loadable(graph.value, [q.triple for q in quads + facts], _symbol_of(quads, work), lang,
                                 record_iri(dl, record.id).value))
        new = set(codes) - self.described
        reference = reference_quads(new, self.base) if new else []
        if reference:
            self.local.load(Loadable(reference[0].graph_name.value, [q.triple for q in reference]))
        self.described |= new
        self.graphs.add(graph.value)
        return graph.value, pyoxigraph.serialize(facts, format=RdfFormat.N_QUADS)

    def finish(self, state) -> None:
        """Nothing to do: every graph was loaded as it came."""

    def close(self) -> None:
        self.local.close()


class FileTarget:
    keeps_data = True

    def __init__(self, output: str, base: str):
        from unkg.graph.export import remove_stale_temps

        self.path, self.name, self.base = Path(output), output, base
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(self.path.parent, [self.path.name])  # what a killed run was writing

    def holds(self, prev, state) -> bool:
        return state.has_graph_data(prev.record, prev.lang)

    def put(self, record: Record, lang: str, data: bytes, codes, dl: str) -> tuple[str, bytes]:
        """Nothing is written yet (the state keeps the graph): the catalogue's facts, for the output."""
        quads, graph, work = _graph_and_work(record, lang, data)
        facts = catalogue_quads(record, work, graph, dl, self.base)
        return graph.value, pyoxigraph.serialize(facts, format=RdfFormat.N_QUADS)

    def finish(self, state) -> None:
        """Write the output from every version the state holds (each graph once, then the reference graph),
        unless it already holds exactly that."""
        from unkg.graph.export import umask_mode as _umask_mode, temp_beside

        fingerprint = state.fingerprint()
        if self.path.exists() and state.meta("output") == fingerprint:
            return
        fd, tmp = temp_beside(self.path)
        written, codes = set(), set()
        try:
            with os.fdopen(fd, "wb") as out:
                for graph, _symbol, report, catalogue, graph_codes in state.loaded():
                    if graph in written:
                        continue  # two records whose texts read the same symbol: the first is kept
                    written.add(graph)
                    out.write(report)
                    out.write(catalogue)
                    codes.update(graph_codes)
                if written:
                    out.write(pyoxigraph.serialize(reference_quads(codes, self.base), format=RdfFormat.N_QUADS))
                out.flush()
                os.fsync(out.fileno())
            if not written:
                os.unlink(tmp)
                return
            os.chmod(tmp, _umask_mode())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        state.set_meta("output", fingerprint)

    def close(self) -> None:
        pass
