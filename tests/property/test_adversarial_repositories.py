"""Generated hostile repositories through every command that reads one (issue 11's fuzz test).

Each example is a small county whose documents have random field values (wrong types, control
characters, huge numbers, script payloads, odd dates), bodies built from Markdown edge cases
(unmatched backticks in links, comments, raw HTML, javascript: links, links to hidden ids),
references between random documents, agreements under adoption with hostile values in every
new field (antagande, utfall, for, forvaring), hidden documents, groups and draft meeting records
that carry marker strings, a commit about a hidden document, and a symlink to a file outside the
repository. validate, list, todo and report (every format of each) and publish must then: never
exit 3 or print a traceback; never show a marker of a hidden thing in any public output (list,
report, site), nor the outside file anywhere; never let a script of the user's run in any HTML. The oracle for "hidden" is the generator's own choice, not the code's.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CONFIG
from leaks import public_text, scripts_in
from samverkan_cli.cli import main

EXAMPLES = int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "12"))
TODAY = "2026-06-15"
OUTSIDE = "UTANFÖR-ARKIVET-7731"
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "[bold red]rik[/] [link=https://example.org]länk[/link]",
    "\x1b]8;;https://example.org\x07klick\x1b]8;;\x07",
    "\x1b[2J\x00\x07\x9b",
    '=HYPERLINK("https://example.org")',
    "9" * 4400,
    "-1",
    "",
)
ODD = (None, True, 0, 1.5, [], {}, ["x", None], {"a": 1}, "2026-02-30", "2026-13-01", "nej")
BODY_PIECES = (
    "# Rubrik\n\n",
    "## Behov\n\n## Mål\n\n## Insatser\n\n",
    "Text [`kod](RUT-0001) mer\n\n",
    "[`\n\n",
    "<!-- intern anteckning -->\n\n",
    "<script>alert(2)</script>\n\n",
    '<a href="javascript:alert(3)">x</a>\n\n',
    "[klicka](javascript:alert(4)) [a](&#106;avascript:alert(5))\n\n",
    "![bild](https://example.org/spårning.png)\n\n",
    "| a | b |\n|---|---|\n| <b>x</b> | `y` |\n\n",
    "    kodblock <!-- kvar -->\n\n",
    "Lång rad " * 50 + "\n\n",
    "Tecken \x1b[31m röd\n\n",
)
TYPES = ("rutin", "overenskommelse", "avtal", "riktlinje", "projekt", "handlingsplan")
PREFIX = {
    "rutin": "RUT",
    "overenskommelse": "OVK",
    "avtal": "AVT",
    "riktlinje": "RIK",
    "projekt": "PRJ",
    "handlingsplan": "HPL",
}
FOLDER = {
    "rutin": "rutiner",
    "overenskommelse": "overenskommelser",
    "avtal": "avtal",
    "riktlinje": "riktlinjer",
    "projekt": "projekt",
    "handlingsplan": "handlingsplaner",
}


def _document(rng: random.Random, number: int, typ: str, ids: list[str]) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": f"{PREFIX[typ]}-{number:04d}",
        "typ": typ,
        "titel": f"Dokument {number}",
        "status": rng.choice(("beslutad", "beslutad", "upphavd", "ersatt")),
        "dokumentansvarig": "Samordnare",
        "giltig_fran": "2026-01-01",
        "parter": ["region-norr", "kommun-a"],
        "malgrupp": "Vuxna",
        "faststalld": {"av": rng.choice(("bg", "hr-grupp")), "datum": "2026-01-05"},
        "undertecknare": [
            {
                "part": "region-norr",
                "namn": "A",
                "befattning": "Regiondirektör",
                "datum": "2026-01-02",
            }
        ],
    }
    if ids and rng.random() < 0.7:
        fields["overordnad"] = rng.choice(ids)
    if ids and rng.random() < 0.5:
        fields["relaterade"] = rng.sample(ids, k=min(len(ids), 2))
    if ids and rng.random() < 0.3:
        fields["ersatt_av"] = rng.choice(ids)
        fields["upphavd_datum"] = "2026-03-01"
    if ids and rng.random() < 0.3:
        fields["ersatter"] = [rng.choice(ids)]
    if typ in ("overenskommelse", "avtal") and rng.random() < 0.6:  # adoption (SPEC §8.1)
        fields["status"] = rng.choice(("antagande", "beslutad"))
        fields["antagande"] = {
            "rekommendation": {"instans": rng.choice(PAYLOADS[:7]), "datum": "2026-01-10"},
            "svara_senast": rng.choice(("2026-04-30", "2026-08-01", "99999-01-01")),
            "parter": rng.sample(["kommun-a", "region-norr", "okand", PAYLOADS[5]], k=2),
            "underskriftsordning": rng.choice((["kommun", "region"], ["okand"], "kommun")),
        }
        fields["stallningstaganden"] = [
            {
                "part": "kommun-a",
                "instans": rng.choice(PAYLOADS[:7]),
                "datum": rng.choice(("2026-02-01", "2027-01-01")),
                "utfall": rng.choice(("antagen", "avslagen", "bordlagd", "aterremitterad", "nej")),
            }
        ]
        fields["undertecknare"] = [
            {"part": "region-norr", "namn": rng.choice(PAYLOADS[:7]), "befattning": "Regiondirektör",
             "datum": "2026-03-01", "for": rng.choice((["kommun-a"], [PAYLOADS[6]], "kommun-a"))}
        ]  # fmt: skip
        fields["forvaring"] = [
            {"part": rng.choice(("region-norr", "okand")), "handling": "original"}
        ]
    for _ in range(rng.randint(0, 3)):  # random damage
        name = rng.choice(
            ("titel", "version", "exemplar", "giltig_till", "diarienummer", "lagrum", "taggar",
             "granskningsintervall", "dokumentansvarig", "malgrupp", "okant_falt", "styrgrupp")
        )  # fmt: skip
        fields[name] = rng.choice((*PAYLOADS, *ODD))
    return fields


def _body(rng: random.Random, ids: list[str]) -> str:
    pieces = [rng.choice(BODY_PIECES) for _ in range(rng.randint(1, 5))]
    pieces += [f"Se [detta dokument]({rng.choice(ids)}).\n\n" for _ in range(2) if ids]
    return "".join(pieces)


def _write(path: Path, fields: dict[str, object], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10**6)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def build(rng: random.Random, root: Path) -> tuple[list[str], list[str]]:
    """A hostile county at `root`; (markers of hidden things, ids of hidden things)."""
    root.mkdir(parents=True)
    config = {**CONFIG, "namn": f"Län {rng.choice(PAYLOADS[:4])}"}
    (root / "samverkan.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    _write(
        root / "grupper/bg.md",
        {"id": "bg", "typ": "grupp", "titel": "Beredningsgruppen <b>x</b>", "status": "beslutad",
         "dokumentansvarig": "S", "beslut": [{"instans": "RS", "datum": "2025-11-01"}],
         "giltig_fran": "2026-01-01"},
        "# Gruppen\n",
    )  # fmt: skip
    markers: list[str] = ["HEMLIG-GRUPP-4401", "UTKASTMOTE-5502", "HEMLIGT-MEDDELANDE-6603"]
    hidden_ids = ["hr-grupp"]
    _write(
        root / "grupper/hr-grupp.md",
        {"id": "hr-grupp", "typ": "grupp", "titel": markers[0], "status": "beslutad",
         "publicera": rng.choice((False, "nej", None, 0, [False])), "dokumentansvarig": "HR",
         "beslut": [{"instans": "RS", "datum": "2025-11-01"}], "giltig_fran": "2026-01-01"},
        f"# {markers[0]}\n",
    )  # fmt: skip
    _write(
        root / "moten/2026/2026-03-01-bg.md",
        {"typ": "mote", "grupp": "bg", "datum": "2026-03-01", "handling": "minnesanteckningar",
         "status": rng.choice(("utkast", "remiss"))},
        f"# Anteckningar\n\n{markers[1]}\n",
    )  # fmt: skip
    _write(
        root / "moten/2026/2026-04-01-hr-grupp.md",
        {"typ": "mote", "grupp": "hr-grupp", "datum": "2026-04-01", "handling": "protokoll"},
        "# Protokoll\n\nHEMLIG-GRUPP-4401 möttes.\n",
    )
    ids: list[str] = []
    hidden_paths: list[Path] = []
    for number in range(1, rng.randint(3, 7)):
        typ = rng.choice(TYPES)
        fields = _document(rng, number, typ, ids)
        hidden = rng.random() < 0.4
        if hidden:
            marker = f"HEMLIG{number}-{rng.randint(1000, 9999)}"
            markers.append(marker)
            fields["titel"] = marker
            if rng.random() < 0.5:
                fields["publicera"] = rng.choice((False, "nej", "false", 0, None, [False], {}))
            else:
                fields["status"] = rng.choice(("utkast", "remiss"))
            hidden_ids.append(str(fields["id"]))
        name = rng.choice(("dok", "särskild överenskommelse", "ändrad"))
        path = root / "dokument" / FOLDER[typ] / f"{fields['id']}-{name}.md"
        _write(path, fields, _body(rng, ids) + (f"{fields['titel']}\n" if hidden else ""))
        if hidden:
            hidden_paths.append(path)
        ids.append(str(fields["id"]))
    outside = root.parent / "utanfor.md"
    outside.write_text(
        f"---\nid: RUT-0999\ntyp: rutin\ntitel: {OUTSIDE}\n---\n{OUTSIDE}\n", "utf-8"
    )
    (root / "dokument/rutiner/RUT-0998-lank.md").parent.mkdir(parents=True, exist_ok=True)
    (root / "dokument/rutiner/RUT-0998-lank.md").symlink_to(outside)
    _commit(root, hidden_paths, markers[2])
    return markers, hidden_ids


def _commit(root: Path, hidden: list[Path], message: str) -> None:
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "HOME": str(root)}
    env |= {
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "Första versionen")
    for path in hidden[:1]:
        with path.open("a", encoding="utf-8") as file:
            file.write("\nÄndrad.\n")
        git("commit", "-qam", message)


def invoke(*args: str) -> tuple[int, str]:
    """main() in this process, its stdout and stderr together as text."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = stream
    try:
        code = main(list(args))
    finally:
        sys.stdout, sys.stderr = saved
    stream.flush()
    return code, buffer.getvalue().decode("utf-8", "replace")


