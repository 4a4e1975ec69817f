"""`samverkan fix`: only the safe mechanical fixes, each shown, nothing else touched (§8.7)."""

from __future__ import annotations

import subprocess

from typer.testing import CliRunner

from helpers import BG, OVK, RUT, base, codes, front_matter, validate, write_repo
from samverkan_cli.cli.app import app


def _fix(root, *args):
    result = CliRunner().invoke(app, ["fix", "-C", str(root), "--today", "2026-06-15", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _swedish_keys(tmp_path):
    documents = base()
    rutin = documents[RUT]
    text = (
        front_matter(rutin)
        .replace("faststalld:", "fastställd:")
        .replace("giltig_fran:", "giltig_från:")
    )
    documents[RUT] = text + "Brödtext med fastställd: kvar som den är.\n"
    return write_repo(tmp_path, documents)


def test_field_names_with_swedish_letters_are_rewritten_in_place(tmp_path):
    root = _swedish_keys(tmp_path)
    before = (root / RUT).read_text("utf-8")
    assert codes(validate(root)).count("SV002") == 2
    output = _fix(root)
    assert "-giltig_från:" in output and "+giltig_fran:" in output
    after = (root / RUT).read_text("utf-8")
    # the keys in the front matter (which comes first), not the words in the body
    assert after == before.replace("fastställd:", "faststalld:", 1).replace(
        "giltig_från:", "giltig_fran:", 1
    )
    assert "Brödtext med fastställd: kvar" in after
    assert validate(root) == []


def test_dry_run_writes_nothing(tmp_path):
    root = _swedish_keys(tmp_path)
    before = (root / RUT).read_bytes()
    output = _fix(root, "--dry-run")
    assert "+faststalld" in output and "(--dry-run: inget skrevs)" in output
    assert (root / RUT).read_bytes() == before


def test_the_missing_half_of_a_supersession(tmp_path):
    documents = base()
    old = {**documents[OVK], "id": "OVK-0002", "titel": "Gammal", "status": "upphavd"}
    old.update(upphavd_datum="2026-02-01", ersatt_av="OVK-0001", status="ersatt")
    documents["dokument/overenskommelser/OVK-0002-gammal.md"] = old
    root = write_repo(tmp_path, documents)
    assert "SV015" in codes(validate(root))
    output = _fix(root)
    assert "+ersatter:" in output
    assert "SV015" not in codes(validate(root))


def test_the_other_half_the_old_documents_status(tmp_path):
    documents = base()
    old = {**documents[OVK], "id": "OVK-0002", "titel": "Gammal"}
    documents["dokument/overenskommelser/OVK-0002-gammal.md"] = old
    documents[OVK] = {**documents[OVK], "ersatter": ["OVK-0002"]}
    root = write_repo(tmp_path, documents)
    _fix(root)
    text = (root / "dokument/overenskommelser/OVK-0002-gammal.md").read_text("utf-8")
    assert "status: ersatt" in text and "ersatt_av: OVK-0001" in text
    assert "upphavd_datum: 2026-02-01" in text  # the new one's giltig_fran
    assert "SV015" not in codes(validate(root))


def test_a_file_name_is_fixed_with_git_mv_and_never_over_a_file(tmp_path):
    documents = base()
    documents["dokument/rutiner/sip.md"] = documents.pop(RUT)
    root = write_repo(tmp_path, documents, git=True)
    output = _fix(root)
    assert (
        "Byter namn: dokument/rutiner/sip.md → dokument/rutiner/RUT-0001-rutin-for-sip.md" in output
    )
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--short"], capture_output=True, text=True, check=True
    ).stdout
    assert status.startswith("R ")  # staged as a rename: history follows the file
    assert (root / "dokument/rutiner/RUT-0001-rutin-for-sip.md").is_file()


def test_nothing_to_fix_says_so(tmp_path):
    root = write_repo(tmp_path)
    assert "Inget att rätta mekaniskt" in _fix(root)


def test_a_swedish_spelling_beside_the_plain_one_is_left_to_a_person(tmp_path):
    documents = base()
    text = front_matter(documents[RUT]).replace(
        "faststalld:", "fastställd: {av: bg, datum: '2020-01-01'}\nfaststalld:", 1
    )
    documents[RUT] = text
    root = write_repo(tmp_path, documents)
    before = (root / RUT).read_bytes()
    output = _fix(root)
    assert "rättas inte, eftersom fältet redan står i filen med rätt stavning" in output
    assert (root / RUT).read_bytes() == before


def test_an_ersatt_document_without_its_end_gets_the_new_ones_first_day(tmp_path):
    documents = base()
    old = {**documents[OVK], "id": "OVK-0002", "titel": "Gammal", "status": "ersatt"}
    old["ersatt_av"] = "OVK-0001"
    documents["dokument/overenskommelser/OVK-0002-gammal.md"] = old
    documents[OVK] = {**documents[OVK], "ersatter": ["OVK-0002"]}
    root = write_repo(tmp_path, documents)
    _fix(root)
    text = (root / "dokument/overenskommelser/OVK-0002-gammal.md").read_text("utf-8")
    assert "upphavd_datum: 2026-02-01" in text
    assert [d for d in validate(root) if "OVK-0002" in d.path] == []


def test_a_read_only_file_is_not_fixed(tmp_path):
    root = _swedish_keys(tmp_path)
    target = root / RUT
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        output = _fix(root)
    finally:
        target.chmod(0o644)
    assert f"{RUT} är skrivskyddad, så inget ändrades." in output
    assert "+faststalld" not in output
    assert target.read_bytes() == before


def test_what_is_left_is_told_for_the_paths_asked_about_only(tmp_path):
    documents = base()
    documents[RUT] = front_matter(documents[RUT]).replace("faststalld:", "fastställd:")
    documents[OVK]["status"] = "ersatt"  # SV015 elsewhere: not this run's business
    root = write_repo(tmp_path, documents)
    output = _fix(root, RUT)
    assert "+faststalld" in output
    assert OVK not in output


def test_one_spelling_beside_the_plain_one_leaves_the_others_to_be_fixed(tmp_path):
    documents = base()
    text = front_matter(documents[RUT]).replace(
        "faststalld:", "fastställd: {av: bg, datum: '2020-01-01'}\nfaststalld:", 1
    )
    text = text.replace("giltig_fran:", "giltig_från:", 1)
    documents[RUT] = text
    root = write_repo(tmp_path, documents)
    output = _fix(root)
    assert f"{RUT}: 'fastställd' rättas inte, eftersom fältet redan står i filen" in output
    after = (root / RUT).read_text("utf-8")
    assert "giltig_fran:" in after and "giltig_från:" not in after
    assert "fastställd: {av: bg" in after


def test_a_file_name_that_is_taken_is_said(tmp_path):
    documents = base()
    documents["dokument/rutiner/sip.md"] = documents.pop(RUT)
    root = write_repo(tmp_path, documents)
    taken = root / "dokument/rutiner/RUT-0001-rutin-for-sip.md"
    taken.write_text("Ingen front matter här.\n", "utf-8")
    output = _fix(root)
    assert (
        "dokument/rutiner/sip.md byter inte namn till dokument/rutiner/RUT-0001-rutin-for-sip.md, "
        "eftersom det finns en fil med det namnet." in output
    )
    assert (root / "dokument/rutiner/sip.md").is_file()
    assert taken.read_text("utf-8") == "Ingen front matter här.\n"


def test_keys_inside_a_misspelt_field_are_fixed_in_the_same_run(tmp_path):
    """validate reads the entries of `ordförandeskap` only once the field is spelt right; fix
    looks again in memory, so one run (and one diff) fixes the field and what is inside."""
    documents = base()
    documents[BG] = (
        front_matter(documents[BG])
        .replace("ordforandeskap:", "ordförandeskap:")
        .replace("ar: 2026", "år: 2026")
        .replace("ordforande:", "ordförande:")
    )
    root = write_repo(tmp_path, documents)
    before = (root / BG).read_text("utf-8")
    dry = _fix(root, "--dry-run")
    assert "+- ar: 2026" in dry and "+  ordforande:" in dry and "+ordforandeskap:" in dry
    assert (root / BG).read_text("utf-8") == before
    output = _fix(root)
    assert output.count(f"--- a/{BG}") == 1
    after = (root / BG).read_text("utf-8")
    assert after == before.replace("ordförandeskap:", "ordforandeskap:").replace(
        "år: 2026", "ar: 2026"
    ).replace("ordförande:", "ordforande:")
    assert validate(root) == []
