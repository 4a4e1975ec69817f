"""Jinja's immutable sandbox for a repository's templates, held to the bounds of limits.

The sandbox keeps a template from reaching code (no attribute starting with `_`, no mutation).
This subclass adds the bounds on size and time (see limits): it checks the operators
(`*`, `**`, `+`, `%`, and `~` by its own code for concatenation), the calls of the text methods
that pad, replace, join or translate, str.format's fields, the filters that build text, every
printed value, and counts the iterations of every `{% for %}`. Its messages about what a
template may not do, and about values that do not exist, are Swedish.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import signal
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter, safe_range
from jinja2.utils import generate_lorem_ipsum, missing
from markupsafe import EscapeFormatter, Markup

from samverkan_cli.scaffold.limits import (
    PASSED,
    Limits,
    TemplateFault,
    TemplateTimeout,
    check_binop,
    check_filter,
    check_format_spec,
    check_length,
    check_method,
    check_steps,
    materialized,
    swedish_number,
    text_size,
    too_big_output,
    too_much_printed,
)

MAX_RANGE: Final = 100_000  # as Jinja's sandbox
#: Jinja's own hints for an undefined value, in Swedish.
_HINTS: Final = {
    "No first item, sequence was empty.": "listan är tom och har inget första element",
    "No last item, sequence was empty.": "listan är tom och har inget sista element",
    "No random item, sequence was empty.": "listan är tom",
}
_KINDS: Final = {
    str: "en text",
    list: "en lista",
    tuple: "en lista",
    dict: "en ordlista",
    int: "ett tal",
    float: "ett tal",
    bool: "ett sanningsvärde",
    type(None): "inget värde (none)",
}


def kind(value: Any) -> str:
    """What a value is, in Swedish: 'en text', 'en lista', …"""
    return _KINDS.get(type(value), f"ett värde av typen {type(value).__name__}")


class SwedishUndefined(StrictUndefined):
    """StrictUndefined, saying in Swedish which value does not exist."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        hint = self._undefined_hint
        if hint and self._undefined_exception is SecurityError:
            return hint  # the sandbox's own, Swedish (see Sandbox.unsafe_undefined)
        if hint:
            return _HINTS.get(hint, "ett värde saknas")
        if self._undefined_obj is missing:
            return f"'{self._undefined_name}' finns inte"
        if not isinstance(self._undefined_name, str):
            return f"{kind(self._undefined_obj)} har inget element {self._undefined_name!r}"
        return f"{kind(self._undefined_obj)} har ingen egenskap '{self._undefined_name}'"


