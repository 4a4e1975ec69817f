"""Generate a realistic documents repository of a given size, the same bytes for the same size.

Usage: python bench/generate.py SIZE OUT_DIR

The mix follows a county's real structure: one huvudöverenskommelse, agreements per target group,
many routines and guidelines resting on them, projects, SIP templates, yearly action plans,
groups, and meeting records (half as many as documents). Front matter carries ~15 fields;
bodies are 5–12 KB of headings, paragraphs, lists, tables and links to other documents.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

MUNICIPALITIES = [f"kommun-{i:02d}" for i in range(1, 21)]
WORDS = [
    "samverkan",
    "region",
    "kommun",
    "huvudman",
    "insats",
    "vård",
    "omsorg",
    "stöd",
    "plan",
    "uppföljning",
    "ansvar",
    "rutin",
    "målgrupp",
    "behov",
    "samordning",
    "socialtjänst",
    "hälso-",
    "och",
    "sjukvård",
    "personal",
    "kontakt",
    "information",
    "överenskommelse",
    "beslut",
    "granskning",
    "verksamhet",
    "brukare",
    "patient",
    "närstående",
    "individ",
]
MIX = [
    ("rutin", "RUT", 40),
    ("behandlingslinje", "BHL", 10),
    ("riktlinje", "RIK", 10),
    ("projekt", "PRJ", 10),
    ("sip-mall", "SIP", 5),
    ("handlingsplan", "HPL", 5),
    ("overenskommelse", "OVK", 15),
    ("avtal", "AVT", 5),
]
FOLDER = {
    "rutin": "rutiner",
    "behandlingslinje": "behandlingslinjer",
    "riktlinje": "riktlinjer",
    "projekt": "projekt",
    "sip-mall": "sip",
    "handlingsplan": "handlingsplaner",
    "overenskommelse": "overenskommelser",
    "avtal": "avtal",
}
SIP_HEADINGS = [
    "Behov",
    "Mål",
    "Insatser",
    "Ansvar",
    "Tidsplan",
    "Samordningsansvarig",
    "Läkemedel och hjälpmedel",
    "Samtycke",
    "Uppföljning",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, title: str, ids: list[str], typ: str) -> str:
    parts = [f"# {title}\n"]
    headings = (
        SIP_HEADINGS
        if typ == "sip-mall"
        else [f"Avsnitt {n}" for n in range(1, rng.randint(6, 12))]
    )
    target = rng.randint(5_000, 12_000)
    size = 0
    while size < target:
        for heading in headings:
            chunk = [
                f"\n## {heading}\n\n",
                " ".join(sentence(rng) for _ in range(rng.randint(3, 7))),
                "\n",
            ]
            if rng.random() < 0.4 and ids:
                chunk.append(f"\nSe [{rng.choice(ids)}]({rng.choice(ids)}) för mer.\n")
            if rng.random() < 0.2:
                chunk.append("\n- " + "\n- ".join(sentence(rng) for _ in range(3)) + "\n")
            if rng.random() < 0.1:
                chunk.append(
                    "\n| Aktivitet | Ansvarig | Klart |\n|---|---|---|\n| Utbildning | BG | 2026-06-30 |\n"
                )
            text = "".join(chunk)
            parts.append(text)
            size += len(text)
        headings = [f"Fördjupning {n}" for n in range(1, 4)]
    return "".join(parts)


def config() -> str:
    lines = [
        "namn: Benchmarklänet",
        "parter:",
        "  region: {namn: Regionen, typ: region}",
        "  forbund: {namn: Kommunförbundet, typ: kommunforbund}",
    ]
    lines += [f"  {key}: {{namn: Kommun {key[-2:]}, typ: kommun}}" for key in MUNICIPALITIES]
    return "\n".join(lines) + "\n"


def groups(count: int) -> dict[str, str]:
    files = {}
    for index in range(count):
        gid = "bg" if index == 0 else f"lsg-{index:02d}"
        chair, other = (
            ("region", MUNICIPALITIES[index % 20])
            if index % 2
            else (MUNICIPALITIES[index % 20], "region")
        )
        files[f"grupper/{gid}.md"] = (
            f"---\nid: {gid}\ntyp: grupp\ntitel: Grupp {gid}\nstatus: beslutad\nniva: {'beredning' if index == 0 else 'lans'}\n"
            + ("" if index == 0 else "rapporterar_till: bg\n")
            + "dokumentansvarig: Sekreterare\nbeslut:\n  - {instans: Forumet, datum: 2019-11-01}\n"
            + "giltig_fran: 2020-01-01\nsenast_granskad: 2026-01-15\nbildad: 2020-01-01\nmoten_minst: {per: ar, antal: 2}\n"
            + 'ordforande_utses_senast: "11-30"\nordforandeskap:\n'
            + f"  - {{ar: 2026, ordforande: {{namn: A, part: {chair}}}, vice: {{namn: B, part: {other}}}, utsedd: 2025-11-10}}\n"
            + f"  - {{ar: 2027, ordforande: {{namn: B, part: {other}}}, vice: {{namn: A, part: {chair}}}, utsedd: 2026-11-10}}\n"
            + f"---\n# Grupp {gid}\n\nGruppens uppdrag.\n"
        )
    return files


def document(
    rng: random.Random, typ: str, did: str, parents: list[str], ids: list[str], groups_: list[str]
) -> str:
    title = f"{typ.capitalize()} om {rng.choice(WORDS)} och {rng.choice(WORDS)} {did}"
    parties = ["region", *rng.sample(MUNICIPALITIES, rng.randint(1, 4))]
    fields = [
        f"id: {did}",
        f"typ: {typ}",
        f"titel: {title}",
        "status: beslutad",
        'version: "2"',
        "dokumentansvarig: Samordnare",
        f"diarienummer: KS 2025/{rng.randint(100, 9999)}",
        f"giltig_fran: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"senast_granskad: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        f"taggar: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
        'lagrum: ["HSL (2017:30) 16 kap. 4 §"]',
    ]
    if typ in ("avtal", "overenskommelse"):
        fields.append(f"parter: [{', '.join(parties)}]")
        fields.append("undertecknare:")
        fields += [
            f"  - {{part: {p}, namn: N, befattning: {'Regiondirektör' if p == 'region' else 'Socialchef'}, datum: 2024-12-01}}"
            for p in parties
        ]
        if typ == "overenskommelse":
            fields += ["malgrupp: Vuxna med behov av samordnade insatser", "overordnad: HOK-0001"]
    else:
        fields.append(
            f'faststalld: {{av: bg, datum: 2024-12-{rng.randint(1, 28):02d}, paragraf: "§ {rng.randint(1, 99)}"}}'
        )
        if parents:
            fields.append(f"overordnad: {rng.choice(parents)}")
        if ids:
            fields.append(f"relaterade: [{', '.join(rng.sample(ids, min(2, len(ids))))}]")
    if typ == "projekt":
        fields += [
            f"styrgrupp: {rng.choice(groups_)}",
            "start: 2025-03-01",
            "slut: 2027-06-30",
            "projektstatus: pagar",
        ]
    if typ == "handlingsplan":
        fields += ["ar: 2026", "grupp: bg"]
    return "---\n" + "\n".join(fields) + "\n---\n" + body(rng, title, ids, typ)


def generate(size: int, out: Path) -> None:
    rng = random.Random(size)
    shutil.rmtree(out, ignore_errors=True)
    files = {"samverkan.yaml": config()}
    group_files = groups(max(2, size // 200))
    files.update(group_files)
    group_ids = [Path(p).stem for p in group_files]
    files["dokument/huvudoverenskommelser/HOK-0001-huvudoverenskommelse.md"] = (
        "---\nid: HOK-0001\ntyp: huvudoverenskommelse\ntitel: Huvudöverenskommelse\nstatus: beslutad\n"
        f"parter: [region, forbund, {', '.join(MUNICIPALITIES)}]\ndokumentansvarig: Regiondirektör\n"
        "undertecknare:\n  - {part: region, namn: A, befattning: Regiondirektör, datum: 2024-01-10}\n"
        "  - {part: forbund, namn: B, befattning: Förbundsdirektör, datum: 2024-01-12}\nstallningstaganden:\n"
        + "".join(f"  - {{part: {k}, instans: KS, datum: 2023-12-01}}\n" for k in MUNICIPALITIES)
        + "giltig_fran: 2024-02-01\nsenast_granskad: 2026-02-01\n---\n# Huvudöverenskommelse\n\nGrunden.\n"
    )
    weights = [weight for _t, _p, weight in MIX]
    counters: dict[str, int] = {}
    parents: list[str] = ["HOK-0001"]  # a rutin may rest on the huvudöverenskommelse from the start
    ids: list[str] = ["HOK-0001"]
    for _ in range(size - 1):
        typ, prefix, _w = rng.choices(MIX, weights)[0]
        counters[prefix] = counters.get(prefix, 0) + 1
        did = f"{prefix}-{counters[prefix]:04d}"
        text = document(rng, typ, did, parents, ids[-50:], group_ids)
        files[f"dokument/{FOLDER[typ]}/{did}.md"] = text
        ids.append(did)
        if typ in ("overenskommelse", "avtal"):
            parents.append(did)
    for index in range(size // 2):
        gid = group_ids[index % len(group_ids)]
        day = f"20{24 + index % 3}-{1 + index // len(group_ids) % 12:02d}-{1 + index // (12 * len(group_ids)) % 28:02d}"
        files[f"moten/{day[:4]}/{day}-{gid}.md"] = (
            f"---\ntyp: mote\ngrupp: {gid}\ndatum: {day}\nhandling: minnesanteckningar\n---\n# Möte\n\nAnteckningar.\n"
        )
    for name, text in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
