"""The templates of `samverkan new`: the shipped ones, and a repository's own under mallar/.

A repository's templates are input, not code: every template is rendered in Jinja's immutable
sandbox (no attribute starting with `_`, no mutation; see scaffold.sandbox), within bounds on
the size of every value, the size of the document, the steps and the seconds it may take (see
scaffold.limits). A repository's files are read only when they are regular UTF-8 files inside
the repository, and any fault in one (syntax, an undefined value, the sandbox refusing, a
missing include, a bound passed) is a Swedish UserError naming the file and line.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

from samverkan_cli.errors import UserError
from samverkan_cli.fileio import RefusedFile, read_regular
from samverkan_cli.scaffold.limits import (
    LIMITS,
    Limits,
    TemplateFault,
    TemplateTimeout,
    too_big_output,
)
from samverkan_cli.scaffold.messages import TEMPLATE_FOLDER, describe

if TYPE_CHECKING:
    from jinja2 import Template

    from samverkan_cli.scaffold.sandbox import Sandbox

__all__ = ["MAX_TEMPLATE_BYTES", "TEMPLATE_FOLDER", "TemplateFault", "render"]

#: A template is a short text file; anything bigger is a mistake (or a device named .j2).
MAX_TEMPLATE_BYTES: Final = 1_000_000


def render(
    root: Path,
    typ: str,
    context: Mapping[str, Any],
    limits: Limits = LIMITS,
    like: str | None = None,
) -> str:
    """The typ's template (the repository's own under mallar/ first) rendered with `context`;
    a county's own typ without a template of its own uses that of the typ it is `like`."""
    from samverkan_cli.scaffold.sandbox import deadline

    repository = RepositoryTemplates(root)
    environment = _environment(repository, limits)
    try:
        with deadline(limits):
            names = [f"{typ}.md.j2", *([f"{like}.md.j2"] if like else [])]
            template = environment.select_template(names)
            text = _bounded(template, context, limits)
    except (Exception, TemplateTimeout) as error:
        fault = user_error(error, repository.served, sorted(context), limits)
        if fault is None:
            raise  # no repository template took part: a fault of ours, not the user's
        raise fault from error
    return text.rstrip("\n") + "\n"  # exactly one final newline, as .editorconfig asks


def _bounded(template: Template, context: Mapping[str, Any], limits: Limits) -> str:
    """The rendered text, stopped as soon as it is bigger than `limits.output`."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > limits.output:
            raise too_big_output(limits)
        pieces.append(piece)
    text = "".join(pieces)
    if len(text.encode("utf-8", "surrogatepass")) > limits.output:
        raise too_big_output(limits)
    return text


def _environment(repository: RepositoryTemplates, limits: Limits) -> Sandbox:
    from jinja2 import ChoiceLoader, FunctionLoader, PackageLoader

    from samverkan_cli.scaffold.sandbox import Sandbox

    loaders = [FunctionLoader(repository), PackageLoader("samverkan_cli", "scaffold/templates")]
    environment = Sandbox(
        limits,
        loader=ChoiceLoader(loaders),
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown and YAML, not HTML: escaping is done where it matters, by quoting YAML strings.
        autoescape=False,
    )
    environment.add_filter("q", lambda value: json.dumps(str(value), ensure_ascii=False))
    return environment


class RepositoryTemplates:
    """Templates from the repository's mallar/ (a Jinja FunctionLoader's function): regular
    UTF-8 files inside the repository only."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.folder = root / TEMPLATE_FOLDER
        #: The file name Jinja knows each served template by → the name users see.
        self.served: dict[str, str] = {}

    def __call__(self, template: str) -> tuple[str, str, Callable[[], bool]] | None:
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)  # refuses '..' (TemplateNotFound)
        path = self.folder.joinpath(*pieces)
        if not (path.exists() or path.is_symlink()):
            return None  # not the repository's: the shipped template of that name, if any
        display = "/".join((TEMPLATE_FOLDER, *pieces))
        self.served[str(path)] = display
        return read_template(self.root, path, display), str(path), lambda: True


def read_template(root: Path, path: Path, display: str) -> str:
    """The text of a repository template; TemplateFault unless a regular UTF-8 file in `root`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise TemplateFault(
            display,
            f"mallen pekar utanför dokumentarkivet (till {resolved}). En mall ska vara en fil i "
            "arkivet: ersätt länken med en kopia av mallen.",
        )
    try:
        info = resolved.stat()
        if not stat.S_ISREG(info.st_mode):
            raise TemplateFault(display, "mallen är ingen vanlig fil. Lägg en textfil i mallar/.")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateFault(
                display, f"mallen är större än {MAX_TEMPLATE_BYTES // 1_000_000} MB; korta den."
            )
        # Checked above, and again on the open file: replaced by a FIFO or a link since, or grown.
        data = read_regular(str(resolved), MAX_TEMPLATE_BYTES)
    except RefusedFile as refused:
        raise TemplateFault(display, f"mallen läses inte: {refused.message}") from None
    except OSError as error:
        raise TemplateFault(display, f"mallen går inte att läsa ({error.strerror}).") from None
    return _decode(data, display)


def _decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise TemplateFault(
            display,
            f"mallen är inte giltig UTF-8 (byten 0x{data[error.start]:02x}). Spara den som UTF-8.",
            line,
        ) from None


def user_error(
    error: BaseException, served: Mapping[str, str], names: list[str], limits: Limits = LIMITS
) -> UserError | None:
    """A Swedish UserError for a fault in a repository template; None when none took part."""
    display, line = _where(error, served)
    if not display:
        if not served:
            return None
        display = next(iter(served.values()))
    where = f"{display}:{line}" if line else display
    return UserError(f"{where}: {describe(error, names, limits)}")


def _where(error: BaseException, served: Mapping[str, str]) -> tuple[str, int | None]:
    """The repository template and line the error comes from, innermost first."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateFault) and error.display:
        return error.display, error.line
    if isinstance(error, TemplateSyntaxError) and error.filename in served:
        return served[str(error.filename)], error.lineno
    found: tuple[str, int | None] = ("", None)
    traceback: TracebackType | None = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code.co_filename in served:
            found = (served[frame.f_code.co_filename], _line(frame.f_globals, traceback.tb_lineno))
        traceback = traceback.tb_next
    return found


def _line(module: Mapping[str, Any], line: int) -> int:
    """The template's line for a line of the Python it compiles to. Jinja rewrites the traceback
    of an Exception to template lines itself, not that of a TemplateTimeout."""
    template = module.get("__jinja_template__")
    return int(template.get_corresponding_lineno(line)) if template is not None else line
