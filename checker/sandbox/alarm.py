"""A time limit on a block of code by SIGALRM: a notebook's cell in its process, a student's call in their own kernel."""

import contextlib
import signal
import threading


@contextlib.contextmanager
def alarm(seconds, raising):
    """Raise `raising()` (a BaseException, which `except Exception` lets pass) into the block after `seconds`.

    No limit for None, nor outside the main thread (only it receives signals).
    """
    if seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise raising()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
