"""The templates of `samverkan new`: the shipped ones, and a repository's own under mallar/.

A repository's templates are input, not code: every template is rendered in Jinja's immutable
sandbox (no attribute starting with `_`, no mutation, bounded `range`, `**` and `*`), a
repository's files are read only when they are regular UTF-8 files inside the repository, and
any fault in one (syntax, an undefined value, the sandbox refusing, a missing include) is a
UserError naming the file and line.
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

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE_FOLDER: Final = "mallar"
#: A template is a short text file; anything bigger is a mistake (or a device named .j2).
MAX_TEMPLATE_BYTES: Final = 1_000_000
#: Bounds on the operators that can exhaust memory or time from a one-line template.
MAX_EXPONENT: Final = 1_000
MAX_REPEAT: Final = 100_000


class TemplateFault(Exception):
    """A repository template that cannot be used; the message is Swedish and says the fix."""

    def __init__(self, display: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.display = display
        self.message = message
        self.line = line


def render(root: Path, typ: str, context: Mapping[str, Any]) -> str:
    """The typ's template (the repository's own under mallar/ first) rendered with `context`."""
    repository = RepositoryTemplates(root)
    environment = _environment(repository)
    try:
        text = environment.get_template(f"{typ}.md.j2").render(context)
    except Exception as error:
        fault = user_error(error, repository.served, sorted(context))
        if fault is None:
            raise  # no repository template took part: a fault of ours, not the user's
        raise fault from error
    return text.rstrip("\n") + "\n"  # exactly one final newline, as .editorconfig asks


def _environment(repository: RepositoryTemplates) -> Environment:
    from jinja2 import ChoiceLoader, FunctionLoader, PackageLoader, StrictUndefined

    loaders = [FunctionLoader(repository), PackageLoader("samverkan_cli", "scaffold/templates")]
    environment = _sandbox()(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown and YAML, not HTML: escaping is done where it matters, by quoting YAML strings.
        autoescape=False,
    )
    environment.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return environment


def _sandbox() -> type[Environment]:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_size(operator, left, right)
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _check_size(operator: str, left: Any, right: Any) -> None:
    numbers = all(isinstance(v, int | float) for v in (left, right))
    if operator == "**" and numbers and abs(right) > MAX_EXPONENT and abs(left) > 1:
        raise TemplateFault("", f"mallen räknar ut en för stor potens (exponenten {right}).")
    if operator == "*" and not numbers:
        count = right if isinstance(right, int) else left
        if isinstance(count, int) and count > MAX_REPEAT:
            raise TemplateFault("", f"mallen upprepar en text eller lista {count} gånger.")


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


def user_error(error: Exception, served: Mapping[str, str], names: list[str]) -> UserError | None:
    """A Swedish UserError for a fault in a repository template; None when none took part."""
    display, line = _where(error, served)
    if not display:
        if not served:
            return None
        display = next(iter(served.values()))
    where = f"{display}:{line}" if line else display
    return UserError(f"{where}: {_describe(error, names)}")


def _where(error: Exception, served: Mapping[str, str]) -> tuple[str, int | None]:
    """The repository template and line the error comes from, innermost first."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateFault) and error.display:
        return error.display, error.line
    if isinstance(error, TemplateSyntaxError) and error.filename in served:
        return served[str(error.filename)], error.lineno
    found: tuple[str, int | None] = ("", None)
    traceback: TracebackType | None = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename in served:
            found = (served[filename], traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _describe(error: Exception, names: list[str]) -> str:
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    values = ", ".join(names)
    if isinstance(error, TemplateFault):
        return error.message
    if isinstance(error, TemplateSyntaxError):
        return (
            f"mallen har ett syntaxfel ({error.message}). Rätta Jinja-syntaxen, eller ta bort "
            "filen så används den inbyggda mallen."
        )
    if isinstance(error, SecurityError):
        return (
            f"mallen använder något som en mall inte får använda ({error}). En mall får använda "
            f"värdena {values} och filtret q."
        )
    if isinstance(error, UndefinedError):
        return f"mallen använder ett värde som inte finns ({error}). Värden: {values}."
    if isinstance(error, TemplateNotFound):
        return (
            f"mallen tar med '{error.name}', som inte finns i {TEMPLATE_FOLDER}/ eller bland de "
            "inbyggda mallarna. Rätta namnet."
        )
    if isinstance(error, TemplateError):
        return f"mallen går inte att använda ({error}). Rätta mallen."
    return f"mallen gick inte att fylla i ({type(error).__name__}: {error}). Rätta mallen."
