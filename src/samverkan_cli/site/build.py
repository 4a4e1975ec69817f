"""Plan the published site: every page and export, by its path in the site, with its key.

Plan, then write: nothing here writes to the disk (it reads the logo and the configuration
files for the keys), and `site.write` makes and puts in --out only the files whose inputs
changed. The same repository, options and --today give the same bytes.
"""

from __future__ import annotations

import functools
import posixpath
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Final

from samverkan_cli import antagande, exports, forteckning, git, templating
from samverkan_cli.arbetsordning import meetings_per_year
from samverkan_cli.fileio import RefusedFile, read_repository_file
from samverkan_cli.forteckning import Entry
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common, Grupp, MoteRecord
from samverkan_cli.model.vocabulary import (
    AGREEMENTS,
    DOC_ID,
    EXEMPLAR,
    HANDLING,
    NIVA,
    PARTY_TYP,
    ROLL,
    TYP,
    UTFALL,
)
from samverkan_cli.site import markdown, memo
from samverkan_cli.site.logo import publishable
from samverkan_cli.site.style import colours
from samverkan_cli.slug import path_uri

STATIC: Final = ("static/style.css", "static/filter.js")
HIERARCHY: Final = tuple(t for t in TYP if t not in ("grupp", "mote"))


@dataclass(frozen=True)
class Options:
    today: date
    base_url: str | None = None
    include_drafts: bool = False
    source_url: str | None = None  # e.g. https://github.com/org/repo/blob/main/{path}


