"""What a check may ask of the staff side: reference results and the results of recognised mistakes.

Checks never import an assignment's `reference` or `mistakes` module; they ask `run.reference.f(...)`
and `run.mistakes.f(...)`. On the staff side these call the live code. The student kit has no
such code: there the same calls are answered from a record of the public seed (see records.py),
so one check code serves both distributions.
"""

import importlib

from checker.sandbox.remote import StopGrading


class Live:
    """Calls an assignment's live `reference` or `mistakes` module."""

    def __init__(self, package):
        self.package = package
        self._modules = {}

    def module(self, kind):
        if kind not in self._modules:
            self._modules[kind] = importlib.import_module(f"{self.package}.{kind}")
        return self._modules[kind]

    def reference(self, name, args, kwargs):
        return getattr(self.module("reference"), name)(*args, **kwargs)

    def mistakes(self, name, args, kwargs):
        """{diagnosis id: what the mistaken implementation returns} for every recognised mistake of `name`."""
        results = {}
        for mistake, implementation in self.module("mistakes").MISTAKES.get(name, {}).items():
            try:
                results[mistake] = implementation(*args, **kwargs)
            except Exception:  # a mistaken implementation may fail on inputs where the student's did not
                results[mistake] = None
        return results


SOURCES = {}


def source_for(package):
    """Where expectations for an assignment package come from: live code, or a record in the student kit."""
    if package not in SOURCES:
        SOURCES[package] = Live(package)
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
                try:
                    return getattr(self._source, self._kind)(name, args, kwargs)
                except StopGrading as stop:
                    self._run.stopped = str(stop)
                    raise
            ask.__name__ = ask.__qualname__ = name
            self._callables[name] = ask
        return self._callables[name]
