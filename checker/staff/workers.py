"""Worker processes on this machine for `backprop-lab grade`: a worker that dies costs only the submission it held.

concurrent.futures' process pool breaks as a whole when one worker dies (the OOM killer, a signal, a
crash): every pending submission fails with it. Here each worker holds one task at a time on its own
pipe, so a death is that task's loss alone. The task is tried once more in a fresh worker (nothing
else runs in that process) and, lost again, handed to `lost(task, LOST_TWICE)`. Workers ignore Ctrl-C, which
reaches the whole process group: the parent decides, and stops them. Their temporary files live in
one folder that the parent removes at the end, so a killed worker leaves nothing behind.
"""

import contextlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import shutil
import signal
import tempfile
import time

ATTEMPTS = 2  # a task whose worker dies is tried once more, in a fresh worker
LOST_TWICE = "the process grading it was lost twice (killed by the system, out of memory, or crashed)"
STOP_SECONDS = 1.0  # a stopped worker gets this long to clean up its sandbox (its temporary files) before SIGKILL


class LocalWorkers:
    """`size` worker processes running `work(task)`; `results(tasks)` yields (task, result) as each finishes, never raising for a lost worker.

    `start()` starts them before any task is ready; `warm()`, when given, runs in each as it starts (imports, a sandbox to
    start). The modules named in `preload` are imported once, in the clean process the workers are forked from.
    """

    def __init__(self, size, work, lost, warm=None, preload=()):
        self.size, self.work, self.lost, self.warm = max(1, size), work, lost, warm
        self.retried = 0  # tasks tried again after their worker died
        # Never fork the grader itself (it holds threads and a database): workers fork from a fresh server process.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(list(preload))
        self._idle, self._busy, self._leaving = [], [], []
        self._scratch = None

    def __enter__(self):
        self._scratch = tempfile.mkdtemp(prefix="backprop-lab-workers-")
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        """Start every worker now, idle until `results` hands it a task."""
        while len(self._idle) + len(self._busy) < self.size:
            self._new_worker(self._idle)

    def results(self, tasks):
        tasks = iter(tasks)
        for task in itertools.islice(tasks, self.size):
            self._send(self._start(), task, 1)
        while self._busy:
            ready = set(multiprocessing.connection.wait([end for worker in self._busy for end in (worker.connection, worker.process.sentinel)]))
            for worker in [worker for worker in self._busy if ready & {worker.connection, worker.process.sentinel}]:
                yield from self._collect(worker, tasks)

    def _collect(self, worker, tasks):
        task, attempt = worker.task, worker.attempt
        result = _received(worker.connection)
        if result is not _LOST:
            self._send_next(worker, tasks)  # first: the worker grades the next one while the caller records this one
            yield task, result
            return
        self._busy.remove(worker)
        worker.process.kill()  # it may still be dying; a process that dropped its pipe is no use either
        self._leaving.append(worker)
        if attempt < ATTEMPTS:
            self.retried += 1
            self._send(self._start(), task, attempt + 1)
            return
        yield task, self.lost(task, LOST_TWICE)
        following = next(tasks, None)
        if following is not None:
            self._send(self._start(), following, 1)

    def _start(self):
        """A fresh worker, busy from now on: one started ahead, or a new one."""
        if not self._idle:
            return self._new_worker(self._busy)
        self._busy.append(self._idle.pop())
        return self._busy[-1]

    def _new_worker(self, into):
        """A new worker process, added to the list `into` (so that a Ctrl-C cannot lose it between the two)."""
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child_end, self.work, self._scratch, self.warm), daemon=True)
        with _ctrl_c_ignored_by_children():
            process.start()
            into.append(_Worker(process, parent_end))
        child_end.close()
        return into[-1]

    def _send(self, worker, task, attempt):
        worker.task, worker.attempt = task, attempt
        with contextlib.suppress(OSError):  # a worker that died meanwhile is seen by the next wait, as a loss
            worker.connection.send(task)

    def _send_next(self, worker, tasks):
        """The worker's next task; with none left, it is let go (it reads the end of its pipe and leaves)."""
        following = next(tasks, None)
        if following is not None:
            self._send(worker, following, 1)
            return
        self._busy.remove(worker)
        worker.connection.close()
        self._leaving.append(worker)

    def stop(self):
        """End every worker within about STOP_SECONDS: asked first (SIGTERM lets it remove its sandbox's files), then killed."""
        workers, self._idle, self._busy, self._leaving = self._idle + self._busy + self._leaving, [], [], []
        for worker in workers:
            worker.connection.close()
            with contextlib.suppress(OSError):
                worker.process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


class _Worker:
    def __init__(self, process, connection):
        self.process, self.connection = process, connection
        self.task, self.attempt = None, 0


_LOST = object()


def _received(connection):
    """The result a worker sent, or _LOST when it died first (or while sending)."""
    try:
        return connection.recv() if connection.poll() else _LOST
    except (EOFError, OSError, pickle.UnpicklingError):  # its pipe closed, or what it had sent was cut short
        return _LOST


def _serve(connection, work, scratch, warm=None):
    """A worker's life: a task, its result, until the parent closes the pipe; SIGTERM ends it through its atexit clean-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    if scratch is not None:  # its temporary files, and its children's, where the parent removes them
        os.environ["TMPDIR"] = tempfile.tempdir = scratch
    try:
        if warm is not None:
            warm()
        while True:
            connection.send(work(connection.recv()))
    except (EOFError, OSError):  # the parent closed its end: done, or stopping
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the clean-up itself is not interrupted (the parent kills a slow one)


def _leave(number, frame):
    raise SystemExit(0)


@contextlib.contextmanager
def _ctrl_c_ignored_by_children():
    """Start processes with SIGINT ignored (they inherit it), holding back a Ctrl-C meanwhile instead of losing it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: the children set it themselves, a moment later
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
