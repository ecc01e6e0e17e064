"""A time limit on a block of code by SIGALRM: a notebook's cell in its process, a student's call in their own kernel."""

import contextlib
import signal
import threading
import time


@contextlib.contextmanager
def alarm(seconds, raising):
    """Raise `raising()` (a BaseException, which `except Exception` lets pass) into the block after `seconds`; yields
    whether an enclosing alarm ends first.

    No limit for None, nor outside the main thread (only it receives signals). An alarm set while another runs (a
    student's helper called while the judge serves a student's call, in-process) ends no later than the enclosing one,
    which runs on afterwards.
    """
    if seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield False
        return

    def interrupt(signum, frame):
        raise raising()

    enclosing, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, enclosing) if enclosing > 0 else seconds)
    try:
        yield 0 < enclosing <= seconds
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if enclosing > 0:
            signal.setitimer(signal.ITIMER_REAL, max(enclosing - (time.monotonic() - started), 1e-6))
