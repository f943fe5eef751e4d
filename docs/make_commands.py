"""Write docs/commands.md from the command line's own help (``make docs``).

The reference is generated so it can never drift from the code: the test
suite regenerates it and fails when the committed file differs. The short
examples below are the only hand-written part.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer.main

from refpath.cli import app

EXAMPLES = {
    "add": [
        "refpath add ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip --me",
        "refpath add exports/",
        'refpath add Connections.csv --owner "Carol Mendes"',
    ],
    "to": ['refpath to "Jane Doe"', 'refpath to "Sam Lee" --company Brightwave --json'],
    "at": ['refpath at "Acme Robotics"'],
    "draft": [
        'refpath draft "Jane Doe" --reason "how Acme plans maintenance windows"',
        'refpath draft "Jane Doe" --note --free-account',
    ],
    "check": ['refpath check message.txt --target "Jane Doe"', "pbpaste | refpath check -"],
    "map": [
        'refpath map -o network.png --highlight "Jane Doe"',
        'refpath map -o network.html --highlight "Jane Doe"   # interactive, offline',
    ],
    "clusters": ["refpath clusters"],
    "export": ["refpath export team.gexf"],
    "plan": ["refpath plan leads.csv --max-per-introducer 3 -o plan.csv --drafts drafts/"],
    "log": ['refpath log add "Jane Doe" --via "Bob Okafor"', "refpath log due"],
    "remove": ['refpath remove "Bob Okafor"'],
    "share": [
        "refpath share ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip --dry-run",
        'refpath share EXPORT.zip --exclude "Linh Tran" -o bob-okafor.refpath-share.zip',
    ],
    "sync": ["refpath sync ~/Shared/team-shares --dry-run", "refpath sync ~/Shared/team-shares"],
    "same": ['refpath same "https://www.linkedin.com/in/jane-doe-1a2b" "nm:jane doe|acme"'],
    "different": ['refpath different "Sam Lee" "https://www.linkedin.com/in/samlee-pulse"'],
}

ORDER = [
    "add", "sources", "stats", "doctor", "same", "different", "remove", "share", "sync",
    "to", "at", "draft", "check", "map", "clusters", "export", "plan", "log",
]  # fmt: skip


def _options(cmd) -> list[str]:  # type: ignore[no-untyped-def]
    rows = []
    for param in cmd.params:
        if param.name == "help":
            continue
        help_text = " ".join((getattr(param, "help", "") or "").split())
        if param.param_type_name == "argument":
            name = f"`{(param.name or '').upper()}`"
        else:
            name = ", ".join(f"`{o}`" for o in param.opts)
            default = getattr(param, "default", None)
            if default not in (None, False, (), []) and not callable(default):
                help_text += f" (default: {default})"
        rows.append(f"| {name} | {help_text.replace('|', '/')} |")
    return rows


def _section(path: list[str], cmd) -> list[str]:  # type: ignore[no-untyped-def]
    name = " ".join(path)
    lines = [f"## refpath {name}", ""]
    doc = (cmd.help or "").strip()
    lines += [doc, ""]
    usage = "[OPTIONS]" if any(p.param_type_name == "option" for p in cmd.params) else ""
    for p in cmd.params:
        if p.param_type_name == "argument":
            arg = (p.name or "").upper() + ("..." if p.nargs == -1 else "")
            usage += f" {arg}" if p.required else f" [{arg}]"
    if getattr(cmd, "commands", None):
        usage += " [COMMAND]"
    lines += ["```", " ".join(f"refpath {name} {usage}".split()), "```", ""]
    options = _options(cmd)
    if options:
        lines += ["| argument / option | meaning |", "|---|---|", *options, ""]
    examples = EXAMPLES.get(name)
    if examples:
        lines += ["Examples:", "", "```sh", *examples, "```", ""]
    for sub_name, sub in sorted(getattr(cmd, "commands", {}).items()):
        lines += _section([*path, sub_name], sub)
    return lines


def render() -> str:
    """The whole reference as Markdown."""
    root = typer.main.get_command(app)
    commands = root.commands  # type: ignore[attr-defined]
    names = [n for n in ORDER if n in commands] + sorted(set(commands) - set(ORDER))
    lines = [
        "# Command reference",
        "",
        "Generated from `refpath --help` by `docs/make_commands.py` (`make docs`); "
        "every command also answers `--help`.",
        "",
        "Global options, given before the command:",
        "",
        "| option | meaning |",
        "|---|---|",
        *_options(root),
        "",
        "Exit codes: 0 success; 1 nothing usable (unknown or ambiguous name, `check` "
        "findings); 2 bad input (the store is unchanged); 3 the store cannot be used; "
        "130 interrupted.",
        "",
        "Commands: " + ", ".join(f"[`{n}`](#refpath-{n})" for n in names) + ".",
        "",
    ]
    for name in names:
        lines += _section([name], commands[name])
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name("commands.md")
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
