"""Run a call into markdown-it-pyrs so that a Rust panic becomes a fallback, never a crash.

markdown-it-pyrs panics on some inputs (`[` followed by an unmatched backtick, among others).
pyo3 turns a panic into PanicException, a BaseException that no `except Exception` catches:
it took every command down with a traceback. Rust's panic hook also writes its own message to
file descriptor 2, which users would read as a crash, so that descriptor is pointed at
/dev/null around calls on text that can trigger the known panic (a `[` and a backtick): three
system calls, only for such text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_NOT_A_PANIC = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)


def guarded(text: str, call: Callable[[], T], fallback: Callable[[], T]) -> T:
    """`call()`, or `fallback()` (the pure-Python reference) when the Rust code panics."""
    quiet = "`" in text and "[" in text
    saved = _silence() if quiet else None
    try:
        return call()
    except _NOT_A_PANIC:
        raise
    except Exception:
        raise
    except BaseException:  # pyo3's PanicException: not importable, a BaseException
        return fallback()
    finally:
        if saved is not None:
            _restore(saved)


def _silence() -> int | None:
    try:
        saved = os.dup(2)
    except OSError:
        return None
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        os.close(saved)
        return None
    os.dup2(null, 2)
    os.close(null)
    return saved


def _restore(saved: int) -> None:
    os.dup2(saved, 2)
    os.close(saved)
