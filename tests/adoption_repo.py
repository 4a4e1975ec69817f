"""A county with one agreement under adoption, every party in a different state (tests' shared data)."""

from __future__ import annotations

from pathlib import Path

from helpers import CONFIG, base, write_repo

OVK5 = "dokument/overenskommelser/OVK-0005-vald.md"
PARTIES = {
    **CONFIG["parter"],
    "kommun-c": {"namn": "C kommun", "typ": "kommun"},
    "kommun-d": {"namn": "D kommun", "typ": "kommun"},
    "kommun-e": {"namn": "E kommun", "typ": "kommun"},
}
ADOPTION = {
    "id": "OVK-0005",
    "typ": "overenskommelse",
    "titel": "Överenskommelse om våld i nära relationer",
    "status": "antagande",
    "parter": ["region-norr", "kommun-a", "kommun-b", "kommun-c", "kommun-d", "kommun-e"],
    "malgrupp": "Vuxna och barn",
    "overordnad": "HOK-0001",
    "dokumentansvarig": "Regiondirektör",
    "antagande": {
        "rekommendation": {"instans": "Förbundets styrelse", "datum": "2026-02-01"},
        "svara_senast": "2026-04-30",
        "underskriftsordning": ["kommun", "region"],
    },
    "stallningstaganden": [
        {"part": "kommun-a", "instans": "KS", "datum": "2026-03-12", "paragraf": "§ 45"},
        {"part": "kommun-b", "instans": "KS", "datum": "2026-03-20", "utfall": "avslagen"},
        {"part": "kommun-c", "instans": "KF", "datum": "2026-04-02", "utfall": "aterremitterad"},
        {"part": "kommun-d", "instans": "KS", "datum": "2026-04-10", "utfall": "bordlagd"},
    ],
    "undertecknare": [
        {"part": "kommun-a", "namn": "A", "befattning": "Socialchef", "datum": "2026-03-20"}
    ],
}


def adoption_repo(root: Path, **changes: object) -> Path:
    documents = base()
    documents[OVK5] = {**ADOPTION, **changes}
    return write_repo(root, documents, {**CONFIG, "parter": PARTIES})
