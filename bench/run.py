"""Measure samverkan against issue 6's targets, with the peers run side by side, and write RESULTS.md.

Usage: python bench/run.py [--sizes 100,1000,10000,20000] [--no-peers] [--out bench/RESULTS.md]

Every figure is the wall time of a fresh process (interpreter start included), its peak memory
from the kernel (wait4), best of --repeat runs. Peers (check-jsonschema on the extracted front
matter with our schemas, mkdocs build on the same Markdown) run when installed (`make bench`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
CORPUS = HERE / ".corpus"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

TODAY = "2026-11-24"
TARGETS = {  # (metric, size): seconds, from issue 6
    ("validate cold", 10_000): 2.5,
    ("validate warm", 10_000): 0.8,
    ("validate one changed file", 1_000): 0.35,
    ("publish cold", 10_000): 12.0,
    ("publish one changed", 10_000): 1.5,
    ("report cold", 10_000): 3.0,
}


@dataclass(frozen=True)
class Measure:
    metric: str
    size: int
    seconds: float
    peak_mb: float | None = None


def timed(command: list[str], cwd: Path | None = None, repeat: int = 1) -> tuple[float, float]:
    """Best wall time and its peak memory (MB) of a fresh process running `command`."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        # wait4 reaped the child behind Popen's back; tell it, or it warns that it still runs.
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise RuntimeError(f"{command} failed with exit code {process.returncode}")
        best = min(best, (elapsed, usage.ru_maxrss / 1024))
    return best


def read_and_split(root: Path) -> float:
    """The floor: read every document and cut it at its fences, in this process."""
    start = time.perf_counter()
    for path in root.rglob("*.md"):
        text = path.read_bytes().decode("utf-8")
        text.split("\n---\n", 1)
    return time.perf_counter() - start


def samverkan(*args: str) -> list[str]:
    return [sys.executable, "-m", "samverkan_cli", *args]


def forget(root: Path) -> None:
    """Remove samverkan's caches, so that the next run is cold."""
    shutil.rmtree(root / ".samverkan", ignore_errors=True)


def edit(path: Path, line: str) -> None:
    """Change a document's body as an editor would, just before the run."""
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", encoding="utf-8")


def retitle(path: Path, prefix: str) -> None:
    """Change a document's front matter (its title), just before the run."""
    text = path.read_text("utf-8")
    path.write_text(text.replace("\ntitel: ", f"\ntitel: {prefix} ", 1), encoding="utf-8")


def commit(root: Path) -> None:
    """Make the corpus a git repository with one commit: publish reads the history, as it
    would in a county's repository."""
    git = ["git", "-C", str(root), "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    # Packed now, while nothing is timed: a commit of 15,000 loose objects otherwise starts
    # `git gc --auto` in the background, and it took one of the two cores from the runs that
    # followed (validate cold measured 3.96 s with it, 2.7 s without).
    for command in (["init", "-q"], ["add", "-A"], ["-c", "gc.auto=0", "commit", "-qm", "Korpus"]):
        subprocess.run([*git, *command], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*git, "gc", "-q"], check=True, stdout=subprocess.DEVNULL)


def settle(root: Path, command: list[str]) -> None:
    """Let the disk finish writing the corpus (and git its objects), and read the files once:
    otherwise the first timed run competes with the kernel's writeback (seen: 4.4 s, not 2.9 s)."""
    os.sync()
    timed(command)
    forget(root)


