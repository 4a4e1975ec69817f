"""`samverkan init`: a new repository validates, the example county is complete, refusals hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE, template_files

TODAY = "2026-11-24"
PROJECT = Path(__file__).resolve().parents[2]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def validate_json(capsys, root: Path) -> tuple[int, dict]:
    code, out, _ = run(capsys, "validate", "-C", str(root), "-f", "json", "--today", TODAY)
    return code, json.loads(out)


def test_blank_repository_validates_clean(capsys, tmp_path):
    """No errors; the warnings ask for what only the county can fill in: how visitors report
    accessibility problems (SV091), and the three agreements the law requires (SV060)."""
    root = tmp_path / "nytt"
    code, out, _ = run(capsys, "init", str(root))
    assert code == 0 and "Skapade dokumentarkivet" in out
    assert (root / ".git").is_dir()
    code, data = validate_json(capsys, root)
    assert code == 0
    assert data["summary"] == {"documents": 0, "errors": 0, "warnings": 4, "infos": 0}
    assert sorted((d["code"], d["path"]) for d in data["diagnostics"]) == [
        *[("SV060", "samverkan.yaml")] * 3,
        ("SV091", "samverkan.yaml"),
    ]
    for folder in ("dokument/rutiner", "dokument/overenskommelser", "grupper", "moten"):
        assert (root / folder / ".gitkeep").is_file()
    assert "namn: Samverkan i länet" in (root / "samverkan.yaml").read_text("utf-8")


def test_example_county(capsys, tmp_path):
    root = tmp_path / "minlan"
    assert run(capsys, "init", str(root), "--exempel")[0] == 0
    code, data = validate_json(capsys, root)
    assert code == 0
    assert data["summary"]["errors"] == 0
    assert data["summary"]["documents"] >= 30
    assert Counter(d["code"] for d in data["diagnostics"]) == {"SV052": 2, "SV022": 1, "SV035": 3}
    config = yaml.safe_load((root / "samverkan.yaml").read_text("utf-8"))
    for key in (
        "region-vasternorrland",
        "kommunforbundet",
        "sundsvall",
        "ange",
        "timra",
        "harnosand",
        "kramfors",
        "solleftea",
        "ornskoldsvik",
    ):
        assert key in config["parter"]
    assert {p.stem for p in (root / "grupper").glob("*.md")} >= {
        "social-reko",
        "bg",
        "lsg-psykisk-halsa",
        "lsg-barn-och-unga",
    }
    years = {p.parent.name for p in (root / "moten").glob("*/*.md")}
    assert {"2025", "2026"} <= years


def test_example_covers_every_document_typ(tmp_path):
    from samverkan_cli.loading.repository import load

    repo = load(TEMPLATE)
    typer_counts = Counter(d.typ for d in repo.documents)
    for typ in (
        "avtal",
        "huvudoverenskommelse",
        "rutin",
        "behandlingslinje",
        "riktlinje",
        "projekt",
        "sip-mall",
        "handlingsplan",
        "grupp",
        "mote",
    ):
        assert typer_counts[typ] >= 1, typ
    assert typer_counts["overenskommelse"] >= 2
    hok = repo.get("HOK-0001")
    assert hok is not None and len(hok.raw["stallningstaganden"]) == 7


def test_refuses_non_empty_folder_and_leaves_it_alone(capsys, tmp_path):
    root = tmp_path / "upptagen"
    root.mkdir()
    (root / "anteckning.txt").write_text("min fil", encoding="utf-8")
    code, _, err = run(capsys, "init", str(root))
    assert code == 2 and "är inte tom" in err
    assert [p.name for p in root.iterdir()] == ["anteckning.txt"]


def test_refuses_a_file(capsys, tmp_path):
    target = tmp_path / "fil"
    target.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "init", str(target))
    assert code == 2 and "ingen mapp" in err


def test_dry_run_lists_files_and_writes_nothing(capsys, tmp_path):
    code, out, _ = run(capsys, "init", str(tmp_path / "x"), "--dry-run")
    assert code == 0 and ".github/workflows/samverkan.yml" in out
    assert not (tmp_path / "x").exists()


def test_template_ships_dotfiles_and_ci():
    files = set(template_files())
    for name in (
        ".pre-commit-config.yaml",
        ".editorconfig",
        ".vscode/settings.json",
        ".gitlab-ci.yml",
        ".github/workflows/samverkan.yml",
        "README.md",
        "_init/samverkan.yaml",
    ):
        assert name in files, name


def test_github_workflow_validates_and_publishes_from_default_branch():
    workflow = yaml.safe_load((TEMPLATE / ".github/workflows/samverkan.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request"}
    steps = workflow["jobs"]["validera"]["steps"]
    assert any(s.get("run") == "samverkan validate --format github" for s in steps)
    publish = workflow["jobs"]["publicera"]
    assert publish["needs"] == "validera"
    assert "default_branch" in publish["if"]
    assert publish["permissions"]["pages"] == "write"
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(s.get("run") == "samverkan publish --out _site" for s in publish["steps"])


def test_gitlab_ci_validates_and_publishes_pages():
    ci = yaml.safe_load((TEMPLATE / ".gitlab-ci.yml").read_text("utf-8"))
    assert ci["validera"]["script"] == ["samverkan validate"]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def test_vscode_settings_point_at_shipped_schemas(tmp_path, capsys):
    root = tmp_path / "r"
    run(capsys, "init", str(root))
    settings = json.loads((root / ".vscode/settings.json").read_text("utf-8"))
    for schema_path in settings["yaml.schemas"]:
        assert (root / schema_path).is_file()


def test_pre_commit_config_hook_matches_the_tools_hook():
    local = yaml.safe_load((TEMPLATE / ".pre-commit-config.yaml").read_text("utf-8"))
    tool = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = local["repos"][0]["hooks"][0]
    assert hook["id"] == tool[0]["id"] == "samverkan-validate"
    assert hook["files"] == tool[0]["files"]
    assert hook["entry"] == tool[0]["entry"]


@pytest.mark.slow
def test_generated_repository_runs_its_hook_with_pre_commit(capsys, tmp_path):
    root = tmp_path / "lan"
    assert run(capsys, "init", str(root), "--exempel")[0] == 0
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    command = [sys.executable, "-m", "pre_commit", "run"]
    ok = subprocess.run(
        [*command, "--all-files"], cwd=root, env=env, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = root / "dokument/rutiner/RUT-0005-ny.md"
    bad.write_text(
        "---\nid: RUT-0005\ntyp: rutin\ntitel: Ny\nstatus: utkast\n---\n19121212-1212\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    failed = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "SV051" in failed.stdout and "SV003" in failed.stdout and "overordnad" in failed.stdout


def test_the_next_steps_of_a_blank_repository_can_be_followed(capsys, tmp_path):
    """A rutin rests on an agreement, and a blank repository has none: the first `new` it
    suggests is an agreement."""
    code, out, _ = run(capsys, "init", str(tmp_path / "nytt"))
    assert code == 0
    assert "samverkan new overenskommelse" in out and "--overordnad" not in out
