"""Work spread over forked worker processes, for the few jobs big enough to gain from it.

Fork, because the workers need what the parent has loaded (a repository, a planned site), and
copying it to them would cost what the parallelism saves. Where fork is missing (Windows, macOS
defaults aside) or there is one core, callers do the work in process.

A worker ends when its parent does, however the parent ends: killed (SIGKILL, the OOM killer, a
CI timeout), the workers were left blocked on their queue forever, ~100 MB each, since each holds
the queue's other end itself and never sees it close.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Final, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: prctl(2)'s option that has the kernel signal a process when its parent ends (Linux).
_PR_SET_PDEATHSIG: Final = 1
#: Where the kernel cannot be asked, how often a worker looks whether its parent is gone.
WATCH_SECONDS: Final = 0.5


def workers() -> int:
    """Processes worth starting: one per core, at most four (beyond that, disk and memory bind)."""
    return min(os.cpu_count() or 1, 4)


def available() -> bool:
    import multiprocessing

    return workers() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def forked_map(function: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
    """`function` over `chunks` in forked workers (call available() first).

    Results come in order, each as soon as it and those before it are done, so that the
    caller can work on the first while the workers make the rest. When the workers cannot be
    started (a limit on processes, no memory for a fork), the chunks are done here instead:
    the workers started before the refusal waited forever for work, and the run with them.
    After a failure, the chunks not yet started are dropped, and those running finish (a
    worker killed mid-write would leave a temporary file where it wrote).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    work = list(chunks)
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        workers(), mp_context=context, initializer=end_with_parent, initargs=(os.getpid(),)
    )
    try:
        try:
            # Forks every worker at once.
            results: Iterator[R] = pool.map(functools.partial(_task, function), work)
        except (OSError, RuntimeError):  # a fork or a thread refused (EAGAIN, ENOMEM)
            _end_children()
            results = map(function, work)
        yield from results
    finally:
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:  # its manager thread was never started: nothing to wait for
            _end_children()


def _end_children() -> None:
    """Stop the workers that started: none has work, and none will be given any."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()
        child.join()


#: Whether this worker is running a task (what Ctrl-C, SIGTERM and SIGHUP do depends on it).
_busy = False


def _task(function: Callable[[T], R], chunk: T) -> R:
    global _busy
    _busy = True
    try:
        return function(chunk)
    finally:
        _busy = False


def _stopped(signum: int, _frame: object) -> None:
    """Ctrl-C, SIGTERM or SIGHUP in a worker: within a task, unwind it (its temporary files
    removed; the parent reports "Avbrutet."); idle, end at once. Python's own Ctrl-C printed
    a traceback of each idle worker's wait for work."""
    if _busy:
        raise KeyboardInterrupt
    os._exit(128 + signum)


def end_with_parent(parent: int) -> None:
    """Run first in a worker: end it when `parent` ends. The kernel's death signal where there
    is one (Linux), else a thread that looks at the parent's pid every WATCH_SECONDS. And how
    it stops when asked to (_stopped)."""
    import threading  # here: only workers need it, and a run that starts none should not pay

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stopped)

    if not _death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)


def _death_signal() -> bool:
    """Ask the kernel to kill this process when its parent ends; whether it agreed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):  # no libc to be found, or no prctl in it
        return False


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