@dataclass
class Site:
    repo: Repository
    options: Options
    entries: list[Entry]
    groups: list[tuple[Document, Grupp]]
    history: dict[str, list[git.Change]]
    public: forteckning.Public

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def pages_by_path(self) -> dict[str, str]:
        """Repository path of every published document or group → its page."""
        pages = {e.document.path: exports.page(e.id) for e in self.entries}
        pages.update({d.path: exports.group_page(g.id) for d, g in self.groups})
        return pages

    @cached_property
    def meetings(self) -> dict[str, list[tuple[Document, MoteRecord]]]:
        """Published meeting records per group, newest first."""
        found: dict[str, list[tuple[Document, MoteRecord]]] = defaultdict(list)
        for d in self.repo.documents:
            if isinstance(d.model, MoteRecord) and d.path in self.public.paths:
                found[d.model.grupp].append((d, d.model))
        for records in found.values():
            records.sort(key=lambda pair: (pair[1].datum, pair[0].path), reverse=True)
        return found

    @cached_property
    def children(self) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            if e.model.overordnad:
                found[e.model.overordnad].append(e)
        return found


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the site: where it goes, the key of its inputs, and how to make its bytes.

    Making is deferred so that a file whose key is as at the last publish is never rendered
    (site.memo); key None (a document whose digest is unknown) means it is always made.
    """

    path: str
    key: bytes | None
    make: Callable[[], bytes]


def outputs(repo: Repository, options: Options) -> list[Output]:
    """Every file of the site, sorted by path."""
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
        shown,
    )
    keys = _Keys(site, changes)
    planned = [*_Renderer(site).pages(keys), *_exports(site, keys), *_static(site)]
    return sorted(planned, key=lambda output: output.path)


class _Keys:
    """The inputs each kind of file is made from, as keys (see Output).

    Every key holds `common`: the tool, the options, samverkan.yaml, lagrum.yaml, the logo, and
    which documents and groups have pages at which paths (links in any body resolve against
    it). A document page adds its own file and the front matter of the documents it
    shows (parent, children, related, replaced); a group page its own file, its meeting records
    and its parent group; the pages and exports that list everything add the front matter of
    every shown document. A change to one document's body thus re-renders one page.
    """

    def __init__(self, site: Site, changes: list[git.Change]) -> None:
        from samverkan_cli.config import CONFIG_FILE
        from samverkan_cli.lagrum import REGISTRY_FILE
        from samverkan_cli.loading import cache

        repo = site.repo
        logo = _logo_file(repo)
        self.site = site
        # Digests, not the values: every key holds them, and each is made once.
        self.common = memo.key(
            cache.version(),
            site.options,
            *(_read(repo.root, repo.root / name) for name in (CONFIG_FILE, REGISTRY_FILE)),
            logo.name if logo is not None else None,
            _read(repo.root, logo) if logo is not None else None,
            memo.key(
                [(e.id, e.document.path) for e in site.entries],
                [(g.id, d.path) for d, g in site.groups],
            ),
        )
        self.catalog = memo.key(
            self.common,
            [_front(e) for e in site.entries],
            [(g.id, d.front_digest) for d, g in site.groups],
            [(d.path, d.front_digest) for records in site.meetings.values() for d, _m in records],
        )
        self.changes = changes

    def of(self, *parts: object) -> bytes:
        return memo.key(self.common, *parts)

    def document(self, e: Entry) -> bytes | None:
        if e.document.digest is None:
            return None
        site, model = self.site, e.model
        linked = [model.overordnad, *(model.relaterade or ()), *(model.ersatter or ())]
        return self.of(
            e.document.digest,
            [_front(site.by_id.get(i or "")) for i in [*linked, model.ersatt_av]],
            [_front(child) for child in site.children.get(e.id, [])],
            site.history.get(e.document.path, []),
        )

    def group(self, document: Document, group: Grupp) -> bytes | None:
        if document.digest is None:
            return None
        parent = next((d for d, g in self.site.groups if g.id == group.rapporterar_till), None)
        return self.of(
            document.digest,
            [(d.path, d.digest) for d, _m in self.site.meetings.get(group.id, [])],
            parent.front_digest if parent is not None else None,
        )


def _front(e: Entry | None) -> tuple[str, bytes | None] | None:
    return (e.id, e.document.front_digest) if e is not None else None


def _read(root: Path, path: Path) -> bytes | None:
    try:
        return read_repository_file(root, path)
    except (OSError, RefusedFile):
        return None


class _Renderer:
    def __init__(self, site: Site) -> None:
        self.site = site
        self._environment: Any = None
        self.common = self._common()

    @property
    def environment(self) -> Any:
        """Jinja's environment, made when the first page is rendered (often none is)."""
        if self._environment is None:
            self._environment = templating.environment("site/templates", "html")
        return self._environment

    def _common(self) -> dict[str, Any]:
        repo = self.site.repo
        return {
            "site_name": repo.config.namn,
            "today": self.site.options.today,
            "typ_label": TYP,
            "party_name": lambda key: (
                repo.config.parter[key].namn if key in repo.config.parter else key
            ),
            "logo": _logo_name(repo),
            "party_typ": PARTY_TYP,
            "utfall": UTFALL,
            "exemplar_label": EXEMPLAR,
        }

    def render(self, template: str, path: str, **context: Any) -> bytes:
        depth = path.count("/")
        root = "../" * depth
        html: str = self.environment.get_template(template).render(
            **self.common, **context, root=root, current=path
        )
        return html.encode("utf-8")

    def page(
        self, template: str, path: str, key: bytes | None, context: Callable[[], dict[str, Any]]
    ) -> Output:
        return Output(path, key, lambda: self.render(template, path, **context()))

    def pages(self, keys: _Keys) -> list[Output]:
        site = self.site
        listing = keys.catalog
        pages = [
            self.page(
                "index.html.j2",
                "index.html",
                listing,
                lambda: {
                    "groups_by_typ": _by_typ([e for e in site.entries if e.in_force]),
                    "filters": _filters(site),
                },
            ),
            self.page(
                "archive.html.j2",
                "arkiv.html",
                listing,
                lambda: {"archived": [e for e in site.entries if e.archived]},
            ),
            self.page("matrix.html.j2", "antagande.html", listing, lambda: _matrix(site)),
            self.page(
                "adoption.html.j2",
                "under-antagande.html",
                listing,
                lambda: {"adoptions": _adoptions(site)},
            ),
            self.page("reviews.html.j2", "granskning.html", listing, lambda: _reviews(site)),
            self.page("hierarchy.html.j2", "hierarki.html", listing, lambda: {"tree": _tree(site)}),
            self.page(
                "accessibility.html.j2",
                "tillganglighet.html",
                keys.of(),
                lambda: {"statement": site.repo.config.webbplats.tillganglighet},
            ),
            self.page(
                "groups.html.j2",
                "grupper/index.html",
                listing,
                lambda: {"groups": [g for _d, g in site.groups]},
            ),
        ]
        for e in site.entries:
            pages.append(
                self.page(
                    "document.html.j2",
                    exports.page(e.id),
                    keys.document(e),
                    functools.partial(_document, site, e),
                )
            )
            if site.options.source_url is None and _copies_source(site, e):
                pages.append(
                    Output(
                        f"kalla/{e.id}.md",
                        e.document.digest,
                        functools.partial(_source_text, e.document),
                    )
                )
        for document, group in site.groups:
            pages.append(
                self.page(
                    "group.html.j2",
                    exports.group_page(group.id),
                    keys.group(document, group),
                    functools.partial(_group, site, document, group),
                )
            )
        return pages


