"""Allow ``python -m refpath``."""

from refpath.cli import main

if __name__ == "__main__":
    main()
