"""The CI smoke benchmark: 1,000 documents, timed against a baseline measured in the same run.

Machines differ and CI machines are noisy, so absolute seconds mean little. What is stable is the
ratio of our run to a fixed piece of work on the same machine at the same moment: reading and
splitting the same corpus. bench/smoke.json holds the committed ratios; the test in
tests/bench/ fails when a ratio grows to twice its committed value.

Usage: python bench/smoke.py [--update]   (--update writes the measured ratios to smoke.json)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import TODAY, forget, read_and_split, samverkan, timed  # noqa: E402

RATIOS = HERE / "smoke.json"
SIZE = 1_000
#: The baseline repeats read-and-split so that it lasts long enough (~0.3 s) to time reliably.
BASELINE_ROUNDS = 10
TOLERANCE = 2.0


def baseline(root: Path, repeat: int) -> float:
    return min(sum(read_and_split(root) for _ in range(BASELINE_ROUNDS)) for _ in range(repeat))


def measure(workdir: Path, repeat: int = 3) -> dict[str, float]:
    """Seconds of each smoke measure divided by the baseline's seconds."""
    root = workdir / "repo"
    generate(SIZE, root)
    base = baseline(root, repeat)
    validate = samverkan("validate", "-C", str(root), "--today", TODAY, "-f", "json")
    site = workdir / "site"
    publish = samverkan("publish", "-C", str(root), "--out", str(site), "--today", TODAY)
    seconds: dict[str, float] = {}
    for name, command in (("validate cold", validate), ("publish cold", publish)):
        best = float("inf")
        for _ in range(repeat):
            forget(root)
            shutil.rmtree(site, ignore_errors=True)
            best = min(best, timed(command)[0])
        seconds[name] = best
    return {name: round(value / base, 2) for name, value in seconds.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true", help="write the ratios to smoke.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        ratios = measure(Path(workdir))
    print(json.dumps(ratios, indent=2))
    if args.update:
        RATIOS.write_text(json.dumps(ratios, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
