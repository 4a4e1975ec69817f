"""`publish --pdf` (SPEC §8.10): a PDF beside each public document's page, linked from it,
remade only when its inputs change, and never one for a hidden document, a draft, a group or
a meeting record."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import RUT, base, bench_module, write_repo
from pdfread import Read
from samverkan_cli.cli import main

pytest.importorskip("typst")

TODAY = ["--today", "2026-06-15"]
HIDDEN = "dokument/rutiner/RUT-0009-hemlig.md"
DRAFT = "dokument/rutiner/RUT-0008-utkast.md"
HIDDEN_TITLE = "Hemlig personalrutin"
DRAFT_TITLE = "Utkast till rutin som inte är beslutad"


def _rutin(document_id: str, title: str, **more: object) -> dict[str, object]:
    return {
        "id": document_id,
        "typ": "rutin",
        "titel": title,
        "status": "beslutad",
        "overordnad": "OVK-0001",
        "dokumentansvarig": "Samordnare",
        "faststalld": {"av": "bg", "datum": "2026-03-01"},
        "giltig_fran": "2026-03-01",
        **more,
    }


@pytest.fixture
def county(tmp_path) -> Path:
    documents = base()
    documents[HIDDEN] = _rutin("RUT-0009", HIDDEN_TITLE, publicera=False)
    documents[DRAFT] = _rutin("RUT-0008", DRAFT_TITLE, status="utkast")
    documents[RUT] |= {"relaterade": ["RUT-0009", "RUT-0008", "OVK-0001"]}
    return write_repo(tmp_path / "lan", documents)


def publish(root: Path, out: Path, *more: str) -> int:
    return main(["publish", "-C", str(root), "--out", str(out), *TODAY, *more])


def pdfs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))


def test_each_public_document_gets_a_pdf_linked_from_its_page(county, tmp_path, capsys):
    out = tmp_path / "site"
    assert publish(county, out, "--pdf", "--include-drafts") == 0
    assert "och 3 PDF-filer" in capsys.readouterr().out
    # No group (bg), no meeting record, no hidden document, no draft: documents only.
    assert pdfs(out) == ["dokument/HOK-0001.pdf", "dokument/OVK-0001.pdf", "dokument/RUT-0001.pdf"]
    page = (out / "dokument/OVK-0001.html").read_text("utf-8")
    assert '<a href="../dokument/OVK-0001.pdf">Ladda ned som PDF</a>' in page
    assert (out / "dokument/RUT-0008.html").exists()  # the draft has a page (--include-drafts)
    assert "Ladda ned som PDF" not in (out / "dokument/RUT-0008.html").read_text("utf-8")
    read = Read.of(out / "dokument/OVK-0001.pdf")
    assert read.info_title == "OVK-0001 Överenskommelse psykisk funktionsnedsättning"
    assert read.marked and read.lang == "sv-SE"


def test_no_pdf_names_a_hidden_document_or_a_draft(county, tmp_path):
    out = tmp_path / "site"
    assert publish(county, out, "--pdf") == 0
    texts = {path: Read.of(out / path).text() for path in pdfs(out)}
    assert "RUT-0001 Rutin för SIP" not in texts["dokument/RUT-0001.pdf"]  # not itself
    routine = " ".join(texts["dokument/RUT-0001.pdf"].split())
    assert "OVK-0001 Överenskommelse psykisk funktionsnedsättning" in routine  # a shown one
    assert "Beredningsgruppen" in routine  # fastställd av, by its name
    for path, text in texts.items():
        for secret in ("RUT-0009", HIDDEN_TITLE, "RUT-0008", DRAFT_TITLE):
            assert secret not in text, (path, secret)


def test_a_pdf_is_remade_only_when_its_inputs_change_and_removed_with_its_document(
    county, tmp_path, capsys
):
    out = tmp_path / "site"
    assert publish(county, out, "--pdf") == 0
    routine, agreement = out / "dokument/RUT-0001.pdf", out / "dokument/OVK-0001.pdf"
    before = {
        p: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in (routine, agreement)
    }
    capsys.readouterr()
    assert publish(county, out, "--pdf") == 0
    assert "(0 filer skrivna, 0 borttagna)" in capsys.readouterr().out
    for path, (mtime, inode, _data) in before.items():
        assert (path.stat().st_mtime_ns, path.stat().st_ino) == (mtime, inode)

    text = (county / RUT).read_text("utf-8")
    (county / RUT).write_text(text + "\nEtt nytt stycke om kontaktvägar.\n", encoding="utf-8")
    info = (county / RUT).stat()
    os.utime(county / RUT, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    assert publish(county, out, "--pdf") == 0
    assert "Ett nytt stycke om kontaktvägar." in Read.of(routine).text()
    assert agreement.stat().st_ino == before[agreement][1]  # the other PDF is left alone

    text = (county / RUT).read_text("utf-8")
    (county / RUT).write_text(text.replace("id: RUT-0001", "id: RUT-0001\npublicera: false"))
    assert publish(county, out, "--pdf") == 0
    assert not routine.exists()
    assert agreement.exists()


def test_publish_without_pdf_writes_none_and_removes_those_it_wrote(county, tmp_path):
    out = tmp_path / "site"
    assert publish(county, out, "--pdf") == 0
    assert pdfs(out)
    assert publish(county, out) == 0
    assert pdfs(out) == []
    assert "Ladda ned som PDF" not in (out / "dokument/OVK-0001.html").read_text("utf-8")


def test_publish_without_pdf_does_not_import_the_pdf_library(county, tmp_path):
    code = (
        "import sys\nfrom samverkan_cli.cli import main\n"
        f"code = main(['publish', '-C', {str(county)!r}, '--out', {str(tmp_path / 's')!r}, "
        "'--today', '2026-06-15'])\n"
        "print(code, 'typst' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.stdout.strip().splitlines()[-1] == "0 False"
    assert list((tmp_path / "s").rglob("*.pdf")) == []


def test_the_pdfs_of_a_site_are_the_same_bytes_each_time(county, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")
    first, second = tmp_path / "a", tmp_path / "b"
    assert publish(county, first, "--pdf") == 0
    assert publish(county, second, "--pdf") == 0
    for path in pdfs(first):
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


def test_a_local_pdf_of_a_hidden_document_is_the_users_own(county, tmp_path):
    out = tmp_path / "hemlig.pdf"
    assert main(["pdf", "RUT-0009", "-C", str(county), *TODAY, "--out", str(out)]) == 0
    assert HIDDEN_TITLE in Read.of(out).text()


def test_an_agreement_pdf_on_the_site_has_its_signatures_in_the_facts(county, tmp_path):
    out = tmp_path / "site"
    assert publish(county, out, "--pdf") == 0
    text = " ".join(Read.of(out / "dokument/OVK-0001.pdf").text().split())
    assert "A Exempel, Regiondirektör, Region Norr, 2026-02-01" in text


def test_publish_replaces_what_the_fonts_lack_and_warns_once(county, tmp_path, capsys):
    text = (county / RUT).read_text("utf-8")
    (county / RUT).write_text(text + "\nKontakt via chatt 💬 eller 电话.\n", encoding="utf-8")
    out = tmp_path / "site"
    assert publish(county, out, "--pdf") == 0
    err = capsys.readouterr().err
    assert err.count("Varning: PDF-filens typsnitt saknar") == 1
    assert "i dokument/RUT-0001.pdf: U+7535 电, U+8BDD 话, U+1F4AC 💬" in err
    assert "Kontakt via chatt □ eller □□." in Read.of(out / "dokument/RUT-0001.pdf").text()
    assert "💬" in (out / "dokument/RUT-0001.html").read_text("utf-8")  # the page keeps it


def test_a_pdf_that_fails_leaves_the_published_site_as_it_was(county, tmp_path, monkeypatch):
    from samverkan_cli.pdf import engine

    out = tmp_path / "site"
    assert publish(county, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    text = (county / RUT).read_text("utf-8")
    changed = text.replace("titel: Rutin för SIP", "titel: Rutin för SIP, ny")
    assert changed != text  # the lists change too, and are written before any page
    (county / RUT).write_text(changed + "\nEtt nytt stycke.\n", encoding="utf-8")

    def refused(*_args: object, **_kwargs: object) -> engine.Printed:
        raise engine.PdfFailed("PDF-filen kunde inte sättas (prov).")

    monkeypatch.setattr(engine, "compile_pdf", refused)
    assert publish(county, out, "--pdf") == 3
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def _publish_in_workers(root: Path, out: Path, refuse: bool = False) -> int:
    """`publish --pdf` in a fresh process with every PDF made in worker processes: only a
    process in which Typst has not yet compiled can fork them (this one has)."""
    script = f"""
