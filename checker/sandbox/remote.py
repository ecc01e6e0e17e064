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


class StudentProblem(Exception):
    """Something the student's code did that ends the check; `what` names the operation."""

    def __init__(self, what, description=None):
        super().__init__(what)
        self.what = what
        self.description = description or {}


class StudentRaised(StudentProblem):
    """The student's code raised; `description` is the plain-data report of the exception."""


class StudentTimedOut(StudentProblem):
    """The student's code ran past its time limit and its process was stopped."""

    def __init__(self, what, seconds):
        super().__init__(what)
        self.seconds = seconds


class StudentBudgetUsed(StudentProblem):
    """The notebook's code used up its time budget (over all its checks)."""

    def __init__(self, what, seconds):
        super().__init__(what)
        self.seconds = seconds


class StudentEnded(StudentProblem):
    """The student's code ended its own process (os._exit, sys.exit, a crash) or the process was lost."""

    def __init__(self, what, how):
        super().__init__(what)
        self.how = how


class StudentUnreadable(StudentProblem):
    """The target sent something that is not valid under the protocol (a lying or broken process)."""


class StopGrading(Exception):
    """Raised by judge-side code called from student code when the check cannot go on (a record miss).

    The target receives it as an error of kind "stop" and raises a BaseException, which a
    student's `except Exception:` does not catch; the judge also remembers it (see on_stop).
    """

    def reply(self):
        return {"kind": "stop", "text": str(self)}


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


def _refuse(obj):
    raise TypeError("not plain data")


def is_plain(value):
    """Whether `value` holds nothing but plain data (no Remote, no other object)."""
    try:
        protocol.encode(value, _refuse)
        return True
    except TypeError:
        return False


# The most data a call of a judge object may take or give back: it computes on what the student's code sends.
HELPER_BYTES = 8 * 2**20


def serve_judge_objects(channel, on_stop):
    """Install the handlers through which the target uses the judge objects it was given."""

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
        if protocol.size_of((args, kwargs)) > HELPER_BYTES:
            raise ValueError(f"the checker's {name} was given more data than any call in this exercise needs")
        try:
            value = function(*args, **kwargs)
        except StopGrading as stop:
            on_stop(str(stop))
            raise
        if protocol.size_of(value) > HELPER_BYTES:
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

