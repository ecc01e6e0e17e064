"""The judge and the sandboxed target talk in plain data: JSON plus raw array bytes, never pickles.

A frame is `MAGIC`, the byte lengths of a JSON header and of each binary buffer, then the header
and the buffers. Values are None, bool, int, float, str, bytes, tuples, lists and dicts of them, NumPy
arrays and scalars of numeric or bool dtype, and references to objects that stay on the side
that owns them (`Ref`). Everything else is sent as a reference, so it is described, never copied.

Both sides use this module; the judge decodes with `Limits` that bound depth, size and count, and
every field of what it receives is validated here before anything else reads it.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import struct
from collections.abc import Callable
from typing import Any

import numpy as np

from checker.sandbox.errors import ProtocolError

MAGIC = b"BPL1"
# Dtypes that cross the boundary: NumPy's own numeric and bool types, in native byte order.
DTYPES = frozenset(np.dtype(code).str for code in "?bhilqBHILQefdgFDG")
SCALAR_TYPES = {np.dtype(code).type: np.dtype(code).str for code in "?bhilqBHILQefdgFDG"}
PLAIN_SCALARS = (type(None), bool, int, float, str)
# A frame's JSON header, as json.loads gives it (trees of dicts, lists and scalars), and its binary buffers.
Tree = Any
Buffers = list[bytes]
# What turns an object that stays on this side into a Ref, and a Ref that arrived into a local object or a proxy.
Export = Callable[[Any], "Ref"]
Resolve = Callable[["Ref"], Any]
# Dictionaries of the standard library that students return for grads; read through dict's own methods.
DICT_TYPES = (dict, collections.OrderedDict, collections.defaultdict)


@dataclasses.dataclass(frozen=True)
class Limits:
    """How much one frame may hold, and one channel may take, so that a hostile sender cannot exhaust the receiver."""

    frame_bytes: int = 512 * 2**20
    header_bytes: int = 8 * 2**20
    depth: int = 48
    items: int = 2_000_000
    string: int = 1_000_000
    dimension: int = 2**24  # the longest axis of an array
    buffers: int = 100_000  # binary buffers in one frame
    served: int = 100_000  # requests from the other side that one request of ours may serve
    exports: int = 100_000  # objects one channel may hand out


DEFAULT_LIMITS = Limits()


class Ref:
    """An object that stays on `side` ("target" or "judge"); the other side only holds its number."""

    __slots__ = ("side", "id", "type", "callable", "name")

    def __init__(self, side: str, id: int, type: str = "object", callable: bool = False, name: str | None = None) -> None:
        self.side, self.id, self.type, self.callable, self.name = side, id, type, callable, name


def encode(value: Any, export: Export) -> tuple[Tree, Buffers]:
    """(JSON-ready tree, buffers) for `value`; `export(obj)` turns a non-plain object into a Ref."""
    buffers: Buffers = []
    return _encode(value, export, buffers, 0), buffers


def _encode(value: Any, export: Export, buffers: Buffers, depth: int) -> Tree:
    kind = type(value)
    if kind in PLAIN_SCALARS:
        return value
    if depth > DEFAULT_LIMITS.depth:
        return _reference(export(value))
    if kind is list or kind is tuple:
        return {"t": kind.__name__, "v": [_encode(item, export, buffers, depth + 1) for item in value]}
    if kind in DICT_TYPES and all(_plain_key(key) for key in dict.keys(value)):
        pairs = list(dict.items(value))
        return {"t": "dict", "k": [key for key, _ in pairs], "v": [_encode(v, export, buffers, depth + 1) for _, v in pairs]}
    if kind is np.ndarray and value.dtype.str in DTYPES:
        buffers.append(np.ascontiguousarray(value).tobytes())
        return {"t": "array", "d": value.dtype.str, "s": list(value.shape), "b": len(buffers) - 1}
    if kind is bytes:
        buffers.append(value)
        return {"t": "bytes", "b": len(buffers) - 1}
    if kind in SCALAR_TYPES:
        buffers.append(np.asarray(value).tobytes())
        return {"t": "scalar", "d": SCALAR_TYPES[kind], "b": len(buffers) - 1}
    return _reference(export(value))


def _plain_key(key: object) -> bool:
    """Dictionary keys that cross as they are: strings and small integers."""
    return type(key) is str or (type(key) is int and -2**31 <= key < 2**31)


def _reference(ref: Ref) -> dict[str, Any]:
    return {"t": "ref", "side": ref.side, "id": ref.id, "type": ref.type, "call": ref.callable, "name": ref.name}


def decode(tree: Tree, buffers: Buffers, resolve: Resolve, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The value a tree stands for; `resolve(Ref)` gives the local object or proxy for a reference.

    Whatever is wrong with what arrived surfaces as a ProtocolError, never as another exception.
    """
    counter = [0]
    try:
        return _decode(tree, buffers, resolve, limits, 0, counter)
    except ProtocolError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, MemoryError, RecursionError) as error:
        raise ProtocolError(f"a value is malformed ({type(error).__name__})") from None


