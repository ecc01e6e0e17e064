"""A check process seen from the judge: requests to the student's code, each with a deadline, and validated replies.

    with notebook.open_check() as process:            # a fresh process forked from the loaded notebook
        propagate = process.lookup("propagate")["value"]  # a Remote
        report = process.call(propagate, (w, b, X, Y), {}, time_limit=2.0, what="propagate")

Every wait is charged to the notebook's time budget; a process that misses its deadline is killed
with SIGKILL, which no signal handler or `except` clause can stop.
"""

import contextlib
import os
import signal
import time

from checker.sandbox import exits, procfs, protocol, proxies
from checker.sandbox.channel import Channel
from checker.sandbox.errors import LENT_FOR_ONE_STEP, ChannelClosed, ProtocolError, RemoteError, StopGrading, StudentAttributeMissing, TimedOut
from checker.sandbox.student_calls import CallReport


class CheckProcess:
    """A fresh process forked from a loaded notebook, serving one check; closed (and killed) after it."""

    def __init__(self, notebook, pid, sock):
        self.notebook, self.pid, self.policy = notebook, pid, notebook.policy
        self.channel = Channel(sock, "judge", lambda ref: proxies.Remote(ref, self), proxies.Remote, limits=self.policy.frames)
        self.stopped = None  # why judge-side code stopped the check, if it did
        proxies.serve_judge_objects(self.channel, self._note_stop, self.policy.helper_bytes)
        self.dead, self.timed_out = None, False

    def _note_stop(self, text):
        self.stopped = text

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- requests -------------------------------------------------------------------------------
    def _request(self, what, op, time_limit, **fields):
        if self.dead:
            raise proxies.StudentEnded(what, self.dead)
        budget = self.notebook.budget
        if budget.left <= 0:
            raise proxies.StudentBudgetUsed(what, budget.seconds)
        limit = min(time_limit, budget.left)
        started = time.monotonic()
        try:
            return self.channel.request(op, deadline=started + limit, **fields)
        except TimedOut:
            self.close()
            self.dead, self.timed_out = f"it was stopped after {limit:g} s", True
            if limit < time_limit:  # the notebook's budget ran out, not this call's own limit
                raise proxies.StudentBudgetUsed(what, budget.seconds) from None
            raise proxies.StudentTimedOut(what, limit) from None
        except ChannelClosed:
            self.close()
            if self.timed_out:  # a request made while serving this one (a helper's call) ran out of time, and this one with it
                raise proxies.StudentTimedOut(what, round(time.monotonic() - started, 1)) from None
            self.dead = exits.describe(self.notebook.reap(self.pid), killed_by_us=True)
            raise proxies.StudentEnded(what, self.dead) from None
        except (ProtocolError, RemoteError) as error:
            self.close()
            self.dead = "it sent something the grader cannot read"
            raise proxies.StudentUnreadable(what, {"text": str(error)}) from None
        finally:
            budget.charge(time.monotonic() - started)

    def lookup(self, name, time_limit=10.0):
        """{"missing": True}, or {"value": ..., "origin": [module, file] or None} for a notebook name."""
        reply = self._request(f"looking up `{name}`", "lookup", time_limit, name=name)
        if type(reply) is not dict:
            raise proxies.StudentUnreadable(f"looking up `{name}`")
        return reply

    def call(self, target, args, kwargs, time_limit=None, track=True, what="your function"):
        """Call a student's function or class; returns a CallReport (value and side effects) or raises StudentProblem."""
        time_limit = self.policy.call_seconds if time_limit is None else time_limit
        report = self._request(what, "call", time_limit, target=target, args=list(args), kwargs=dict(kwargs), track=track)
        return checked_report(report, what, self.policy)

    def get_attribute(self, target, name, time_limit=10.0):
        report = self._request(f"reading `{name}`", "getattr", time_limit, target=target, name=name)
        if type(report) is dict and report.get("missing") is True:
            raise StudentAttributeMissing(f"reading `{name}`", proxies.name_of(target) or proxies.kind_of(target), name)
        return checked_report(report, f"reading `{name}`", self.policy).value

    def set_attribute(self, target, name, value, time_limit=10.0):
        what = f"setting `{name}`"
        checked_report(self._request(what, "setattr", time_limit, target=target, name=name, value=value), what, self.policy)

    def set_items(self, target, attribute, items, time_limit=10.0):
        what = f"setting entries of `{attribute}`"
        checked_report(self._request(what, "setitems", time_limit, target=target, attribute=attribute, items=dict(items)), what, self.policy)

    def make_standin(self, module, kind, args, time_limit=10.0):
        """The stand-in `kind` of an assignment's beside.py `module`, built in the check process beside the student's code."""
        return self._request(f"preparing the stand-in {kind}", "standin", time_limit, module=module, kind=kind, args=list(args))

    def seed_random(self, seed, time_limit=10.0):
        self._request("seeding the random generators", "seed_random", time_limit, seed=int(seed))

    def swap_globals(self, function, names, time_limit=10.0):
        """Make `function` find the judge's objects under `names` (None: put the student's back and revoke them)."""
        self._request("replacing helper functions", "swap_globals", time_limit, target=function, names=names)
        if names is None:
            self.revoke()

    def revoke(self):
        """Objects handed out so far can no longer be used from the student's side (they stay, unreachable)."""
        for number in self.channel.exports:
            self.channel.exports[number] = _revoked
        self.channel.forget_exports()

    # -- ending ---------------------------------------------------------------------------------
    def close(self):
        """End the check process: closing its socket makes it exit; SIGKILL makes sure; its parent reaps it."""
        with contextlib.suppress(OSError):
            self.channel.sock.close()
        if self.pid is not None and procfs.parent_of(self.pid) == self.notebook.pid:  # never a recycled pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def _revoked(*args, **kwargs):
    raise StopGrading(LENT_FOR_ONE_STEP)


