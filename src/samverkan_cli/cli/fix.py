"""`samverkan fix [PATHS] [--dry-run]`: the safe mechanical fixes of SPEC §8.7, each as a diff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, resolve
from samverkan_cli.cli.terminal import visible

if TYPE_CHECKING:
    from datetime import date

    from samverkan_cli.loading.repository import Repository


def command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SÖKVÄGAR]...", help="Filer eller mappar (standard: alla)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Visa bara ändringarna, skriv inget.")
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Rätta det som går att rätta mekaniskt: filnamn, fältnamn med å/ä/ö, ersättningar åt ena hållet."""
    from samverkan_cli.cli import reporters  # loads rich: only when it runs
    from samverkan_cli.findings import select
    from samverkan_cli.loading.repository import load
    from samverkan_cli.recording import fixes, store
    from samverkan_cli.validate import run

    settings = resolve(ctx, repo, today)
    repository = load(settings.root, use_cache=settings.use_cache, save_cache=not dry_run)
    every = [d.path for d in repository.documents]
    chosen = (
        select(every, _relative(settings.root, [settings.here(Path(p)) for p in paths]))
        if paths
        else None
    )
    found = run(repository, settings.today).diagnostics
    planned = fixes.plan(repository, found, chosen)
    if not planned:
        typer.echo("Inget att rätta mekaniskt. Kör samverkan validate för att se vad som återstår.")
        return 0
    _rename_keys(repository, settings.today, planned.keys, dry_run)
    edited = (
        store.preview(settings.root, planned.changes)
        if dry_run
        else store.commit(settings.root, planned.changes)
    )
    for one in edited:
        typer.echo(visible(one.diff()), nl=False)
    for note in planned.notes:
        typer.echo(visible(note))
    for rename in planned.renames:
        typer.echo(visible(f"Byter namn: {rename.path} → {rename.to}"))
        if not dry_run:
            _move(settings.root, rename.path, rename.to)
    if dry_run:
        typer.echo("(--dry-run: inget skrevs)")
        return 0
    after_all = run(load(settings.root, use_cache=False), settings.today).diagnostics
    # What is left in the files asked about (renamed ones by their new names), nothing else.
    wanted = None if chosen is None else {*chosen, *(r.to for r in planned.renames)}
    left = [
        d
        for d in after_all
        if d.code in ("SV002", "SV006", "SV015") and (wanted is None or d.path in wanted)
    ]
    printout = reporters.Printout(
        left, len(every) if wanted is None else len(wanted), settings.root
    )
    if left:
        typer.echo("Kvar att rätta för hand:")
        reporters.reporter("text")(printout, sys.stdout)
    return 0


def _rename_keys(repository: Repository, today: date, keys: tuple[Any, ...], dry_run: bool) -> None:
    """Field names rewritten in place, file by file, each shown as a diff; never into a file
    where the plain spelling is already written."""
    from samverkan_cli.fileio import READ_ONLY, RepositoryFiles, read_only, write_atomic
    from samverkan_cli.recording import fixes, store

    root = repository.root
    files = RepositoryFiles(root)
    by_path: dict[str, list[fixes.KeyRename]] = {}
    for key in keys:
        by_path.setdefault(key.path, []).append(key)
    for path, renames in sorted(by_path.items()):
        target = root / path
        before = files.read(target)
        after, left = fixes.renamed_fully(repository, today, path, before, renames)
        if left:
            names = ", ".join(f"'{k.old}'" for k in left)
            one = len(left) == 1
            typer.echo(
                visible(
                    f"{path}: {names} rättas inte, eftersom {'fältet' if one else 'fälten'} "
                    "redan står i filen med rätt stavning. Ta bort det som är fel, för hand."
                )
            )
        if after == before:
            continue
        if after != before and read_only(target):
            typer.echo(visible(READ_ONLY.format(path=path)))
            continue
        typer.echo(visible(store.Edited(path, before, after).diff()), nl=False)
        if not dry_run and after != before:
            write_atomic(target, after)


def _relative(root: Path, paths: list[Path]) -> list[str]:
    """The paths as the repository names its files (a path outside it is kept as given)."""
    out = []
    for path in paths:
        try:
            out.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            out.append(str(path))
    return out


def _move(root: Path, old: str, new: str) -> None:
    """`git mv` inside a git work tree (history follows the file), else a plain rename; never
    over an existing file."""
    source, target = root / old, root / new
    if target.exists():
        return
    tracked = subprocess.run(
        ["git", "-C", str(root), "ls-files", "--error-unmatch", old],
        capture_output=True,
        check=False,
    )
    if tracked.returncode == 0:
        moved = subprocess.run(
            ["git", "-C", str(root), "mv", "--", old, new], capture_output=True, check=False
        )
        if moved.returncode == 0:
            return
    source.rename(target)