class _Generator(CodeGenerator):
    """Jinja's code, with `~` joined by environment.concat (as Jinja joins the buffers of
    macros and blocks) and every `{% for %}` counted."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.Call(
            nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno
        )
        wrapped = nodes.For(
            node.target, counted, node.body, node.else_, node.test, node.recursive,
            lineno=node.lineno,
        )  # fmt: skip
        super().visit_For(wrapped, frame)


class Sandbox(ImmutableSandboxedEnvironment):
    """The environment of one rendering of a repository's template."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def __init__(self, limits: Limits, **options: Any) -> None:
        super().__init__(undefined=SwedishUndefined, finalize=self.printed, **options)
        self.limits = limits
        self.steps = 0
        self.printed_size = 0
        self.globals["range"] = self.bounded_range
        self.globals["lipsum"] = _lipsum(limits)
        self.filters = {
            name: _guarded(self, name, function) for name, function in self.filters.items()
        }

    def step(self) -> None:
        self.steps += 1
        check_steps(self.limits, self.steps)

    def add_filter(self, name: str, function: Callable[..., Any]) -> None:
        """A filter of ours (such as q), held to the same bounds as Jinja's."""
        self.filters[name] = _guarded(self, name, function)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_binop(self.limits, operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        self.step()
        if not self.is_safe_callable(obj):
            raise SecurityError(f"anropet av {kind(obj)}")
        args = check_method(self.limits, obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        return self.undefined(
            f"'{attribute}' på {kind(obj)}", name=attribute, obj=obj, exc=SecurityError
        )

    def printed(self, value: Any) -> Any:
        """What `{{ … }}` prints, after a check that it is not too big to print."""
        self.step()
        size = text_size(value, self.limits.output)
        if size > self.limits.output:
            raise too_big_output(self.limits)
        self.printed_size += size
        if self.printed_size > self.limits.printed:
            raise too_much_printed(self.limits)
        return value

    def concat(self, parts: Iterable[Any]) -> str:
        """The join of the parts of a `~`, a macro, a block or a `{% set %}` block (Jinja's code
        joins its buffers with environment.concat), once their size is known."""
        parts = list(parts)
        size = sum(text_size(part, self.limits.length) for part in parts)
        check_length(self.limits, size, "sätter ihop en text (med ~, ett makro eller ett block)")
        return "".join(map(str, parts))

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a `{% for %}`, each a step."""
        for item in iterable:
            self.step()
            yield item

    def bounded_range(self, *args: int) -> range:
        """range(), refused in Swedish beyond MAX_RANGE numbers (as the sandbox's own)."""
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateFault(
                "",
                f"mallen gör en range() med {swedish_number(len(numbers))} tal; högst "
                f"{swedish_number(MAX_RANGE)} går. Ange ett mindre intervall.",
            )
        return safe_range(*args)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and str.format_map, with every field checked (see _Formatter)."""
        methods = (types.MethodType, types.BuiltinMethodType)
        if not isinstance(value, methods) or value.__name__ not in ("format", "format_map"):
            return None
        receiver = value.__self__
        if not isinstance(receiver, str):
            return None
        formatter: _Formatter = (
            _EscapeFormatter(self, escape=receiver.escape)
            if isinstance(receiver, Markup)
            else _Formatter(self)
        )
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if not is_map:
                return type(receiver)(formatter.vformat(receiver, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(receiver)(formatter.vformat(receiver, (), args[0]))

        return functools.update_wrapper(wrapper, value)


class _Formatter(SandboxedFormatter):
    """The sandbox's str.format, refusing a width or a value too big before it is formatted."""

    _env: Sandbox

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self.written = 0
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        self._check_value(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        limits = self._env.limits
        check_format_spec(limits, format_spec)
        self._check_value(value)
        formatted = super().format_field(value, format_spec)
        self.written += len(formatted)
        check_length(limits, self.written, "formaterar (med format) en text")
        return formatted

    def _check_value(self, value: Any) -> None:
        limits = self._env.limits
        check_length(limits, text_size(value, limits.length), "formaterar (med format) en text")


class _EscapeFormatter(_Formatter, EscapeFormatter):
    pass


def _guarded(environment: Sandbox, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter `function`, its arguments checked first (see limits.check_filter)."""
    signature = inspect.signature(function)  # the plain function's, for Jinja's async variants
    # Jinja hands a filter its context first when it asks for it; an async variant asks for it
    # without its plain function naming it, so then the first argument is not in `signature`.
    asks = getattr(function, "jinja_pass_arg", None) is not None
    skip = 1 if asks and next(iter(signature.parameters), "") not in PASSED else 0

    @functools.wraps(function)  # keeps jinja_pass_arg: the filter still gets its context
    def guarded(*args: Any, **kwargs: Any) -> Any:
        environment.step()
        try:
            bound = signature.bind(*args[skip:], **kwargs)
        except TypeError:
            return function(*args, **kwargs)  # a wrong call: the filter says so itself
        bound.apply_defaults()
        materialized(environment.limits, name, bound.arguments)
        check_filter(environment.limits, name, bound.arguments)
        return function(*args[:skip], *bound.args, **bound.kwargs)

    return guarded


def _lipsum(limits: Limits) -> Callable[..., str]:
    def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        check_length(limits, n * max * 8, "skriver platshållartext (lipsum)")
        return generate_lorem_ipsum(n, html, min, max)

    return lipsum


@contextlib.contextmanager
def deadline(limits: Limits) -> Iterator[None]:
    """TemplateTimeout after `limits.seconds`, by SIGALRM: only in the main thread of a POSIX
    process, where signals are delivered; elsewhere the count of steps alone bounds the time.
    The handler and any timer set before are restored."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if limits.seconds is None or not usable:
        yield
        return

    def expire(_signal: int, _frame: types.FrameType | None) -> None:
        raise TemplateTimeout

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    earlier, interval = signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if earlier:
            left = earlier - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), interval)
