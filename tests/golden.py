"""Golden files: rendered output compared byte for byte; `pytest --update-golden` rewrites them."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check(request, name: str, text: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.is_file(), (
        f"{path} is missing: run `make golden` (pytest --update-golden) and review it"
    )
    assert text == path.read_text("utf-8"), (
        f"{name} differs from the golden file: review, then `make golden`"
    )
