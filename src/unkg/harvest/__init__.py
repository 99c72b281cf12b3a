"""Stage `harvest`: documents from UN services — the ODS fetcher by symbol (`fetch`), and the Digital Library
catalogue: list what it catalogues for a body or a series, then download, convert and load each report, keeping the
graph current run after run (`unkg harvest`).

catalogue: the search client and MARCXML records; graph: the catalogue's facts as RDF; state: what earlier runs did;
targets: the store or an N-Quads file; progress: what the user sees; run: the orchestration.
"""
