"""A panic in markdown-it-pyrs falls back to markdown-it-py: no crash, no Rust message, same HTML."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import base, front_matter, write_repo
from samverkan_cli.cli import main
from samverkan_cli.loading import facts
from samverkan_cli.site import markdown

PANICS = ("[`", "x [ ` y", "[a`\n", "- [`\n", "# Rubrik [`\n")


def no_link(_href: str) -> None:
    return None


def test_known_panics_render_as_the_reference_does(capfd):
    for text in PANICS:
        assert markdown.render(text, no_link) == markdown.render_reference(text, no_link)
    assert "panicked" not in capfd.readouterr().err


def test_known_panics_in_headings(capfd):
    for text in PANICS:
        assert facts.headings(text, 1) == facts.reference_headings(text, 1)
    assert "panicked" not in capfd.readouterr().err


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()`*_#!<>&\\-: \nax1|~=", max_size=60))
def test_rendering_never_raises(text):
    assert isinstance(markdown.render(text, no_link), str)
    assert isinstance(facts.headings(text, 1), tuple)


def test_publish_and_validate_a_sip_mall_that_panics_the_fast_renderer(capfd, tmp_path):
    documents = base()
    documents["dokument/sip/SIP-0001-mall.md"] = front_matter(
        {
            "id": "SIP-0001",
            "typ": "sip-mall",
            "titel": "SIP-mall",
            "status": "utkast",
        },
        "# Behov [`\n\n# Mål\n\nText med [`trasig kod.\n",
    )
    documents["dokument/rutiner/RUT-0001-sip.md"] = front_matter(
        dict(documents.pop("dokument/rutiner/RUT-0001-sip.md")), "# Rutin\n\nSe [`här.\n"
    )
    root = write_repo(tmp_path / "lan", documents)
    assert main(["validate", "-C", str(root), "--today", "2026-06-15"]) == 1  # SV050: sections
    assert (
        main(["publish", "-C", str(root), "--out", str(tmp_path / "ut"), "--today", "2026-06-15"])
        == 0
    )
    captured = capfd.readouterr()
    assert "panicked" not in captured.err and "Traceback" not in captured.err
    assert "<p>Se [`här.</p>" in (tmp_path / "ut/dokument/RUT-0001.html").read_text("utf-8")
