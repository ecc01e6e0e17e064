"""Values a check cannot use, put where it reads a student's value: every value shape the sandbox protocol admits.

A *place* is what a check reads of a notebook: what a function returns, what a method of a student's class returns,
an attribute a method sets, a name the notebook binds to data. `places(names)` finds them in a correct catalogue
implementation (the names `catalogue.notebook_names` gives) knowing nothing of the assignment: a function's result,
each method's result, each attribute a method assigns (read from its source), each data name. `substituted(names,
place, make)` gives the same names with that one place overridden: a wrapper that calls the original then returns
make(its result), or a subclass whose method calls the original then returns that, or sets the attribute to
make(what it set). Values are made in the sandbox from what the correct code produced there (`Value.make`), so
"every number as float16" has the shape the check asked for; a `Chooser` lets one loaded notebook give each in turn.
"""

import ast
import inspect
import math
import textwrap
import types
from typing import Callable, NamedTuple

import numpy as np

# A number that shows in no check's inputs or answers: a message that shows it shows the value itself.
MARKER = 7.3125e13
NEAR_DEPTH, PAST_DEPTH = 45, 60  # nestings on either side of the protocol's depth limit


class Magic:
    """An object of the student's own class, where the check wants a number or an array (it crosses as a reference)."""

    def __repr__(self):
        return f"Magic({MARKER})"


def _leaves(value, change):
    """`value` with every number and array in its lists, tuples and dicts changed by `change` (a structure kept as it is)."""
    if isinstance(value, dict):
        return {key: _leaves(item, change) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_leaves(item, change) for item in value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number, np.ndarray)):
        return value
    return change(value)


def _as_dtype(dtype):
    def change(value):
        with np.errstate(all="ignore"):
            array = np.asarray(value)
            converted = array.astype(dtype) if array.dtype.kind != "c" or np.dtype(dtype).kind == "c" else array.real.astype(dtype)
        return converted if isinstance(value, np.ndarray) else converted[()]
    return change


def _huge(value):
    """Python numbers as an int too large for a float, arrays as entries near the largest float64."""
    if isinstance(value, np.ndarray):
        return np.full(value.shape, MARKER * 1e287)
    return 10**400


def _nan(value):
    return np.full(np.shape(value), np.nan)


def _flattened(value):
    return np.ravel(value)


def _emptied(value):
    return np.zeros((0,) + np.shape(value)[1:])


def _nested(depth):
    value = [MARKER]
    for _ in range(depth):
        value = [value]
    return value


def _generator():
    yield MARKER


class Value(NamedTuple):
    """A value put in place of the original: its label, how the sandbox makes it from the original, and what a message
    says of it.

    `told`: words one of which a message about it says at the public seed (its kind, or the value as written); `secret`:
    text that would show the value itself, which no message under a hidden seed may hold. A value that `can_be_right`
    holds the original's numbers in another form (float32, say): a check may accept it.
    """

    label: str
    make: Callable
    told: tuple = ()
    secret: tuple = ()
    can_be_right: bool = False


MARKED = ("73125", "7.312", "7.31e")  # MARKER (or -73125) as a message would print it


def _whole(label, build, told, secret=MARKED):
    return Value(label, lambda original: build(), told, secret)


def _each_leaf(label, change):
    return Value(f"every number {label}", lambda original: _leaves(original, change), can_be_right=True)


VALUES = [
    _whole("None", lambda: None, ("None",), ()),
    _whole("a bool", lambda: True, ("bool", "True"), ()),
    _whole("an int too large for a float", lambda: 10**400, ("too large",), ("10000000000",)),
    _whole("a negative int too large for a float", lambda: -(10**400), ("too large",), ("10000000000",)),
    _whole("a negative int", lambda: -73125, ("int", "-73125", "-7.31e+04")),
    _whole("an int beyond 64 bits", lambda: 2**70 + 73125, ("int", "118059162", "1.18e+21"), ("118059162", "1.18e+21")),
    _whole("the float NaN", lambda: math.nan, ("nan",), ()),
    _whole("an infinite float", lambda: -math.inf, ("inf",), ()),
    _whole("a complex number", lambda: complex(MARKER, 1.0), ("complex",)),
    _whole("a str", lambda: f"the answer is {MARKER}", ("str", "the answer is"), ("the answer is", *MARKED)),
    _whole("bytes", lambda: b"\x00731250", ("bytes", "x00731250"), ("x00731250",)),
    _whole("an empty list", lambda: [], ("empty list", "[]"), ()),
    _whole("an empty tuple", lambda: (), ("empty tuple", "()"), ()),
    _whole("an empty dict", lambda: {}, ("empty dict", "{}"), ()),
    _whole("a ragged nested list", lambda: [[MARKER, [1.0, 2.0]], "x", (None,)], ("list",)),
    _whole("a dict with non-str keys", lambda: {(1, 2): MARKER, 2**40: [1.0]}, ("dict",)),
    _whole("a dict with int keys", lambda: {0: MARKER, 1: np.ones((2, 2))}, ("dict",)),
    _whole("a nesting near the protocol's depth limit", lambda: _nested(NEAR_DEPTH), ("list",)),
    _whole("a nesting past the protocol's depth limit", lambda: _nested(PAST_DEPTH), ("list",)),
    _whole("a 0-d array", lambda: np.array(MARKER), ("()", "array", "0-d", *MARKED)),
    _whole("an empty array", lambda: np.zeros((0,)), ("(0,)", "empty"), ()),
    _whole("a rank-1 array", lambda: np.full(3, MARKER), ("(3,)", "rank-1")),
    _whole("a NumPy float16 scalar", lambda: np.float16(0.5), ("float16", "0.5"), ()),
    _whole("a NumPy longdouble scalar", lambda: np.longdouble(MARKER) * np.longdouble(10) ** 4000, ("longdouble", "float128", "inf")),
    _whole("a NumPy complex scalar", lambda: np.complex128(complex(MARKER, 1.0)), ("complex",)),
    _whole("a NumPy int scalar", lambda: np.int64(-73125), ("int64", "-73125", "-7.31e+04")),
    _whole("a NumPy bool scalar", lambda: np.bool_(True), ("bool", "True"), ()),
    _whole("a `Magic` object", Magic, ("Magic",)),
    _whole("a function", lambda: _nested, ("function",), ()),
    _whole("a generator", _generator, ("generator",), ()),
    *(_each_leaf(f"as {np.dtype(code).name}", _as_dtype(code)) for code in ("?", "b", "Q", "e", "f", "g", "F", "G")),
    _each_leaf("too large (ints beyond a float, arrays near the largest float64)", _huge),
    _each_leaf("NaN-filled", _nan),
    _each_leaf("flattened to rank 1", _flattened),
    _each_leaf("an empty array", _emptied),
]
SENTINEL = next(value for value in VALUES if value.label == "a `Magic` object")


