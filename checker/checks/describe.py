"""A student's value in words, for messages: its kind, its shape, its first entries; never more than a line."""

import reprlib

import numpy as np

from checker.sandbox.proxies import is_remote, kind_of


def describe_value(value, max_items=6):
    """The student's value in a few words: its shape, then its first entries (any value the sandbox lets through)."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value.ravel()[:max_items], precision=4, separator=", ", suppress_small=True)
        if value.size > max_items:
            text = text[:-1] + ", ...]"
        return f"array of shape {value.shape} and dtype {value.dtype}, entries {text}"
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and abs(value) <= np.finfo(np.float64).max:
        return f"{type(value).__name__} {float(value):.6g}"
    if is_remote(value) or _too_large(value) or not isinstance(value, (int, float, complex, str, bytes, list, tuple, dict, np.generic)):
        return kind_in_words(value)
    text = _short_repr(value)
    return f"{type(value).__name__} {text}"


def short_repr(value):
    """The student's value as they would write it, cut short ("[2, 3, 1]", "0.5"); in words where that says more ("an int
    too large for a float", "a `Magic` object")."""
    if is_remote(value) or _too_large(value) or not isinstance(value, (int, float, complex, str, bytes, list, tuple, dict, np.generic, np.ndarray)):
        return kind_in_words(value)
    return _short_repr(value)


def _short_repr(value, most=80):
    """repr(value) cut to about `most` characters, without building the whole text of a large or deep value."""
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxtuple, short.maxdict = 3, 8, 8, 6
    short.maxstring = short.maxother = short.maxlong = most
    text = short.repr(value)
    return text if len(text) < most else text[: most - 3] + "..."


# Built-in types a value can be an object of across the sandbox's boundary (it crosses as a reference), in words.
# (A dict, list or tuple crosses as a reference when its keys are not strings or small ints, or it is nested too deep.)
_BUILT_IN_OBJECTS = {"complex": "a complex number", "function": "a function", "builtin_function_or_method": "a function",
                     "method": "a method", "generator": "a generator", "set": "a set", "frozenset": "a set", "range": "a range",
                     "type": "a class", "module": "a module", "NoneType": "None", "dict": "a dict", "list": "a list",
                     "tuple": "a tuple"}


def _too_large(value):
    """Whether `value` is an int beyond the range of a float."""
    if type(value) is not int:
        return False
    try:
        float(value)
    except OverflowError:
        return True
    return False


def kind_in_words(value, detail=True):
    """What a value is, in a few words and one line, never its entries: "a list of 3 items", "a NumPy array of shape (4, 1)".

    Any value the sandbox lets through is told ("an int too large for a float", "a `Magic` object"). Without `detail`,
    only its broad kind, from a fixed vocabulary: words the student's code cannot fill with anything else (no length,
    shape, key or class name of theirs), which a message may say under a hidden seed.
    """
    if is_remote(value):
        kind = kind_of(value)
        return _BUILT_IN_OBJECTS.get(kind) or (f"a `{kind}` object" if detail else "an object")
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return "a bool" if isinstance(value, bool) else "a NumPy bool"
    if isinstance(value, int):
        return "an int too large for a float" if _too_large(value) else "an int"
    if isinstance(value, float):
        return "the float NaN" if value != value else "an infinite float" if value in (np.inf, -np.inf) else "a float"
    if isinstance(value, np.generic):
        return f"a NumPy {value.dtype.name} scalar" if detail else f"a NumPy {_dtype_kind(value.dtype)} scalar"
    if isinstance(value, np.ndarray):
        if not detail:
            return f"a NumPy array of {_dtype_kind(value.dtype)}s"
        dtype = "" if value.dtype == np.float64 else f" and dtype {value.dtype}"
        return f"an empty NumPy array of shape {value.shape}{dtype}" if value.size == 0 else f"a NumPy array of shape {value.shape}{dtype}"
    if isinstance(value, (str, bytes)):
        return "a str" if isinstance(value, str) else "bytes"
    if isinstance(value, (list, tuple)):
        name = type(value).__name__
        if not value or not detail:
            return f"an empty {name}" if not value else f"a {name}"
        return f"a {name} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        if not value or not detail:
            return "an empty dict" if not value else "a dict"
        keys = ", ".join(_short_repr(key, 24) for key in list(value)[:6]) + (", ..." if len(value) > 6 else "")
        return f"a dict with the keys {keys}"
    return f"a {type(value).__name__}" if detail else "an object"


def _dtype_kind(dtype):
    """The kind of number an array holds, in a word: bool, integer, float or complex number."""
    return {"b": "bool", "i": "integer", "u": "integer", "f": "float", "c": "complex number"}.get(dtype.kind, "value")
