"""Load a documents repository: its config, the law registry and every document file.

Loading never stops at a bad file: a file that cannot be read or parsed is a Document with
findings (SV001, SV007) and no model. Only an invalid samverkan.yaml or lagrum.yaml stops the run
(ConfigError, exit 2), because every rule depends on them. Every file is read through
fileio.RepositoryFiles: a link out of the repository, a FIFO or device, or a file over 16 MiB is
refused (SV001, or SV090 for the two YAML files), never read.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import marshal
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError

from samverkan_cli import heap, lagrum, parallel
from samverkan_cli.catalog import severity
from samverkan_cli.config import (
    CONFIG_FILE,
    Config,
    county_context,
    merge_defaults,
    party_problems,
    typ_problems,
)
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.errors import ConfigError, UserError
from samverkan_cli.fileio import RefusedFile, RepositoryFiles, read_regular
from samverkan_cli.loading import cache as document_cache
from samverkan_cli.loading import facts, reading, source, yamlread
from samverkan_cli.loading.cache import DocumentCache
from samverkan_cli.loading.check import check, describe_error
from samverkan_cli.loading.document import Checking, Document
from samverkan_cli.loading.facts import NONE as NO_FACTS
from samverkan_cli.loading.reading import FrontMatter, Held, Reading, Unreadable
from samverkan_cli.loading.scalars import Loc
from samverkan_cli.loading.yamlread import Position
from samverkan_cli.model.doctypes import BUILTIN, DocTypes
from samverkan_cli.model.documents import Grupp
from samverkan_cli.model.vocabulary import fold
from samverkan_cli.printable import CONTROL, printable

DOCUMENT_FOLDERS: Final = ("dokument", "grupper", "moten")


def document_folder_of(root: Path, path: Path) -> str | None:
    """The document folder `path` lies in (or is), resolved, if any: a command's output there
    would be read as documents."""
    target, home = path.resolve(), root.resolve()
    for folder in DOCUMENT_FOLDERS:
        if target == home / folder or (home / folder) in target.parents:
            return folder
    return None


M = TypeVar("M", bound=BaseModel)
_NOT_A_MAPPING = "Front matter ska bestå av fält med namn och värde, t.ex. 'titel: Rutin för SIP'."


@dataclass
class Repository:
    root: Path
    config: Config
    laws: lagrum.LawRegistry
    documents: list[Document]
    by_id: dict[str, list[Document]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.by_id:
            return  # given (replaced)
        index: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            if document.id is not None:
                index[document.id].append(document)
        self.by_id = dict(index)

    def replaced(self, fresh: Mapping[str, Document]) -> Repository:
        """This repository with the files at `fresh`'s paths read anew: `record` validates
        what it wrote against the rest as loaded, without indexing 10,000 files again."""
        documents = [fresh.get(d.path, d) for d in self.documents]
        old = [d for d in self.documents if d.path in fresh]
        if len(old) != len(fresh) or any(d.id != fresh[d.path].id for d in old):
            return Repository(self.root, self.config, self.laws, documents)
        by_id = dict(self.by_id)
        for before in old:
            if before.id is not None:
                after = fresh[before.path]
                by_id[before.id] = [after if d is before else d for d in by_id[before.id]]
        return Repository(self.root, self.config, self.laws, documents, by_id)

    def get(self, document_id: str) -> Document | None:
        found = self.by_id.get(document_id)
        return found[0] if found else None

    def named(self, document_id: str) -> Document | None:
        """The document (not a meeting record) a user named on the command line, in any case:
        document ids are written in upper case (OVK-0001), group ids in lower case (bg)."""
        wanted = document_id.strip()
        found = self.get(document_id) or self.get(wanted.upper()) or self.get(wanted.lower())
        return found if found is not None and found.typ != "mote" else None

    def meeting_named(self, name: str) -> Document | None:
        """The meeting record a user named by its file name (2025-01-28-bg, with or without
        its folder and .md), in any case: a meeting record has no id of its own."""
        wanted = PurePosixPath(name.strip()).name.removesuffix(".md").casefold()
        for document in self.documents:
            if document.typ == "mote" and document.stem.casefold() == wanted:
                return document
        return None

    def unreadable_named(self, document_id: str) -> Document | None:
        """A file named for the id whose front matter could not be read (so its id is
        unknown): a command names the file to mend rather than an unknown id."""
        wanted = document_id.strip().upper()
        for document in self.documents:
            stem = document.stem.upper()
            if (stem == wanted or stem.startswith(f"{wanted}-")) and document.id is None:
                return document
        return None

    def unknown(self, document_id: str) -> UserError:
        """The error for an id that `named` does not know, with the ids it resembles."""
        known = sorted(d.id for d in self.documents if d.id and d.typ != "mote")
        close = difflib.get_close_matches(document_id.upper(), known, n=3)
        hint = f" Menade du {' eller '.join(close)}?" if close else ""
        return UserError(
            f"Det finns inget dokument med id '{document_id}'.{hint} Se 'samverkan list' för "
            "dokumentens id."
        )

    def group(self, group_id: str) -> Grupp | None:
        for document in self.by_id.get(group_id, ()):
            if isinstance(document.model, Grupp):
                return document.model
        return None

    def is_group(self, group_id: str) -> bool:
        return any(d.typ == "grupp" for d in self.by_id.get(group_id, ()))


def files(root: Path) -> list[tuple[str, str]]:
    """(repository-relative posix path, absolute path) of every document file, in order.

    Plain strings: pathlib costs ~30 µs a file here, which a 10,000-file hook run notices.
    Links to folders are not followed (os.walk's default), nor a document folder that is a link
    out of the repository.
    """
    found: list[tuple[str, str]] = []
    base = str(root)
    checked = RepositoryFiles(root)
    for folder in DOCUMENT_FOLDERS:
        top = os.path.join(base, folder)  # noqa: PTH118
        if not checked.folder_inside(top):
            continue
        for directory, subdirs, files in os.walk(top):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "_")))
            relative = os.path.relpath(directory, base).replace(os.sep, "/")
            found.extend(
                (f"{relative}/{name}", os.path.join(directory, name))  # noqa: PTH118
                for name in sorted(files)
                if name.endswith(".md") and name.lower() != "readme.md" and not name.startswith(".")
            )
    return found


def load(
    root: Path, *, use_cache: bool = True, keep_text: bool = False, save_cache: bool = True
) -> Repository:
    """The repository at `root`. `keep_text` holds the text of files parsed in this run (for
    publishing), so that they are not read twice; cached documents read theirs on demand.
    `save_cache=False` reads the cache but leaves the folder as it was (a dry run)."""
    config = load_config(root)
    laws = load_laws(root)
    with heap.lasting():
        cache = DocumentCache.open(root) if use_cache else None
        documents = _read_all(RepositoryFiles(root), files(root), cache, keep_text, config.types)
        repository = Repository(root, config, laws, documents)
    if cache is not None and save_cache:
        cache.save()
    return repository


_CONTROL_IN_NAME = (
    "Filnamnet innehåller ett osynligt styrtecken (visas här som \ufffd) och filen läses inte. "
    "Byt namn på filen till bara bokstäver, siffror och bindestreck, t.ex. RUT-0001-sip.md."
)

#: Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_FROM: Final = 1500


def _read_all(
    checked: RepositoryFiles,
    files: list[tuple[str, str]],
    cache: DocumentCache | None,
    keep_text: bool,
    types: DocTypes,
) -> list[Document]:
    """Every file as a Document, in order: from the cache where unchanged, else parsed."""
    documents: dict[str, Document] = {}
    to_parse: list[tuple[str, str, document_cache.Stat]] = []
    for relative, listed in files:
        if CONTROL.search(relative):  # it would reach terminals, reports and links as it is
            documents[relative] = _unreadable(printable(relative), _CONTROL_IN_NAME)
            continue
        try:
            path, info = checked.inspect(listed)  # a link's target, when inside
        except (OSError, RefusedFile) as error:
            documents[relative] = _unreadable(relative, _why(error))
            continue
        stat = document_cache.stat_of(info)
        found = cache.by_stat(relative, stat) if cache else None
        if found is not None:
            assert cache is not None  # only a cache knows a reading without reading
            digest = cache.digest_of(relative)
            documents[relative] = document_from(relative, found, path, digest, types)
        else:
            to_parse.append((relative, path, stat))
    known = [cache.digest_of(relative) if cache else None for relative, _path, _stat in to_parse]
    parsed = _parse_files([path for _relative, path, _stat in to_parse], known, keep_text)
    for (relative, path, stat), outcome in zip(to_parse, parsed, strict=True):
        if isinstance(outcome, str):  # unreadable: the outcome says why
            documents[relative] = _unreadable(relative, outcome)
            continue
        content_digest, found, held = outcome
        if found is None and cache is not None:  # touched, the content as before
            found = cache.by_content(relative, content_digest)
        if found is None:  # the kept reading is of no use: read the file after all
            found, held = read(read_regular(path))
            held = held if keep_text else None
        if cache is not None:
            cache.put(relative, stat, content_digest, found)
        documents[relative] = document_from(relative, found, held or path, content_digest, types)
    return [documents[relative] for relative, _path in files]


#: What parsing one file gave: (content digest, reading or None when the digest is the one
#: already known, the text when asked to keep it), or why the file cannot be read.
Parsed = tuple[bytes, Reading | None, Held | None] | str


def _parse_files(paths: list[str], known: list[bytes | None], keep_text: bool) -> Iterator[Parsed]:
    """Read and parse `paths` (in worker processes when there are many), skipping known content.

    Lazily, in order: the caller builds the documents of the first chunk while the workers
    parse the rest.
    """
    work = [(path, digest, keep_text) for path, digest in zip(paths, known, strict=True)]
    if len(work) < PARALLEL_FROM or not parallel.available():
        return (_read_file(*item) for item in work)
    size = -(-len(work) // (parallel.workers() * 4))
    chunks = [work[start : start + size] for start in range(0, len(work), size)]
    return (
        _unpacked(item)
        for packed in parallel.forked_map(_read_chunk, chunks)
        for item in marshal.loads(packed)
    )


def _read_chunk(work: list[tuple[str, bytes | None, bool]]) -> bytes:
    """Run in a worker: readings as marshal bytes (plain data crosses processes ~10× faster)."""
    return marshal.dumps([_packed_outcome(_read_file(*item)) for item in work])


def _packed_outcome(outcome: Parsed) -> Any:
    """The worker boundary: a Parsed as plain tuples (undone by _unpacked)."""
    if isinstance(outcome, str):
        return outcome
    content_digest, found, held = outcome
    return (
        content_digest,
        reading.plain(found) if found is not None else None,
        (held.text, held.body_start) if held is not None else None,
    )


def _unpacked(item: Any) -> Parsed:
    if isinstance(item, str):
        return item
    content_digest, found, held = item
    return (
        content_digest,
        reading.typed(found) if found is not None else None,
        Held(*held) if held is not None else None,
    )


def _read_file(path: str, known: bytes | None, keep_text: bool) -> Parsed:
    """`path` is checked to lie inside the repository (RepositoryFiles.inspect)."""
    try:
        data = read_regular(path)
    except (OSError, RefusedFile) as error:
        return _why(error)
    content_digest = document_cache.digest(data)
    if content_digest == known:
        return content_digest, None, None
    found, held = read(data)
    return content_digest, found, held if keep_text else None


def _why(error: OSError | RefusedFile) -> str:
    if isinstance(error, RefusedFile):
        return error.message
    reason = error.strerror or str(error)
    return f"Filen kan inte läsas: {reason}. Kontrollera att den finns och går att öppna."


def _unreadable(relative: str, message: str) -> Document:
    return document_from(relative, Unreadable("SV001", message, 1, 1, NO_FACTS), None, None)


def read(data: bytes) -> tuple[Reading, Held | None]:
    """What a file's bytes say, and its decoded text when it is a document with front matter.

    Positions are kept as marshal bytes, unpacked only for a document with a finding.
    """
    text = source.decode(data)
    if isinstance(text, source.DecodeProblem):
        where = text.position
        return Unreadable("SV007", text.message, where.line, where.column, NO_FACTS), None
    try:
        parts = source.split(text)
    except source.SplitProblem as problem:
        return _failed(problem, facts.find(text, "", 1, with_headings=False, data=data)), None
    try:
        flat = yamlread.read(parts.yaml_text, parts.yaml_line)
    except yamlread.YamlError as problem:
        found = facts.find(text, parts.body, parts.body_line, with_headings=False, data=data)
        return _failed(problem, found), None
    value = flat.value
    sip = (
        isinstance(value, dict)
        and isinstance(value.get("typ"), str)
        and fold(value["typ"]) == "sip-mall"
    )
    found = facts.find(text, parts.body, parts.body_line, with_headings=sip, data=data)
    front = FrontMatter(
        value,
        tuple((m, line, column) for m, line, column in flat.problems),
        parts.body_line,
        found,
        marshal.dumps((flat.keys, flat.values)),
        document_cache.digest(parts.yaml_text.encode("utf-8", "surrogatepass")),
    )
    return front, Held(text, len(text) - len(parts.body))


def _failed(problem: source.SplitProblem | yamlread.YamlError, found: facts.Facts) -> Reading:
    at = problem.position
    return Unreadable("SV001", problem.message, at.line, at.column, found)


def document_from(
    relative: str,
    found: Reading,
    text: Held | str | None,
    digest: bytes | None,
    types: DocTypes = BUILTIN,
) -> Document:
    """The one way a Document is made: from its reading, with its text held (`Held`), to be
    read from a path on demand (`str`), or not at all; its model checked."""
    held = text if isinstance(text, Held) else None
    lazy = text if isinstance(text, str) else None
    if isinstance(found, Unreadable):
        at = yamlread.Position(found.line, found.column)
        finding = Diagnostic(
            found.code, severity(found.code), relative, at.line, at.column, None, found.message
        )
        return Document(
            relative,
            text=held.text if held else None,
            facts=found.facts,
            source=lazy if found.code != "SV007" else None,
            problems=(finding,),
        )
    located = yamlread.Located(
        found.value,
        problems=[(m, yamlread.Position(line, column)) for m, line, column in found.problems],
        reread=lambda: _positions(found.positions),
    )
    return Document(
        relative,
        located,
        text=held.text if held else None,
        body=held.body if held else "",
        body_line=found.body_line,
        facts=found.facts,
        source=lazy,
        digest=digest,
        front_digest=found.front_digest,
        checking=functools.partial(_checked, types=types),
    )


def _checked(document: Document, types: DocTypes) -> Checking:
    """A document's model and findings, made when first asked for (Document.model)."""
    located = document.located
    assert located is not None
    problems = [document.at("SV001", m, p) for m, p in located.problems]
    if not isinstance(located.value, dict):
        problems.append(document.at("SV001", _NOT_A_MAPPING, yamlread.Position(1, 1)))
        return None, tuple(problems), frozenset(), None
    checked = check(document, types)
    problems += checked.findings
    return checked.model, tuple(problems), checked.locked, checked.renumbered


def _positions(packed: bytes) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
    return yamlread.lookups(*marshal.loads(packed))


def load_config(root: Path) -> Config:
    located = _read_yaml(root, CONFIG_FILE)
    raw = located.value if isinstance(located.value, dict) else None
    if raw is None:
        raise ConfigError(
            [_config_error(CONFIG_FILE, "samverkan.yaml ska innehålla namn: och parter:.")]
        )
    config = _validate(Config, merge_defaults(raw), located, CONFIG_FILE, county_context(raw))
    problems = list(_party_findings(config, located))
    if problems:
        raise ConfigError(problems)
    return config


def _party_findings(config: Config, located: yamlread.Located) -> Iterator[Diagnostic]:
    """What relates one party (or typ) to another in samverkan.yaml (config.party_problems,
    config.typ_problems), as SV090 findings where the YAML says it."""
    document = Document(CONFIG_FILE, located=located)
    for where, message in (*party_problems(config), *typ_problems(config)):
        finding = document.diagnostic("SV090", message, where, key=len(where) == 2)
        yield dataclasses.replace(finding, id=None, message=f"{CONFIG_FILE}: {message}")


def load_laws(root: Path) -> lagrum.LawRegistry:
    shipped = lagrum.parse_registry(yamlread.load(lagrum.shipped_text()).value)
    if not os.path.lexists(root / lagrum.REGISTRY_FILE):
        return lagrum.combine(shipped, None)
    located = _read_yaml(root, lagrum.REGISTRY_FILE)
    local = _validate(lagrum.RegistryFile, located.value, located, lagrum.REGISTRY_FILE)
    combined = lagrum.combine(shipped, local)
    document = Document(lagrum.REGISTRY_FILE, located=located)
    unknown = [
        document.diagnostic(
            "SV090",
            f"{lagrum.REGISTRY_FILE}: 'lagar → {key} → ersatt_av': {law.ersatt_av} finns inte "
            "i lagrumsregistret. Skriv nyckeln för den författning som ersatte den (t.ex. SFS "
            "2017:30), och lägg till den i lagrum.yaml om den saknas.",
            ("lagar", key, "ersatt_av"),
        )
        for key, law in local.lagar.items()
        if law.ersatt_av is not None and law.ersatt_av not in combined.laws
    ]
    if unknown:
        raise ConfigError([dataclasses.replace(d, id=None) for d in unknown])
    return combined


def _read_yaml(root: Path, name: str) -> yamlread.Located:
    try:
        text = source.decode(RepositoryFiles(root).read(root / name))
    except OSError as error:
        raise ConfigError(
            [_config_error(name, f"{name} kan inte läsas: {error.strerror}.")]
        ) from None
    except RefusedFile as refused:
        raise ConfigError([_config_error(name, f"{name}: {refused.message}")]) from None
    if isinstance(text, source.DecodeProblem):
        raise ConfigError([_config_error(name, text.message, text.position)])
    try:
        return yamlread.load(text)
    except yamlread.YamlError as error:
        raise ConfigError([_config_error(name, error.message, error.position)]) from None


def _config_error(name: str, message: str, at: yamlread.Position | None = None) -> Diagnostic:
    document = Document(name)
    return document.at("SV090", message, at or yamlread.Position(1, 1))


def _validate(
    model: type[M],
    data: Any,
    located: yamlread.Located,
    name: str,
    context: dict[str, Any] | None = None,
) -> M:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        raise ConfigError(list(_config_findings(model, error, located, name))) from None


def _config_findings(
    model: type[BaseModel], error: ValidationError, located: yamlread.Located, name: str
) -> Iterable[Diagnostic]:

    document = Document(name, located=located)
    for err in error.errors(include_url=False):
        finding = describe_error(document, model, err)
        yield dataclasses.replace(
            finding, code="SV090", id=None, message=f"{name}: {finding.message}"
        )
