"""Throwaway documents repositories for tests: a valid baseline plus per-test changes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.cache import digest
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import document_from, load, read
from samverkan_cli.validate import run

TODAY = date(2026, 6, 15)

CONFIG: dict[str, Any] = {
    "namn": "Testlänets samverkan",
    "parter": {
        "region-norr": {"namn": "Region Norr", "typ": "region"},
        "forbund": {"namn": "Kommunförbundet Norr", "typ": "kommunforbund"},
        "kommun-a": {"namn": "A kommun", "typ": "kommun"},
        "kommun-b": {"namn": "B kommun", "typ": "kommun"},
        "samf": {"namn": "Samordningsförbundet", "typ": "samordningsforbund"},
    },
    # A well-kept repository says how to report accessibility problems (else SV091).
    "webbplats": {"tillganglighet": {"kontakt": "samverkan@example.org"}},
    # The test county has none of the agreements the law requires by default (else SV060 ×3);
    # tests/unit/test_lagkrav.py tests them.
    "lagkrav": {},
}

BASE: dict[str, dict[str, Any]] = {
    "grupper/bg.md": {
        "id": "bg",
        "typ": "grupp",
        "titel": "Beredningsgruppen",
        "status": "beslutad",
        "niva": "beredning",
        "dokumentansvarig": "Sekreterare",
        "beslut": [{"instans": "Social ReKo", "datum": "2025-11-01"}],
        "giltig_fran": "2026-01-01",
        "bildad": "2026-01-01",
        "moten_minst": {"per": "ar", "antal": 6},
        "ordforande_utses_senast": "11-30",
        "ordforandeskap": [
            {
                "ar": 2026,
                "ordforande": {"namn": "Rut Region", "part": "region-norr"},
                "vice": {"namn": "Kim Kommun", "part": "kommun-a"},
                "utsedd": "2025-11-10",
            }
        ],
    },
    "dokument/huvudoverenskommelser/HOK-0001-samarbete.md": {
        "id": "HOK-0001",
        "typ": "huvudoverenskommelse",
        "titel": "Huvudöverenskommelse",
        "status": "beslutad",
        "parter": ["region-norr", "forbund", "kommun-a", "kommun-b"],
        "dokumentansvarig": "Regiondirektör",
        "undertecknare": [
            {
                "part": "region-norr",
                "namn": "A Exempel",
                "befattning": "Regiondirektör",
                "datum": "2026-01-10",
            },
            {
                "part": "forbund",
                "namn": "B Exempel",
                "befattning": "Förbundsdirektör",
                "datum": "2026-01-12",
            },
        ],
        "stallningstaganden": [
            {"part": "kommun-a", "instans": "KS", "datum": "2025-12-01"},
            {"part": "kommun-b", "instans": "KS", "datum": "2025-12-02"},
        ],
        "giltig_fran": "2026-01-01",
    },
    "dokument/overenskommelser/OVK-0001-psykisk-halsa.md": {
        "id": "OVK-0001",
        "typ": "overenskommelse",
        "titel": "Överenskommelse psykisk funktionsnedsättning",
        "status": "beslutad",
        "parter": ["region-norr", "kommun-a"],
        "malgrupp": "Vuxna med psykisk funktionsnedsättning",
        "overordnad": "HOK-0001",
        "dokumentansvarig": "Regiondirektör",
        "undertecknare": [
            {
                "part": "region-norr",
                "namn": "A Exempel",
                "befattning": "Regiondirektör",
                "datum": "2026-02-01",
            },
            {
                "part": "kommun-a",
                "namn": "C Exempel",
                "befattning": "Socialchef",
                "datum": "2026-02-02",
            },
        ],
        "giltig_fran": "2026-02-01",
    },
    "dokument/rutiner/RUT-0001-sip.md": {
        "id": "RUT-0001",
        "typ": "rutin",
        "titel": "Rutin för SIP",
        "status": "beslutad",
        "overordnad": "OVK-0001",
        "dokumentansvarig": "Samordnare",
        "faststalld": {"av": "bg", "datum": "2026-03-01"},
        "giltig_fran": "2026-03-01",
    },
    "moten/2026/2026-02-01-bg.md": {
        "typ": "mote",
        "grupp": "bg",
        "datum": "2026-02-01",
        "handling": "minnesanteckningar",
    },
}

HOK = "dokument/huvudoverenskommelser/HOK-0001-samarbete.md"
OVK = "dokument/overenskommelser/OVK-0001-psykisk-halsa.md"
RUT = "dokument/rutiner/RUT-0001-sip.md"
BG = "grupper/bg.md"


def front_matter(fields: Mapping[str, Any], body: str = "# Rubrik\n") -> str:
    dumped = yaml.safe_dump(dict(fields), sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n{body}"


def base() -> dict[str, dict[str, Any]]:
    return deepcopy(BASE)


def write_repo(
    root: Path,
    documents: Mapping[str, Mapping[str, Any] | str | bytes] | None = None,
    config: Mapping[str, Any] | str | None = None,
    *,
    extra: Mapping[str, str | bytes] | None = None,
    git: bool = False,
) -> Path:
    """Write a repository: documents as dicts (front matter), text or bytes; plus extra files."""
    root.mkdir(parents=True, exist_ok=True)
    config_text = (
        config
        if isinstance(config, str)
        else yaml.safe_dump(dict(config or CONFIG), allow_unicode=True)
    )
    (root / "samverkan.yaml").write_text(config_text, encoding="utf-8")
    for path, content in {
        **(documents if documents is not None else base()),
        **(extra or {}),
    }.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(
                content if isinstance(content, str) else front_matter(content), encoding="utf-8"
            )
    if git:
        init_git(root)
    return root


def init_git(root: Path) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(root),
        "PATH": "/usr/bin:/bin",
    }
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "."],
        ["commit", "-q", "-m", "Första versionen"],
    ):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)


def validate(root: Path, today: date = TODAY, paths: list[str] | None = None) -> list[Diagnostic]:
    return run(load(root), today, paths).diagnostics


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def line_of(root: Path, path: str, needle: str) -> int:
    """1-based line of the first line in `path` containing `needle`."""
    for number, line in enumerate((root / path).read_text("utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def parse_document(relative: str, data: bytes) -> Document:
    """A Document from a file's bytes, without a repository on disk (for property tests)."""
    found, held = read(data)
    return document_from(relative, found, held, digest(data))


def unwrapped(page: str) -> str:
    """A site page without the spans that keep each date on one line (to read its words)."""
    return re.sub(r'<span class="nowrap">([^<]*)</span>', r"\1", page)


BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str) -> Any:
    """bench/NAME.py as a module (bench/ is scripts, not a package), registered as bench_NAME
    (dataclasses in it look their module up by name)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bench_{name}"] = module
    spec.loader.exec_module(module)
    return module
