"""The command line: the only package that imports typer and rich.

`main` answers `--version` before importing anything heavy, because a pre-commit hook and
shell completion call the tool often and start-up time is what users feel.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from samverkan_cli import __version__

        print(f"samverkan {__version__}")
        return 0
    from samverkan_cli.cli.boundary import run

    return run(args)