def cold(root: Path, command: list[str], repeat: int) -> tuple[float, float]:
    """Best time and memory of `command` with samverkan's caches removed before each run."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        forget(root)
        best = min(best, timed(command))
    return best


def after_each(
    repeat: int,
    command: list[str],
    change: Callable[[Path, str], None],
    path: Path,
    cwd: Path | None = None,
) -> tuple[float, float]:
    """Best time and memory of `command` run just after `change` to `path`, `repeat` times,
    as the other measures are best of `repeat` (one run of publish after an edit measured
    1.41 s in a bench run and 1.20 s by hand on the same corpus)."""
    best = (float("inf"), 0.0)
    for attempt in range(repeat):
        change(path, f"Ändring {attempt}")
        best = min(best, timed(command, cwd=cwd))
    return best


def ours(size: int, root: Path, repeat: int) -> list[Measure]:
    validate = samverkan("validate", "-C", str(root), "--today", TODAY, "-f", "json")
    settle(root, validate)
    results = [Measure("read and split (floor)", size, read_and_split(root))]
    results.append(Measure("validate cold", size, *cold(root, validate, repeat)))
    results.append(Measure("validate warm", size, *timed(validate, repeat=repeat)))
    one = next(root.glob("dokument/rutiner/*.md"))
    hook = samverkan("validate", str(one.relative_to(root)), "--today", TODAY)
    best = after_each(repeat, hook, edit, one, cwd=root)
    results.append(Measure("validate one changed file", size, *best))
    site = root.parent / f"site-{size}"
    shutil.rmtree(site, ignore_errors=True)
    forget(root)
    publish = samverkan("publish", "-C", str(root), "--out", str(site), "--today", TODAY)
    results.append(Measure("publish cold", size, *timed(publish)))
    results.append(Measure("publish one changed", size, *after_each(repeat, publish, edit, one)))
    results.append(
        Measure("publish one title changed", size, *after_each(repeat, publish, retitle, one))
    )
    report = samverkan("report", "-C", str(root), "--year", "2026", "--today", TODAY, "-f", "json")
    results.append(Measure("report cold", size, *cold(root, report, repeat)))
    results.append(Measure("report warm", size, *timed(report, repeat=repeat)))
    return results


def peers(size: int, root: Path) -> list[Measure]:
    results = []
    if shutil.which("check-jsonschema"):
        results.append(_check_jsonschema(size, root))
    if shutil.which("mkdocs"):
        results.append(_mkdocs(size, root))
    return results


def _check_jsonschema(size: int, root: Path) -> Measure:
    extracted = root.parent / f"front-{size}"
    shutil.rmtree(extracted, ignore_errors=True)
    by_typ: dict[str, list[str]] = {}
    for path in sorted((root / "dokument").rglob("*.md")):
        front = path.read_text("utf-8").split("---\n")[1]
        typ = next(
            line.split(": ", 1)[1] for line in front.splitlines() if line.startswith("typ: ")
        )
        target = extracted / typ / (path.stem + ".yaml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front, encoding="utf-8")
        by_typ.setdefault(typ, []).append(str(target))
    start = time.perf_counter()
    for typ, files in by_typ.items():
        subprocess.run(
            [
                "check-jsonschema",
                "--schemafile",
                str(PROJECT / "schemas" / f"{typ}.schema.json"),
                *files,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    return Measure("peer: check-jsonschema (schema only)", size, time.perf_counter() - start)


def _mkdocs(size: int, root: Path) -> Measure:
    project = root.parent / f"mkdocs-{size}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(root / "dokument", project / "docs")
    (project / "docs" / "index.md").write_text("# Förteckning\n", encoding="utf-8")
    # A one-page nav: with mkdocs' default full navigation every page lists every other page and
    # the build grows quadratically (over 11 minutes for 10,000 pages here).
    (project / "mkdocs.yml").write_text(
        "site_name: Bench\nuse_directory_urls: false\nnav:\n  - index.md\n", encoding="utf-8"
    )
    seconds, peak = timed(["mkdocs", "build", "-q", "-d", str(project / "site")], cwd=project)
    return Measure("peer: mkdocs build", size, seconds, peak)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def render(results: list[Measure]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        f"Run: {time.strftime('%Y-%m-%d')} with `make bench`.",
        "",
        "| Size | Measure | Seconds | Peak MB | Target | Met |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for m in results:
        target = TARGETS.get((m.metric, m.size))
        met = "" if target is None else ("yes" if m.seconds <= target else "**no**")
        peak = "" if m.peak_mb is None else f"{m.peak_mb:.0f}"
        lines.append(
            f"| {m.size} | {m.metric} | {m.seconds:.2f} | {peak} | {'' if target is None else target} | {met} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,10000,20000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--peers-up-to", type=int, default=10_000, help="skip the (slow) peers above this size"
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    results: list[Measure] = []
    for size in (int(s) for s in args.sizes.split(",")):
        root = CORPUS / f"repo-{size}"
        generate(size, root)
        commit(root)
        results += ours(size, root, args.repeat)
        if not args.no_peers and size <= args.peers_up_to:
            results += peers(size, root)
        print(render(results), flush=True)
    args.out.write_text(render(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
