"""The HTML årsrapport escapes everything a repository says (a stored-XSS regression test)."""

from __future__ import annotations

import subprocess

import pytest

from helpers import CONFIG, RUT, base, init_git, write_repo
from leaks import scripts_in
from samverkan_cli.cli import main

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "<a href=javascript:alert(4)>x</a>",
)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_everywhere_in_the_report_is_escaped(capsys, tmp_path, payload):
    config = {**CONFIG, "namn": f"Län {payload}"}
    config["parter"] = {**CONFIG["parter"], "kommun-a": {"namn": f"A {payload}", "typ": "kommun"}}
    documents = base()
    documents[RUT]["titel"] = f"Rutin {payload}"
    documents["grupper/bg.md"]["titel"] = f"Grupp {payload}"
    documents["dokument/overenskommelser/OVK-0001-psykisk-halsa.md"]["dokumentansvarig"] = payload
    root = write_repo(tmp_path / "lan", documents, config)
    init_git(root)
    (root / RUT).write_text((root / RUT).read_text("utf-8") + "\nÄndrad.\n", "utf-8")
    env = {"GIT_AUTHOR_NAME": payload, "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(root)}
    subprocess.run(["git", "commit", "-qam", f"Ändring {payload}"], cwd=root, env=env, check=True)
    out = tmp_path / "rapport.html"
    code = main(
        [
            "report",
            "-C",
            str(root),
            "--year",
            "2026",
            "--format",
            "html",
            "--out",
            str(out),
            "--today",
            "2026-12-01",
        ]
    )
    capsys.readouterr()
    assert code in (0, 1)
    html = out.read_text("utf-8")
    assert scripts_in(html) == []
    assert payload not in html
    assert "Rutin &" in html
