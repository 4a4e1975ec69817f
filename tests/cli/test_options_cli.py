"""Options every user meets: --debug after the command, web addresses, --status spelled freely."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from helpers import write_repo
from samverkan_cli.cli import main

TODAY = ["--today", "2026-06-15"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def root(tmp_path) -> Path:
    return write_repo(tmp_path / "lan")


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["list"],
        ["schema"],
        ["report", "--year", "2026"],
        ["new", "riktlinje", "--titel", "R", "--dry-run"],
        ["publish", "--out", "PLATS"],
    ],
    ids=lambda args: args[0],
)
def test_debug_is_accepted_after_the_command_name(capsys, root, tmp_path, monkeypatch, args):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    args = [str(tmp_path / "ut") if a == "PLATS" else a for a in args]
    code, out, err = run(capsys, *args, "--debug", "-C", str(root), *TODAY)
    assert code == 0, err
    assert "Traceback" not in err and "Okänd flagga" not in err
    assert out


def test_init_takes_debug_after_its_name(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "ny"), "--debug", "--dry-run")
    assert code == 0, err


def test_debug_after_the_command_shows_the_traceback_of_an_internal_error(
    capsys, root, monkeypatch
):
    import samverkan_cli.validate as validate_module

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_module, "run_cached", explode)
    code, _, err = run(capsys, "validate", "-C", str(root), "--debug")
    assert code == 3
    assert "Traceback" in err and "RuntimeError: boom" in err


def test_the_help_of_a_command_offers_debug(capsys):
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0 and "--debug" in out


BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)//{path}",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "file:///etc/passwd",
    "//ond.example/",
    "/samverkan/",
    "https://",
    "https://exempel.se/ a",
    "https://exempel.se/\x1b[31m",
    "http://[::1",
]


@pytest.mark.parametrize("flag", ["--base-url", "--source-url"])
@pytest.mark.parametrize("url", BAD_URLS)
def test_publish_accepts_only_http_addresses(capsys, root, tmp_path, flag, url):
    out = tmp_path / "ut"
    code, _, err = run(capsys, "publish", "-C", str(root), "--out", str(out), flag, url, *TODAY)
    assert code == 2
    assert f"Fel: {flag} ska vara en webbadress som börjar med https:// eller http://" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("flag", "gist"),
    [
        ("--source-url", "(då länkar varje sida till en kopia av källfilen i kalla/)"),
        ("--base-url", "(då får kalendern och flödet inga absoluta länkar)"),
    ],
)
def test_an_empty_address_is_a_usage_error(capsys, root, tmp_path, flag, gist):
    out = tmp_path / "ut"
    code, _, err = run(capsys, "publish", "-C", str(root), "--out", str(out), flag, "", *TODAY)
    assert code == 2
    assert f"Fel: {flag} är tom. Ange en adress som börjar med https://" in err and gist in err
    assert not out.exists()


def test_publish_with_http_addresses(capsys, root, tmp_path):
    out = tmp_path / "ut"
    code, _, err = run(
        capsys,
        "publish",
        "-C",
        str(root),
        "--out",
        str(out),
        "--base-url",
        "https://samverkan.example.se/lan/",
        "--source-url",
        "http://git.example.se/arkiv/blob/main/{path}",
        *TODAY,
    )
    assert code == 0, err
    page = (out / "dokument" / "RUT-0001.html").read_text("utf-8")
    assert "http://git.example.se/arkiv/blob/main/dokument/rutiner/RUT-0001-sip.md" in page
    assert "https://samverkan.example.se/lan/dokument/RUT-0001.html" in (
        out / "atom.xml"
    ).read_text("utf-8")


@pytest.mark.parametrize("url", ["javascript:alert(1)", ""])
def test_report_site_url_is_an_http_address(capsys, root, url):
    code, out, err = run(capsys, "report", "--year", "2026", "-C", str(root), "--site-url", url)
    assert code == 2 and out == ""
    assert "Fel: --site-url " in err


@pytest.mark.parametrize("spelled", ["Beslutad", "BESLUTAD", " beslutad ", "beslutad"])
def test_list_status_folds_case_as_typ_does(capsys, root, spelled):
    expected = run(capsys, "list", "--status", "beslutad", "-f", "json", "-C", str(root), *TODAY)
    code, out, err = run(capsys, "list", "--status", spelled, "-f", "json", "-C", str(root), *TODAY)
    assert code == 0, err
    assert (code, out) == expected[:2]
    assert "RUT-0001" in out


@pytest.mark.parametrize("spelled", ["Upphävd", "UPPHÄVD", "upphavd"])
def test_list_status_takes_the_swedish_spelling_in_any_case(capsys, root, spelled):
    code, _, err = run(capsys, "list", "--status", spelled, "-C", str(root), *TODAY)
    assert code == 0, err


def test_an_unknown_status_is_still_refused(capsys, root):
    code, _, err = run(capsys, "list", "--status", "Gällande", "-C", str(root), *TODAY)
    assert code == 2
    assert "Okänd status 'Gällande'. Välj en av: utkast, remiss, antagande, beslutad" in err