TEXT, ITEMS = 300, 20  # characters per warning or changed name, and how many of them are kept


def checked_report(report, what, policy):
    """A call's reply as a CallReport, every field validated; StudentProblem when it raised or is unreadable."""
    if type(report) is not dict:
        raise proxies.StudentUnreadable(what)
    raised = report.get("raised")
    if raised is not None:
        if type(raised) is not dict:
            raise proxies.StudentUnreadable(what)
        raise proxies.StudentRaised(what, clean_description(raised))
    if protocol.size_of(report.get("value")) > policy.return_bytes:
        raise proxies.StudentUnreadable(what, {"text": f"it gave back more than {policy.return_bytes // 2**20} MB of numbers, "
                                                      "far more than this exercise's answer"})
    strings = lambda key: [text[:TEXT] for text in report.get(key) or [] if type(text) is str][:ITEMS]
    printed = report.get("printed")
    return CallReport(report.get("value"), strings("warnings"), printed[: policy.printed_chars] if type(printed) is str else "",
                      strings("changed"), strings("reordered"))


DESCRIPTION_FIELDS = {"type": str, "text": str, "where": str, "line": (str, int), "function": str, "notebook": str, "ended": bool,
                      "not_implemented": bool, "cell_line": int, "shapes": dict}


def clean_description(raised):
    """An exception description from the target, keeping only fields of the expected types, strings bounded."""
    clean = {}
    for key, kinds in DESCRIPTION_FIELDS.items():
        value = raised.get(key)
        if type(value) not in (kinds if type(kinds) is tuple else (kinds,)):
            continue
        if type(value) is str:
            value = value[:TEXT]
        elif type(value) is dict:  # {name on the failing line: its shape}, as the target saw them
            value = {name[:40]: [int(n) for n in shape][:8] for name, shape in list(value.items())[:8]
                     if type(name) is str and type(shape) is list and all(type(n) is int for n in shape)}
        clean[key] = value
    return clean
