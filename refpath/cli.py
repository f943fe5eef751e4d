"""Command line (placeholder while the foundation lands)."""


def main() -> None:
    raise SystemExit("refpath: not built yet")
