"""Every finding of every bad case the rule tests feed, exactly: a changed message shows in review.

tests/golden/findings.txt holds `code path:line:col message` for each case (all findings of
the case's repository, not only the rule under test); `make golden` rewrites it.
"""

from __future__ import annotations

from test_rules import BAD

import golden
from helpers import base, validate, write_repo


def test_findings_of_every_bad_case(request, tmp_path):
    parts = []
    for number, case in enumerate(BAD, start=1):
        docs = base()
        case.change(docs)
        root = write_repo(tmp_path / str(number), docs)
        parts.append(f"## {number}. {case.code}: {case.gist}\n")
        parts.extend(
            f"{d.code} {d.path}:{d.line}:{d.column or 1} {d.message}\n"
            for d in validate(root, case.today)
        )
    golden.check(request, "findings.txt", "".join(parts))
