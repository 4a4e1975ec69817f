"""`samverkan avvikelser import` end to end (SPEC §8.6): counts per month, nothing else copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import validate, write_repo
from samverkan_cli.cli import main
from samverkan_cli.personnummer import find

MARKER = "HEMLIGMARKÖR-7731"
PNR = "19121212-1212"  # Skatteverket's test number: a valid personnummer
TITLE = "Överenskommelse psykisk funktionsnedsättning"  # OVK-0001's titel in the test repository


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["avvikelser", "import", *args, "-C", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "lan")


def _export(tmp_path: Path, text: str, name: str = "export.csv") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_free_text_and_personnummer_never_reach_the_written_files(capsys, root, tmp_path):
    assert list(find(PNR))  # the number is one the SV051 scanner recognises
    export = _export(
        tmp_path,
        "\ufeffDatum;Dokument;Part;Kategori;Beskrivning\n"
        f'2025-03-04 10:15;{TITLE};A KOMMUN;Fall;"{MARKER} {PNR} föll; ""citat""\nny rad"\n'
        f"2025-03-10T08:00:00;OVK-0001;kommun-b;Fall;{MARKER}\n"
        f"2025-03-11;{PNR};kommun-a;{PNR};{MARKER}\n"
        f"2025-04-01;OVK-0001;Okänd enhet;{MARKER} fritext som är mycket längre än en kategori "
        "brukar vara, med detaljer;x\n",
    )
    code, out, err = run(capsys, root, export)
    assert code == 0
    written = root / "avvikelser/2025.csv"
    assert written.read_text("utf-8") == (
        "period;dokument;antal;part;kategori\n"
        "2025-03;;1;kommun-a;\n"
        "2025-03;OVK-0001;1;kommun-a;Fall\n"
        "2025-03;OVK-0001;1;kommun-b;Fall\n"
        "2025-04;OVK-0001;1;;\n"
    )
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_bytes().decode("utf-8", "replace")
            assert MARKER not in text, path
            assert PNR not in text and "1212121212" not in text, path
    assert out == "Skrev avvikelser/2025.csv: 4 avvikelser under 2025-03–2025-04.\n"
    assert MARKER not in err and PNR not in err
    assert err.splitlines() == [
        "Obs: 1 rad (rad 5) har dokumentet (värdet visas inte: det ser ut som fritext eller "
        "innehåller ett personnummer), som inte är ett dokuments id eller exakta titel. Den "
        "räknades utan dokument; värdet skrevs inte till avvikelsefilen. Skriv dokumentets id "
        "(t.ex. OVK-0001) eller exakta titel i exporten.",
        "Obs: 1 rad (rad 6) har parten 'Okänd enhet', som inte är en parts nyckel eller namn i "
        "samverkan.yaml. "
        "Den räknades utan part; värdet skrevs inte till avvikelsefilen. Skriv partens nyckel "
        "eller namn (samverkan.yaml, parter:) i exporten.",
        "Obs: 2 rader (rad 5, 6) har en kategori som ser ut som fritext (över 60 tecken, eller "
        "med ett personnummer eller en formel). De räknades utan kategori; värdet skrevs inte "
        "till avvikelsefilen. Använd korta benämningar på kategorierna i exporten.",
    ]
    assert [d for d in validate(root) if d.code == "SV062"] == []


def test_months_in_the_export_replace_those_in_the_file_and_the_rest_stay(capsys, root, tmp_path):
    (root / "avvikelser").mkdir()
    (root / "avvikelser/2025.csv").write_text(
        "period;dokument;antal\n2025-01;OVK-0001;4\n2025-02;OVK-0001;9\n2025-Q4;HOK-0001;2\n",
        encoding="utf-8",
    )
    export = _export(
        tmp_path, "datum\tdokument\tanteckning\n2025-02-01\tOVK-0001\tx\n2025-02-27\tHOK-0001\ty\n"
    )
    code, out, err = run(capsys, root, export)
    assert (code, err) == (0, "")
    assert (root / "avvikelser/2025.csv").read_text("utf-8") == (
        "period;dokument;antal\n"
        "2025-01;OVK-0001;4\n"
        "2025-02;HOK-0001;1\n"
        "2025-02;OVK-0001;1\n"
        "2025-Q4;HOK-0001;2\n"
    )
    assert out == "Skrev avvikelser/2025.csv: 2 avvikelser under 2025-02.\n"


def test_each_year_gets_its_own_file_and_dry_run_writes_nothing(capsys, root, tmp_path):
    export = _export(
        tmp_path,
        "Händelse,Rutin\n2024-12-31,OVK-0001\n2025-01-01,OVK-0001\n",
    )
    code, out, _ = run(
        capsys, root, export, "--kolumner", "datum=Händelse,dokument=Rutin", "--dry-run"
    )
    assert code == 0
    assert out == (
        "Skulle skriva avvikelser/2024.csv: 1 avvikelse under 2024-12.\n"
        "Skulle skriva avvikelser/2025.csv: 1 avvikelse under 2025-01.\n"
    )
    assert not (root / "avvikelser").exists()
    run(capsys, root, export, "--kolumner", "datum=Händelse,dokument=Rutin")
    assert (root / "avvikelser/2024.csv").read_text("utf-8") == (
        "period;dokument;antal\n2024-12;OVK-0001;1\n"
    )


def test_a_missing_column_is_bad_usage_naming_the_columns_there_are(capsys, root, tmp_path):
    export = _export(tmp_path, "Datum;Rutin\n2025-01-01;OVK-0001\n")
    code, _, err = run(capsys, root, export)
    assert code == 2
    assert (
        "Exportfilen har ingen kolumn 'dokument' (för dokument). Kolumnerna i rubrikraden är: "
        "datum, rutin. Ange rätt kolumn med --kolumner dokument=NAMN." in err
    )
    code, _, err = run(capsys, root, export, "--kolumner", "datum")
    assert code == 2
    assert "--kolumner: 'datum' går inte att läsa. Skriv ROLL=KOLUMN" in err
    assert not (root / "avvikelser").exists()


def test_an_export_that_is_not_utf8_or_a_broken_file_is_refused(capsys, root, tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        "datum;dokument;beskrivning\n2025-01-01;OVK-0001;Härnösand\n".encode("latin-1")
    )
    code, _, err = run(capsys, root, str(latin1))
    assert code == 2
    assert "Exportfilen är inte UTF-8." in err
    (root / "avvikelser").mkdir()
    (root / "avvikelser/2025.csv").write_text("period;dokument;antal\n2025-01;OVK-0001;-1\n")
    export = _export(tmp_path, "datum;dokument\n2025-02-01;OVK-0001\n")
    code, _, err = run(capsys, root, export)
    assert code == 2
    assert "avvikelser/2025.csv rad 2: Antalet är negativt (-1)." in err
    assert "inget skrevs." in err
    assert (
        root / "avvikelser/2025.csv"
    ).read_text() == "period;dokument;antal\n2025-01;OVK-0001;-1\n"


def test_the_deviation_folder_may_not_lead_out_of_the_repository(capsys, root, tmp_path):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (root / "avvikelser").symlink_to(outside)
    export = _export(tmp_path, "datum;dokument\n2025-02-01;OVK-0001\n")
    code, _, err = run(capsys, root, export)
    assert code == 2
    assert "skulle hamna utanför dokumentarkivet" in err
    assert list(outside.iterdir()) == []
