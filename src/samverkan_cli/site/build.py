"""Plan the published site: every page and export, by its path in the site, with its key.

Plan, then write: nothing here writes to the disk (it reads the logo and the configuration
files for the keys), and `site.write` makes and puts in --out only the files whose inputs
changed. The same repository, options and --today give the same bytes.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Final, TypeVar

from markupsafe import Markup, escape

from samverkan_cli import (
    antagande,
    arbetsordning,
    attachments,
    exports,
    forteckning,
    git,
    heap,
    lagkrav,
    templating,
)
from samverkan_cli.config import Config, Tillganglighet
from samverkan_cli.fileio import RefusedFile, read_repository_file
from samverkan_cli.forteckning import Entry
from samverkan_cli.lagrum import LawRegistry, read_as_of
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.doctypes import DocTypes
from samverkan_cli.model.documents import Common, Grupp, MoteRecord, Ordforandeskap
from samverkan_cli.model.vocabulary import (
    AKTIVITETSSTATUS,
    DOC_ID,
    DRAFT_STATUSES,
    EXEMPLAR,
    HANDLING,
    NIVA,
    PARTY_TYP,
    PROJEKTSTATUS,
    ROLL,
    UTFALL,
)
from samverkan_cli.pdf import document as pdf_document
from samverkan_cli.pdf.engine import Printed
from samverkan_cli.site import attached, inputs, markdown, memo
from samverkan_cli.site.logo import publishable
from samverkan_cli.site.style import colours
from samverkan_cli.slug import path_uri

STATIC: Final = ("static/style.css", "static/filter.js")


@dataclass(frozen=True)
class Options:
    today: date
    base_url: str | None = None
    include_drafts: bool = False
    source_url: str | None = None  # e.g. https://github.com/org/repo/blob/main/{path}
    #: A PDF beside each document's page (publish --pdf; SPEC §8.10).
    pdf: bool = False


@dataclass
class Site:
    """Everything shown, gathered once; each file's inputs are picked from it (site.inputs)."""

    repo: Repository
    options: Options
    entries: list[Entry]
    groups: list[tuple[Document, Grupp]]
    history: dict[str, list[git.Change]]
    changes: list[git.Change]
    public: forteckning.Public

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def found(self) -> attached.Found:
        """The attachments, each read once (site.attached)."""
        return attached.Found(self.repo.root)

    @cached_property
    def meetings(self) -> dict[str, list[Document]]:
        """Published meeting records per group, newest first."""
        found: dict[str, list[tuple[date, str, Document]]] = defaultdict(list)
        for d in self.repo.documents:
            if isinstance(d.model, MoteRecord) and d.path in self.public.paths:
                found[d.model.grupp].append((d.model.datum, d.path, d))
        return {
            group: [d for _day, _path, d in sorted(records, key=lambda r: r[:2], reverse=True)]
            for group, records in found.items()
        }

    @cached_property
    def children(self) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            if e.model.overordnad:
                found[e.model.overordnad].append(e)
        return found

    @cached_property
    def group_files(self) -> dict[str, Document]:
        return {g.id: d for d, g in self.groups}

    @cached_property
    def catalog(self) -> inputs.Catalog:
        return inputs.Catalog(
            self.entries,
            [inputs.Front(d) for d, _g in self.groups],
            {g: [inputs.Front(d) for d in records] for g, records in self.meetings.items()},
        )

    def document_page(self, e: Entry) -> inputs.DocumentPage:
        model, by_id = e.model, self.by_id
        return inputs.DocumentPage(
            entry=e,
            source=inputs.Whole(e.document),
            parent=by_id.get(model.overordnad or ""),
            children=self.children.get(e.id, []),
            related=[by_id[i] for i in model.relaterade or () if i in by_id],
            replaces=[by_id[i] for i in model.ersatter or () if i in by_id],
            replaced_by=by_id.get(model.ersatt_av or ""),
            groups=[
                inputs.Front(self.group_files[i])
                for i in sorted(named_groups(model))
                if i in self.group_files
            ],
            history=self.history.get(e.document.path, []),
            copied=self.options.source_url is None and _copies_source(self, e),
            attachments=attached.of(e.document, exports.page(e.id), self.found),
            printed=self.printed(e),
        )

    def printed(self, e: Entry) -> bool:
        """Whether the document's PDF is published beside its page: with --pdf, for a
        document that is no draft (--include-drafts shows drafts; it never prints them)."""
        return self.options.pdf and e.model.status not in DRAFT_STATUSES

    def document_pdf(self, e: Entry, attachments: list[inputs.Attachment]) -> inputs.DocumentPdf:
        model, by_id = e.model, self.by_id
        named = [model.overordnad, *(model.ersatter or ()), model.ersatt_av]
        named += list(model.relaterade or ())
        adopted_by = model.faststalld.av if model.faststalld is not None else None
        return inputs.DocumentPdf(
            entry=e,
            source=inputs.Whole(e.document),
            named=[by_id[i] for i in dict.fromkeys(named) if i and i in by_id],
            groups=[inputs.Front(self.group_files[adopted_by])]
            if adopted_by in self.group_files
            else [],
            attachments=attachments,
        )

    def group_page(self, document: Document, group: Grupp) -> inputs.GroupPage:
        parent = self.group_files.get(group.rapporterar_till or "")
        follows = self.group_files.get(group.samma_huvudman_som or "")
        return inputs.GroupPage(
            inputs.Whole(document),
            [inputs.Whole(d) for d in self.meetings.get(group.id, [])],
            inputs.Front(parent) if parent is not None else None,
            attached.of(document, exports.group_page(group.id), self.found),
            inputs.Front(follows) if follows is not None else None,
        )


@dataclass(frozen=True)
class Shared:
    """What every file of the site is made from, in every key: the tool, the options,
    samverkan.yaml, lagrum.yaml, the logo, which documents and groups have pages at which paths
    (links in any body resolve against them), and which ids and files are hidden (they are taken
    out of every model shown)."""

    repo: Repository
    options: Options
    pages: dict[str, str]  # repository path of a published document or group → its page
    ids: frozenset[str]  # ids of the documents with a page
    key: bytes
    #: Deviation counts of the documents with a page: id → period → count (avvikelser/*.csv).
    deviations: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> Shared:
        from samverkan_cli.config import CONFIG_FILE
        from samverkan_cli.lagrum import REGISTRY_FILE
        from samverkan_cli.loading import cache

        repo = site.repo
        pages = {e.document.path: exports.page(e.id) for e in site.entries}
        pages.update({d.path: exports.group_page(g.id) for d, g in site.groups})
        logo = _logo_file(repo)
        deviations = exports.deviation_totals(repo, frozenset(site.by_id))
        key = memo.key(
            cache.version(),
            site.options,
            *(_read(repo.root, repo.root / name) for name in (CONFIG_FILE, REGISTRY_FILE)),
            logo.name if logo is not None else None,
            _read(repo.root, logo) if logo is not None else None,
            sorted(pages.items()),
            sorted(site.public.hidden),
            sorted((k, sorted(v.items())) for k, v in deviations.items()),
        )
        return cls(repo, site.options, pages, frozenset(site.by_id), key, deviations)

    def links(
        self, document: Document, files: Mapping[str, str] | None = None
    ) -> Callable[[str], str | None]:
        """Map links written in `document` (ids or repository paths) to pages of the site, and
        to the copies of its attachments (`files`: repository path → path in the site)."""
        pages, ids, files = self.pages, self.ids, files or {}

        def resolve(href: str) -> str | None:
            bare, _, fragment = href.partition("#")
            suffix = f"#{fragment}" if fragment else ""
            if DOC_ID.match(bare):
                return f"../{exports.page(bare)}{suffix}" if bare in ids else None
            copy = attachments.path_of(document.path, href, files.__contains__)
            if copy is not None:
                return f"../{path_uri(files[copy])}{suffix}"
            base = "" if bare.startswith("/") else posixpath.dirname(document.path)
            for candidate in (
                posixpath.normpath(posixpath.join(base, bare.lstrip("/"))),
                posixpath.normpath(bare.lstrip("/")),
            ):
                target = pages.get(candidate)
                if target:
                    return f"../{target}{suffix}"
            return None

        return resolve

    def body(self, shown: inputs.Whole, files: list[inputs.Attachment]) -> str:
        """The body of a document or group as HTML, without a first heading that repeats its
        title (the page's h1); its links to `files` go to their copies, and its images among
        them are shown."""
        copies = attached.links(files)
        document = shown.document
        rendered = markdown.render(
            document.body, self.links(document, copies), _images(document, copies)
        )
        return markdown.without_title(rendered, shown.model.titel)


