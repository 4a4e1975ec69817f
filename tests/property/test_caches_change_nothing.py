"""The caches are only shortcuts: after any edit, publish into the old folder gives exactly the
bytes of a publish made afresh, and validate from the cache gives exactly what validate without
it gives (issue 12's property test; the fixed cases are in tests/cli/test_publish_incremental)."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.cli import main
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.validate import run, run_cached

TODAY = "2026-11-24"
Edit = Callable[[Path, random.Random], None]


def _documents(root: Path) -> list[Path]:
    return sorted(p for p in (root / "dokument").rglob("*.md"))


def _later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000_000))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    if old in text:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        _later(path)


def body(root: Path, rng: random.Random) -> None:
    path = rng.choice(_documents(root))
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\nTillägg {rng.randint(0, 999)}.\n")
    _later(path)


def title(root: Path, rng: random.Random) -> None:
    _replace(rng.choice(_documents(root)), "titel: ", f"titel: Ändrad {rng.randint(0, 99)} ")


def hide(root: Path, rng: random.Random) -> None:
    _replace(rng.choice(_documents(root)), "\ntyp: ", "\npublicera: false\ntyp: ")


def draft(root: Path, rng: random.Random) -> None:
    _replace(rng.choice(_documents(root)), "status: beslutad", "status: utkast")


def remove(root: Path, rng: random.Random) -> None:
    rng.choice(_documents(root)).unlink()


def add(root: Path, rng: random.Random) -> None:
    number = rng.randint(100, 999)
    (root / f"dokument/riktlinjer/RIK-0{number}-ny.md").write_text(
        f"---\nid: RIK-0{number}\ntyp: riktlinje\ntitel: Ny riktlinje {number}\nstatus: beslutad\n"
        "dokumentansvarig: Samordnare\nbeslut: [{instans: SN, datum: 2026-01-10}]\n"
        "giltig_fran: 2026-02-01\n---\n# Ny\n",
        encoding="utf-8",
    )


def meeting(root: Path, rng: random.Random) -> None:
    day = date(2026, rng.randint(1, 11), rng.randint(1, 28))
    (root / f"moten/2026/{day}-bg.md").write_text(
        f"---\ntyp: mote\ngrupp: bg\ndatum: {day}\nhandling: protokoll\n---\n# Protokoll\n",
        encoding="utf-8",
    )


def config(root: Path, rng: random.Random) -> None:
    _replace(root / "samverkan.yaml", "namn: ", f"namn: Län {rng.randint(0, 9)} ")


EDITS: list[Edit] = [body, title, hide, draft, remove, add, meeting, config]


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextlib.contextmanager
def _caching(cached: bool) -> Iterator[None]:
    saved = os.environ.get("SAMVERKAN_NO_CACHE")
    os.environ["SAMVERKAN_NO_CACHE"] = "" if cached else "1"
    try:
        with _quiet():
            yield
    finally:
        if saved is None:
            del os.environ["SAMVERKAN_NO_CACHE"]
        else:
            os.environ["SAMVERKAN_NO_CACHE"] = saved


def _publish(root: Path, out: Path, *, cached: bool = True) -> dict[str, bytes]:
    with _caching(cached):
        assert main(["publish", "-C", str(root), "--out", str(out), "--today", TODAY]) == 0
    return _files(out)


def _report(root: Path, *, cached: bool = True) -> bytes:
    """The årsrapport as JSON: its year-end findings come from the last report's when kept."""
    out = root.parent / f"rapport-{'cached' if cached else 'afresh'}.json"
    with _caching(cached):
        arguments = ["report", "-C", str(root), "--year", "2026", "--today", TODAY]
        assert main([*arguments, "--out", str(out), "--force"]) == 0
    return out.read_bytes()


@settings(
    max_examples=int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_after_any_edit_the_caches_change_nothing(edits, rng):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "lan"
        shutil.copytree(TEMPLATE, root)
        out = Path(folder) / "webbplats"
        _publish(root, out)
        today = date.fromisoformat(TODAY)
        run_cached(root, today)
        _report(root)
        for change in edits:
            change(root, rng)
        incremental = _publish(root, out)
        assert incremental == _publish(root, Path(folder) / "afresh", cached=False)
        cached = run_cached(root, today)
        fresh = run(load(root, use_cache=False), today)
        assert cached == fresh
        assert _report(root) == _report(root, cached=False)
