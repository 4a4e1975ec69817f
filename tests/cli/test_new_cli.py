"""`samverkan new`: every typ, with flags and with prompts; refusals leave the disk unchanged."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from samverkan_cli.cli import main

TODAY = "2026-11-24"


@pytest.fixture(scope="module")
def example_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mall") / "lan"
    assert main(["init", str(root), "--exempel"]) == 0
    return root


@pytest.fixture
def county(example_template, tmp_path) -> Path:
    import shutil

    target = tmp_path / "lan"
    shutil.copytree(example_template, target, symlinks=True)
    return target


def snapshot(root: Path, *, cache: bool = False) -> dict[str, bytes]:
    """The user's files (and the tool's git-ignored document cache when `cache`)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
        and ".git/" not in p.as_posix()
        and (cache or not p.relative_to(root).as_posix().startswith(".samverkan/"))
    }


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def errors_for(capsys, root: Path, path: str) -> list[dict]:
    _code, out, _ = run(capsys, "validate", "-C", str(root), path, "-f", "json", "--today", TODAY)
    return [d for d in json.loads(out)["diagnostics"] if d["severity"] == "error"]


CASES = [
    (
        "avtal",
        ["--titel", "Avtal om hemsjukvård", "--part", "region-vasternorrland", "--part", "ange"],
        "dokument/avtal/AVT-0002-avtal-om-hemsjukvard.md",
    ),
    (
        "huvudoverenskommelse",
        [
            "--titel",
            "Ny huvudöverenskommelse",
            "--part",
            "region-vasternorrland",
            "--part",
            "kommunforbundet",
            "--part",
            "timra",
        ],
        "dokument/huvudoverenskommelser/HOK-0002-ny-huvudoverenskommelse.md",
    ),
    (
        "överenskommelse",
        [
            "--titel",
            "Överenskommelse om äldre",
            "--part",
            "region-vasternorrland",
            "--part",
            "kramfors",
        ],
        "dokument/overenskommelser/OVK-0006-overenskommelse-om-aldre.md",
    ),
    (
        "rutin",
        ["--titel", "Rutin för läkemedel", "--overordnad", "OVK-0001"],
        "dokument/rutiner/RUT-0005-rutin-for-lakemedel.md",
    ),
    (
        "behandlingslinje",
        ["--titel", "Behandlingslinje ätstörning", "--overordnad", "OVK-0001"],
        "dokument/behandlingslinjer/BHL-0002-behandlingslinje-atstorning.md",
    ),
    (
        "riktlinje",
        ["--titel", "Riktlinje för hjälpmedel"],
        "dokument/riktlinjer/RIK-0002-riktlinje-for-hjalpmedel.md",
    ),
    (
        "projekt",
        ["--titel", "Projekt Trygg hemgång", "--grupp", "bg", "--datum", "2027-01-01"],
        "dokument/projekt/PRJ-0002-projekt-trygg-hemgang.md",
    ),
    ("sip-mall", ["--titel", "SIP-mall för barn"], "dokument/sip/SIP-0002-sip-mall-for-barn.md"),
    (
        "handlingsplan",
        ["--titel", "Handlingsplan 2027", "--grupp", "social-reko", "--datum", "2027-01-01"],
        "dokument/handlingsplaner/HPL-0002-handlingsplan-2027.md",
    ),
    (
        "grupp",
        ["--titel", "Länssamverkansgrupp äldre", "--grupp", "bg"],
        "grupper/lanssamverkansgrupp-aldre.md",
    ),
    ("möte", ["--grupp", "bg", "--datum", "2027-02-09"], "moten/2027/2027-02-09-bg.md"),
]


@pytest.mark.parametrize(("typ", "flags", "path"), CASES, ids=[c[0] for c in CASES])
def test_new_with_flags_creates_a_valid_document(capsys, county, typ, flags, path):
    code, out, err = run(capsys, "new", typ, *flags, "-C", str(county), "--today", TODAY)
    assert code == 0, err
    assert out.strip().endswith(path)
    text = (county / path).read_text("utf-8")
    assert "status: utkast" in text or typ == "möte"
    assert errors_for(capsys, county, path) == []


def test_templates_have_the_expected_headings(capsys, county):
    run(
        capsys,
        "new",
        "avtal",
        "--titel",
        "A",
        "--part",
        "ange",
        "--part",
        "timra",
        "-C",
        str(county),
    )
    text = next((county / "dokument/avtal").glob("AVT-0002-*.md")).read_text("utf-8")
    for heading in (
        "Parter",
        "Syfte",
        "Åtaganden",
        "Ekonomi",
        "Giltighetstid",
        "Omförhandling och uppsägning",
        "Tvist",
    ):
        assert f"\n## {heading}\n" in text
    assert "- Ånge kommun" in text and "#   - {part: ange, namn: …" in text


