"""Stage `extract`: a segmented document to the facts it states (`unkg.model` records).

`extract_file` and `extract_text` are the entry points; `report` runs the fact readers in order over a shared
reading context (`context`), one module per kind of fact."""
from unkg.extract.report import extract_akn, extract_file, extract_text, own_symbol

__all__ = ["extract_akn", "extract_file", "extract_text", "own_symbol"]
