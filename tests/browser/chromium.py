"""Headless Chromium from Debian's package: CI installs it; elsewhere browser tests skip."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
#: Flags this machine needs: no sandbox as root, and no background calls to a closed network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "output"


def require() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
    pytest.skip("chromium is not installed here (CI installs it)")


def run(*args: str, profile: Path) -> None:
    subprocess.run(
        [str(require()), *FLAGS, f"--user-data-dir={profile}", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )
