"""The judge's view of the target: proxies for the student's objects, and what the target may ask of the judge.

A `Remote` stands for a function, class or object that lives in the sandboxed check process:
calling it, reading or setting its attributes sends a request there. It forwards nothing
implicitly (no `__eq__`, `__len__`, `__iter__`, `__float__`), so check code never runs student
code by accident, and a value that comes back is plain data or another Remote.

The other way round, the target may call only judge objects that the judge handed it (a
reference helper swapped into a student's function, a stand-in method set on a student's object),
with plain-data arguments, and read their public plain-data attributes or bound methods; it may
never change them.
"""

from checker.sandbox import protocol
from checker.sandbox.errors import (StopGrading, StudentBudgetUsed, StudentEnded, StudentProblem, StudentRaised, StudentTimedOut,
                                    StudentUnreadable)


__all__ = ["Remote", "StopGrading", "StudentBudgetUsed", "StudentEnded", "StudentProblem", "StudentRaised", "StudentTimedOut",
           "StudentUnreadable", "is_plain", "is_remote", "kind_of", "name_of", "owner", "serve_judge_objects"]


class Remote:
    """A student's function, class or object that stays in the sandboxed process."""

    __slots__ = ("_ref", "_process")

    def __init__(self, ref, process):
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_process", process)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # special names are never fetched from the student's side
        return self._process.get_attribute(self, name)

    def __setattr__(self, name, value):
        self._process.set_attribute(self, name, value)

    def __call__(self, *args, **kwargs):
        return self._process.call(self, args, kwargs).value

    def __repr__(self):
        return f"<your {self._ref.type}>"


def kind_of(value):
    """The type name a student would recognise: the remote object's own, for a Remote."""
    return value._ref.type if type(value) is Remote else type(value).__name__


def name_of(value):
    """A remote function's or class's own (qualified) name, when it has one."""
    return value._ref.name if type(value) is Remote else None


def is_remote(value):
    return type(value) is Remote


def owner(value):
    """The sandboxed check process a Remote's object lives in."""
    return object.__getattribute__(value, "_process")


def _refuse(obj):
    raise TypeError("not plain data")


def is_plain(value):
    """Whether `value` holds nothing but plain data (no Remote, no other object)."""
    try:
        protocol.encode(value, _refuse)
        return True
    except TypeError:
        return False


def serve_judge_objects(channel, on_stop, helper_bytes):
    """Install the handlers through which the target uses the judge objects it was given.

    A call may take and give back at most `helper_bytes` (policy.helper_bytes): judge objects compute on what student code sends.
    """

    def exported(message):
        obj = message["target"]
        if type(obj) is Remote or not any(obj is candidate for candidate in channel.exports.values()):
            raise TypeError("that object is not the checker's to use")
        return obj

    def call(message):
        function, args, kwargs = exported(message), message["args"], message["kwargs"]
        name = getattr(function, "__name__", "function")
        if type(args) is not list or type(kwargs) is not dict or not is_plain((args, kwargs)):
            raise TypeError(f"the checker's {name} takes numbers and arrays, not your objects")
        if protocol.size_of((args, kwargs)) > helper_bytes:
            raise ValueError(f"the checker's {name} was given more data than any call in this exercise needs")
        try:
            value = function(*args, **kwargs)
        except StopGrading as stop:
            on_stop(str(stop))
            raise
        if protocol.size_of(value) > helper_bytes:
            raise ValueError(f"the checker's {name} would give back more data than any call in this exercise needs")
        return value

    def get_attribute(message):
        obj, name = exported(message), message["name"]
        if type(name) is not str or name.startswith("_"):
            raise AttributeError(f"the checker's object has no attribute {name!r} you may read")
        value = getattr(obj, name)
        if getattr(value, "__self__", None) is obj or is_plain(value):
            return value
        raise AttributeError(f"the checker's object has no attribute {name!r} you may read")

    def set_attribute(message):
        raise AttributeError("the checker's objects are read-only")

    channel.handlers.update(call=call, getattr=get_attribute, setattr=set_attribute)