def test_dry_run_writes_nothing(capsys, county):
    before = snapshot(county, cache=True)
    code, out, _ = run(
        capsys,
        "new",
        "rutin",
        "--titel",
        "R",
        "--overordnad",
        "OVK-0001",
        "--dry-run",
        "-C",
        str(county),
    )
    assert code == 0
    assert out.startswith("Skulle skapa dokument/rutiner/RUT-0005-r.md:")
    assert "## Arbetsgång" in out
    assert snapshot(county, cache=True) == before


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["new", "avtal", "--titel", "A", "--part", "ange"], "ange --part"),
        (["new", "rutin", "--titel", "R"], "ange --overordnad"),
        (["new", "mote"], "ange --grupp"),
        (["new", "rutin"], "ange --titel, --overordnad"),
        (["new", "policy", "--titel", "P"], "'policy' är ingen dokumenttyp"),
        (
            ["new", "avtal", "--titel", "A", "--part", "ange", "--part", "okand"],
            "Parten 'okand' finns inte",
        ),
        (
            ["new", "rutin", "--titel", "R", "--overordnad", "OVK-0099"],
            "inget dokument med id OVK-0099",
        ),
        (["new", "mote", "--grupp", "bg", "--datum", "2026-11-10"], "finns redan"),
        (["new", "grupp", "--titel", "BG"], "redan en grupp eller ett dokument med id 'bg'"),
        (["new", "mote", "--grupp", "bg", "--datum", "2026-13-01"], "--datum ska vara ett datum"),
    ],
)
def test_refusals_exit_2_and_leave_the_disk_unchanged(capsys, county, monkeypatch, args, gist):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    before = snapshot(county)
    code, _, err = run(capsys, *args, "-C", str(county), "--today", TODAY)
    assert code == 2
    assert gist in err
    assert "Traceback" not in err
    assert snapshot(county) == before


@pytest.mark.parametrize("title", ["..", ".", "/", "-", "___", "  ", "…", "--"])
@pytest.mark.parametrize("typ", ["grupp", "riktlinje"])
def test_a_title_without_letters_or_digits_is_refused(capsys, county, monkeypatch, typ, title):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    before = snapshot(county)
    code, out, err = run(capsys, "new", typ, "--titel", title, "-C", str(county))
    example = "Beredningsgruppen" if typ == "grupp" else "Samverkan kring äldre med stora behov"
    assert (code, out) == (2, "")
    assert err.startswith(
        f"Fel: Titeln '{title}' har inga bokstäver eller siffror. Ange en titel med bokstäver, "
        f't.ex. --titel "{example}".'
    )
    assert snapshot(county) == before


def test_a_group_title_without_letters_a_to_z_is_refused(capsys, county, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "new", "grupp", "--titel", "Ωμέγα", "-C", str(county))
    assert code == 2
    assert err.startswith("Fel: Titeln 'Ωμέγα' ger inget grupp-id: id:t bildas av titelns")
    assert "'dokument'" not in err


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["write", "dry-run"])
def test_a_file_where_the_years_folder_should_be_is_named(capsys, county, dry_run):
    root = county
    (root / "moten" / "2028").write_text("inte en mapp\n", encoding="utf-8")
    before = snapshot(root)
    args = ["new", "mote", "--grupp", "bg", "--datum", "2028-01-05", *dry_run, "-C", str(root)]
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err == (
        "Fel: moten/2028 är en fil, inte en mapp, så moten/2028/2028-01-05-bg.md kan inte skapas "
        "där. Inget skrevs; byt namn på eller flytta filen moten/2028 och försök igen.\n"
    )
    assert snapshot(root) == before


