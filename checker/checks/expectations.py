"""What a check may ask of the staff side: reference results and the results of recognised mistakes.

Checks never import an assignment's `reference` or `mistakes` module; they ask `run.reference.f(...)`
and `run.mistakes.f(...)`, always with arguments drawn from the check's seeded generator. On the
staff side these call the live code. The student kit has no such code: there the same calls are
answered from a record of the public seed, which the kit's build made by running every check on
the solution notebooks. One check code serves both distributions.
"""

import importlib
import importlib.resources

import numpy as np

from checker.checks import messages
from checker.checks.errors import CheckFailure
from checker.checks.remembered import Memory
from checker.checks.seeds import PUBLIC_SEED
from checker.sandbox import protocol

RECORD_FILE = "expectations.bpl"
# Arguments match a recorded call when equal, floats within this (different BLAS builds round differently).
MATCH_RTOL, MATCH_ATOL = 1e-9, 1e-12


class Live:
    """Calls an assignment's live `reference` or `mistakes` module (the staff side).

    Official grading draws every submission's public inputs from the same seed (its hidden ones from the
    student's own), so a worker remembers each answer by its arguments' values: the public seed's are
    computed once for the whole class.
    """

    def __init__(self, package):
        self.package = package
        self._modules = {}
        self._memory = Memory(size=1024)

    def module(self, kind):
        if kind not in self._modules:
            self._modules[kind] = importlib.import_module(f"{self.package}.{kind}")
        return self._modules[kind]

    def reference(self, run, name, args, kwargs):
        return self._memory.recall(self._answer, "reference", name, *args, **kwargs)

    def mistakes(self, run, name, args, kwargs):
        """{diagnosis id: what the mistaken implementation returns} for every recognised mistake of `name`."""
        return self._memory.recall(self._answer, "mistakes", name, *args, **kwargs)

    def _answer(self, kind, name, *args, **kwargs):
        if kind == "reference":
            return getattr(self.module("reference"), name)(*args, **kwargs)
        # A mistake that does not apply to these inputs says so itself (it returns None); one that raises is a bug in the
        # answer key, a grader error for staff.
        return {mistake: implementation(*args, **kwargs) for mistake, implementation in self.module("mistakes").MISTAKES.get(name, {}).items()}


class Recording:
    """Live answers, each also written down as (check, seed, kind, name, args, kwargs, result): the kit's build."""

    def __init__(self, live):
        self.live, self.entries = live, []

    def reference(self, run, name, args, kwargs):
        return self._note(run, "reference", name, args, kwargs, self.live.reference(run, name, args, kwargs))

    def mistakes(self, run, name, args, kwargs):
        return self._note(run, "mistakes", name, args, kwargs, self.live.mistakes(run, name, args, kwargs))

    def _note(self, run, kind, name, args, kwargs, result):
        self.entries.append({"check": run.check, "seed": run.seed.value, "kind": kind, "name": name,
                             "args": list(args), "kwargs": dict(kwargs), "result": result})
        return result

    def to_bytes(self):
        def refuse(obj):
            raise TypeError(f"a recorded value must be plain data, not {type(obj).__name__}")
        return protocol.pack({"entries": self.entries}, refuse)


class Recorded:
    """Answers from the record shipped in the student kit; a call the record does not hold stops the check."""

    def __init__(self, data):
        limits = protocol.Limits(header_bytes=len(data))  # our own file, written by the kit build
        tree, buffers = protocol.read_frame(_Reader(data), limits)
        entries = protocol.unpack(tree, buffers, _no_references, limits)["entries"]
        self.index = {}
        for entry in entries:
            self.index.setdefault((entry["check"], entry["seed"], entry["kind"], entry["name"]), []).append(entry)

    def reference(self, run, name, args, kwargs):
        return self._find(run, "reference", name, args, kwargs)

    def mistakes(self, run, name, args, kwargs):
        return self._find(run, "mistakes", name, args, kwargs)

    def _find(self, run, kind, name, args, kwargs):
        for entry in self.index.get((run.check, run.seed.value, kind, name), ()):
            if same(list(args), entry["args"]) and same(dict(kwargs), entry["kwargs"]):
                return entry["result"]
        why = f" and this run uses seed {run.seed}" if run.seed.value != PUBLIC_SEED else " and your code led this check to inputs the record does not hold"
        run.stop(CheckFailure(messages.NOT_RECORDED.format(seed=PUBLIC_SEED, why=why), messages.NOT_RECORDED.id))


def _no_references(ref):
    raise protocol.ProtocolError("a record holds plain data only")


class _Reader:
    def __init__(self, data):
        self.data, self.position = data, 0

    def __call__(self, size):
        chunk = self.data[self.position : self.position + size]
        if len(chunk) < size:
            raise EOFError("the record is cut short")
        self.position += size
        return chunk


def same(a, b):
    """Whether two plain values match: same structure and types, numbers equal within MATCH_RTOL/MATCH_ATOL."""
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and bool(np.allclose(a, b, rtol=MATCH_RTOL, atol=MATCH_ATOL, equal_nan=True)))
    numbers = (int, float, np.integer, np.floating)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return bool(np.isclose(a, b, rtol=MATCH_RTOL, atol=MATCH_ATOL, equal_nan=True))
    return type(a) is type(b) and a == b


SOURCES = {}


def source_for(package):
    """Where expectations for an assignment package come from: its record in the student kit, else live code."""
    if package not in SOURCES:
        record = importlib.resources.files(package) / RECORD_FILE
        SOURCES[package] = Recorded(record.read_bytes()) if record.is_file() else Live(package)
    return SOURCES[package]


class Gateway:
    """`run.reference.propagate(...)` or `run.mistakes.propagate(...)`; each name gives one stable callable."""

    def __init__(self, run, source, kind):
        self._run, self._source, self._kind = run, source, kind
        self._callables = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._callables:
            def ask(*args, **kwargs):
                return getattr(self._source, self._kind)(self._run, name, args, kwargs)
            ask.__name__ = ask.__qualname__ = name
            self._callables[name] = ask
        return self._callables[name]
