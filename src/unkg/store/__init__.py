"""Stage `store`: where graphs are kept and queried — the embedded Oxigraph store, remote SPARQL endpoints, the
full-text search index, and the competency queries with their result formats."""
