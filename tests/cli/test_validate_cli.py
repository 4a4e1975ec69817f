"""`samverkan validate` end to end: formats, exit codes, paths, and every kind of bad usage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CONFIG, OVK, RUT, base, write_repo
from samverkan_cli.cli import main

TODAY = ["--today", "2026-06-15"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "arkiv")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    docs = base()
    docs[RUT]["relaterade"] = ["RUT-0099"]  # SV010, error
    docs[OVK]["exemplar"] = 3  # SV034, warning
    return write_repo(tmp_path / "arkiv", docs)


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    docs = base()
    docs[OVK]["exemplar"] = 3
    return write_repo(tmp_path / "arkiv", docs)


def test_clean_repository_exits_0(capsys, clean):
    code, out, _ = run(capsys, "validate", "-C", str(clean), *TODAY)
    assert code == 0
    assert out.strip() == "Inga fel eller varningar i 5 dokument."


def test_text_groups_by_file_with_source_line(capsys, broken):
    code, out, _ = run(capsys, "validate", "-C", str(broken), *TODAY)
    assert code == 1
    lines = out.split("\n")
    assert lines[0] == OVK
    assert "varning SV034  exemplar är 3 men dokumentet har 2 parter." in lines[1]
    assert lines[2].strip() == "22 │ exemplar: 3"
    assert lines[3].strip() == "^"
    assert RUT in out and "SV010" in out and "RUT-0099" in out
    assert lines[-2] == "1 fel, 1 varning och 0 påminnelser i 5 dokument."


def test_warnings_exit_0_unless_strict(capsys, warned):
    assert run(capsys, "validate", "-C", str(warned), *TODAY)[0] == 0
    assert run(capsys, "validate", "-C", str(warned), "--strict", *TODAY)[0] == 1


def test_json_is_exactly_the_documented_shape(capsys, broken):
    code, out, _ = run(capsys, "validate", "-C", str(broken), "--format", "json", *TODAY)
    data = json.loads(out)
    assert code == 1
    assert list(data) == ["version", "summary", "diagnostics"]
    assert data["version"] == 1
    assert data["summary"] == {"documents": 5, "errors": 1, "warnings": 1, "infos": 0}
    first = data["diagnostics"][0]
    assert list(first) == ["code", "severity", "path", "line", "column", "id", "message"]
    assert first["code"] == "SV034" and first["path"] == OVK and first["id"] == "OVK-0001"
    keys = [(d["path"], d["line"], d["code"]) for d in data["diagnostics"]]
    assert keys == sorted(keys)


def test_github_annotations(capsys, broken):
    code, out, _ = run(capsys, "validate", "-C", str(broken), "-f", "github", *TODAY)
    lines = out.strip().split("\n")
    assert code == 1
    assert lines[0].startswith(f"::warning file={OVK},line=22,col=11,title=SV034::exemplar är 3")
    assert any(
        line.startswith(f"::error file={RUT},line=") and "title=SV010::" in line for line in lines
    )


def test_github_escapes_newlines_and_percent():
    from samverkan_cli.cli.reporters import _escape_data, _escape_property

    assert _escape_data("50% klart\nrad två") == "50%25 klart%0Arad två"
    assert _escape_property("a:b,c") == "a%3Ab%2Cc"


def test_sarif(capsys, broken):
    code, out, _ = run(capsys, "validate", "-C", str(broken), "--format", "sarif", *TODAY)
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["tool"]["driver"]["name"] == "samverkan"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["SV051"]["defaultConfiguration"]["level"] == "error"
    result = next(r for r in run_["results"] if r["ruleId"] == "SV010")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == RUT
    assert location["region"]["startLine"] > 1
    assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "SV010"


def test_paths_limit_reporting_but_not_loading(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, out, _ = run(capsys, "validate", RUT, "--format", "json", *TODAY)
    data = json.loads(out)
    assert code == 1
    assert {d["path"] for d in data["diagnostics"]} == {RUT}
    assert data["summary"]["documents"] == 1
    # the rutin's overordnad (OVK-0001) resolved although only the rutin was named: no SV010 for it
    assert [d["code"] for d in data["diagnostics"]] == ["SV010"]


def test_folder_path(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, out, _ = run(capsys, "validate", "dokument/overenskommelser", "-f", "json", *TODAY)
    assert code == 0
    assert json.loads(out)["summary"]["warnings"] == 1


def test_global_options_before_the_command(capsys, broken):
    code, out, _ = run(capsys, "-C", str(broken), "--today", "2026-06-15", "validate", "-f", "json")
    assert code == 1 and json.loads(out)["summary"]["errors"] == 1


def test_root_found_from_a_subfolder(capsys, clean, monkeypatch):
    monkeypatch.chdir(clean / "dokument" / "rutiner")
    assert run(capsys, "validate", *TODAY)[0] == 0


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["validate", "--today", "2026-02-30"], "--today ska vara ett datum ÅÅÅÅ-MM-DD"),
        (
            ["validate", "--format", "xml"],
            "Okänt format 'xml'. Välj ett av: text, json, github, sarif.",
        ),
        (["validate", "--formt", "json"], "Okänd flagga '--formt'. Menade du --format?"),
        (["validate", "--today"], "Flaggan '--today' behöver ett värde."),
        (["validate", "--strict=x"], "'--strict' är en flagga utan värde: skriv bara --strict."),
        (["validate", "--strict="], "'--strict' är en flagga utan värde: skriv bara --strict."),
        (["list", "--gallande=ja"], "'--gallande' är en flagga utan värde: skriv bara --gallande."),
        (
            ["valdate"],
            "Okänt kommando 'valdate'. Menade du 'validate'? Kommandon: avvikelser, fix, init,",
        ),
        (
            ["--today", "2026-01-01"],
            "Ange ett kommando: avvikelser, fix, init, list, new, pdf, publish, record,",
        ),
        (["schema", "--out", "x", "y"], "Oväntat argument: y."),
        (["report", "--year", "tjugo"], "Ogiltigt värde för --year: ange ett heltal, t.ex. 2025."),
        (
            ["report", "--year", "9" * 5000],
            "Ogiltigt värde för --year: talet har för många siffror; ange ett mindre heltal, t.ex. 2025.",
        ),
        (["validate", "finns-inte.md"], "Sökvägen 'finns-inte.md' finns inte."),
        (["validate", "/"], "ligger utanför dokumentarkivet"),
    ],
)
def test_bad_usage_exits_2_in_swedish(capsys, clean, monkeypatch, args, gist):
    monkeypatch.chdir(clean)
    code, out, err = run(capsys, *args)
    assert code == 2
    assert gist in err
    assert "Traceback" not in out + err
    assert not any(word in err for word in ("Missing", "Usage", "unexpected", "Input should"))


def test_outside_any_repository(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "validate")
    assert code == 2
    assert "Hittar ingen samverkan.yaml i den här mappen eller någon mapp ovanför" in err


def test_missing_repo_folder(capsys, tmp_path):
    code, _, err = run(capsys, "validate", "-C", str(tmp_path / "saknas"))
    assert code == 2 and "finns inte" in err


def test_bad_config_exits_2_with_sv090_in_the_chosen_format(capsys, tmp_path):
    root = write_repo(tmp_path, base(), {**CONFIG, "varna_dag": 3})
    code, out, _ = run(capsys, "validate", "-C", str(root), "-f", "json")
    data = json.loads(out)
    assert code == 2
    assert [d["code"] for d in data["diagnostics"]] == ["SV090"]
    assert data["diagnostics"][0]["path"] == "samverkan.yaml"


def test_version(capsys):
    assert run(capsys, "--version") == (0, "samverkan 0.1.0\n", "")


def test_help_is_swedish(capsys):
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    assert "Kontrollera dokumenten" in out
    assert "Flaggor" in out and "Visa den här hjälpen och avsluta." in out


def test_internal_error_exits_3_and_asks_for_a_report(capsys, clean, monkeypatch):
    import samverkan_cli.validate as validate_module

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_module, "run_cached", explode)
    code, _, err = run(capsys, "validate", "-C", str(clean))
    assert code == 3
    assert "Det är ett fel i samverkan" in err and "Traceback" not in err
    code, _, err = run(capsys, "--debug", "validate", "-C", str(clean))
    assert code == 3 and "Traceback" in err


def test_keyboard_interrupt_exits_130(capsys, clean, monkeypatch):
    import samverkan_cli.validate as validate_module

    def interrupt(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_module, "run_cached", interrupt)
    assert run(capsys, "validate", "-C", str(clean))[0] == 130


def test_installed_entry_point(clean):
    env = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "samverkan_cli", "validate", "-C", str(clean), *TODAY],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Inga fel eller varningar" in completed.stdout


def test_paths_are_relative_to_the_c_folder_like_git(capsys, broken):
    code, out, _ = run(capsys, "validate", "-C", str(broken), RUT, "-f", "json", *TODAY)
    assert code == 1
    assert {d["path"] for d in json.loads(out)["diagnostics"]} == {RUT}


def test_changed_settings_file_validates_everything(capsys, broken):
    code, out, _ = run(
        capsys, "validate", "-C", str(broken), "samverkan.yaml", "-f", "json", *TODAY
    )
    assert code == 1
    assert json.loads(out)["summary"]["documents"] == 5


def test_non_document_paths_report_nothing(capsys, broken):
    (broken / "README.md").write_text("# Arkivet\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "-C", str(broken), "README.md", "-f", "json", *TODAY)
    assert code == 0
    assert json.loads(out)["summary"]["documents"] == 0


def test_no_arguments_shows_help_and_exits_0(capsys):
    code, out, err = run(capsys)
    assert code == 0 and "validate" in out and "publish" in out and "Fel" not in err


def test_a_shown_line_never_repeats_an_identity_number(capsys, tmp_path):
    docs = base()
    docs[RUT] = docs[RUT] | {"titel": "Rutin för 19121212-1212"}
    root = write_repo(tmp_path / "arkiv", docs)
    code, out, _ = run(capsys, "validate", "-C", str(root), *TODAY)
    assert code == 1 and "SV051" in out
    assert "19121212-1212" not in out
    line = next(line for line in out.split("\n") if "│ titel:" in line)
    assert line.endswith("titel: Rutin för 19121212-****")


def test_sarif_uris_are_percent_encoded_paths(capsys, tmp_path):
    from urllib.parse import unquote, urlsplit

    docs = base()
    odd = "dokument/rutiner/RUT-0001-sip för barn #2.md"
    docs[odd] = docs.pop(RUT) | {"relaterade": ["RUT-0099"]}
    root = write_repo(tmp_path / "arkiv", docs)
    _code, out, _ = run(capsys, "validate", "-C", str(root), "--format", "sarif", *TODAY)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert "dokument/rutiner/RUT-0001-sip%20f%C3%B6r%20barn%20%232.md" in uris
    for uri in uris:
        assert urlsplit(uri).fragment == "" and " " not in uri
        assert unquote(uri).startswith(("dokument/", "grupper/", "moten/"))


def test_source_url_links_encode_the_path(capsys, tmp_path):
    docs = base()
    odd = "dokument/rutiner/RUT-0001-sip för barn #2.md"
    docs[odd] = docs.pop(RUT)
    root = write_repo(tmp_path / "arkiv", docs)
    args = ["publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY]
    assert run(capsys, *args, "--source-url", "https://example.org/blob/main/{path}")[0] == 0
    page = (tmp_path / "ut/dokument/RUT-0001.html").read_text("utf-8")
    assert (
        'href="https://example.org/blob/main/dokument/rutiner/RUT-0001-sip%20f%C3%B6r%20barn%20%232.md"'
        in page
    )


def test_a_document_outside_the_document_folders_is_named_not_passed_over(capsys, broken):
    (broken / "RUT-0779.md").write_text("---\nid: RUT-0779\ntyp: rutin\n---\n", encoding="utf-8")
    code, _out, err = run(capsys, "validate", "-C", str(broken), "RUT-0779.md", *TODAY)
    assert code == 0
    assert "Obs: RUT-0779.md ligger inte i dokument/, grupper/ eller moten/" in err
