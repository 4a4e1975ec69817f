"""`samverkan todo`: the work list, in the exact JSON shape of SPEC §8.8, text and md."""

from __future__ import annotations

import json

import pytest

from adoption_repo import adoption_repo
from samverkan_cli.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_exactly_the_contract(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2026-05-15", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1 and data["datum"] == "2026-05-15"
    decide = "samverkan record stallningstagande OVK-0005 --part {}"
    assert data["items"] == [
        *(
            {
                "vem": party,
                "dokument": "OVK-0005",
                "vad": "stallningstagande",
                "senast": "2026-04-30",
                "kod": "SV035",
                "kommando": decide.format(party),
            }
            for party in ("kommun-c", "kommun-d", "kommun-e")
        ),
    ]


def test_before_the_deadline_the_code_is_the_notice(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    _code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2026-03-01", "-f", "json")
    items = json.loads(out)["items"]
    assert {(i["vem"], i["kod"]) for i in items} == {
        ("kommun-a", "SV039"),
        ("kommun-b", "SV039"),
        ("kommun-c", "SV039"),
        ("kommun-d", "SV039"),
        ("kommun-e", "SV039"),
    }  # on 1 March no one had decided yet (the positions are dated later)


def test_a_party_that_adopted_and_has_not_signed_is_asked_to_sign(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan", undertecknare=None)
    _code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2026-05-15", "-f", "json")
    items = json.loads(out)["items"]
    assert items[-1] == {
        "vem": "kommun-a",
        "dokument": "OVK-0005",
        "vad": "underskrift",
        "senast": None,
        "kod": None,
        "kommando": "samverkan record underskrift OVK-0005 --part kommun-a",
    }


def test_reviews_and_owners(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    _code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2027-02-20", "-f", "json")
    reviews = [i for i in json.loads(out)["items"] if i["vad"] == "granskning"]
    found = {(i["vem"], i["dokument"], i["kod"]) for i in reviews}
    assert found == {("Samordnare", "RUT-0001", "SV023")}
    assert [i["senast"] for i in reviews] == sorted(i["senast"] for i in reviews)


def test_text_groups_by_who_and_md_is_a_table(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2026-05-15")
    assert code == 0
    assert out.startswith("Att göra 2026-05-15: 3 saker.\n\nC kommun (kommun-c)\n")
    assert "  OVK-0005: ställningstagande, senast 2026-04-30 (försenad)\n" in out
    code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2026-05-15", "-f", "md")
    assert "## D kommun (kommun-d)\n\n| Dokument | Vad | Senast | Kommando | För hand |\n" in out


def test_filters(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    args = ["todo", "-C", str(root), "--today", "2026-05-15", "-f", "json"]
    _code, out, _ = run(capsys, *args, "--part", "kommun-d")
    assert [i["vem"] for i in json.loads(out)["items"]] == ["kommun-d"]
    _code, out, _ = run(capsys, *args, "--part", "D KOMMUN")
    assert [i["vem"] for i in json.loads(out)["items"]] == ["kommun-d"]
    _code, out, _ = run(capsys, *args, "--ansvarig", "regiondirektör", "--dagar", "3650")
    assert {i["vem"] for i in json.loads(out)["items"]} == {"Regiondirektör"}


def test_nothing_to_do_says_so(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    code, out, _ = run(
        capsys, "todo", "-C", str(root), "--today", "2026-05-15", "--part", "region-norr"
    )
    assert code == 0 and out == "Inget att göra just nu (2026-05-15).\n"


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["-f", "xml"], "Okänt format 'xml'. Välj ett av: text, json, md."),
        (["--part", "okand"], "Parten 'okand' finns inte i samverkan.yaml."),
        (["--dagar", "-1"], "--dagar ska vara 0–3650"),
    ],
)
def test_bad_usage(capsys, tmp_path, args, gist):
    root = adoption_repo(tmp_path / "lan")
    code, _, err = run(capsys, "todo", "-C", str(root), *args)
    assert code == 2 and gist in err


def test_chairs_and_meetings_of_groups(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    _code, out, _ = run(capsys, "todo", "-C", str(root), "--today", "2027-02-20", "-f", "json")
    groups = [i for i in json.loads(out)["items"] if i["dokument"] == "bg"]
    assert [(i["vad"], i["senast"], i["kod"]) for i in groups] == [
        ("ordforande", "2026-11-30", "SV042"),
        ("moten", None, "SV043"),
    ]
    assert groups[1]["kommando"] == "samverkan new mote --grupp bg"
