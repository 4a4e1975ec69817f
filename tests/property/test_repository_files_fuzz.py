"""Generated repositories full of links, FIFOs and oversized files (issue 11, item 3).

Whatever mix of entries a repository holds (links out of it to files, folders, /proc and
/dev/zero, links inside it, dangling links, FIFOs, sparse files over the cap), validate in every
format and publish never hang, never exhaust memory, never exit 3, and never show a byte of what
lies outside; each entry that is not read is one SV001 at its path, and a samverkan.yaml or
lagrum.yaml that is not a regular file inside is SV090 (exit 2).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import front_matter, write_repo
from samverkan_cli.cli import main
from samverkan_cli.fileio import READ_LIMIT

SECRET = "UTANFÖR-7731-HEMLIGT"
READ = ("regular", "link-inside")
KINDS = (
    *READ,
    "link-outside",
    "link-outside-folder",
    "link-proc",
    "link-dev-zero",
    "dangling",
    "fifo",
    "over-cap",
)
FOLDERS = ("dokument/rutiner", "dokument", "grupper", "moten/2026", "dokument/avtal/under")
ENTRIES = st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(FOLDERS)), max_size=7)
YAML_KINDS = st.sampled_from(
    ("regular",) * 6 + ("link-outside", "fifo", "link-dev-zero", "dangling")
)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """A blocked read fails instead of hanging; a runaway read fails instead of the machine."""

    def hung(_signum, _frame):
        raise AssertionError("a read blocked")

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    old = signal.signal(signal.SIGALRM, hung)
    resource.setrlimit(resource.RLIMIT_AS, (mapped + 2**31, hard))
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def make(path: Path, kind: str, outside: Path, root: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "regular":
        path.write_text("# utan fält\n", "utf-8")
    elif kind == "link-inside":
        target = root / "delat" / f"{path.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_text("# delad\n", "utf-8")
        path.symlink_to(target)
    elif kind == "link-outside":
        path.symlink_to(outside / "RUT-0900-hemlig.md")
    elif kind == "link-outside-folder":
        path.with_suffix("").symlink_to(outside, target_is_directory=True)
    elif kind == "link-proc":
        path.symlink_to("/proc/self/environ")
    elif kind == "link-dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(root / "borta.md")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "over-cap":
        with path.open("wb") as stream:
            stream.truncate(READ_LIMIT + 1)


def repository(base: Path, entries, config_kind: str, laws_kind: str) -> tuple[Path, dict]:
    outside = base / "utanfor"
    outside.mkdir()
    fields = {"id": "RUT-0900", "typ": "rutin", "titel": SECRET, "status": "utkast"}
    (outside / "RUT-0900-hemlig.md").write_text(front_matter(fields, SECRET + "\n"), "utf-8")
    (outside / "hemlig.yaml").write_text(f"namn: {SECRET}\nparter: {{}}\n", "utf-8")
    root = write_repo(base / "arkiv")
    made: dict[str, str] = {}
    for index, (kind, folder) in enumerate(entries):
        relative = f"{folder}/RUT-{index + 100:04d}-post.md"
        make(root / relative, kind, outside, root)
        if kind != "link-outside-folder":
            made[relative] = kind
    for name, kind in (("samverkan.yaml", config_kind), ("lagrum.yaml", laws_kind)):
        if kind != "regular":
            (root / name).unlink(missing_ok=True)
            target = outside / "hemlig.yaml"
            make(root / name, kind, outside, root) if kind != "link-outside" else (
                root / name
            ).symlink_to(target)
    return root, made


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@settings(
    max_examples=int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ENTRIES, YAML_KINDS, YAML_KINDS)
def test_nothing_outside_is_ever_read(entries, config_kind, laws_kind):
    with tempfile.TemporaryDirectory() as workdir, guarded():
        base = Path(workdir)
        root, made = repository(base, entries, config_kind, laws_kind)
        config_ok = config_kind == "regular" and laws_kind == "regular"
        today = ("--today", "2026-06-15")
        for form in ("text", "json", "github", "sarif"):
            code, output = run("validate", "-C", str(root), *today, "-f", form)
            assert code in ((0, 1) if config_ok else (2,)), output
            assert SECRET not in output and "Traceback" not in output
        code, output = run("validate", "-C", str(root), *today, "-f", "json")
        if not config_ok:
            assert "SV090" in output
            return
        found = json.loads(output)["diagnostics"]
        for relative, kind in made.items():
            refused = [d for d in found if d["path"] == relative and d["code"] == "SV001"]
            if kind in READ:
                assert not any("läses inte" in d["message"] for d in refused), relative
            else:
                assert len(refused) == 1, (relative, kind, found)
        out = base / "webbplats"
        code, output = run(
            "publish", "-C", str(root), "--out", str(out), *today, "--include-drafts"
        )
        assert code in (0, 1) and SECRET not in output, output
        for path in out.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path
