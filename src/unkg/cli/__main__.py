"""Stage `cli`: `python -m unkg.cli`, the same as the `unkg` command."""
from unkg.cli import main

main()
