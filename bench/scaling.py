"""How reading one big document grows with its size (issue 11): linear, not quadratic.

A 1 MB body full of personnummer-like numbers took 7.5 s and 4 MB 97 s, because the line of each
number was counted from the start of the file; 40,000 headings in a sip-mall took 8 s the same
way; and text output split the whole file again for each finding's source line. This measures
reading (decode, split, front matter, identity numbers, links, headings) of such documents up to
10 MB, and the text reporter on a file with one finding a line, and prints the time per size and
the ratio to the size before. tests/bench/test_linear_scaling.py holds the ratios below 3× for
each doubling, whatever the machine.

Usage: python bench/scaling.py [--megabytes 1,2,4,10] [--headings 10000,20000,40000]
"""

from __future__ import annotations

import argparse
import gc
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stdnum import luhn

MB = 1_000_000
_FRONT = "---\nid: RUT-0001\ntyp: rutin\ntitel: Stor rutin\nstatus: utkast\n---\n# Rubrik\n\n"
_SIP_FRONT = "---\nid: SIP-0001\ntyp: sip-mall\ntitel: Stor mall\nstatus: utkast\n---\n"


def _number(index: int) -> str:
    """A valid personnummer (or, every third, samordningsnummer) that differs with `index`."""
    year, month, day = 40 + index % 60, 1 + index % 12, 1 + index % 28
    if index % 3 == 0:
        day += 60
    digits = f"{year:02d}{month:02d}{day:02d}{index % 1000:03d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


def identity_document(size: int) -> bytes:
    """A rutin whose body of about `size` bytes is full of identity numbers and look-alikes
    (a wrong check digit, a phone number, a diarienummer, a date), a few to a line."""
    lines, total, index = [], 0, 0
    while total < size:
        line = (
            f"Brukare {_number(index)} och {_number(index + 1)}, ej {_number(index)[:-1]}0 "
            f"(tel 070-{index % 1000:03d}4567, dnr 2024-{index % 10**6:06d}, 2024-01-{1 + index % 28:02d}).\n"
        )
        lines.append(line)
        total += len(line)
        index += 2
    return (_FRONT + "".join(lines)).encode("utf-8")


def sip_document(headings: int) -> bytes:
    """A sip-mall with `headings` headings, ATX and setext, each with a paragraph."""
    sections = (
        f"## Avsnitt {i} om behov\n\nText.\n\n"
        if i % 2
        else f"Avsnitt {i} om mål\n---\n\nText.\n\n"
        for i in range(headings)
    )
    return (_SIP_FRONT + "".join(sections)).encode("utf-8")


def best(work: Callable[[], object], repeat: int = 3) -> float:
    """The best wall time of `work` in this process, the collector off (as loading runs)."""
    seconds = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            seconds = min(seconds, time.perf_counter() - start)
        finally:
            gc.enable()
    return seconds


def reading(data: bytes) -> Callable[[], object]:
    from samverkan_cli.loading import repository

    return lambda: repository.read(data)


def text_output(lines: int, root: Path, every: int = 10) -> Callable[[], object]:
    """The text reporter on a file of `lines` lines in `root`, with a finding (and its source
    line, read from the file) on every `every`th line."""
    from samverkan_cli.cli import reporters
    from samverkan_cli.diagnostics import Diagnostic, Severity

    path = "dokument/rutiner/RUT-0001-stor.md"
    text = "".join(
        f"Rad {i} med {_number(i)} i en rutin om samverkan kring {i}.\n" for i in range(lines)
    )
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, "utf-8")
    diagnostics = [
        Diagnostic("SV051", Severity.ERROR, path, line, 8, "RUT-0001", "Ett personnummer.")
        for line in range(1, lines + 1, every)
    ]
    report = reporters.Printout(diagnostics, 1, root)
    return lambda: reporters.text(report, io.StringIO())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", default="1,2,4,10")
    parser.add_argument("--headings", default="10000,20000,40000")
    parser.add_argument("--lines", default="20000,40000,80000")
    args = parser.parse_args()
    rows: list[tuple[str, str, float]] = []  # (kind, measure, seconds)
    for megabytes in (float(m) for m in args.megabytes.split(",")):
        data = identity_document(int(megabytes * MB))
        rows.append(("numbers", f"read {megabytes:g} MB of identity numbers", best(reading(data))))
    for count in (int(h) for h in args.headings.split(",")):
        data = sip_document(count)
        rows.append(("headings", f"read a sip-mall of {count} headings", best(reading(data))))
    for count in (int(n) for n in args.lines.split(",")):
        with tempfile.TemporaryDirectory() as root:
            seconds = best(text_output(count, Path(root)), repeat=1)
        rows.append(("text", f"text output of a file of {count} lines", seconds))
    print("| Measure | Seconds | × the row before |\n|---|---:|---:|")
    for index, (kind, name, seconds) in enumerate(rows):
        before = rows[index - 1] if index else None
        ratio = f"{seconds / before[2]:.2f}" if before and before[0] == kind else ""
        print(f"| {name} | {seconds:.2f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
