"""The error boundary: every exception becomes a Swedish message and a documented exit code.

0 clean, 1 findings, 2 usage or configuration, 3 internal error (a bug: please report), 130 Ctrl-C
(and SIGTERM, SIGHUP: stopped the same way).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import traceback
from collections.abc import Iterator
from typing import Any, Final

from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import ConfigError, SamverkanError

EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
_HELP_HINT = "Se 'samverkan --help' eller 'samverkan KOMMANDO --help'."  # as app.HELP_HINT


def run(args: list[str]) -> int:
    with _stopped_as_by_ctrl_c():
        return _run(args)


@contextlib.contextmanager
def _stopped_as_by_ctrl_c() -> Iterator[None]:
    """SIGTERM (a CI timeout, `kill`) and SIGHUP (a closed terminal) stop a run as Ctrl-C
    does, so that what it made in temporary folders is removed (their default ends the
    process at once: publish --pdf left its PDFs made so far in /tmp). Forked workers
    inherit it, as they do Ctrl-C's."""
    import signal

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    saved = {}
    try:
        for number in wanted:
            if signal.getsignal(number) == signal.SIG_DFL:
                saved[number] = signal.signal(number, signal.default_int_handler)
    except ValueError:  # not the main thread: signals are not ours to set
        pass
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def _run(args: list[str]) -> int:
    debug = "--debug" in args
    try:
        from samverkan_cli.cli.app import command

        # A group alone (`samverkan record`) shows its help, as the program alone does.
        help_wanted = not args or "--help" in args or args[-1] in _GROUPS
        result = command(help_wanted=help_wanted).main(
            args=args, prog_name="samverkan", standalone_mode=False
        )
        if result == EXIT_INTERRUPTED:  # typer turns Ctrl-C into this code, saying nothing
            print("\nAvbrutet.", file=sys.stderr)
        return result if isinstance(result, int) else 0
    except ConfigError as error:
        for finding in error.diagnostics:
            where = f"{finding.path}:{finding.line}:{finding.column or 1}"
            print(visible(f"{where}: {finding.code} {finding.message}"), file=sys.stderr)
        _error("Rätta inställningarna ovan och försök igen.", debug)
        return error.exit_code
    except SamverkanError as error:
        _error(str(error), debug)
        return error.exit_code
    except KeyboardInterrupt:
        print("\nAvbrutet.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the boundary: nothing may escape as a traceback
        return _unexpected(error, debug, args)


def _unexpected(error: Exception, debug: bool, args: list[str]) -> int:
    import typer

    from samverkan_cli.cli import click_types

    if isinstance(error, click_types.NoArgsIsHelpError):
        return 0  # the help has been shown; nothing went wrong
    if isinstance(error, typer.Exit):
        return int(error.exit_code or 0)
    if isinstance(error, typer.Abort):
        print("Avbrutet.", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(error, click_types.UsageError):
        _error(f"{usage_message(error, args)}\n{_HELP_HINT}", debug)
        return EXIT_USAGE
    if isinstance(error, OSError):
        _error(os_error_message(error), debug)
        return EXIT_USAGE
    _error(
        f"Ett internt fel uppstod ({type(error).__name__}: {error}). Det är ett fel i samverkan, inte "
        "i dina dokument: rapportera det gärna, med utskriften från samma kommando med --debug.",
        debug,
    )
    return EXIT_INTERNAL


#: What went wrong with a file, and the fix, by the error's number (the system's own text is
#: English, or in the language of the system's locale).
_OS_ERRORS: Final = {
    errno.EEXIST: "{where} finns redan som en fil där det behövs en mapp. Flytta eller ta bort filen och försök igen.",
    errno.EISDIR: "{where} är en mapp där det behövs en fil. Flytta eller ta bort mappen och försök igen.",
    errno.ENOTDIR: "En del av sökvägen {where} är en fil där det behövs en mapp. Flytta eller ta bort filen och försök igen.",
    errno.EACCES: "Behörighet saknas för att läsa eller skriva {where}. Ändra rättigheterna, eller välj en annan plats.",
    errno.EPERM: "Det är inte tillåtet att läsa eller skriva {where}. Ändra rättigheterna, eller välj en annan plats.",
    errno.ENOSPC: "Disken är full: {where} kunde inte skrivas. Frigör utrymme och försök igen.",
    errno.EDQUOT: "Diskkvoten är slut: {where} kunde inte skrivas. Frigör utrymme och försök igen.",
    errno.EROFS: "{where} ligger i ett filsystem som bara går att läsa. Välj en annan plats.",
    errno.ENOENT: "{where} finns inte. Kontrollera sökvägen.",
    errno.ENAMETOOLONG: "Namnet {where} är för långt för filsystemet. Välj ett kortare.",
    errno.ELOOP: "{where} är en slinga av symboliska länkar. Ta bort eller rätta länken.",
}
#: fileio.write_atomic's temporary file for NAME: `.NAME.` + 8 characters of mkstemp + `.tmp`.
_TEMPORARY: Final = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def os_error_message(error: OSError) -> str:
    """A failed read or write in Swedish, with the fix; never the name of a temporary file."""
    # A rename of write_atomic's temporary file names it first and the file it replaces second.
    temporary = _shown_path(error.filename) != _text(error.filename)
    name = _shown_path(error.filename2 if temporary and error.filename2 else error.filename)
    where = f"'{name}'" if name else "en fil eller mapp"
    known = _OS_ERRORS.get(error.errno or 0)
    if known:
        text = known.format(where=where)
        return text[0].upper() + text[1:]
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return f"Kan inte läsa eller skriva {where} (systemfelet {code}). Kontrollera filen och försök igen."


def _text(path: Any) -> str | None:
    if path is None:
        return None
    return os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else str(path)


def _shown_path(path: Any) -> str | None:
    """`path` as users know it: write_atomic's temporary name for NAME shown as NAME."""
    text = _text(path)
    if text is None:
        return None
    folder, _, base = text.rpartition("/")
    temporary = _TEMPORARY.match(base)
    if temporary is None:
        return text
    return f"{folder}/{temporary['name']}" if folder else temporary["name"]


def _error(message: str, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    print(f"Fel: {visible(message)}", file=sys.stderr)  # messages quote the user's values


def usage_message(error: Any, args: list[str] | tuple[str, ...] = ()) -> str:
    """A click usage error in Swedish (its own text is English), by the error's type and the
    command line `args` it came from."""
    from samverkan_cli.cli import click_types

    if isinstance(error, click_types.NoSuchOption):
        possible = sorted(getattr(error, "possibilities", None) or [])
        hint = f" Menade du {' eller '.join(possible)}?" if possible else ""
        return f"Okänd flagga '{error.option_name}'.{hint}"
    if isinstance(error, click_types.BadOptionUsage):
        name = error.option_name
        # click refuses `--flag=value` for an on/off flag and `--option` without its value with
        # the same type; only the first has an `=` after the name on the command line.
        if any(arg.startswith(f"{name}=") for arg in args):
            return f"'{name}' är en flagga utan värde: skriv bara {name}."
        return f"Flaggan '{name}' behöver ett värde."
    if isinstance(error, click_types.MissingParameter):
        if getattr(error.param, "name", None) == "typ":
            from samverkan_cli.model.vocabulary import TYP

            return (
                f"Ange vilken sorts dokument, en av: {', '.join(TYP)}. T.ex. samverkan new rutin."
            )
        name = _param(error)
        path = getattr(getattr(error, "ctx", None), "command_path", "samverkan")
        if name == "ID":
            return f"Ange dokumentets id efter '{path}', t.ex. {path} OVK-0003."
        return f"{name} saknas."
    if isinstance(error, click_types.BadParameter):
        return f"Ogiltigt värde för {_param(error)}: {_bad_value(error)}"
    return f"Felaktig användning: {getattr(error, 'message', error)}"


#: What a value given on the command line must be, by pydantic's error type (newer typer checks
#: values with pydantic); anything else keeps the library's message.
_VALUE_KINDS = {
    "int_parsing": "ange ett heltal",
    "int_type": "ange ett heltal",
    "int_from_float": "ange ett heltal",
    "int_parsing_size": "talet har för många siffror; ange ett mindre heltal",
    "float_parsing": "ange ett tal",
    "bool_parsing": "ange true eller false",
    "date_from_datetime_parsing": "ange ett datum som ÅÅÅÅ-MM-DD",
    "date_parsing": "ange ett datum som ÅÅÅÅ-MM-DD",
}


def _bad_value(error: Any) -> str:
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        kinds = [found.get("type") for found in errors()]
        for kind in kinds:
            if kind in _VALUE_KINDS:
                example = _EXAMPLES.get(_param(error))
                return f"{_VALUE_KINDS[kind]}{f', t.ex. {example}' if example else ''}."
    return str(getattr(error, "message", error))


#: The commands that hold commands (record, avvikelser).
_GROUPS: Final = frozenset({"record", "avvikelser"})

#: An example value for the options that take a number.
_EXAMPLES = {"--year": "2025", "--dagar": "30"}


def _param(error: Any) -> str:
    hint = getattr(error, "param_hint", None)
    param = getattr(error, "param", None)
    metavar = getattr(param, "metavar", None)
    if param is not None and not getattr(param, "opts", [""])[0].startswith("-") and metavar:
        return str(metavar)  # an argument, by the name --help shows (ID), not the code's
    if hint:
        return str(hint) if isinstance(hint, str) else " / ".join(hint)
    if param is not None and getattr(param, "opts", None):
        return "/".join(param.opts)
    return "ett värde"