import sys
from samverkan_cli.site import write
from samverkan_cli.pdf import engine
write.PRINT_PARALLEL_FROM = 1
if {refuse!r}:
    def refused(*_args, **_kwargs):
        raise engine.PdfFailed("PDF-filen kunde inte sättas (prov).")
    engine.compile_pdf = refused  # set before the fork: the workers have it too
from samverkan_cli.cli import main
sys.exit(main(sys.argv[1:]))
"""
    command = [sys.executable, "-c", script, "publish", "-C", str(root), "--out", str(out)]
    environment = {**os.environ, "SAMVERKAN_NO_CACHE": "1"}
    done = subprocess.run(
        [*command, *TODAY, "--pdf"], env=environment, capture_output=True, timeout=300
    )
    return done.returncode


needs_workers = pytest.mark.skipif(
    not __import__("samverkan_cli.parallel").parallel.available(),
    reason="no fork or one core: PDFs are made in process here",
)


@needs_workers
def test_pdfs_made_in_worker_processes_are_the_ones_made_in_one(county, tmp_path, monkeypatch):
    text = (county / RUT).read_text("utf-8")
    (county / RUT).write_text(text + "\nKontakt via chatt 💬.\n", encoding="utf-8")
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")
    spread, alone = tmp_path / "a", tmp_path / "b"
    assert _publish_in_workers(county, spread) == 0
    assert publish(county, alone, "--pdf") == 0
    assert pdfs(spread) == pdfs(alone) and len(pdfs(alone)) >= 3
    for path in pdfs(alone):
        assert (spread / path).read_bytes() == (alone / path).read_bytes(), path


@needs_workers
def test_a_pdf_that_fails_in_a_worker_leaves_the_site_as_it_was(county, tmp_path):
    out = tmp_path / "site"
    assert publish(county, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert _publish_in_workers(county, out, refuse=True) == 3
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_after_a_compile_here_pdfs_are_made_in_process(county, tmp_path, monkeypatch):
    """A fork after Typst has compiled hangs in the child: then the PDFs are made here."""
    from samverkan_cli import parallel
    from samverkan_cli.pdf import engine
    from samverkan_cli.site import write

    monkeypatch.setattr(engine, "_compiled_here", False)
    monkeypatch.setattr(write, "PRINT_PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "available", lambda: True)
    engine.compile_pdf({"title": "Prov", "header": None, "blocks": []})
    assert not engine.forkable()

    def no_fork(*_args: object) -> None:
        raise AssertionError("forked after a compile")

    monkeypatch.setattr(parallel, "forked_map", no_fork)
    assert publish(county, tmp_path / "site", "--pdf") == 0
    assert len(pdfs(tmp_path / "site")) >= 3


def test_sigterm_midway_leaves_no_temporary_folder_and_the_site_as_it_was(tmp_path):
    """SIGTERM (a CI timeout, `kill`) ended the run at once, leaving the PDFs made so far in
    the temporary folder; now it stops as Ctrl-C does: "Avbrutet.", 130, all removed."""
    import signal
    import time

    root, out, temporary = tmp_path / "lan", tmp_path / "site", tmp_path / "tmp"
    bench_module("generate").generate(80, root)
    temporary.mkdir()
    assert publish(root, out) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    environment = {**os.environ, "TMPDIR": str(temporary), "SAMVERKAN_NO_CACHE": "1"}
    command = [sys.executable, "-m", "samverkan_cli", "publish", "-C", str(root)]
    running = subprocess.Popen(
        [*command, "--out", str(out), *TODAY, "--pdf"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(temporary.rglob("*.pdf")) and running.poll() is None:
        assert time.monotonic() < deadline, "no PDF was made"
        time.sleep(0.02)
    running.send_signal(signal.SIGTERM)
    _out, err = running.communicate(timeout=60)
    assert running.returncode == 130, err
    assert "Avbrutet." in err and "Traceback" not in err
    assert list(temporary.iterdir()) == []
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
