"""How big and how long a repository's template may get: the checks, without Jinja.

The sandbox keeps a template from reaching code; these bounds keep it from exhausting memory or
time. Python builds `("x" * 100000) * 100000` or `"x".center(10**9)` in one step of C code that
no deadline interrupts, so every operation that can make a value much bigger than its inputs is
checked *before* it runs, on an estimate of the size of its result: repetition, concatenation,
`%` and str.format with their widths, the padding methods and the filters that pad, indent,
wrap, join, replace, batch or slice. What is left (loops) is bounded by a count of steps and a
deadline, and the rendered document by its size.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sized
from dataclasses import dataclass
from typing import Any, Final


class TemplateFault(Exception):
    """A repository template that cannot be used; the message is Swedish and says the fix."""

    def __init__(self, display: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.display = display
        self.message = message
        self.line = line


class TemplateTimeout(BaseException):
    """The deadline passed. A BaseException, so that no `except Exception` inside Jinja (which
    turns a failed constant folding into "not constant") can swallow it."""


@dataclass(frozen=True)
class Limits:
    """The bounds on one rendering of a template."""

    #: Characters of a text, or items of a list, that any one value may have.
    length: int = 1_000_000
    #: Bytes of the rendered document (as the template itself: 1 MB).
    output: int = 1_000_000
    #: Characters that all `{{ … }}` together print, into macros and blocks too (which keep
    #: theirs until they are joined): a macro's output printed again counts twice.
    printed: int = 10_000_000
    #: Decimal digits of a whole number (Python refuses to print more than 4,300).
    digits: int = 4_000
    #: Largest exponent of `**` (with a base other than -1, 0 and 1).
    exponent: int = 1_000
    #: Loop iterations and calls, the bound where no deadline can be set (not the main thread).
    steps: int = 5_000_000
    #: Seconds of rendering; None for no deadline (the steps still bound it).
    seconds: float | None = 5.0


LIMITS: Final = Limits()
_BITS_PER_DIGIT: Final = math.log2(10)
#: The widths and precisions in a %-format: `%-1000s`, `%.5f`, `%*s`.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
_NUMBER = re.compile(r"\d+")


def swedish_number(number: int) -> str:
    """1000000 → '1 000 000', as Swedish writes it."""
    return f"{number:,}".replace(",", " ")


def text_size(value: Any, budget: int, indent: int = 0) -> int:
    """About how many characters `str(value)` has (as JSON or pprint with `indent` spaces a
    level, when given), counted no further than past `budget`: a list of a million references
    to one long text is found big without being printed."""
    seen = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack and seen <= budget:
        item, depth = stack.pop()
        seen += _own_size(item, depth, indent)
        children = _children(item)
        if children is not None:
            stack.extend((child, depth + 1) for child in _bounded(children, budget - seen))
    return seen


def _own_size(item: Any, depth: int, indent: int) -> int:
    if isinstance(item, str | bytes | bytearray):
        return len(item) + 2  # quotes, when inside a list
    if isinstance(item, bool) or item is None:
        return 5
    if isinstance(item, int):
        return _digits(item) + 1
    if isinstance(item, Mapping | list | tuple | set | frozenset | range):
        line = (depth + 1) * indent + 1 if indent else 0  # a new line for each item
        return 2 + depth * indent + len(item) * (2 + line + (2 if isinstance(item, Mapping) else 0))
    return 20  # an object of Jinja's (cycler, loop, macro, Undefined): a short text


def _children(item: Any) -> Iterable[Any] | None:
    if isinstance(item, str | bytes | bytearray):
        return None
    if isinstance(item, Mapping):
        return itertools.chain.from_iterable(item.items())
    if isinstance(item, list | tuple | set | frozenset | range):
        return item
    if type(item).__name__ == "Namespace":  # Jinja's namespace(): printed with its values
        return [object.__getattribute__(item, "_Namespace__attrs")]
    return None


def _bounded(items: Iterable[Any], room: int) -> list[Any]:
    """At most `room` of `items`: each counts at least one character, so no more are needed."""
    found: list[Any] = []
    for item in items:
        if len(found) > room:
            break
        found.append(item)
    return found


def _digits(number: int) -> int:
    return int(abs(number).bit_length() / _BITS_PER_DIGIT) + 1


def _length(value: Any) -> int | None:
    """The length of a text or list that an operator would copy; None for anything else."""
    if isinstance(value, str | bytes | bytearray | list | tuple):
        return len(value)
    return None


def check_binop(limits: Limits, operator: str, left: Any, right: Any) -> None:
    """TemplateFault unless `left operator right` stays within `limits` (checked before)."""
    numbers = all(isinstance(v, int | float) for v in (left, right))
    if operator == "**" and numbers:
        _check_power(limits, left, right)
    elif operator == "*" and numbers:
        if isinstance(left, int) and isinstance(right, int):
            _check_digits(limits, _digits(left) + _digits(right))
    elif operator == "*":
        _check_repeat(limits, left, right)
    elif operator == "+":
        sizes = (_length(left), _length(right))
        if sizes[0] is not None and sizes[1] is not None:
            check_length(limits, sizes[0] + sizes[1], "sätter ihop en text eller lista")
    elif operator == "%" and isinstance(left, str | bytes):
        check_percent(limits, left, right)


def _check_power(limits: Limits, base: float, exponent: float) -> None:
    if abs(exponent) > limits.exponent and abs(base) > 1:
        raise TemplateFault(
            "",
            f"mallen räknar ut en för stor potens (exponenten {exponent}); högst "
            f"{swedish_number(limits.exponent)} går. Räkna med mindre tal.",
        )
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        _check_digits(limits, _digits(base) * exponent)


def _check_digits(limits: Limits, digits: int) -> None:
    if digits > limits.digits:
        raise TemplateFault(
            "",
            f"mallen räknar ut ett för stort tal (omkring {swedish_number(digits)} siffror); "
            f"högst {swedish_number(limits.digits)} siffror går. Räkna med mindre tal.",
        )


def _check_repeat(limits: Limits, left: Any, right: Any) -> None:
    count, sequence = (right, left) if isinstance(right, int) else (left, right)
    size = _length(sequence)
    if not isinstance(count, int) or size is None:
        return
    if size * count > limits.length:
        raise TemplateFault(
            "",
            f"mallen upprepar en text eller lista {swedish_number(count)} gånger, så att den "
            f"skulle bli {swedish_number(size * count)} tecken eller element lång; högst "
            f"{swedish_number(limits.length)} går. Minska antalet upprepningar.",
        )


def check_length(limits: Limits, size: int, what: str) -> None:
    """TemplateFault when an operation that `what` describes would build `size` characters."""
    if size > limits.length:
        raise TemplateFault(
            "",
            f"mallen {what} som skulle bli omkring {swedish_number(size)} tecken eller element "
            f"lång; högst {swedish_number(limits.length)} går. Korta mallen.",
        )


def check_width(limits: Limits, width: Any, where: str) -> None:
    """TemplateFault when a width (of center, ljust, a format, …) is beyond `limits`."""
    if isinstance(width, int) and width > limits.length:
        raise TemplateFault(
            "",
            f"mallen begär en bredd på {swedish_number(width)} tecken ({where}); högst "
            f"{swedish_number(limits.length)} går. Ange en mindre bredd.",
        )


def check_percent(limits: Limits, template: str | bytes, values: Any) -> None:
    """`template % values` (and the filter format): the widths, and the size of the result."""
    text = template if isinstance(template, str) else template.decode("latin-1")
    if isinstance(values, Mapping):
        arguments: list[Any] = list(_bounded(values.values(), limits.length))
    elif isinstance(values, tuple):
        arguments = list(values)
    else:
        arguments = [values]
    widest = max((text_size(a, limits.length) for a in arguments), default=0)
    specs = _PERCENT_SPEC.findall(text)
    for width, precision in specs:
        for given in (width, precision):
            if given == "*":
                stars = [a for a in arguments if isinstance(a, int)]
                widest = max([widest, *stars])
                for star in stars:
                    check_width(limits, star, "i en %-formatering")
            elif given:
                check_width(limits, int(given), "i en %-formatering")
                widest = max(widest, int(given))
    check_length(limits, len(text) + len(specs) * widest, "formaterar en text med %")


def check_format_spec(limits: Limits, spec: str) -> None:
    """The width and precision in a str.format field (`{:>1000000000}`)."""
    for number in _NUMBER.findall(spec):
        check_width(limits, int(number), "i ett str.format-fält")


def check_steps(limits: Limits, steps: int) -> None:
    if steps > limits.steps:
        raise TemplateFault(
            "",
            f"mallen tar för lång tid att fylla i: dess loopar och anrop går över "
            f"{swedish_number(limits.steps)} steg. Minska looparna, t.ex. nästlade "
            "{% for %} över stora range().",
        )


def timed_out(limits: Limits) -> TemplateFault:
    seconds = f"{limits.seconds or 0:g}".replace(".", ",")
    return TemplateFault(
        "",
        f"mallen tar för lång tid att fylla i (mer än {seconds} sekunder). Minska looparna, "
        "t.ex. nästlade {% for %} över stora range().",
    )


def too_big_output(limits: Limits) -> TemplateFault:
    return TemplateFault(
        "",
        f"mallen ger ett dokument som är större än {_megabytes(limits.output)}; ett dokument "
        "från en mall ska vara en kort början. Korta mallen.",
    )


def too_much_printed(limits: Limits) -> TemplateFault:
    return TemplateFault(
        "",
        f"mallen skriver ut mer än {_megabytes(limits.printed)} text (räknat med det som "
        "skrivs i makron och block); ett dokument från en mall ska vara en kort början. Minska "
        "looparna i mallen.",
    )


def out_of_memory() -> TemplateFault:
    return TemplateFault(
        "",
        "mallen bygger upp mer text eller fler listor än minnet rymmer. Korta mallen: minska "
        "upprepningar och loopar.",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB".replace(".", ",")


# The text methods that make a text much longer than the one they are called on.


def check_method(
    limits: Limits, function: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    """The arguments for calling `function` (a join's items as a list), once the call is
    known to stay within `limits`; TemplateFault if it would not."""
    receiver = getattr(function, "__self__", None)
    check = _METHOD_CHECKS.get(getattr(function, "__name__", ""))
    if check is None or not isinstance(receiver, str | bytes | bytearray) or not args:
        return args
    return check(limits, receiver, args, kwargs)


_MethodCheck = Callable[[Limits, Any, tuple[Any, ...], Mapping[str, Any]], tuple[Any, ...]]


def _padding(
    limits: Limits, _text: Any, args: tuple[Any, ...], _kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    check_width(limits, args[0], "i center, ljust, rjust eller zfill")
    return args


def _expandtabs(
    limits: Limits, text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    size = args[0] if args else kwargs.get("tabsize", 8)
    if isinstance(size, int):
        tabs = text.count("\t" if isinstance(text, str) else b"\t")
        check_length(limits, len(text) + tabs * size, "byter tabbar mot mellanslag i en text")
    return args


def _replace(
    limits: Limits, text: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    if len(args) >= 2:
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        check_length(
            limits, replaced_size(text, args[0], args[1], count), "ersätter text i en text"
        )
    return args


def _join(
    limits: Limits, separator: Any, args: tuple[Any, ...], _kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    items = as_list(limits, args[0])
    count = len(items) if isinstance(items, Sized) else 0
    size = text_size(items, limits.length) + len(separator) * count
    check_length(limits, size, "sätter ihop (med join) en text")
    return (items, *args[1:])


def _translate(
    limits: Limits, text: Any, args: tuple[Any, ...], _kwargs: Mapping[str, Any]
) -> tuple[Any, ...]:
    table = args[0]
    if isinstance(table, Mapping):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
        check_length(limits, len(text) * max(longest, 1), "byter tecken (med translate) i en text")
    return args


_METHOD_CHECKS: Final[Mapping[str, _MethodCheck]] = {
    "center": _padding,
    "ljust": _padding,
    "rjust": _padding,
    "zfill": _padding,
    "expandtabs": _expandtabs,
    "replace": _replace,
    "join": _join,
    "translate": _translate,
}


def replaced_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """The length of `text.replace(old, new, count)`, without making it."""
    kinds = {isinstance(v, str) for v in (text, old, new)}
    if len(kinds) > 1 or not all(isinstance(v, str | bytes | bytearray) for v in (old, new)):
        return len(text)  # the call fails on its own
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def as_list(limits: Limits, items: Any) -> Any:
    """`items` as a list, when an iterator (a filter's result): at most limits.length of them."""
    if isinstance(items, list | tuple | str | Mapping) or not isinstance(items, Iterable):
        return items
    found = list(itertools.islice(items, limits.length + 1))
    check_length(limits, len(found), "gör en lista")
    return found


# The filters. Each gets its arguments by name, defaults filled in, the first one being the
# value filtered (after Jinja's own context or environment, for some).

#: The filters that turn their value into text: its size as text is bounded.
_STRINGIFYING: Final = frozenset(
    {
        "capitalize", "center", "e", "escape", "filesizeformat", "forceescape", "format",
        "indent", "join", "lower", "pprint", "q", "replace", "reverse", "safe", "string",
        "striptags", "title", "tojson", "trim", "truncate", "upper", "urlencode", "urlize",
        "wordcount", "wordwrap", "xmlattr",
    }
)  # fmt: skip
#: The parameters through which Jinja hands a filter its context (not the template's values).
PASSED: Final = frozenset({"context", "eval_ctx", "environment"})
#: The filters that take an iterator and need its length: it is made a list first.
_MATERIALIZED: Final = {"join": "value", "sum": "iterable"}


def materialized(limits: Limits, name: str, arguments: dict[str, Any]) -> None:
    """Make the iterator a join or sum filter is given a list (bounded), in `arguments`."""
    parameter = _MATERIALIZED.get(name)
    if parameter is not None and parameter in arguments:
        arguments[parameter] = as_list(limits, arguments[parameter])


def check_filter(limits: Limits, name: str, arguments: Mapping[str, Any]) -> None:
    """TemplateFault unless the filter `name` with `arguments` stays within `limits`."""
    if name in _STRINGIFYING:
        given = [v for k, v in arguments.items() if k not in PASSED]
        size = sum(text_size(v, limits.length) for v in given)
        check_length(limits, size, f"ger filtret {name} en text")
    check = _FILTER_CHECKS.get(name)
    if check is not None:
        check(limits, arguments)


_FilterCheck = Callable[[Limits, Mapping[str, Any]], None]


def _center(limits: Limits, arguments: Mapping[str, Any]) -> None:
    check_width(limits, arguments.get("width"), "i filtret center")


def _indent(limits: Limits, arguments: Mapping[str, Any]) -> None:
    width = arguments.get("width")
    step = len(width) if isinstance(width, str) else width
    if isinstance(step, int):
        check_width(limits, step, "i filtret indent")
        text = str(arguments.get("s", ""))
        lines = text.count("\n") + 1
        check_length(limits, len(text) + lines * step, "drar in (med indent) en text")


def _wordwrap(limits: Limits, arguments: Mapping[str, Any]) -> None:
    width, wrap = arguments.get("width"), arguments.get("wrapstring")
    text = str(arguments.get("s", ""))
    if isinstance(width, int):
        lines = len(text) // max(width, 1) + text.count("\n") + 1
        separator = len(wrap) if isinstance(wrap, str) else 1
        check_length(limits, len(text) + lines * separator, "radbryter (med wordwrap) en text")


def _replace_filter(limits: Limits, arguments: Mapping[str, Any]) -> None:
    count = arguments.get("count")
    size = replaced_size(
        str(arguments.get("s", "")),
        str(arguments.get("old", "")),
        str(arguments.get("new", "")),
        -1 if count is None else count,
    )
    check_length(limits, size, "ersätter text (med replace) i en text")


def _format(limits: Limits, arguments: Mapping[str, Any]) -> None:
    values = arguments.get("kwargs") or arguments.get("args") or ()
    check_percent(limits, str(arguments.get("value", "")), values)


def _join_filter(limits: Limits, arguments: Mapping[str, Any]) -> None:
    items = arguments.get("value")
    if isinstance(items, list | tuple):
        separator = len(str(arguments.get("d", "")))
        size = text_size(items, limits.length) + separator * len(items)
        check_length(limits, size, "sätter ihop (med join) en text")


def _batch(limits: Limits, arguments: Mapping[str, Any]) -> None:
    count = arguments.get("linecount")
    if arguments.get("fill_with") is not None and isinstance(count, int):
        check_length(limits, count, "fyller ut (med batch) en lista")


def _slice(limits: Limits, arguments: Mapping[str, Any]) -> None:
    count = arguments.get("slices")
    if isinstance(count, int):
        check_length(limits, count, "delar (med slice) en lista i delar")


def _tojson(limits: Limits, arguments: Mapping[str, Any]) -> None:
    indent = arguments.get("indent")
    if isinstance(indent, int):
        check_width(limits, indent, "i filtret tojson")
        size = text_size(arguments.get("value"), limits.length, indent)
        check_length(limits, size, "skriver (med tojson) en text")


def _pprint(limits: Limits, arguments: Mapping[str, Any]) -> None:
    size = text_size(arguments.get("value"), limits.length, 1)
    check_length(limits, size, "skriver (med pprint) en text")


def _urlize(limits: Limits, arguments: Mapping[str, Any]) -> None:
    text = str(arguments.get("value", ""))
    extra = 40 + sum(len(str(arguments.get(k) or "")) for k in ("target", "rel"))
    links = text.count(".") + text.count("@") + 1
    check_length(limits, 3 * len(text) + links * extra, "gör länkar (med urlize) i en text")


def _sum(limits: Limits, arguments: Mapping[str, Any]) -> None:
    start, items = arguments.get("start"), arguments.get("iterable")
    if isinstance(start, list | tuple) and isinstance(items, list | tuple):
        size = len(start) + sum(len(i) for i in items if isinstance(i, list | tuple | str))
        check_length(limits, size, "lägger ihop (med sum) listor till en lista")


_FILTER_CHECKS: Final[Mapping[str, _FilterCheck]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace_filter,
    "format": _format,
    "join": _join_filter,
    "batch": _batch,
    "slice": _slice,
    "tojson": _tojson,
    "pprint": _pprint,
    "urlize": _urlize,
    "sum": _sum,
}
