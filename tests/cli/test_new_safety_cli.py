"""`samverkan new` and `init` never run a repository's template as code and never write outside
the repository: refusals exit 2 in Swedish and leave the disk as it was."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import BG, base, write_repo
from samverkan_cli.cli import main
from samverkan_cli.errors import UserError
from samverkan_cli.loading.repository import load
from samverkan_cli.model.vocabulary import DOC_ID, GROUP_ID
from samverkan_cli.scaffold.new import Request, inside, plan

TODAY = "2026-06-15"
PAYLOAD = "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".samverkan" not in p.parts
    }


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["write", "dry-run"])
def test_a_repository_template_cannot_run_a_shell_command(capsys, tmp_path, dry_run):
    marker = tmp_path / "pwned"
    root = write_repo(
        tmp_path / "lan",
        extra={
            "mallar/riktlinje.md.j2": "---\nid: {{ id }}\n" + PAYLOAD.replace("MARKER", str(marker))
        },
    )
    before = snapshot(root)
    code, out, err = run(capsys, "new", "riktlinje", "--titel", "R", *dry_run, "-C", str(root))
    assert code == 2
    assert not marker.exists()
    assert err.startswith("Fel: mallar/riktlinje.md.j2:3: mallen använder något som en mall inte")
    assert "Traceback" not in err and out == ""
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("template", "gist"),
    [
        ("x\n{% for %}", "mallar/riktlinje.md.j2:2: mallen har ett syntaxfel"),
        ("{{ saknas }}", "mallar/riktlinje.md.j2:1: mallen använder ett värde som inte finns"),
        (b"\xff", "mallar/riktlinje.md.j2:1: mallen är inte giltig UTF-8"),
        ('{% include "borta.j2" %}', "mallar/riktlinje.md.j2:1: mallen tar med 'borta.j2'"),
    ],
)
def test_template_faults_exit_2_with_file_and_line(capsys, tmp_path, template, gist):
    root = write_repo(tmp_path, extra={"mallar/riktlinje.md.j2": template})
    code, _, err = run(capsys, "new", "riktlinje", "--titel", "R", "-C", str(root))
    assert code == 2
    assert gist in err and "Traceback" not in err


EXHAUSTING = [
    ('{{ ("x" * 100000) * 100000 }}', "mallen upprepar en text eller lista 100 000 gånger"),
    ("{{ (range(100000)|list) * 100000 }}", "mallen upprepar en text eller lista 100 000 gånger"),
    ('{{ "x"|center(1000000000) }}', "mallen begär en bredd på 1 000 000 000 tecken"),
    ('{{ "{:>1000000000}".format("x") }}', "mallen begär en bredd på 1 000 000 000 tecken"),
    ('{{ "%s" % (("x"*99999)*9999,) }}', "mallen upprepar en text eller lista 9 999 gånger"),
    ('{{ "{:>50000000}".format("x") }}', "mallen begär en bredd på 50 000 000 tecken"),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "mallen tar för lång tid att fylla i",
    ),
]


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]], ids=["write", "dry-run"])
@pytest.mark.parametrize(("template", "gist"), EXHAUSTING)
def test_a_template_that_would_exhaust_memory_or_time_exits_2(
    capsys, tmp_path, template, gist, dry_run
):
    root = write_repo(tmp_path, extra={"mallar/riktlinje.md.j2": "---\n" + template})
    before = snapshot(root)
    code, out, err = run(capsys, "new", "riktlinje", "--titel", "R", *dry_run, "-C", str(root))
    assert (code, out) == (2, "")
    assert err.startswith(f"Fel: mallar/riktlinje.md.j2:2: {gist}")
    assert "Traceback" not in err and "Error" not in err
    assert snapshot(root) == before


def test_a_group_id_that_climbs_out_is_never_a_path(capsys, tmp_path, no_terminal):
    documents = base()
    documents["grupper/x.md"] = {**documents[BG], "id": "../../../../../utanfor/x"}
    root = write_repo(tmp_path / "lan", documents)
    before = snapshot(tmp_path)
    args = ["new", "mote", "--grupp", "../../../../../utanfor/x", "-C", str(root)]
    code, _, err = run(capsys, *args, "--today", TODAY)
    assert code == 2
    assert "--grupp '../../../../../utanfor/x' är inget giltigt grupp-id" in err
    assert GROUP_ID.pattern in err
    assert not (tmp_path / "utanfor").exists()
    assert snapshot(tmp_path) == before


def test_an_overordnad_that_breaks_the_id_pattern_is_refused(capsys, tmp_path, no_terminal):
    root = write_repo(tmp_path)
    args = ["new", "rutin", "--titel", "R", "--overordnad", "OVK-0001/../x", "-C", str(root)]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "--overordnad 'OVK-0001/../x' är inget giltigt dokument-id" in err
    assert DOC_ID.pattern in err


def test_a_symlinked_folder_out_of_the_repository_is_not_written_through(capsys, tmp_path):
    root = write_repo(tmp_path / "lan")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (root / "moten" / "2027").symlink_to(outside)
    args = ["new", "mote", "--grupp", "bg", "--datum", "2027-01-10", "-C", str(root)]
    for dry_run in ([], ["--dry-run"]):
        code, _, err = run(capsys, *args, *dry_run)
        assert code == 2
        assert "moten/2027/2027-01-10-bg.md skulle hamna utanför dokumentarkivet" in err
    assert list(outside.iterdir()) == []


def test_inside_resolves_before_it_allows(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "lank").symlink_to(tmp_path.parent)
    assert inside(tmp_path, "a/b/c.md") == tmp_path / "a" / "b" / "c.md"
    for escape in ("../x.md", "a/../../x.md", "a/lank/x.md", "/etc/passwd"):
        with pytest.raises(UserError, match="skulle hamna utanför dokumentarkivet"):
            inside(tmp_path, escape)


def test_init_into_a_symlinked_empty_folder_still_works(capsys, tmp_path):
    (tmp_path / "verklig").mkdir()
    (tmp_path / "lank").symlink_to(tmp_path / "verklig")
    code, _, err = run(capsys, "init", str(tmp_path / "lank"))
    assert code == 0, err
    assert (tmp_path / "verklig" / "samverkan.yaml").is_file()


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    documents = base()
    documents["grupper/x.md"] = {**documents[BG], "id": "../../x"}
    documents["grupper/y.md"] = {**documents[BG], "id": "bg\n"}
    return load(write_repo(tmp_path_factory.mktemp("lan"), documents))


IDS = st.sampled_from(["bg", "../../x", "bg\n", "/tmp/x", "..", "bg/../..", "BG", "-x", "a b"])


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typ=st.sampled_from(["mote", "grupp", "riktlinje", "projekt"]),
    titel=st.text(min_size=1, max_size=80),
    grupp=IDS | st.text(max_size=12),
    day=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
)
def test_every_planned_path_is_inside_and_built_from_valid_ids(repository, typ, titel, grupp, day):
    request = Request(typ=typ, today=date(2026, 6, 15), titel=titel, grupp=grupp, datum=day)
    try:
        planned = plan(repository, request)
    except UserError:
        return
    root = repository.root.resolve()
    target = (repository.root / planned.path).resolve()
    assert target.is_relative_to(root)
    assert GROUP_ID.fullmatch(grupp)
    name = Path(planned.path).name
    if typ == "grupp":
        assert GROUP_ID.fullmatch(planned.id) and name == f"{planned.id}.md"
    elif typ == "mote":
        assert name == f"{day.isoformat()}-{grupp}.md"
    else:
        assert DOC_ID.fullmatch(planned.id)
        assert name.startswith(f"{planned.id}-") and GROUP_ID.fullmatch(name[9:-3])
