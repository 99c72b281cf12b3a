"""Stage `pipeline`: files to validated graphs — one report at a time (`convert`) or a whole batch in parallel,
resumable, written atomically (`batch`)."""
from unkg.pipeline.convert import BatchResult, Converted, convert_file, convert_many

__all__ = ["BatchResult", "Converted", "convert_file", "convert_many"]
