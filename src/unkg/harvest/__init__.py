"""Stage `harvest`: documents from UN services — the ODS fetcher by symbol, and the Digital Library catalogue."""
