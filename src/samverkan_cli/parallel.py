"""Work spread over forked worker processes, for the few jobs big enough to gain from it.

Fork, because the workers need what the parent has loaded (a repository, a planned site), and
copying it to them would cost what the parallelism saves. Where fork is missing (Windows, macOS
defaults aside) or there is one core, callers do the work in process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def workers() -> int:
    """Processes worth starting: one per core, at most four (beyond that, disk and memory bind)."""
    return min(os.cpu_count() or 1, 4)


def available() -> bool:
    import multiprocessing

    return workers() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def forked_map(function: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
    """`function` over `chunks` in forked workers (call available() first).

    Results come in order, each as soon as it and those before it are done, so that the
    caller can work on the first while the workers make the rest.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers(), mp_context=context) as pool:
        yield from pool.map(function, chunks)
