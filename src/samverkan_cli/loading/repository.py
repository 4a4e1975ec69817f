"""Load a documents repository: its config, the law registry and every document file.

Loading never stops at a bad file: a file that cannot be read or parsed is a Document with
findings (SV001, SV007) and no model. Only an invalid samverkan.yaml or lagrum.yaml stops the run
(ConfigError, exit 2), because every rule depends on them.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError

from samverkan_cli import lagrum
from samverkan_cli.config import CONFIG_FILE, Config, merge_defaults
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.errors import ConfigError
from samverkan_cli.loading import source, yamlread
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Grupp

DOCUMENT_FOLDERS: Final = ("dokument", "grupper", "moten")
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
        index: dict[str, list[Document]] = defaultdict(list)
        for document in self.documents:
            if document.id is not None:
                index[document.id].append(document)
        self.by_id = dict(index)

    def get(self, document_id: str) -> Document | None:
        found = self.by_id.get(document_id)
        return found[0] if found else None

    def group(self, group_id: str) -> Grupp | None:
        for document in self.by_id.get(group_id, ()):
            if isinstance(document.model, Grupp):
                return document.model
        return None

    def is_group(self, group_id: str) -> bool:
        return any(d.typ == "grupp" for d in self.by_id.get(group_id, ()))


def discover(root: Path) -> list[Path]:
    """Every document file: *.md under the document folders, skipping README.md and ./_ folders."""
    found: list[Path] = []
    for folder in DOCUMENT_FOLDERS:
        for directory, subdirs, files in os.walk(root / folder):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith((".", "_")))
            found.extend(
                Path(directory, name)
                for name in sorted(files)
                if name.endswith(".md") and name.lower() != "readme.md" and not name.startswith(".")
            )
    return found


def load(root: Path) -> Repository:
    config = load_config(root)
    laws = load_laws(root)
    documents = [load_document(root, path) for path in discover(root)]
    return Repository(root, config, laws, documents)


def load_document(root: Path, path: Path) -> Document:
    relative = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        document = Document(relative)
        message = (
            f"Filen kan inte läsas: {error.strerror}. Kontrollera att den finns och går att öppna."
        )
        document.problems.append(document.at("SV001", message, yamlread.Position(1, 1)))
        return document
    return parse_document(relative, data)


def parse_document(relative: str, data: bytes) -> Document:
    """A Document from a file's bytes: decoded, split, parsed and checked against its model."""
    from samverkan_cli.model.check import check

    document = Document(relative)
    text = source.decode(data)
    if isinstance(text, source.DecodeProblem):
        document.problems.append(document.at("SV007", text.message, text.position))
        return document
    document.text = text
    try:
        parts = source.split(text)
        document.body, document.body_line = parts.body, parts.body_line
        document.located = yamlread.load(parts.yaml_text, parts.yaml_line)
    except (source.SplitProblem, yamlread.YamlError) as problem:
        document.problems.append(document.at("SV001", problem.message, problem.position))
        return document
    document.problems.extend(document.at("SV001", m, p) for m, p in document.located.problems)
    if not isinstance(document.located.value, dict):
        document.problems.append(document.at("SV001", _NOT_A_MAPPING, yamlread.Position(1, 1)))
        return document
    document.model, findings = check(document)
    document.problems.extend(findings)
    return document


def load_config(root: Path) -> Config:
    located = _read_yaml(root / CONFIG_FILE, CONFIG_FILE)
    raw = located.value if isinstance(located.value, dict) else None
    if raw is None:
        raise ConfigError(
            [_config_error(CONFIG_FILE, "samverkan.yaml ska innehålla namn: och parter:.")]
        )
    return _validate(Config, merge_defaults(raw), located, CONFIG_FILE)


def load_laws(root: Path) -> lagrum.LawRegistry:
    shipped = lagrum.parse_registry(yamlread.load(lagrum.shipped_text()).value)
    path = root / lagrum.REGISTRY_FILE
    if not path.is_file():
        return lagrum.combine(shipped, None)
    located = _read_yaml(path, lagrum.REGISTRY_FILE)
    local = _validate(lagrum.RegistryFile, located.value, located, lagrum.REGISTRY_FILE)
    return lagrum.combine(shipped, local)


def _read_yaml(path: Path, name: str) -> yamlread.Located:
    try:
        text = source.decode(path.read_bytes())
    except OSError as error:
        raise ConfigError(
            [_config_error(name, f"{name} kan inte läsas: {error.strerror}.")]
        ) from None
    if isinstance(text, source.DecodeProblem):
        raise ConfigError([_config_error(name, text.message, text.position)])
    try:
        return yamlread.load(text)
    except yamlread.YamlError as error:
        raise ConfigError([_config_error(name, error.message, error.position)]) from None


def _config_error(name: str, message: str, at: yamlread.Position | None = None) -> Diagnostic:
    document = Document(name)
    return document.at("SV090", message, at or yamlread.Position(1, 1))


def _validate(model: type[M], data: Any, located: yamlread.Located, name: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(list(_config_findings(model, error, located, name))) from None


def _config_findings(
    model: type[BaseModel], error: ValidationError, located: yamlread.Located, name: str
) -> Iterable[Diagnostic]:
    from samverkan_cli.model.check import describe_error

    document = Document(name, located=located)
    for err in error.errors(include_url=False):
        finding = describe_error(document, model, err)
        yield dataclasses.replace(
            finding, code="SV090", id=None, message=f"{name}: {finding.message}"
        )
