"""One document as a PDF (`samverkan pdf ID`, and beside each page with `publish --pdf`).

The PDF shows the front-matter facts people read (as a table), the body, and with `signing`
the signing page. Everything it names of other documents and groups goes through `Sources`,
so that a published PDF names nothing the site leaves out, and images only through
`Sources.image`, so that only attachments the site would publish are embedded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from samverkan_cli import attachments, lifecycle
from samverkan_cli.config import Config
from samverkan_cli.model.documents import (
    Avtalsdokument,
    Beslut,
    Common,
    Stallningstagande,
    Undertecknare,
)
from samverkan_cli.model.vocabulary import STATUS, STATUSES, UTFALL
from samverkan_cli.pdf import body, engine, signing
from samverkan_cli.pdf.body import Node

#: What stands between the parts of the running header.
SEPARATOR: Final = " · "


@dataclass(frozen=True)
class Sources:
    """What a document's PDF takes from outside its own file."""

    config: Config
    today: date
    #: The title of a document or group by id, None when it is not to be named.
    title_of: Callable[[str], str | None]
    #: The bytes of an attachment (repository path) that may be embedded, else None.
    image: Callable[[str], bytes | None]


def render(
    model: Common, text: str, path: str, sources: Sources, *, sign: bool = False
) -> engine.Printed:
    """The PDF of the document `model` whose body is `text`, read from `path`."""
    if sign:
        signing.check_signed(sources.config, model)
    files: dict[str, bytes] = {}
    data = {
        "title": f"{model.id} {model.titel}",
        "header": header(model),
        "blocks": _blocks(model, text, path, sources, files, sign=sign),
    }
    try:
        return engine.compile_pdf(data, files)
    except engine.PdfFailed:
        if not files:
            raise
    # An image that begins as its format says but does not decode: print its alt text instead.
    data["blocks"] = _blocks(model, text, path, _without_images(sources), {}, sign=sign)
    return engine.compile_pdf(data, {})


def _without_images(sources: Sources) -> Sources:
    return Sources(sources.config, sources.today, sources.title_of, lambda _path: None)


def header(model: Common) -> str:
    """'OVK-0001 · version 4 · diarienummer KS 2015/2121': on every page; a document not yet
    decided says so there too, so that no page of it passes for the decided text."""
    parts = [model.id]
    if model.version:
        parts.append(f"version {model.version}")
    if model.diarienummer:
        parts.append(f"diarienummer {model.diarienummer}")
    if _undecided(model):
        parts.append(f"{STATUS[model.status]} – inte beslutat")
    return SEPARATOR.join(parts)


def _marked(value: str) -> Node:
    return {"t": "p", "c": [{"t": "strong", "c": [body.text(value)]}]}


def _undecided(model: Common) -> bool:
    return not STATUSES[model.status].decided


def _blocks(
    model: Common, text: str, path: str, sources: Sources, files: dict[str, bytes], *, sign: bool
) -> list[Node]:
    config = sources.config
    found: list[Node] = [
        {"t": "lead", "v": f"{config.types.label(model.typ)} {model.id}"},
        body.heading(1, model.titel.strip() or model.id),  # PDF/UA-1: no empty heading
        *([_marked(_status(model, sources.today))] if _undecided(model) else []),
        {"t": "meta", "rows": facts(model, sources)},
    ]
    read = body.blocks(text, _image_for(path, sources.image, files))
    found += body.under(body.without_title(read, model.titel), 2)
    if sign:
        found += signing.page(config, model)
    return body.ordered(found)


def _image_for(
    path: str, image: Callable[[str], bytes | None], files: dict[str, bytes]
) -> body.ImageFor:
    """Name each embeddable image of the document at `path` `bild-N.ext`, put into `files`."""
    content = functools.cache(image)
    names: dict[str, str] = {}

    def name_of(src: str) -> str | None:
        found = attachments.path_of(path, src, lambda p: content(p) is not None)
        if found is None or attachments.suffix(found) not in attachments.IMAGES:
            return None
        if found not in names:
            names[found] = f"bild-{len(names) + 1}{attachments.suffix(found)}"
            files[names[found]] = content(found) or b""
        return names[found]

    return name_of


Row = tuple[str, list[str]]


def facts(model: Common, sources: Sources) -> list[Row]:
    """(label, values) of the front-matter facts people read, in the order they read them."""
    config = sources.config
    rows: list[Row | None] = [
        ("Dokumenttyp", [config.types.label(model.typ)]),
        ("Status", [_status(model, sources.today)]),
        _one("Version", model.version),
        _one("Diarienummer", model.diarienummer),
        _many("Parter", [signing.party_name(config, key) for key in model.parter or ()]),
        _many("Gäller för", [_party_or_text(config, v) for v in model.galler_for or ()]),
        _one("Målgrupp", model.malgrupp),
        _many("Beslut", [_decision(config, b) for b in model.beslut or ()]),
        _one("Fastställd", _adopted(model, sources)),
        _many("Undertecknare", [_signature(config, u) for u in model.undertecknare or ()]),
        _many("Ställningstaganden", [_position(config, s) for s in model.stallningstaganden or ()]),
        *_validity(model, sources.today),
        *_review(model, config),
        _one("Dokumentansvarig", model.dokumentansvarig),
        *_references(model, sources),
        _many("Lagrum", list(model.lagrum or ())),
        _one("Exemplar", str(model.exemplar) if model.exemplar is not None else None),
    ]
    return [row for row in rows if row is not None]


