"""Pausing Python's cycle collector while a run makes what it keeps.

Loading 10,000 documents, planning their site or reading a cache makes millions of objects that
live as long as the run and hold no cycles worth collecting. Python's collector, counting those
allocations, would walk the growing heap again and again: half the time of a cached read, and a
third of planning a site. While `lasting` is in force it does not run; afterwards what was made
is frozen (later collections skip it) and the collector runs again, as it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def lasting() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