def _copies_source(site: Site, e: Entry) -> bool:
    """Whether the Markdown source is copied beside the page: not when it names something hidden
    (a reference or link the page leaves out would be there in the source). Judged from the
    file's front matter and links, known without reading the file again."""
    model = e.document.model
    assert isinstance(model, Common)  # an entry's document has a model
    return not site.public.referred(model, (t for t, _line, _col in e.document.facts.links))


def _source_text(document: Document) -> bytes:
    return (document.text or "").encode("utf-8")


def _by_typ(entries: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        grouped[e.typ].append(e)
    return [(typ, TYP[typ], grouped[typ]) for typ in HIERARCHY if typ in grouped]


def _filters(site: Site) -> dict[str, list[tuple[str, str]]]:
    in_force = [e for e in site.entries if e.in_force]
    parties = sorted({p for e in in_force for p in e.parties}, key=lambda p: p[1])
    targets = sorted({e.model.malgrupp for e in in_force if e.model.malgrupp})
    types = [(t, TYP[t]) for t in HIERARCHY if any(e.typ == t for e in in_force)]
    return {"typ": types, "part": parties, "malgrupp": [(m, m) for m in targets]}


def link_for(site: Site, document: Document) -> Any:
    """Map links written in a document (ids or repository paths) to pages of the site."""
    pages = site.pages_by_path

    def resolve(href: str) -> str | None:
        bare, _, fragment = href.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        if DOC_ID.match(bare):
            return f"../{exports.page(bare)}{suffix}" if bare in site.by_id else None
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


def _body(site: Site, document: Document) -> str:
    return markdown.render(document.body, link_for(site, document))


def _source(site: Site, e: Entry) -> str | None:
    if site.options.source_url:
        return site.options.source_url.replace("{path}", path_uri(e.document.path))
    return f"kalla/{e.id}.md" if _copies_source(site, e) else None


def _document(site: Site, e: Entry) -> dict[str, Any]:
    laws = site.repo.laws
    model = e.model
    children = site.children.get(e.id, [])
    return {
        "e": e,
        "m": model,
        "body": _body(site, e.document),
        "parent": site.by_id.get(model.overordnad or ""),
        "children": children,
        "related": [site.by_id[i] for i in model.relaterade or () if i in site.by_id],
        "replaces": [site.by_id[i] for i in model.ersatter or () if i in site.by_id],
        "replaced_by": site.by_id.get(model.ersatt_av or ""),
        "laws": [
            (text, _law_name(laws, text, e, site.options.today)) for text in model.lagrum or ()
        ],
        "history": site.history.get(e.document.path, []),
        "source": _source(site, e),
    }


def _law_name(laws: Any, text: str, e: Entry, today: date) -> str | None:
    resolved = laws.resolve(text, e.model.giltig_fran or e.model.senast_reviderad or today)
    return resolved[1].namn if resolved else None


def _group(site: Site, document: Document, group: Grupp) -> dict[str, Any]:
    records = site.meetings.get(group.id, [])
    per_year: dict[int, int] = defaultdict(int)
    for day in {m.datum for _d, m in records}:
        per_year[day.year] += 1
    return {
        "g": group,
        "body": _body(site, document),
        "niva": NIVA.get(group.niva or "", ""),
        "roll": ROLL,
        "handling": HANDLING,
        "parent": next((g for _d, g in site.groups if g.id == group.rapporterar_till), None),
        "meetings": [(m, markdown.render(d.body, lambda _href: None)) for d, m in records],
        "per_year": sorted(per_year.items(), reverse=True),
        "required": meetings_per_year(group.moten_minst),
        "chairs": sorted(group.ordforandeskap or (), key=lambda t: t.ar, reverse=True),
    }


def _adopting(site: Site) -> list[Entry]:
    return [e for e in site.entries if antagande.under_way(e.model) is not None]


def _adoptions(site: Site) -> list[tuple[Entry, list[tuple[str, str, str]]]]:
    """Each agreement under adoption, with each party that must decide: (key, css, in words)."""
    today = site.options.today
    found = []
    for e in _adopting(site):
        plan = antagande.under_way(e.model)
        assert plan is not None
        positions = antagande.positions(e.model, today)
        signed = antagande.signed_for(e.model, site.repo.config)
        parties = []
        for key in antagande.must_decide(e.model, site.repo.config):
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


def _matrix(site: Site) -> dict[str, Any]:
    agreements = [e for e in site.entries if e.typ in AGREEMENTS and e.in_force]
    agreements += [e for e in _adopting(site) if e.typ in AGREEMENTS]
    keys = list(dict.fromkeys(key for e in agreements for key in e.model.parter or ()))
    order = list(site.repo.config.parter)
    keys.sort(key=lambda k: order.index(k) if k in order else len(order))
    rows = [(e, [_cell(site, e, key) for key in keys]) for e in agreements]
    return {"parties": keys, "rows": rows}


def _cell(site: Site, e: Entry, key: str) -> tuple[str, str]:
    """(css class, text) for one agreement and one party: text says it, colour only repeats it."""
    model = e.model
    if key not in (model.parter or ()):
        return "na", "ej part"
    plan = antagande.under_way(model)
    if plan is not None and key in antagande.must_decide(model, site.repo.config):
        today = site.options.today
        return _position(antagande.positions(model, today).get(key), plan.svara_senast, today)
    for signature in model.undertecknare or ():
        if signature.part == key:
            return "ok", f"undertecknad {signature.datum}" if signature.datum else "undertecknad"
    for decision in [*(model.stallningstaganden or ()), *(model.beslut or ())]:
        if getattr(decision, "part", None) == key:
            paragraf = f" {decision.paragraf}" if decision.paragraf else ""
            return "ok", f"beslut {decision.instans} {decision.datum}{paragraf}"
    return "missing", "saknas"


def _reviews(site: Site) -> dict[str, Any]:
    due = [e for e in site.entries if e.review_overdue or e.review_soon or e.expires_soon]
    owners: dict[str, list[Entry]] = defaultdict(list)
    for e in due:
        owners[e.model.dokumentansvarig or "Ingen dokumentansvarig angiven"].append(e)
    return {"owners": sorted(owners.items()), "days": site.repo.config.varna_dagar}


def _tree(site: Site) -> list[tuple[Entry, Any]]:
    """The in-force documents as a tree along overordnad (a document whose parent is not shown is a root)."""
    shown = [e for e in site.entries if e.in_force]
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


def _exports(site: Site, keys: _Keys) -> list[Output]:
    """Every shown document (in force, archived, and drafts with --include-drafts) has a row."""
    options, name, entries = site.options, site.repo.config.namn, site.entries

    def calendar() -> bytes:
        meetings = sorted(
            (group.id, group.titel, m.datum, HANDLING[m.handling])
            for _d, group in site.groups
            for _record, m in site.meetings.get(group.id, [])
        )
        return exports.calendar_ics(entries, meetings, name, options.today, options.base_url)

    listing = keys.catalog
    return [
        Output(
            "forteckning.json",
            listing,
            lambda: exports.forteckning_json(entries, name, options.today).encode("utf-8"),
        ),
        Output("forteckning.csv", listing, lambda: exports.forteckning_csv(entries)),
        Output(
            "forteckning.xlsx",
            listing,
            lambda: exports.forteckning_xlsx(entries, name, options.today),
        ),
        Output("kalender.ics", listing, calendar),
        Output(
            "atom.xml",
            memo.key(listing, keys.changes),
            lambda: exports.atom(entries, site.history, name, options.today, options.base_url),
        ),
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