def _one(label: str, value: str | None) -> Row | None:
    return (label, [value]) if value else None


def _many(label: str, values: list[str]) -> Row | None:
    return (label, values) if values else None


def _status(model: Common, today: date) -> str:
    """The status as it stands on the print date `today`, said so that it cannot be misread:
    'gäller vid utskriften' (never 'gäller' alone, which reads as 'in force from'), an expiry or
    end in the past or the future, a draft as not decided."""
    label = STATUS[model.status]
    kind = STATUSES[model.status]
    if kind.draft or model.status == "antagande":
        return f"{label} – inte beslutat"
    ends = model.upphavd_datum
    if ends is not None:
        said = "upphörde att gälla" if ends <= today else "upphör att gälla"
        return f"{label}, {said} {ends.isoformat()}"
    if kind.ended:
        return label
    return f"{label}, {_in_force_text(model, today)}" if model.giltig_fran else label


def _in_force_text(model: Common, today: date) -> str:
    assert model.giltig_fran is not None
    if lifecycle.in_force(model, today):
        return f"gäller vid utskriften {today.isoformat()}"
    if model.giltig_fran > today:
        return f"gäller från {model.giltig_fran.isoformat()}"
    assert model.giltig_till is not None  # started and not in force: expired
    return f"giltighetstiden gick ut {model.giltig_till.isoformat()}"


def _party_or_text(config: Config, value: object) -> str:
    text = str(value)
    return signing.party_name(config, text) if text in config.parter else text


def _decision(config: Config, decision: Beslut) -> str:
    text = _dated(decision.instans, decision.datum, decision.paragraf)
    return text + (f" ({signing.party_name(config, decision.part)})" if decision.part else "")


def _dated(instans: str, datum: date, paragraf: object) -> str:
    """'SN 2015-03-18 § 106'."""
    return f"{instans} {datum.isoformat()}" + (f" {paragraf}" if paragraf else "")


def _position(config: Config, position: Stallningstagande) -> str:
    outcome = UTFALL[position.utfall]
    decided = _dated(position.instans, position.datum, position.paragraf)
    return f"{signing.party_name(config, position.part)}: {outcome}, {decided}"


def _signature(config: Config, signature: Undertecknare) -> str:
    parts = [signature.namn, signature.befattning, signing.party_name(config, signature.part)]
    if signature.datum is not None:
        parts.append(signature.datum.isoformat())
    text = ", ".join(parts)
    if signature.for_:
        text += f" (för {', '.join(signing.party_name(config, k) for k in signature.for_)})"
    return text


def _adopted(model: Common, sources: Sources) -> str | None:
    adopted = model.faststalld
    if adopted is None:
        return None
    group = sources.title_of(adopted.av) if adopted.av else None
    text = f"av {group} " if group else ""
    return text + _dated("", adopted.datum, adopted.paragraf).strip()


def _validity(model: Common, today: date) -> list[Row | None]:
    ended = STATUSES[model.status].ended or model.upphavd_datum is not None
    # An ended document is not valid "tills vidare": only a written end date is shown.
    until = model.giltig_till.isoformat() if model.giltig_till else None
    rows: list[Row | None] = [
        _one("Giltig från", model.giltig_fran.isoformat() if model.giltig_fran else None),
        _one("Giltig till", until if until or ended else "tills vidare"),
    ]
    if model.forlangning is not None:
        villkor = f": {model.forlangning.villkor}" if model.forlangning.villkor else ""
        rows.append(("Förlängning", [f"{model.forlangning.manader} månader{villkor}"]))
    if model.upphavd_datum is not None:
        label = "Upphörde" if model.upphavd_datum <= today else "Upphör"
        rows.append((label, [model.upphavd_datum.isoformat()]))
    return rows


def _review(model: Common, config: Config) -> list[Row | None]:
    upcoming = lifecycle.next_review(model, config) if model.status == "beslutad" else None
    return [
        _one("Senast reviderad", _day(model.senast_reviderad)),
        _one("Senast granskad", _day(model.senast_granskad)),
        _one("Nästa granskning", _day(upcoming)),
    ]


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _references(model: Common, sources: Sources) -> list[Row | None]:
    def named(ids: list[str]) -> list[str]:
        shown = [(i, sources.title_of(i)) for i in ids]
        return [f"{i} {title}" for i, title in shown if title is not None]

    answers = model.antagande if isinstance(model, Avtalsdokument) else None
    return [
        _one("Svar senast", answers.svara_senast.isoformat() if answers is not None else None),
        _many("Vilar på", named([model.overordnad] if model.overordnad else [])),
        _many("Ersätter", named(list(model.ersatter or ()))),
        _many("Ersatt av", named([model.ersatt_av] if model.ersatt_av else [])),
        _many("Relaterade", named(list(model.relaterade or ()))),
    ]
