"""unkg: UN meeting reports to a validated knowledge graph."""

__version__ = "0.1.0"
