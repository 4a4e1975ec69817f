"""Compare two versions of samverkan on one corpus, run for run in turn (issue 12's "no measure
more than 10 % slower").

Usage: python bench/compare.py OLD_SRC [--size 10000] [--rounds 4]

OLD_SRC is the `src` folder of the other version, e.g. of `git worktree add /tmp/old REV`. Each
round runs every measure once with each version, alternating which goes first, on two copies of
the same git corpus (each with its own caches): a disk or a neighbour that slows one run slows
the other's next. Prints the best and the median seconds per measure and the ratio of the bests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import TODAY, commit  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("old_src", type=Path)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--work", type=Path, default=HERE / ".compare")
    args = parser.parse_args()
    sources = {"old": args.old_src.resolve(), "new": HERE.parent / "src"}
    corpus = {version: args.work / version for version in sources}
    if not corpus["new"].exists():
        generate(args.size, corpus["new"])
        commit(corpus["new"])
        shutil.copytree(corpus["new"], corpus["old"], symlinks=True)
        os.sync()
    times: dict[tuple[str, str], list[float]] = {}

    def run(version: str, *command: str) -> float:
        env = dict(os.environ, PYTHONPATH=str(sources[version]))
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "samverkan_cli", *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start

    def measure(name: str, version: str, *command: str) -> None:
        times.setdefault((name, version), []).append(run(version, *command))

    for version, root in corpus.items():  # caches and sites of this version, made once
        run(version, "publish", "-C", str(root), "--out", str(root.parent / f"site-{version}"))
    for round_number in range(args.rounds):
        order = ("old", "new") if round_number % 2 == 0 else ("new", "old")
        for version in order:
            root, site = corpus[version], str(corpus[version].parent / f"site-{version}")
            one = sorted(root.glob("dokument/rutiner/*.md"))[0]
            day = ("--today", TODAY)
            measure("validate warm", version, "validate", "-C", str(root), *day, "-f", "json")
            one.write_text(one.read_text("utf-8") + f"\nÄndring {round_number}\n", "utf-8")
            relative = str(one.relative_to(root))
            measure("validate one changed", version, "validate", relative, "-C", str(root), *day)
            one.write_text(one.read_text("utf-8") + f"\nÄndring b{round_number}\n", "utf-8")
            measure("publish one changed", version, "publish", "-C", str(root), "--out", site, *day)
            text = one.read_text("utf-8").replace("\ntitel: ", f"\ntitel: T{round_number} ", 1)
            one.write_text(text, "utf-8")
            measure(
                "publish title changed", version, "publish", "-C", str(root), "--out", site, *day
            )
            report = ("report", "-C", str(root), "--year", "2026", *day, "-f", "json")
            measure("report warm", version, *report)
            # Last: without the caches, which publish's next run in this folder then makes anew.
            shutil.rmtree(root / ".samverkan", ignore_errors=True)
            measure("validate cold", version, "validate", "-C", str(root), *day, "-f", "json")
            shutil.rmtree(root / ".samverkan", ignore_errors=True)
            measure("report cold", version, *report)
            run(version, "publish", "-C", str(root), "--out", site, *day)  # the memo again
            run(version, "validate", "-C", str(root), *day, "-f", "json")  # and its findings
    for name in dict.fromkeys(name for name, _version in times):
        old, new = times[(name, "old")], times[(name, "new")]
        print(
            f"{name:24} old best {min(old):5.2f} median {statistics.median(old):5.2f} | "
            f"new best {min(new):5.2f} median {statistics.median(new):5.2f} | "
            f"new/old {min(new) / min(old):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