class Chooser:
    """Which of the values a substituted place gives: set in each check process before the check runs, so that one loaded
    notebook serves every value."""

    def __init__(self, values):
        self.makes, self.choice = [value.make for value in values], 0

    def make(self, original):
        return self.makes[self.choice](original)


# -- places ---------------------------------------------------------------------------------------
class Place(NamedTuple):
    """Where a check reads the student's value: `name` in the notebook, then a method's result or an attribute it sets."""

    name: str
    method: str | None = None  # a method of the class bound to `name`
    attribute: str | None = None  # an attribute that method sets (else: its result)

    def __str__(self):
        if self.method is None:
            return self.name
        owner = f"{self.name}.{self.method}"
        return f"{owner} sets self.{self.attribute}" if self.attribute else owner

    @property
    def words(self):
        """The names a message about this place may use: the function, the method, the attribute."""
        return {self.method or self.name, *([self.attribute] if self.attribute else [])}


def _methods(cls):
    """The methods a student's class defines (its own and its bases', not object's): {name: function}."""
    found = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, member in vars(klass).items():
            if inspect.isfunction(member) and (not name.startswith("_") or name == "__init__"):
                found[name] = member
    return found


def _attributes_set(function):
    """The attributes of `self` a method assigns or changes in place (self.x = ..., self.x += ..., self.x[...] = ...)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return []
    found = []
    for node in ast.walk(tree):
        target = node.value if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) else node
        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"
                and (isinstance(node.ctx, ast.Store) or node is not target) and target.attr not in found):
            found.append(target.attr)
    return found


def places(names):
    """Every place a check could read in these notebook names, in a stable order."""
    found = []
    for name, value in names.items():
        if inspect.isclass(value):
            for method, function in _methods(value).items():
                found += [] if method == "__init__" else [Place(name, method)]
                found += [Place(name, method, attribute) for attribute in _attributes_set(function)]
        elif callable(value):
            found.append(Place(name))
        elif not isinstance(value, types.ModuleType):
            found.append(Place(name))
    return found


# -- overriding one place -------------------------------------------------------------------------
def _sharing_globals(wrapper, original, name):
    """`wrapper` as a function of the original's module: helpers swapped into the original's globals reach both."""
    function = types.FunctionType(wrapper.__code__, original.__globals__, name, None, wrapper.__closure__)
    function.__qualname__, function.__doc__ = getattr(original, "__qualname__", name), original.__doc__
    return function


def _returning(original, make):
    def wrapper(*args, **kwargs):
        return make(original(*args, **kwargs))
    return _sharing_globals(wrapper, original, original.__name__)


def _setting(original, attribute, make):
    def wrapper(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        setattr(self, attribute, make(getattr(self, attribute, None)))
        return result
    return _sharing_globals(wrapper, original, original.__name__)


def substituted(names, place, make):
    """The notebook names with `place` overridden to give make(what the correct code gave there)."""
    original = names[place.name]
    if place.method is None:
        replacement = _returning(original, make) if callable(original) else _Made(make, original)
    else:
        function = _methods(original)[place.method]
        method = _setting(function, place.attribute, make) if place.attribute else _returning(function, make)
        replacement = type(original.__name__, (original,), {place.method: method, "__module__": original.__module__,
                                                            "__qualname__": original.__qualname__})
    return {**names, place.name: replacement}


class _Made:
    """A data name's value, made when the notebook is loaded in the sandbox (a generator cannot be pickled)."""

    def __init__(self, make, original):
        self.make, self.original = make, original

    def __reduce__(self):
        return (self.make, (self.original,))
