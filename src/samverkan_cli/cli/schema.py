"""`samverkan schema`: JSON Schema for each typ and for samverkan.yaml, for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, today_of


def command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="MAPP",
            help="Skriv en fil per schema i MAPP (annars allt som JSON på stdout).",
        ),
    ] = None,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Skriv JSON Schema (draft 2020-12) för varje dokumenttyp och för samverkan.yaml."""
    from samverkan_cli.config import find_root
    from samverkan_cli.fileio import write_atomic
    from samverkan_cli.loading.repository import load_config
    from samverkan_cli.model.doctypes import BUILTIN
    from samverkan_cli.schema_export import render, schemas

    today_of(ctx, today)  # validated for consistency with the other commands
    # Inside a repository its own dokumenttyper get schemas too; anywhere else the built-in ones.
    root = find_root(repo or Path.cwd())
    files = schemas(load_config(root).types if root is not None else BUILTIN)
    if out is None:
        typer.echo(json.dumps(files, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    for name, schema in files.items():
        write_atomic(out / name, render(schema))
        typer.echo(str(out / name))
    return 0
