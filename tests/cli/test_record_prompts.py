"""`record` in a terminal asks for what the command lacks, with the document's own choices, and
for what it may carry (an avslag typed in must not be written as antagen). Run in a
pseudo-terminal, as a user meets it."""

from __future__ import annotations

import shutil

import pytest

from samverkan_cli.scaffold.init import TEMPLATE
from terminal import in_terminal

pty = pytest.importorskip("pty")

OVK5 = "dokument/overenskommelser/OVK-0005-vald-i-nara-relationer.md"


def test_a_position_asked_for_in_a_terminal_keeps_its_outcome(tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    output, code = in_terminal(
        ["record", "stallningstagande", "OVK-0005", "--today", "2026-11-24"],
        root,
        [
            (b"Part (nyckeln ovan)", b"solleftea\r"),
            (b"Instans som beslutade", b"KS\r"),
            (b"Datum", b"2026-11-20\r"),
            (b"Utfall", b"avslagen\r"),
            (b"Paragraf", "§ 77\r".encode()),
        ],
    )
    assert code in (0, 1), output
    # the parties still to decide are marked; one that has decided is not
    assert "Sollefteå kommun (solleftea)  (har inte tagit ställning)" in output
    assert "Sundsvalls kommun (sundsvall)  (har" not in output
    text = (root / OVK5).read_text("utf-8")
    assert (
        '  - {part: solleftea, instans: KS, datum: 2026-11-20, paragraf: "§ 77", utfall: avslagen}\n'
        in text
    )
