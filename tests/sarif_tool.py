"""Microsoft's SARIF multitool and the official SARIF 2.1.0 schema it ships (npm package
@microsoft/sarif-multitool-linux): CI fetches them (.ci/run); elsewhere the tests skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / ".cache" / "sarif-multitool" / "package"
MULTITOOL = PACKAGE / "Sarif.Multitool"
SCHEMA = PACKAGE / "sarif-2.1.0.json"


def require() -> Path:
    if MULTITOOL.exists() and SCHEMA.exists():
        return PACKAGE
    if os.environ.get("CI"):
        pytest.fail("The SARIF multitool is missing in CI: .ci/run must fetch it with npm")
    pytest.skip("the SARIF multitool is not fetched here (CI fetches it: see .ci/run)")
