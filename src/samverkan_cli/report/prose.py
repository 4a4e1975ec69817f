"""Swedish sentences for the report's summary, with numbers and plurals right."""

from __future__ import annotations

from datetime import date

from samverkan_cli.report.collect import Report

_NUMBERS = [
    "inga",
    "ett",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
]


def count(n: int, one: str, many: str, *, neuter: bool = True) -> str:
    """'ett dokument', 'två dokument', '14 dokument'; 'en granskning', 'tre granskningar'."""
    if n == 1:
        return f"{'ett' if neuter else 'en'} {one}"
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} {many}"


def compiled(report: Report) -> str:
    """When and as of when: a report for the year under way says that the year is not over."""
    end = date(report.year, 12, 31)
    if report.today < end:
        return (
            f"Sammanställd {report.today.isoformat()} ur dokumentarkivet, för läget den 31 "
            f"december {report.year} så som arkivet beskriver det den dagen: året är inte slut."
        )
    return f"Sammanställd ur dokumentarkivet per den 31 december {report.year}."


def summary(report: Report) -> list[str]:
    """The opening paragraph, one sentence per item, for politicians reading the report."""
    d, y = report.documents, report.year
    sentences = [
        f"Under {y} beslutades {count(len(d.decided), 'dokument', 'dokument')}, "
        f"{count(len(d.revised), 'dokument', 'dokument')} reviderades och "
        f"{count(len(d.reviewed), 'dokument', 'dokument')} granskades.",
        f"Den 31 december {y} gällde {count(len(d.in_force), 'dokument', 'dokument')}.",
    ]
    ended = len(d.repealed) + len(d.superseded) + len(d.expired)
    if ended:
        sentences.append(
            f"{count(len(d.repealed), 'dokument', 'dokument').capitalize()} upphävdes, "
            f"{count(len(d.superseded), 'dokument', 'dokument')} ersattes av nya och "
            f"{count(len(d.expired), 'dokument', 'dokument')} löpte ut."
        )
    sentences.append(_reviews(report))
    sentences.append(_groups(report))
    running = len(report.projects.running)
    started = len(report.projects.started)
    sentences.append(
        f"{count(started, 'projekt', 'projekt').capitalize()} startade och "
        f"{count(running, 'projekt', 'projekt')} pågick vid årets slut."
    )
    sentences.append(_findings(report))
    return sentences


def _reviews(report: Report) -> str:
    overdue = len(report.documents.reviews_overdue)
    due = len(report.documents.reviews_due_next_year)
    late = count(overdue, "granskning", "granskningar", neuter=False)
    verb = "var försenad" if overdue == 1 else "var försenade"
    coming = count(due, "granskning", "granskningar", neuter=False)
    return (
        f"{late.capitalize()} {verb} vid årets slut och {coming} ska göras under {report.year + 1}."
    )


def _groups(report: Report) -> str:
    meetings = sum(g.meetings for g in report.groups)
    short = [g for g in report.groups if g.short]
    text = (
        f"{count(len(report.groups), 'grupp', 'grupper', neuter=False).capitalize()} höll "
        f"sammanlagt {count(meetings, 'möte', 'möten')}"
    )
    if short:
        names = ", ".join(g.titel for g in short)
        return f"{text}; färre möten än arbetsordningen kräver hölls i: {names}."
    if report.today < date(report.year, 12, 31):
        return f"{text} hittills i år, och ingen ligger efter det arbetsordningen kräver."
    return f"{text}, och alla höll minst så många möten som arbetsordningen kräver."


def _findings(report: Report) -> str:
    counts = report.severity_counts()
    if not report.findings:
        said = f"Kontrollen av dokumenten den 31 december {report.year} visade inga brister."
    else:
        said = (
            f"Kontrollen av dokumenten den 31 december {report.year} gav "
            f"{count(counts['error'], 'fel', 'fel')}, "
            f"{count(counts['warning'], 'varning', 'varningar', neuter=False)} och "
            f"{count(counts['info'], 'påminnelse', 'påminnelser', neuter=False)}."
        )
    if report.unreadable:
        files = count(report.unreadable, "fil", "filer", neuter=False)
        they, which = ("den", "vilken det") if report.unreadable == 1 else ("de", "vilka de")
        said += (
            f" Dessutom kunde {files} i dokumentarkivet inte läsas: {they} finns inte med i "
            f"rapporten, och samverkan validate visar {which} är och vad som ska rättas."
        )
    return said