def _decode(tree: Tree, buffers: Buffers, resolve: Resolve, limits: Limits, depth: int, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > limits.items or depth > limits.depth + 2:
        raise ProtocolError("the value is too large or too deeply nested")
    if type(tree) is str:
        return _string(tree, limits)
    if type(tree) in PLAIN_SCALARS:
        return tree
    if type(tree) is not dict:
        raise ProtocolError(f"unexpected {type(tree).__name__} in a value")
    tag = tree.get("t")
    if tag in ("list", "tuple"):
        items = [_decode(item, buffers, resolve, limits, depth + 1, counter) for item in _field(tree, "v", list)]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        keys, values = _field(tree, "k", list), _field(tree, "v", list)
        counter[0] += len(keys)
        if len(keys) != len(values) or not all(_plain_key(key) for key in keys):
            raise ProtocolError("a dictionary's keys are malformed")
        keys = [_string(key, limits) if type(key) is str else key for key in keys]
        return dict(zip(keys, (_decode(v, buffers, resolve, limits, depth + 1, counter) for v in values)))
    if tag in ("array", "scalar"):
        return _decode_array(tree, buffers, tag, limits)
    if tag == "bytes":
        index = _field(tree, "b", int)
        if not 0 <= index < len(buffers):
            raise ProtocolError("bytes with no data")
        return bytes(buffers[index])
    if tag == "ref":
        side, number = _field(tree, "side", str), _field(tree, "id", int)
        kind, is_callable = _field(tree, "type", str)[:200], _field(tree, "call", bool)
        name = tree.get("name")
        kind, name = _string(kind, limits), _string(name[:200], limits) if type(name) is str else None
        return resolve(Ref(side, number, kind, is_callable, name))
    raise ProtocolError(f"unknown tag {tag!r}")


def _string(text: str, limits: Limits) -> str:
    """A received string, bounded, with lone surrogates (which no file or terminal accepts) replaced."""
    if len(text) > limits.string:
        raise ProtocolError("a string is too long")
    if text.isascii():
        return text
    return text.encode("utf-8", "replace").decode("utf-8")


def _field(tree: dict[str, Any], key: str, kind: type) -> Any:
    value = tree.get(key)
    if type(value) is not kind:
        raise ProtocolError(f"field {key!r} should be a {kind.__name__}")
    return value


def _decode_array(tree: dict[str, Any], buffers: Buffers, tag: str, limits: Limits) -> Any:
    dtype_code, index = _field(tree, "d", str), _field(tree, "b", int)
    if dtype_code not in DTYPES or not 0 <= index < len(buffers):
        raise ProtocolError("an array has an unsupported dtype or no data")
    dtype = np.dtype(dtype_code)
    shape = () if tag == "scalar" else tuple(_field(tree, "s", list))
    if not all(type(n) is int and 0 <= n <= limits.dimension for n in shape) or len(shape) > 32:
        raise ProtocolError("an array has a malformed shape")
    count = 1
    for n in shape:
        count *= n
    if count * dtype.itemsize != len(buffers[index]):
        raise ProtocolError("an array's data does not match its shape")
    array = np.frombuffer(buffers[index], dtype=dtype).reshape(shape).copy()
    return array[()] if tag == "scalar" else array


def size_of(value: Any) -> int:
    """Roughly the bytes a plain value holds once the judge computes with it (arrays as float64), without copying it."""
    if isinstance(value, np.ndarray):
        return max(value.nbytes, 8 * value.size)
    if isinstance(value, (list, tuple)):
        return 8 * len(value) + sum(size_of(item) for item in value)
    if isinstance(value, dict):
        return 8 * len(value) + sum(size_of(item) for item in value.values())
    return len(value) if isinstance(value, (str, bytes)) else 8


def pack(message: dict[str, Any], export: Export) -> bytes:
    """A whole frame for a message (a dict of fields; values inside are encoded)."""
    tree, buffers = encode(message, export)
    header = json.dumps(tree, separators=(",", ":"), allow_nan=True).encode()
    sizes = struct.pack(f"<II{len(buffers)}Q", len(header), len(buffers), *(len(b) for b in buffers))
    return b"".join([MAGIC, sizes, header, *buffers])


def read_frame(read_exactly: Callable[[int], bytes], limits: Limits = DEFAULT_LIMITS) -> tuple[Tree, Buffers]:
    """(tree, buffers) of the next frame; `read_exactly(n)` returns n bytes or raises EOFError."""
    if read_exactly(4) != MAGIC:
        raise ProtocolError("the stream is not speaking this protocol")
    header_size, count = struct.unpack("<II", read_exactly(8))
    if count > limits.buffers:
        raise ProtocolError("too many buffers")
    sizes = struct.unpack(f"<{count}Q", read_exactly(8 * count)) if count else ()
    if header_size + sum(sizes) > limits.frame_bytes or header_size > limits.header_bytes:
        raise ProtocolError(f"a message of {header_size + sum(sizes):,} bytes is over the limit of {limits.frame_bytes:,}")
    try:
        tree = json.loads(read_exactly(header_size))
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"the header is not valid JSON ({type(error).__name__})") from None
    return tree, [read_exactly(size) for size in sizes]


def unpack(tree: Tree, buffers: Buffers, resolve: Resolve, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """The message a frame holds (a dict), with its values decoded."""
    message = decode(tree, buffers, resolve, limits)
    if type(message) is not dict:
        raise ProtocolError("a message must be a dictionary")
    return message