def test_swedish_grammar_in_messages(capsys, county, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    _, _, err = run(capsys, "new", "avtal", "-C", str(county))
    assert "för ett nytt avtal" in err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompts_in_a_terminal(capsys, county, monkeypatch):
    answers = "Överenskommelse om hemlöshet\nokand, ange\nregion-vasternorrland, ange\nVuxna i hemlöshet\n"
    monkeypatch.setattr(sys, "stdin", Terminal(answers))
    code, out, err = run(capsys, "new", "overenskommelse", "-C", str(county), "--today", TODAY)
    assert code == 0, err
    path = "dokument/overenskommelser/OVK-0006-overenskommelse-om-hemloshet.md"
    assert out.strip().endswith(path)
    text = (county / path).read_text("utf-8")
    assert "parter: [region-vasternorrland, ange]" in text
    assert 'malgrupp: "Vuxna i hemlöshet"' in text
    assert errors_for(capsys, county, path) == []


def test_prompt_for_parent_offers_allowed_documents(capsys, county, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("Rutin för hembesök\nRUT-0001\nOVK-0002\n"))
    code, out, err = run(capsys, "new", "rutin", "-C", str(county), "--today", TODAY)
    assert code == 0, err
    assert "OVK-0002" in (county / out.strip()).read_text("utf-8")
    # RUT-0001 is no allowed parent for a rutin, and the prompt says why and what is
    assert "En rutin kan inte vila på RUT-0001, som är en rutin" in out + err
    assert "t.ex. AVT-0001" in out + err


def test_repository_template_overrides_the_packaged_one(capsys, county):
    (county / "mallar" / "riktlinje.md.j2").write_text(
        "---\nid: {{ id }}\ntyp: riktlinje\ntitel: {{ titel | q }}\nstatus: utkast\n---\n# Länets egen mall\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "new", "riktlinje", "--titel", "Egen", "-C", str(county))
    assert code == 0
    assert (county / out.strip()).read_text("utf-8").endswith("# Länets egen mall\n")


def test_titles_with_quotes_and_colons_stay_valid_yaml(capsys, county):
    title = 'Rutin: "akut" samverkan # natt'
    code, out, _ = run(
        capsys, "new", "rutin", "--titel", title, "--overordnad", "OVK-0001", "-C", str(county)
    )
    assert code == 0
    path = out.strip()
    assert errors_for(capsys, county, path) == []
    from helpers import parse_document

    document = parse_document(path, (county / path).read_bytes())
    assert document.raw["titel"] == title


def test_a_parent_of_the_wrong_typ_is_refused_with_the_reason(capsys, county):
    before = snapshot(county)
    args = ["new", "rutin", "--titel", "Ny rutin", "--overordnad", "RUT-0001", "-C", str(county)]
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert "En rutin kan inte vila på RUT-0001, som är en rutin" in err
    assert snapshot(county) == before


def test_parties_are_taken_as_people_write_them(capsys, county):
    args = ["new", "overenskommelse", "--titel", "Ny", "--part", "REGION-VASTERNORRLAND"]
    code, out, err = run(capsys, *args, "--part", "Timrå kommun", "-C", str(county), "--dry-run")
    assert code == 0, err
    assert "parter: [region-vasternorrland, timra]" in out


def test_an_unknown_party_gets_the_nearest_and_the_list(capsys, county):
    code, _out, err = run(
        capsys,
        "new",
        "avtal",
        "--titel",
        "A",
        "--part",
        "sundsval",
        "--part",
        "ange",
        "-C",
        str(county),
    )
    assert code == 2
    assert "Menade du sundsvall?" in err and "timra (Timrå kommun)" in err


def test_the_prompt_takes_parties_in_any_case_and_says_why_it_refuses(capsys, county, monkeypatch):
    monkeypatch.setattr(
        sys,
        "stdin",
        Terminal(
            "Avtal om något\nsundsval, region-vasternorrland\nREGION-VASTERNORRLAND, Ånge kommun\n"
        ),
    )
    code, out, err = run(capsys, "new", "avtal", "-C", str(county), "--today", TODAY)
    assert code == 0, err
    assert "Menade du sundsvall?" in out + err
    assert "parter: [region-vasternorrland, ange]" in (county / out.strip()).read_text("utf-8")


def test_the_prompt_shows_a_parents_status_and_leaves_out_ended_ones(capsys, county, monkeypatch):
    candidates = sorted((county / "dokument/overenskommelser").glob("OVK-0002-*.md"))
    path = candidates[0]
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("status: beslutad", "status: upphavd\nupphavd_datum: 2026-01-01", 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "stdin", Terminal("Rutin för något\nOVK-0002\nOVK-0001\n"))
    code, out, err = run(capsys, "new", "rutin", "-C", str(county), "--today", TODAY)
    assert code == 0, err
    listed = [line for line in (out + err).splitlines() if line.startswith("  OVK-0002")]
    assert listed == []
    assert "OVK-0002 har status upphavd och gäller inte längre" in out + err


def test_a_type_misspelt_or_left_out_is_answered_with_the_types(capsys, county):
    code, _out, err = run(capsys, "new", "rutinn", "-C", str(county))
    assert code == 2 and "Menade du rutin?" in err
    code, _out, err = run(capsys, "new", "-C", str(county))
    assert code == 2 and "en av: avtal, huvudoverenskommelse" in err


def test_new_never_writes_a_file_that_fails_validate(capsys, county):
    """A repository's own template that makes a broken file is caught before anything is
    written, with the findings."""
    (county / "mallar" / "riktlinje.md.j2").write_text(
        "---\nid: {{ id }}\ntyp: riktlinje\ntitel: {{ titel | q }}\nstatus: utkast\n"
        "giltig_fran: snart\n---\n# Riktlinje\n",
        encoding="utf-8",
    )
    before = snapshot(county)
    code, _out, err = run(capsys, "new", "riktlinje", "--titel", "Egen", "-C", str(county))
    assert code == 2
    assert "skulle inte klara validate" in err and "SV004" in err and "snart" in err
    assert snapshot(county) == before