def _images(document: Document, copies: Mapping[str, str]) -> Callable[[str], str | None]:
    """Map the images of `document` that are published attachments to their copies."""

    def resolve(src: str) -> str | None:
        found = attachments.path_of(document.path, src, copies.__contains__)
        if found is None or attachments.suffix(found) not in attachments.IMAGES:
            return None
        return f"../{path_uri(copies[found])}"

    return resolve


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the site: where it goes, the key of its inputs, and how to make its bytes.

    Making is deferred so that a file whose key is as at the last publish is never rendered
    (site.memo); key None (a document whose digest is unknown) means it is always made.
    """

    path: str
    key: bytes | None
    make: Callable[[], bytes]
    #: For a PDF: the PDF with the characters its fonts lack (`make` gives its bytes alone).
    #: site.write makes these before it writes anything, so that one failing leaves --out as
    #: it was.
    printed: Callable[[], Printed] | None = None


def outputs(repo: Repository, options: Options) -> list[Output]:
    """Every file of the site, sorted by path."""
    with heap.lasting():  # the plan lives until the site is written
        return _planned(repo, options)


def _planned(repo: Repository, options: Options) -> list[Output]:
    shown = forteckning.public(repo, options.include_drafts)
    changes = shown.changes(git.history(repo.root) or [])
    history: dict[str, list[git.Change]] = defaultdict(list)
    for change in changes:
        history[change.path].append(change)
    site = Site(
        repo,
        options,
        forteckning.entries(repo, options.today, shown=shown),
        forteckning.groups(repo, shown=shown),
        dict(history),
        changes,
        shown,
    )
    renderer = _Renderer(Shared.of(site))
    planned = [*renderer.pages(site), *_exports(renderer, site), *_static(site)]
    return sorted(planned, key=lambda output: output.path)


def _read(root: Path, path: Path) -> bytes | None:
    try:
        return read_repository_file(root, path)
    except (OSError, RefusedFile):
        return None


Made = TypeVar("Made")
Context = Callable[[Shared, Made], dict[str, Any]]


class _Renderer:
    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self._environment: Any = None
        self.common = self._common()
        self._keys: dict[int, bytes | None] = {}

    @property
    def environment(self) -> Any:
        """Jinja's environment, made when the first page is rendered (often none is)."""
        if self._environment is None:
            self._environment = templating.environment("site/templates", "html")
            # Macros imported from _macros see the environment, not a page's context.
            self._environment.filters["whole_dates"] = whole_dates
            self._environment.globals["decision"] = decision
            self._environment.globals["activity_label"] = AKTIVITETSSTATUS
        return self._environment

    def _common(self) -> dict[str, Any]:
        repo = self.shared.repo
        return {
            "site_name": repo.config.namn,
            "today": self.shared.options.today,
            "typ_label": repo.config.types.labels(),
            "party_name": lambda key: (
                repo.config.parter[key].namn if key in repo.config.parter else key
            ),
            "logo": _logo_name(repo),
            "party_typ": PARTY_TYP,
            "utfall": UTFALL,
            "exemplar_label": EXEMPLAR,
        }

    def key(self, made_from: object) -> bytes | None:
        """The key of a file made from `made_from` (made once for inputs several files share)."""
        found = self._keys.get(id(made_from), b"")
        if found == b"":
            found = self._keys[id(made_from)] = inputs.key(self.shared.key, made_from)
        return found

    def render(self, template: str, path: str, **context: Any) -> bytes:
        depth = path.count("/")
        root = "../" * depth
        html: str = self.environment.get_template(template).render(
            **self.common, **context, root=root, current=path
        )
        return html.encode("utf-8")

    def page(self, template: str, path: str, made_from: Made, context: Context[Made]) -> Output:
        """The page `path`, rendered from `template` with what `context` makes of `made_from`
        (and of the Shared inputs) alone: what it shows is what its key holds."""
        shared = self.shared
        return Output(
            path,
            self.key(made_from),
            lambda: self.render(template, path, **context(shared, made_from)),
        )

    def pages(self, site: Site) -> list[Output]:
        catalog = site.catalog
        pages = [
            self.page("index.html.j2", "index.html", catalog, _index),
            self.page("archive.html.j2", "arkiv.html", catalog, _archive),
            self.page("matrix.html.j2", "antagande.html", catalog, _matrix),
            self.page("adoption.html.j2", "under-antagande.html", catalog, _adoption),
            self.page("reviews.html.j2", "granskning.html", catalog, _reviews),
            self.page("hierarchy.html.j2", "hierarki.html", catalog, _hierarchy),
            self.page("lagkrav.html.j2", "lagkrav.html", catalog, _lagkrav),
            self.page("follow_up.html.j2", "uppfoljning.html", catalog, _follow_up),
            self.page(
                "accessibility.html.j2", "tillganglighet.html", inputs.Nothing(), _accessibility
            ),
            self.page("groups.html.j2", "grupper/index.html", catalog, _groups),
        ]
        for e in site.entries:
            made_from = site.document_page(e)
            pages.append(self.page("document.html.j2", exports.page(e.id), made_from, _document))
            pages += _copies(site, made_from.attachments)
            if made_from.printed:
                pdf_inputs = site.document_pdf(e, made_from.attachments)
                printed = functools.partial(_printed, self.shared, pdf_inputs, site.found)
                pages.append(
                    Output(
                        pdf_path(e.id),
                        self.key(pdf_inputs),
                        functools.partial(_pdf_bytes, printed),
                        printed,
                    )
                )
            if made_from.copied:
                source = made_from.source
                pages.append(
                    Output(
                        f"kalla/{e.id}.md",
                        self.key(source),
                        functools.partial(_source_text, source.document),
                    )
                )
        for document, group in site.groups:
            group_page = site.group_page(document, group)
            pages.append(
                self.page("group.html.j2", exports.group_page(group.id), group_page, _group)
            )
            pages += _copies(site, group_page.attachments)
        return pages


