"""Forked workers end when their parent does (issue 11, item 14).

SIGKILL to a publish left its two workers blocked on their queue forever (~100 MB each). A parent
here runs forked_map, its workers record their pids; the parent is killed, and every worker must
be gone within seconds, whether it was busy with a task or idle waiting for the next.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from samverkan_cli import parallel

pytestmark = pytest.mark.skipif(not parallel.available(), reason="needs fork and two cores")

PARENT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from samverkan_cli import parallel

    folder = Path(sys.argv[1])
    busy = sys.argv[2] == "busy"

    def task(index):
        (folder / f"{os.getpid()}.pid").touch()
        time.sleep(120 if busy else 0.1)  # busy: still at it when the parent dies
        return index

    results = parallel.forked_map(task, range(parallel.workers() * 2))
    next(results)
    (folder / "started").touch()
    time.sleep(120)  # idle: the workers wait for the next task, or for the pool to close
    """
)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie no one has reaped yet has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("state", ["busy", "idle"])
def test_workers_end_when_the_parent_is_killed(tmp_path, state):
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path), state],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    pids: list[int] = []
    try:
        if state == "busy":
            ready = wait_for(lambda: len(list(tmp_path.glob("*.pid"))) >= parallel.workers(), 30)
        else:
            ready = wait_for(lambda: (tmp_path / "started").exists(), 30)
        assert ready, parent.stderr.read().decode() if parent.poll() is not None else "no start"
        pids = [int(p.stem) for p in tmp_path.glob("*.pid")]
        assert pids and all(alive(pid) for pid in pids)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert wait_for(lambda: not any(alive(pid) for pid in pids), 5), [
            pid for pid in pids if alive(pid)
        ]
    finally:
        parent.kill()
        parent.wait(10)
        parent.stderr.close()
        for pid in pids:  # only the workers this test started, should any be left
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_watcher_ends_a_worker_where_the_kernel_cannot(tmp_path, monkeypatch):
    """Without prctl (not Linux), a thread in the worker sees the parent change and ends it."""
    code = textwrap.dedent(
        """
        import os, sys, time
        from samverkan_cli import parallel

        parallel._death_signal = lambda: False
        pid = os.fork()
        if pid == 0:
            middle = os.getpid()
            worker = os.fork()
            if worker == 0:
                parallel.end_with_parent(middle)
                time.sleep(120)
                os._exit(0)
            print(worker, flush=True)
            os._exit(0)  # the worker's parent ends at once
        os.waitpid(pid, 0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    worker = int(done.stdout.split()[0])
    try:
        ended = wait_for(lambda: not alive(worker), 5)
        assert ended, "the worker outlived its parent"
    finally:
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


def test_results_are_unchanged():
    assert list(parallel.forked_map(abs, [-3, 2, -1, 0])) == [3, 2, 1, 0]


REFUSED = textwrap.dedent(
    """
    import errno, multiprocessing, os
    from samverkan_cli import parallel

    forks = 0
    real_fork = os.fork

    def fork():  # as under a limit on processes: the first worker starts, the next does not
        global forks
        forks += 1
        if forks > 1:
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
        return real_fork()

    os.fork = fork
    print(list(parallel.forked_map(abs, [-3, 2, -1, 0])), multiprocessing.active_children())
    """
)


def _done_here_instead(script: str) -> None:
    """`script` maps abs over [-3, 2, -1, 0]: its results are right, no worker is left, and it
    ended (within a minute) without a traceback."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[3, 2, 1, 0] []"
    assert "Traceback" not in done.stderr


def test_workers_that_cannot_be_started_leave_the_work_to_the_parent():
    """A refused fork (EAGAIN) had the run print an error and then never end: the worker
    started before it waited for work, and the parent for it."""
    _done_here_instead(REFUSED)


NO_THREAD = textwrap.dedent(
    """
    import multiprocessing, threading
    from concurrent.futures import process
    from samverkan_cli import parallel

    def start(self):  # as under a limit on processes that leaves room for no more threads
        raise RuntimeError("can't start new thread")

    process._ExecutorManagerThread.start = start
    print(list(parallel.forked_map(abs, [-3, 2, -1, 0])), multiprocessing.active_children())
    """
)


def test_a_pool_whose_thread_cannot_be_started_leaves_the_work_to_the_parent():
    """Then shutting the pool down failed too ("cannot join thread before it is started")."""
    _done_here_instead(NO_THREAD)


STOPPED = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from samverkan_cli import parallel

    folder, busy = Path(sys.argv[1]), sys.argv[2] == "busy"

    def task(index):
        try:
            (folder / f"{index}.started").touch()
            time.sleep(30 if busy and index > 0 else 0)
        finally:
            (folder / f"{index}.unwound").touch()  # as a temporary folder is removed
        return index

    try:
        results = parallel.forked_map(task, list(range(3)))
        next(results)
        deadline = time.monotonic() + 20
        wanted = 3 if not busy else parallel.workers()
        while len(list(folder.glob("*.started"))) < min(wanted, 3):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)  # idle: the workers wait for work; busy: they sleep in a task
        os.killpg(0, signal.SIGINT)  # Ctrl-C in a terminal: to the parent and its workers
        time.sleep(5)
    except KeyboardInterrupt:
        print("Avbrutet.")
    """
)


@pytest.mark.parametrize("state", ["busy", "idle"])
def test_ctrl_c_stops_the_workers_quietly_and_unwinds_their_tasks(tmp_path, state):
    """Python's own Ctrl-C printed a traceback of every idle worker's wait for work."""
    done = subprocess.run(
        [sys.executable, "-c", STOPPED, str(tmp_path), state],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    assert done.stdout.strip() == "Avbrutet.", done.stderr
    assert "Traceback" not in done.stderr
    started = {p.stem for p in tmp_path.glob("*.started")}
    assert started and started == {p.stem for p in tmp_path.glob("*.unwound")}
