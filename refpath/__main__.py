"""Allow ``python -m refpath``."""

from refpath.cli import main

main()