def pdf_path(document_id: str) -> str:
    """Where a document's PDF is published: beside its page (dokument/OVK-0001.pdf)."""
    return exports.page(document_id).removesuffix(".html") + ".pdf"


def _pdf_bytes(printed: Callable[[], Printed]) -> bytes:
    return printed().pdf


def _printed(shared: Shared, made_from: inputs.DocumentPdf, found: attached.Found) -> Printed:
    """The PDF of a published document, made from its declared inputs alone: it names the
    documents and groups given there, and embeds only the published attachments given there."""
    e = made_from.entry
    titles = {n.id: n.model.titel for n in made_from.named}
    titles |= {g.id: g.titel for g in inputs.models(made_from.groups, Grupp)}
    shown = {a.source for a in made_from.attachments}

    def image(path: str) -> bytes | None:
        return found.content(path) if path in shown else None

    sources = pdf_document.Sources(shared.repo.config, shared.options.today, titles.get, image)
    return pdf_document.render(e.model, made_from.source.document.body, e.document.path, sources)


def _copies(site: Site, shown: list[inputs.Attachment]) -> list[Output]:
    """The copies of a page's attachments, beside it."""
    return [
        Output(a.published, attached.key(a), functools.partial(site.found.content, a.source))
        for a in shown
    ]


def _copies_source(site: Site, e: Entry) -> bool:
    """Whether the Markdown source is copied beside the page: not when it names something hidden
    (a reference or link the page leaves out would be there in the source). Judged from the
    file's front matter and links, known without reading the file again."""
    model = e.document.model
    assert isinstance(model, Common)  # an entry's document has a model
    return not site.public.referred(model, (t for t, _line, _col in e.document.facts.links))


def _source_text(document: Document) -> bytes:
    return (document.text or "").encode("utf-8")