def _sane(code: int, output: str, allowed: tuple[int, ...], what: str) -> None:
    assert code in allowed, f"{what}: exit {code}\n{output[-2000:]}"
    assert "Traceback" not in output and "internt fel" not in output, f"{what}\n{output[-2000:]}"
    assert "panicked" not in output, what
    assert OUTSIDE not in output, f"{what} showed the outside file"


def _hidden_in(texts: dict[str, str], markers: list[str], ids: list[str]) -> list[str]:
    found = [f"{path}: {m}" for path, text in texts.items() for m in markers if m in text]
    forms = [(i, q) for i in ids for q in (f'"{i}"', f">{i}<", f"/{i}.", f";{i};", f" {i} ")]
    found += [f"{path}: {i}" for path, text in texts.items() for i, q in forms if q in text]
    return found


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.randoms(use_true_random=False))
def test_hostile_repositories_never_crash_leak_or_run_script(rng):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "lan"
        markers, hidden_ids = build(rng, root)
        repo = ["-C", str(root), "--today", TODAY]
        for fmt in ("text", "json", "github", "sarif"):
            code, output = invoke("validate", *repo, "--format", fmt)
            _sane(code, output, (0, 1), f"validate --format {fmt}")
            if fmt in ("json", "sarif"):
                json.loads(output)
        for fmt in ("text", "json", "md"):
            code, output = invoke("todo", *repo, "--format", fmt)
            _sane(code, output, (0,), f"todo --format {fmt}")
            if fmt == "json":
                json.loads(output)
        public: dict[str, str] = {}
        for fmt in ("table", "json", "csv", "md"):
            code, output = invoke("list", *repo, "--format", fmt)
            _sane(code, output, (0,), f"list --format {fmt}")
            public[f"list.{fmt}"] = output
        for fmt in ("md", "html", "json"):
            target = Path(folder) / f"rapport.{fmt}"
            code, output = invoke(
                "report", *repo, "--year", "2026", "--format", fmt, "--out", str(target)
            )
            _sane(code, output, (0, 1), f"report --format {fmt}")
            public[f"rapport.{fmt}"] = target.read_text("utf-8")
        site = Path(folder) / "webbplats"
        code, output = invoke("publish", *repo, "--out", str(site))
        _sane(code, output, (0, 1), "publish")
        public |= public_text(site) if site.is_dir() else {}
        assert "index.html" in public and "kalender.ics" in public  # the site was made
        assert _hidden_in(public, markers, hidden_ids) == []
        assert not any(OUTSIDE in text for text in public.values())
        for path, text in public.items():
            if path.endswith(".html"):
                assert scripts_in(text) == [], path
