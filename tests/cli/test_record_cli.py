"""`samverkan record …` end to end (SPEC §8.7): each subcommand's edit, diff, validation, exit
code, and every refusal with the file left as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import HOK, OVK, RUT, base, write_repo
from samverkan_cli.cli import main

TODAY = "2026-06-15"


def run(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["record", *args, "-C", str(root), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "lan")


def test_stallningstagande_appends_an_entry_in_the_lists_style(capsys, root):
    before = (root / HOK).read_text("utf-8")
    code, out, _ = run(
        capsys,
        root,
        "stallningstagande",
        "HOK-0001",
        "--part",
        "kommun-a",
        "--instans",
        "KF",
        "--datum",
        "2026-01-05",
        "--paragraf",
        "§ 45",
        "--utfall",
        "antagen",
    )
    assert code == 0
    after = (root / HOK).read_text("utf-8")
    added = '- part: kommun-a\n  instans: KF\n  datum: 2026-01-05\n  paragraf: "§ 45"\n  utfall: antagen\n'
    anchor = "  datum: '2025-12-02'\n"
    assert after == before.replace(anchor, anchor + added)
    assert f"--- a/{HOK}\n+++ b/{HOK}\n" in out
    assert "+- part: kommun-a\n+  instans: KF\n" in out
    assert "Inga fel eller varningar i 1 dokument." in out


def test_underskrift_with_for_and_status(capsys, tmp_path):
    documents = base()
    documents[OVK]["status"] = "antagande"
    documents[OVK]["antagande"] = {"svara_senast": "2026-09-30"}
    root = write_repo(tmp_path / "lan", documents)
    code, out, _ = run(
        capsys,
        root,
        "underskrift",
        "OVK-0001",
        "--part",
        "region-norr",
        "--namn",
        "Åsa Öberg",
        "--befattning",
        "Regiondirektör",
        "--datum",
        "2026-06-10",
        "--for",
        "kommun-a",
        "--status",
        "beslutad",
    )
    assert code == main(["validate", str(root / OVK), "-C", str(root), "--today", TODAY])
    text = (root / OVK).read_text("utf-8")
    assert (
        "- part: region-norr\n  namn: Åsa Öberg\n  befattning: Regiondirektör\n  datum: 2026-06-10\n  for: [kommun-a]\n"
        in text
    )
    assert "\nstatus: beslutad\n" in text
    assert "+status: beslutad\n" in out


def test_beslut_and_faststallande_on_a_rutin(capsys, root):
    code, out, _ = run(
        capsys,
        root,
        "beslut",
        "RUT-0001",
        "--instans",
        "SN",
        "--datum",
        "2026-03-18",
        "--paragraf",
        "§ 106",
    )
    assert code == 0
    assert (root / RUT).read_text("utf-8").count(
        'beslut:\n  - {instans: SN, datum: 2026-03-18, paragraf: "§ 106"}\n'
    ) == 1
    code, out, _ = run(
        capsys, root, "faststallande", "RUT-0001", "--av", "bg", "--datum", "2026-04-01"
    )
    assert code == 0
    assert "\nfaststalld: {av: bg, datum: 2026-04-01}\n" in (root / RUT).read_text("utf-8")
    assert (
        "-faststalld:\n-  av: bg\n-  datum: '2026-03-01'\n+faststalld: {av: bg, datum: 2026-04-01}\n"
        in out
    )


def test_granskning_recomputes_a_stated_next_review(capsys, tmp_path):
    documents = base()
    documents[RUT]["nasta_granskning"] = "2027-03-01"
    documents[RUT]["granskningsintervall"] = 24
    root = write_repo(tmp_path / "lan", documents)
    code, out, _ = run(capsys, root, "granskning", "RUT-0001", "--datum", "2026-06-01")
    assert code == 0
    text = (root / RUT).read_text("utf-8")
    assert "\nnasta_granskning: 2028-06-01\n" in text
    assert "\nsenast_granskad: 2026-06-01\n" in text
    assert "Nästa granskning: 2028-06-01." in out
    code, out, _ = run(capsys, root, "granskning", "RUT-0001", "--nasta", "2027-01-01")
    assert "\nnasta_granskning: 2027-01-01\n" in (root / RUT).read_text("utf-8")


def test_granskning_without_a_stated_next_review_only_shows_it(capsys, root):
    code, out, _ = run(capsys, root, "granskning", "RUT-0001")
    assert code == 0
    assert "nasta_granskning" not in (root / RUT).read_text("utf-8")
    assert f"\nsenast_granskad: {TODAY}\n" in (root / RUT).read_text("utf-8")
    assert "Nästa granskning blir 2027-06-15 (räknat från granskningsintervallet)." in out


def test_upphavande_may_lie_ahead(capsys, root):
    code, _out, _ = run(capsys, root, "upphavande", "RUT-0001", "--datum", "2026-12-31")
    assert code == 0
    text = (root / RUT).read_text("utf-8")
    assert "\nstatus: upphavd\n" in text and "\nupphavd_datum: 2026-12-31\n" in text


def test_ersattning_edits_both_files(capsys, tmp_path):
    documents = base()
    new = dict(documents[OVK], id="OVK-0009", titel="Ny överenskommelse", giltig_fran="2026-06-01")
    documents["dokument/overenskommelser/OVK-0009-ny.md"] = new
    root = write_repo(tmp_path / "lan", documents)
    code, out, _ = run(
        capsys, root, "ersattning", "OVK-0001", "--av", "OVK-0009", "--datum", "2026-06-01"
    )
    old_text = (root / OVK).read_text("utf-8")
    assert "\nstatus: ersatt\n" in old_text
    assert old_text.endswith("ersatt_av: OVK-0009\nupphavd_datum: 2026-06-01\n---\n# Rubrik\n")
    assert "\nersatter: [OVK-0001]\n" in (
        root / "dokument/overenskommelser/OVK-0009-ny.md"
    ).read_text("utf-8")
    assert "SV015" not in out
    assert code == 0


def test_dry_run_prints_the_diff_and_writes_nothing(capsys, root):
    before = (root / RUT).read_bytes()
    code, out, _ = run(capsys, root, "granskning", "RUT-0001", "--dry-run")
    assert code == 0
    assert out == (
        f"--- a/{RUT}\n+++ b/{RUT}\n@@ -9,5 +9,6 @@\n   av: bg\n   datum: '2026-03-01'\n"
        " giltig_fran: '2026-03-01'\n+senast_granskad: 2026-06-15\n ---\n # Rubrik\n"
        "Nästa granskning blir 2027-06-15 (räknat från granskningsintervallet).\n"
        "(--dry-run: inget skrevs)\n"
    )
    assert (root / RUT).read_bytes() == before


REFUSALS = [
    (
        ["beslut", "RUT-0001", "--instans", "SN", "--datum", "2026-07-01"],
        1,
        "Fel: Datumet 2026-07-01 ligger efter i dag (2026-06-15): ett beslut kan bara registreras "
        "när det har skett. Ange det datum det skedde, eller vänta till dess.",
    ),
    (
        [
            "underskrift",
            "OVK-0001",
            "--part",
            "samf",
            "--namn",
            "X",
            "--befattning",
            "Chef",
            "--datum",
            "2026-06-01",
        ],
        1,
        "Fel: --part: Samordningsförbundet (samf) är inte part i OVK-0001 (parter: region-norr, "
        "kommun-a). Ange en av dokumentets parter, eller lägg först till samf i parter.",
    ),
    (
        [
            "stallningstagande",
            "HOK-0001",
            "--part",
            "stockholm",
            "--instans",
            "KS",
            "--datum",
            "2026-06-01",
        ],
        1,
        "Fel: --part: parten 'stockholm' finns inte i samverkan.yaml. Ange en av: forbund "
        "(Kommunförbundet Norr), kommun-a (A kommun), kommun-b (B kommun), region-norr "
        "(Region Norr), samf (Samordningsförbundet).",
    ),
    (
        ["faststallande", "RUT-0001", "--av", "xyz", "--datum", "2026-06-01"],
        1,
        "Fel: --av: det finns ingen grupp 'xyz'. Ange en av: bg.",
    ),
    (
        ["granskning", "RUT-0002"],
        2,
        "Fel: Det finns inget dokument med id 'RUT-0002'. Menade du RUT-0001? Se 'samverkan list' "
        "för dokumentens id.",
    ),
    (
        ["beslut", "RUT-0001", "--datum", "2026-06-01"],
        2,
        "Fel: Ange --instans för 'samverkan record beslut'.",
    ),
    (
        ["beslut", "RUT-0001", "--instans", "…", "--datum", "2026-06-01"],
        2,
        "Fel: Ersätt … efter --instans med det riktiga värdet.",
    ),
    (
        ["stallningstagande", "RUT-0001", "--part", "kommun-a", "--instans", "KS", "--datum",
         "2026-06-01"],
        1,
        "Fel: RUT-0001 är en rutin: parter tar ställning till avtal och överenskommelser, inte "
        "till en rutin. Ange avtalets eller överenskommelsens id.",
    ),
    (
        ["faststallande", "OVK-0001", "--av", "bg", "--datum", "2026-06-01"],
        1,
        "Fel: OVK-0001 är en överenskommelse, som parterna skriver under i stället för att en "
        "grupp fastställer det. Registrera underskrifterna: samverkan record underskrift OVK-0001.",
    ),
    (
        ["ersattning", "RUT-0001", "--av", "bg", "--datum", "2026-06-01"],
        1,
        "Fel: bg är en grupp, inte ett dokument. Ange med --av id för dokumentet som ersätter "
        "RUT-0001 (samverkan list visar dem).",
    ),
    (
        ["beslut", "2026-02-01-bg", "--instans", "SN", "--datum", "2026-06-01"],
        2,
        "Fel: 2026-02-01-bg är mötesanteckningar, och i dem registrerar record inget. Registrera "
        "beslutet i dokumentet som det gäller (samverkan list visar dokumentens id).",
    ),
    (
        ["upphavande", "RUT-0001", "--datum", "9999-12-31"],
        2,
        "Fel: --datum 9999-12-31 ligger mer än 100 år från i dag (2026-06-15) och ser ut som ett "
        "skrivfel. Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-15.",
    ),
    (
        ["beslut"],
        2,
        "Fel: Ange dokumentets id efter 'samverkan record beslut', t.ex. samverkan record beslut "
        "OVK-0003.\nSe 'samverkan --help' eller 'samverkan KOMMANDO --help'.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS)
def test_refusals_leave_every_file_untouched(capsys, root, args, code, message):
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    got, out, err = run(capsys, root, *args)
    assert (got, out) == (code, "")
    assert err.strip() == message
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before


def test_a_file_that_does_not_parse_is_refused(capsys, root):
    (root / RUT).write_text("---\nid: RUT-0001\ntitel: [oavslutad\n---\n", "utf-8")
    code, _out, err = run(capsys, root, "granskning", "RUT-0001")
    assert code == 1
    assert err.strip() == (
        f"Fel: {RUT} går inte att läsa, så inget kan registreras i den. Rätta felen som "
        f"'samverkan validate {RUT}' visar och försök igen."
    )


def test_crlf_and_bom_are_kept(capsys, root):
    text = (root / RUT).read_text("utf-8").replace("\n", "\r\n")
    (root / RUT).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (root / RUT).chmod(0o640)
    code, _, _ = run(capsys, root, "granskning", "RUT-0001")
    assert code == 0
    data = (root / RUT).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert b"\r\nsenast_granskad: 2026-06-15\r\n---\r\n" in data
    assert (root / RUT).stat().st_mode & 0o777 == 0o640


def test_errors_after_the_write_give_exit_1(capsys, root):
    code, out, _ = run(
        capsys,
        root,
        "stallningstagande",
        "HOK-0001",
        "--part",
        "kommun-a",
        "--instans",
        "KF",
        "--datum",
        "2026-06-01",
    )
    assert code == 1  # written, and validate now finds the signature before the decision
    assert "datum: 2026-06-01" in (root / HOK).read_text("utf-8")
    assert "SV036  Kommunförbundet Norr (forbund) skrev under 2026-01-12 för kommunerna" in out
    assert out.endswith("1 fel, 0 varningar och 0 påminnelser i 1 dokument.\n")


def test_two_runs_at_once_keep_both_steps(tmp_path):
    root = write_repo(tmp_path / "lan")
    code = (
        "import sys\nfrom samverkan_cli.cli import main\n"
        "sys.exit(main(['record', 'stallningstagande', 'HOK-0001', '--part', sys.argv[1], "
        f"'--instans', 'KF', '--datum', '2026-01-0' + sys.argv[2], '-C', {str(root)!r}, "
        f"'--today', {TODAY!r}]))"
    )
    for first, second in (("3", "4"), ("5", "6"), ("7", "8")):
        runs = [
            subprocess.Popen([sys.executable, "-c", code, party, day], stdout=subprocess.DEVNULL)
            for party, day in (("kommun-a", first), ("kommun-b", second))
        ]
        assert [r.wait() for r in runs] == [0, 0]
    text = (root / HOK).read_text("utf-8")
    assert all(text.count(f"datum: 2026-01-0{day}") == 1 for day in "345678")


def test_every_todo_command_runs_and_closes_its_item(capsys, tmp_path):
    root = tmp_path / "lan"
    assert main(["init", str(root), "--exempel"]) == 0
    today = "2026-11-24"
    capsys.readouterr()

    def todo() -> list[dict[str, str]]:
        main(["todo", "-C", str(root), "--today", today, "-f", "json"])
        return json.loads(capsys.readouterr().out)["items"]

    filled = {
        "stallningstagande": ["--instans", "KS", "--datum", today],
        "underskrift": ["--namn", "Kim Exempel", "--befattning", "Socialchef", "--datum", today],
        "granskning": [],
    }
    items = [i for i in todo() if i["kommando"].startswith("samverkan record ")]
    assert {i["vad"] for i in items} == set(filled)
    for item in items:
        args = item["kommando"].split()[1:] + filled[item["vad"]]
        code = main([*args, "-C", str(root), "--today", today])
        capsys.readouterr()
        assert code in (0, 1), item
        left = [(i["vem"], i["dokument"], i["vad"]) for i in todo()]
        assert (item["vem"], item["dokument"], item["vad"]) not in left


# What trying record from outside found (issue 16): steps that contradict the file are refused.


def _ended(root: Path) -> None:
    text = (
        (root / RUT)
        .read_text("utf-8")
        .replace(
            "status: beslutad", "status: ersatt\nersatt_av: OVK-0001\nupphavd_datum: 2026-04-01", 1
        )
    )
    (root / RUT).write_text(text, encoding="utf-8")


def test_an_ended_document_is_not_ended_again(capsys, root):
    _ended(root)
    before = (root / RUT).read_bytes()
    code, _out, err = run(capsys, root, "upphavande", "RUT-0001", "--datum", "2026-06-01")
    assert code == 1 and (root / RUT).read_bytes() == before
    assert "RUT-0001 är redan ersatt av OVK-0001 (2026-04-01)" in err


def test_a_replacement_that_has_ended_is_refused(capsys, root):
    _ended(root)
    before = (root / OVK).read_bytes()
    code, _out, err = run(
        capsys, root, "ersattning", "OVK-0001", "--av", "RUT-0001", "--datum", "2026-06-01"
    )
    assert code == 1 and (root / OVK).read_bytes() == before
    assert "RUT-0001 gäller inte längre" in err


def test_a_next_review_before_the_review_is_refused(capsys, root):
    before = (root / RUT).read_bytes()
    code, _out, err = run(
        capsys, root, "granskning", "RUT-0001", "--datum", "2026-06-01", "--nasta", "2026-05-01"
    )
    assert code == 1 and (root / RUT).read_bytes() == before
    assert "--nasta 2026-05-01 är inte efter granskningen (2026-06-01)" in err


def test_status_upphavd_points_to_its_own_step(capsys, root):
    code, _out, err = run(
        capsys, root, "beslut", "RUT-0001", "--instans", "SN", "--datum", "2026-06-01",
        "--status", "upphavd",
    )  # fmt: skip
    assert code == 2
    assert "samverkan record upphavande RUT-0001 --datum ÅÅÅÅ-MM-DD" in err


def test_a_field_written_twice_is_refused(capsys, root):
    text = (
        (root / RUT)
        .read_text("utf-8")
        .replace("status: beslutad", "status: beslutad\nstatus: beslutad", 1)
    )
    (root / RUT).write_text(text, encoding="utf-8")
    before = (root / RUT).read_bytes()
    code, _out, err = run(capsys, root, "granskning", "RUT-0001")
    assert code == 1 and (root / RUT).read_bytes() == before
    assert "har fel som hindrar att något registreras" in err


def test_a_future_signature_is_said_in_good_swedish(capsys, root):
    code, _out, err = run(
        capsys, root, "underskrift", "OVK-0001", "--part", "kommun-a", "--namn", "A B",
        "--befattning", "Socialchef", "--datum", "2027-01-01",
    )  # fmt: skip
    assert code == 1 and "en underskrift kan bara registreras när den har skett" in err


def test_a_signature_for_a_party_that_rejected_is_refused(capsys, root):
    text = (
        (root / OVK)
        .read_text("utf-8")
        .replace(
            "status: beslutad",
            "status: beslutad\nstallningstaganden:\n  - {part: kommun-a, instans: KS, datum: 2026-01-20, utfall: avslagen}",
            1,
        )
    )
    (root / OVK).write_text(text, encoding="utf-8")
    before = (root / OVK).read_bytes()
    code, _out, err = run(
        capsys, root, "underskrift", "OVK-0001", "--part", "kommun-a", "--namn", "A B",
        "--befattning", "Socialchef", "--datum", "2026-03-01",
    )  # fmt: skip
    assert code == 1 and (root / OVK).read_bytes() == before
    assert "A kommun (kommun-a) avslog dokumentet (KS 2026-01-20)" in err


def test_a_group_is_not_a_document_to_sign(capsys, root):
    code, _out, err = run(
        capsys, root, "stallningstagande", "bg", "--part", "kommun-a", "--instans", "KS",
        "--datum", "2026-03-01",
    )  # fmt: skip
    assert code == 2
    assert "bg är en grupp, inte ett avtal eller en överenskommelse. Ett ställningstagande" in err


def test_a_read_only_file_is_refused_and_left_as_it_was(capsys, root):
    target = root / RUT
    before = target.read_bytes()
    target.chmod(0o444)
    try:
        code, out, err = run(capsys, root, "beslut", "RUT-0001", "--instans", "SN", "--datum",
                             "2026-06-01")  # fmt: skip
        assert (code, out) == (1, "")
        assert err.strip() == (
            f"Fel: {RUT} är skrivskyddad, så inget ändrades. Ta bort skrivskyddet (t.ex. chmod "
            f"u+w {RUT}) om filen ska ändras, och försök igen."
        )
        assert target.read_bytes() == before and (target.stat().st_mode & 0o777) == 0o444
    finally:
        target.chmod(0o644)


def test_an_id_two_files_share_is_refused_naming_both(capsys, root):
    copy = root / "dokument/rutiner/RUT-0001-kopia.md"
    copy.write_bytes((root / RUT).read_bytes())
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    code, _out, err = run(capsys, root, "granskning", "RUT-0001")
    assert code == 1
    assert err.strip() == (
        "Fel: Flera filer har id RUT-0001: dokument/rutiner/RUT-0001-kopia.md, "
        f"{RUT}. Det går inte att veta vilken som menas, så inget registrerades. Ge varje "
        "dokument ett eget id (SV005) och försök igen."
    )
    assert {p: p.read_bytes() for p in root.rglob("*.md")} == before


def test_a_field_spelt_with_a_ring_is_not_split_in_two(capsys, root):
    text = (root / HOK).read_text("utf-8").replace("stallningstaganden:", "ställningstaganden:")
    (root / HOK).write_text(text, "utf-8")
    code, _out, err = run(capsys, root, "stallningstagande", "HOK-0001", "--part", "kommun-a",
                          "--instans", "KF", "--datum", "2026-01-05")  # fmt: skip
    assert code == 1
    assert err.strip() == (
        f"Fel: {HOK} stavar fältet 'ställningstaganden'. Kör först samverkan fix {HOK} så att "
        "det heter stallningstaganden, och registrera sedan igen. Inget ändrades."
    )
    assert (root / HOK).read_text("utf-8") == text


def test_the_same_step_twice_is_written_once(capsys, root):
    args = ("beslut", "RUT-0001", "--instans", "SN", "--datum", "2026-06-01", "--paragraf", "106")
    assert run(capsys, root, *args)[0] == 0
    once = (root / RUT).read_bytes()
    code, out, _ = run(capsys, root, *args)
    assert code == 0
    assert f"{RUT}: redan registrerat, inget ändrades." in out
    assert (root / RUT).read_bytes() == once
    assert once.count(b"instans: SN") == 1


def test_one_who_signs_for_the_kommuner_need_not_be_a_party(capsys, tmp_path):
    documents = base()
    documents[OVK]["parter"] = ["region-norr", "kommun-a"]
    documents[OVK]["stallningstaganden"] = [
        {"part": "kommun-a", "instans": "KS", "datum": "2026-01-20"}
    ]
    root = write_repo(tmp_path / "lan", documents)
    code, out, err = run(capsys, root, "underskrift", "OVK-0001", "--part", "forbund", "--namn",
                         "F Exempel", "--befattning", "Förbundsdirektör", "--datum", "2026-02-03",
                         "--for", "kommun-a")  # fmt: skip
    assert err == "" and code in (0, 1)
    text = (root / OVK).read_text("utf-8")
    assert "forbund" in text.split("undertecknare:", 1)[1]
    assert "for: [kommun-a]" in text or "for:\n  - kommun-a" in text
    assert "SV011" not in out and "SV030" not in out


def test_a_signature_before_the_partys_own_decision_is_refused(capsys, tmp_path):
    documents = base()
    documents[OVK]["stallningstaganden"] = [
        {"part": "kommun-a", "instans": "KS", "datum": "2026-03-01"}
    ]
    root = write_repo(tmp_path / "lan", documents)
    before = (root / OVK).read_bytes()
    code, _out, err = run(capsys, root, "underskrift", "OVK-0001", "--part", "kommun-a", "--namn",
                          "C", "--befattning", "Socialchef", "--datum", "2026-02-15")  # fmt: skip
    assert code == 1
    assert err.strip() == (
        "Fel: A kommun (kommun-a) beslutade att anta dokumentet 2026-03-01 (KS), och underskriften kan "
        "inte vara daterad före det (2026-02-15). Ange underskriftens rätta datum."
    )
    assert (root / OVK).read_bytes() == before


def test_nothing_is_recorded_in_an_ended_document(capsys, root):
    _ended(root)
    before = (root / RUT).read_bytes()
    code, _out, err = run(capsys, root, "granskning", "RUT-0001")
    assert code == 1
    assert err.strip() == (
        "Fel: RUT-0001 är ersatt och gäller inte längre, så inget registreras i det. Registrera "
        "steget i dokumentet som gäller nu (OVK-0001)."
    )
    assert (root / RUT).read_bytes() == before


def test_a_value_some_reader_takes_for_a_number_is_quoted(capsys, root):
    assert run(capsys, root, "beslut", "RUT-0001", "--instans", "1e3", "--datum", "2026-06-01")[
        0
    ] in (0, 1)
    assert 'instans: "1e3"' in (root / RUT).read_text("utf-8")


def test_record_alone_shows_its_commands_in_swedish(capsys):
    code = main(["record"])
    out = capsys.readouterr().out
    assert "Kommandon" in out and "Flaggor" in out
    assert "Options" not in out and "Commands" not in out and "<bool>" not in out
    assert code == 0


def test_tabs_that_validate_accepts_do_not_stop_a_step(capsys, root):
    text = (root / RUT).read_text("utf-8")
    text = text.replace("titel: Rutin för SIP", "titel: Rutin för SIP\t# kommentar", 1)
    text = text.replace("dokumentansvarig: ", "dokumentansvarig:\t", 1)
    (root / RUT).write_text(text, "utf-8")
    code, out, err = run(capsys, root, "beslut", "RUT-0001", "--instans", "SN", "--datum",
                         "2026-06-01")  # fmt: skip
    assert (code, err) == (0, "")
    after = (root / RUT).read_text("utf-8")
    assert "+beslut:\n+  - {instans: SN, datum: 2026-06-01}\n" in out
    head, rest = text.split("\n---\n", 1)
    assert after == f"{head}\nbeslut:\n  - {{instans: SN, datum: 2026-06-01}}\n---\n{rest}"


def test_a_review_before_the_last_one_is_refused(capsys, root):
    assert run(capsys, root, "granskning", "RUT-0001", "--datum", "2026-05-01")[0] == 0
    before = (root / RUT).read_bytes()
    code, _out, err = run(capsys, root, "granskning", "RUT-0001", "--datum", "2026-04-01")
    assert code == 1
    assert err.strip() == (
        "Fel: RUT-0001 granskades senast 2026-05-01, efter 2026-04-01: en äldre granskning "
        "ändrar inte när dokumentet senast granskades. Ange datumet för den granskning som "
        "gjordes nu."
    )
    assert (root / RUT).read_bytes() == before


def test_a_new_adoption_says_it_replaces_the_earlier_one(capsys, root):
    code, out, _ = run(capsys, root, "faststallande", "RUT-0001", "--av", "bg", "--datum",
                       "2026-06-10")  # fmt: skip
    assert code in (0, 1)
    assert "Det tidigare fastställandet (bg 2026-03-01) ersätts av det nya." in out
    code, _out, err = run(capsys, root, "faststallande", "RUT-0001", "--av", "bg", "--datum",
                          "2026-01-10")  # fmt: skip
    assert code == 1 and "Ett äldre fastställande ersätter inte ett nyare" in err


def test_a_document_that_links_out_of_the_repository_is_never_written(capsys, root, tmp_path):
    """Nothing is written outside the repository: a document file that is a link out of it
    is refused where it is read (SV001), so record refuses it as unreadable (1, SPEC §8.7)."""
    outside = tmp_path / "utanfor.md"
    (root / RUT).rename(outside)
    (root / RUT).symlink_to(outside)
    before = outside.read_bytes()
    code, out, err = run(capsys, root, "granskning", "RUT-0001", "--datum", "2026-06-01")
    assert code == 1, out + err
    assert f"{RUT} går inte att läsa, så inget kan registreras i den" in err
    assert outside.read_bytes() == before and (root / RUT).is_symlink()