def _index(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    in_force = [e for e in catalog.entries if e.in_force]
    return {
        "groups_by_typ": _by_typ(shared.repo.config.types, in_force),
        "filters": _filters(shared.repo.config.types, in_force),
        "groups": _group_names(catalog.groups),
    }


def _archive(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    return {
        "archived": [e for e in catalog.entries if e.archived],
        "groups": _group_names(catalog.groups),
    }


def _accessibility(shared: Shared, _nothing: inputs.Nothing) -> dict[str, Any]:
    statement = shared.repo.config.webbplats.tillganglighet
    return {"statement": statement, "compliance": compliance(statement)}


def compliance(statement: Tillganglighet) -> str:
    """How far the site complies, as the statement may say it: partly (delvis) when it lists
    known shortcomings, fully when it lists none, unless the configuration says not at all."""
    if statement.efterlevnad == "ingen":
        return "ingen"
    return "delvis" if statement.brister else "full"


def _groups(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    return {"groups": sorted(inputs.models(catalog.groups, Grupp), key=_group_order), "niva": NIVA}


_LEVELS: Final = {niva: index for index, niva in enumerate(NIVA)}
#: Swedish alphabetical order after z: å, ä, ö (Python's code points put ä before å).
_SWEDISH: Final = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def _group_order(group: Grupp) -> tuple[int, str, str]:
    """Groups from the top down: by level as NIVA orders them (none given: last), then by name."""
    level = _LEVELS.get(group.niva or "", len(_LEVELS))
    return level, group.titel.casefold().translate(_SWEDISH), group.id


def _hierarchy(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    return {"tree": _tree(catalog.entries)}


def _follow_up(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    """What the forum follows up (SPEC §8.6): the plans' activities and every indicator."""
    shown = [e for e in catalog.entries if not e.archived]
    return {
        "plans": [e for e in shown if getattr(e.model, "aktiviteter", None)],
        "indicators": [(e, i) for e in shown for i in e.model.indikatorer or ()],
        "deviations": [(e, shared.deviations[e.id]) for e in shown if e.id in shared.deviations],
    }


def _lagkrav(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    """Each requirement of the law with the published documents in force that fulfil it."""
    config = shared.repo.config
    by_id = {e.id: e for e in catalog.entries}
    found = lagkrav.fulfilment(config, (e.model for e in catalog.entries), shared.options.today)
    return {
        "requirements": [
            (key, config.lagkrav[key], [by_id[i] for i in ids]) for key, ids in found.items()
        ]
    }


def _adoption(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    return {"adoptions": _adoptions(shared, catalog.entries)}


def _by_typ(types: DocTypes, entries: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    """The documents by typ in hierarchy order: a county's own types after what they rest on."""
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        grouped[e.typ].append(e)
    return [(typ, types.label(typ), grouped[typ]) for typ in types.documents() if typ in grouped]


def _filters(types: DocTypes, in_force: list[Entry]) -> dict[str, list[tuple[str, str]]]:
    parties = sorted({p for e in in_force for p in e.parties}, key=lambda p: p[1])
    targets = sorted({e.model.malgrupp for e in in_force if e.model.malgrupp})
    shown = {e.typ for e in in_force}
    types_shown = [(t, types.label(t)) for t in types.documents() if t in shown]
    return {"typ": types_shown, "part": parties, "malgrupp": [(m, m) for m in targets]}


def named_groups(model: Common) -> set[str]:
    """The groups a document's page names: who adopted it, a project's styrgrupp, a plan's grupp."""
    named = {model.faststalld.av if model.faststalld is not None else None}
    named |= {getattr(model, name, None) for name in ("styrgrupp", "grupp")}
    return {name for name in named if name}


def _group_names(shown: list[inputs.Front]) -> dict[str, Grupp]:
    """The groups of `shown` by id: a page shows a group by its name, linked to its page."""
    return {group.id: group for group in inputs.models(shown, Grupp)}


@dataclass(frozen=True, slots=True)
class Decision:
    """How a document was decided, worded by forteckning.decision_text (the words `list` and the
    exports use), with the id of the group that adopted it cut out: the page puts the group's
    name there, linked to its page."""

    before: str
    group: str | None = None
    after: str = ""


#: Stands for the adopting group's id while decision_text words the decision (no id has it).
_GROUP_MARK: Final = "\x00"


def decision(e: Entry) -> Decision:
    """The decision of `e`, with the adopting group (fastställd av) as a place for its name."""
    adopted = e.model.faststalld
    if adopted is None or not adopted.av:
        return Decision(e.decision)
    marked = e.model.model_copy(
        update={"faststalld": adopted.model_copy(update={"av": _GROUP_MARK})}
    )
    before, mark, after = forteckning.decision_text(marked).partition(_GROUP_MARK)
    return Decision(before, adopted.av, after) if mark else Decision(e.decision)


_DATE: Final = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def whole_dates(text: str) -> Markup:
    """`text` as HTML with each date kept on one line (a table cell otherwise breaks
    2027-06-30 at a hyphen)."""
    return Markup(_DATE.sub(lambda m: f'<span class="nowrap">{m[0]}</span>', str(escape(text))))


def _document(shared: Shared, page: inputs.DocumentPage) -> dict[str, Any]:
    e, laws = page.entry, shared.repo.laws
    dated = read_as_of(e.model, shared.options.today)
    source: str | None
    if shared.options.source_url:
        source = shared.options.source_url.replace("{path}", path_uri(e.document.path))
    else:
        source = f"kalla/{e.id}.md" if page.copied else None
    return {
        "e": e,
        "m": e.model,
        "body": shared.body(page.source, page.attachments),
        "parent": page.parent,
        "children": page.children,
        "related": page.related,
        "replaces": page.replaces,
        "replaced_by": page.replaced_by,
        "laws": [law_text(laws, text, dated) for text in e.model.lagrum or ()],
        "deviations": shared.deviations.get(e.id, {}),
        "requirements": [
            (key, shared.repo.config.lagkrav[key].namn)
            for key in dict.fromkeys(e.model.lagkrav or ())
            if lagkrav.fulfils(shared.repo.config, e.model, key)
        ],
        "groups": _group_names(page.groups),
        "projektstatus": PROJEKTSTATUS,
        "history": page.history,
        "source": source,
        "pdf": path_uri(pdf_path(e.id)) if page.printed else None,
    }


#: A law's number as a citation writes it: "(2017:30)", "SOSFS 2007:10".
_LAW_NUMBER: Final = re.compile(r"\(?\b(?:[A-ZÅÄÖ][A-ZÅÄÖ-]*FS\s*)?(\d{4}:\d{1,4})\b\)?")
#: Words that point within a law ("16 kap. 3 § första stycket"), besides one- and two-letter
#: ones ("8 a §", "st.", "p.").
_PLACE_WORDS: Final = frozenset(
    {
        *("kap", "stycke", "stycket", "punkt", "punkten", "punkterna", "meningen", "och"),
        *("första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde"),
    }
)


def law_text(laws: LawRegistry, text: str, on: date) -> str:
    """A lagrum as visitors read it: the law's name once, with its number once, then the place
    in it ("Hälso- och sjukvårdslagen (2017:30) 16 kap. 3 §" for "HSL (2017:30) 16 kap. 3 §").
    A citation without a number means the law of that short name on `on`."""
    resolved = laws.resolve(text, on)
    if resolved is None:
        return text
    law = resolved[1]
    number = _LAW_NUMBER.search(text)
    place = _LAW_NUMBER.sub(" ", text)
    if law.kort:
        place = re.sub(rf"(?<!\w){re.escape(law.kort)}(?!\w)", " ", place, flags=re.IGNORECASE)
    place = " ".join(place.split()).strip(" ,;:")
    words = re.findall(r"[^\W\d_]+", place.casefold())
    if all(len(word) <= 2 or word in _PLACE_WORDS for word in words):
        name = law.namn
        if number is not None and number[1] not in name:
            name += f" ({number[1]})"
        return f"{name} {place}".strip()
    if " ".join(law.namn.split()) in " ".join(text.split()):
        return text  # it names the law in full already
    unnumbered = " ".join(_LAW_NUMBER.sub(" ", law.namn).split())
    return f"{text} ({unnumbered if number is not None else law.namn})"


def _group(shared: Shared, page: inputs.GroupPage) -> dict[str, Any]:
    group = page.group.model
    assert isinstance(group, Grupp)
    records = [(shown, shown.model) for shown in page.meetings]
    today, config = shared.options.today, shared.repo.config
    held: dict[int, int] = defaultdict(int)
    planned: dict[int, int] = defaultdict(int)
    for day in {m.datum for _shown, m in records}:
        (held if day <= today else planned)[day.year] += 1
    years = sorted(held.keys() | planned.keys(), reverse=True)
    start = arbetsordning.first_day(group, (m.datum for _s, m in records if m.datum <= today))
    return {
        "g": group,
        "body": shared.body(page.group, page.attachments),
        "niva": NIVA.get(group.niva or "", ""),
        "roll": ROLL,
        "handling": HANDLING,
        "parent": page.parent.model if page.parent is not None else None,
        "follows": page.follows.model if page.follows is not None else None,
        "meetings": [
            (m, m.datum > today, markdown.render(shown.document.body, lambda _href: None))
            for shown, m in records
        ],
        "per_year": [
            (year, held[year], planned[year], _required(group, start, year)) for year in years
        ],
        "any_planned": bool(planned),
        "chairs": _chairs(config, group),
        "chair_heading": _chair_heading(group),
        "period": arbetsordning.term_years(group) > 1,
        "mandate_start": config.mandatperiod_start,
    }


def _required(group: Grupp, start: date | None, year: int) -> int | None:
    return arbetsordning.required_in_year(group.moten_minst, start, year)


def _chairs(config: Config, group: Grupp) -> list[tuple[str, str, Ordforandeskap]]:
    """(years, leader's role in words, entry) for each term, newest first."""
    found = sorted(arbetsordning.terms(config, group).values(), key=lambda t: t.first)
    return [
        (t.years, ROLL.get(t.leader[0], "") if t.leader else "", t.entry) for t in reversed(found)
    ]


def _chair_heading(group: Grupp) -> str:
    """'Ordförande', 'Sammankallande', or both when the group has had both."""
    roles = {e.leader[0] for e in group.ordforandeskap or () if e.leader is not None}
    if roles == {"sammankallande"}:
        return "Sammankallande"
    return "Ordförande eller sammankallande" if len(roles) > 1 else "Ordförande"


def _adopting(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if antagande.under_way(e.model) is not None]


def _adoptions(
    shared: Shared, entries: list[Entry]
) -> list[tuple[Entry, list[tuple[str, str, str]]]]:
    """Each agreement under adoption, with each party that must decide: (key, css, in words)."""
    today, config = shared.options.today, shared.repo.config
    found = []
    for e in _adopting(entries):
        plan = antagande.under_way(e.model)
        assert plan is not None
        positions = antagande.positions(e.model, today)
        signed = antagande.signed_for(e.model, config)
        parties = []
        for key in antagande.must_decide(e.model, config):
            kind, words = _position(positions.get(key), plan.svara_senast, today)
            signature = signed.get(key)
            if signature is not None and signature.datum is not None:
                words += f"; undertecknad {signature.datum}"
            parties.append((key, kind, words))
        found.append((e, parties))
    return found


def _position(position: Any, deadline: date, today: date) -> tuple[str, str]:
    """(css class, words) for one party's state: colour only repeats what the words say."""
    if antagande.has_decided(position):
        outcome = UTFALL[position.utfall]
        paragraf = f" {position.paragraf}" if position.paragraf else ""
        return ("ok" if position.utfall == "antagen" else "bad"), (
            f"{outcome} {position.instans} {position.datum}{paragraf}"
        )
    state = ""
    if position is not None:
        paragraf = f" {position.paragraf}" if position.paragraf else ""
        state = f"{UTFALL[position.utfall]} {position.instans} {position.datum}{paragraf}. "
    if today > deadline:
        return "missing", f"{state}Försenad: svaret skulle ha kommit senast {deadline}"
    return "waiting", f"{state}Väntar, svar senast {deadline}"


def _matrix(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    signed = shared.repo.config.types.agreements()
    agreements = [e for e in catalog.entries if e.typ in signed and e.in_force]
    agreements += [e for e in _adopting(catalog.entries) if e.typ in signed]
    keys = list(dict.fromkeys(key for e in agreements for key in e.model.parter or ()))
    order = list(shared.repo.config.parter)
    keys.sort(key=lambda k: order.index(k) if k in order else len(order))
    rows = [(e, [_cell(shared, e, key) for key in keys]) for e in agreements]
    return {"parties": keys, "rows": rows}


def _cell(shared: Shared, e: Entry, key: str) -> tuple[str, str]:
    """(css class, text) for one agreement and one party: text says it, colour only repeats it."""
    model = e.model
    if key not in (model.parter or ()):
        return "na", "ej part"
    plan = antagande.under_way(model)
    if plan is not None and key in antagande.must_decide(model, shared.repo.config):
        today = shared.options.today
        return _position(antagande.positions(model, today).get(key), plan.svara_senast, today)
    for signature in model.undertecknare or ():
        if signature.part == key:
            return "ok", f"undertecknad {signature.datum}" if signature.datum else "undertecknad"
    for decision in [*(model.stallningstaganden or ()), *(model.beslut or ())]:
        if getattr(decision, "part", None) == key:
            paragraf = f" {decision.paragraf}" if decision.paragraf else ""
            return "ok", f"beslut {decision.instans} {decision.datum}{paragraf}"
    return "missing", "saknas"


def _meeting_events(catalog: inputs.Catalog) -> list[tuple[str, str, date, str]]:
    """(group id, name, day, what was kept) per meeting: one a date of a group, however many
    records it has ('Dagordning och minnesanteckningar'), so that each event's UID is its own."""
    kept: dict[tuple[str, str, date], set[str]] = defaultdict(set)
    for group in inputs.models(catalog.groups, Grupp):
        for m in inputs.models(catalog.meetings.get(group.id, []), MoteRecord):
            kept[(group.id, group.titel, m.datum)].add(m.handling)
    order = list(HANDLING)
    return sorted(
        (group_id, titel, day, _and([HANDLING[h] for h in sorted(found, key=order.index)]))
        for (group_id, titel, day), found in kept.items()
    )


def _and(labels: list[str]) -> str:
    """'Dagordning och minnesanteckningar'."""
    rest = [label.lower() for label in labels[1:]]
    return " och ".join([labels[0], *rest]) if rest else labels[0]


def _reviews(shared: Shared, catalog: inputs.Catalog) -> dict[str, Any]:
    due = [e for e in catalog.entries if e.review_overdue or e.review_soon or e.expires_soon]
    owners: dict[str, list[Entry]] = defaultdict(list)
    for e in due:
        owners[e.model.dokumentansvarig or "Ingen dokumentansvarig angiven"].append(e)
    return {"owners": sorted(owners.items()), "days": shared.repo.config.varna_dagar}


def _tree(entries: list[Entry]) -> list[tuple[Entry, Any]]:
    """The in-force documents as a tree along overordnad (a document whose parent is not shown is a root)."""
    shown = [e for e in entries if e.in_force]
    ids = {e.id for e in shown}
    children: dict[str | None, list[Entry]] = defaultdict(list)
    for e in shown:
        parent = e.model.overordnad if e.model.overordnad in ids else None
        children[parent].append(e)

    def grow(parent: str | None, seen: frozenset[str]) -> list[tuple[Entry, Any]]:
        return [
            (e, grow(e.id, seen | {e.id})) for e in children.get(parent, []) if e.id not in seen
        ]

    return grow(None, frozenset())


def _exports(renderer: _Renderer, site: Site) -> list[Output]:
    """Every shown document (in force, archived, and drafts with --include-drafts) has a row."""
    shared = renderer.shared
    options, name, catalog = shared.options, shared.repo.config.namn, site.catalog
    entries = catalog.entries
    feed = inputs.Feed(catalog, site.changes)

    def calendar() -> bytes:
        return exports.calendar_ics(
            entries, _meeting_events(catalog), name, options.today, options.base_url
        )

    def atom() -> bytes:
        history: dict[str, list[git.Change]] = defaultdict(list)
        for change in feed.changes:
            history[change.path].append(change)
        return exports.atom(entries, history, name, options.today, options.base_url)

    listing = renderer.key(catalog)
    return [
        Output(
            "forteckning.json",
            listing,
            lambda: exports.forteckning_json(
                entries, name, options.today, renderer.shared.deviations
            ).encode("utf-8"),
        ),
        Output("forteckning.csv", listing, lambda: exports.forteckning_csv(entries)),
        Output(
            "forteckning.xlsx",
            listing,
            lambda: exports.forteckning_xlsx(entries, name, options.today),
        ),
        Output("kalender.ics", listing, calendar),
        Output("atom.xml", renderer.key(feed), atom),
    ]


def _static(site: Site) -> list[Output]:
    from importlib import resources

    files = {
        path: resources.files("samverkan_cli").joinpath("site", path).read_bytes()
        for path in STATIC
    }
    accent, text = colours(site.repo.config.webbplats.farg)
    files["static/farg.css"] = f":root {{ --accent: {accent}; --on-accent: {text}; }}\n".encode()
    logo = _logo_file(site.repo)
    if logo is not None:
        files[f"static/logo{logo.suffix.lower()}"] = _logo_bytes(site.repo.root, logo)
    return [
        Output(path, memo.key(data), functools.partial(bytes, data)) for path, data in files.items()
    ]


def _logo_file(repo: Repository) -> Any:
    """The logo named in samverkan.yaml, if it is a file inside the repository (an SVG only
    when its drawing can be made safe, see site.logo)."""
    name = repo.config.webbplats.logo
    if not name:
        return None
    path = (repo.root / name).resolve()
    inside = repo.root.resolve() in path.parents
    if not (inside and path.is_file() and path.suffix.lower() in (".png", ".svg", ".jpg", ".jpeg")):
        return None
    return path if _logo_bytes(repo.root, path) else None


def _logo_bytes(root: Path, path: Path) -> bytes:
    """What is published of the logo (b"" for an SVG that cannot be made safe, or a file that
    is not read: over 16 MiB, or not a regular file)."""
    try:
        data = read_repository_file(root, path)
    except (OSError, RefusedFile):
        return b""
    return publishable(data, path.suffix) or b""


def _logo_name(repo: Repository) -> str | None:
    logo = _logo_file(repo)
    return f"static/logo{logo.suffix.lower()}" if logo is not None else None
