"""One end of the judge–target socket: requests in both directions, each answered before the next.

Either side may ask the other something while its own request is still open (a student's
`optimize` calls the judge's `propagate`, whose wrapper reads an attribute of a student object),
so `request` serves incoming requests until the reply to its own arrives. Both sides are single
threaded, so replies always come back in the reverse order of the requests.

A request's deadline is absolute: time spent answering the other side's requests meanwhile is
allowed for only up to the request's own time limit again, and their number is bounded, so a
sandboxed process cannot keep the judge busy for ever by asking it things.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from checker.sandbox import protocol
from checker.sandbox.errors import ChannelClosed, ProtocolError, RemoteError, StopGrading, TimedOut

if TYPE_CHECKING:
    from checker.sandbox.schema import ErrorReply

# A handler answers one kind of request: it gets the request (its fields beside "op" and "id") and returns the reply's value.
Handler = Callable[[dict[str, Any]], Any]

__all__ = ["Channel", "ChannelClosed", "RemoteError", "TimedOut", "describe_error"]

_log = logging.getLogger(__name__)


class Channel:
    """A socket that speaks the protocol; `side` names whose objects this end can export.

    Only an end that is handed sockets (the fork server, the notebook process) accepts file
    descriptors; on any other end, descriptors that arrive are discarded by the kernel unread.
    """

    def __init__(self, sock: socket.socket, side: str, make_proxy: protocol.Resolve, proxy_type: type | None = None,
                 limits: protocol.Limits = protocol.DEFAULT_LIMITS, accept_fds: bool = False) -> None:
        self.sock = sock
        self.accept_fds = accept_fds
        self.side = side
        self.make_proxy = make_proxy
        self.proxy_type = proxy_type
        self.limits = limits
        self.handlers: dict[str, Handler] = {}
        self.exports: dict[int, Any] = {}
        self._export_ids: dict[int, int] = {}
        self._next_request = 0
        self._received_fds: list[int] = []
        self._buffer = bytearray()
        self._deadline: Callable[[], float] | None = None

    # -- objects that stay on this side -----------------------------------------------------
    def export(self, obj: Any) -> protocol.Ref:
        """A Ref the other side can use to name `obj`, which stays here (a proxy names its own object)."""
        if self.proxy_type is not None and type(obj) is self.proxy_type:
            ref: protocol.Ref = object.__getattribute__(obj, "_ref")
            return ref
        number = self._export_ids.get(id(obj))
        if number is None:
            if len(self.exports) >= self.limits.exports:
                raise ProtocolError("too many objects were handed across")
            number = len(self.exports) + 1
            self.exports[number] = obj
            self._export_ids[id(obj)] = number
        name = getattr(obj, "__qualname__", None) if callable(obj) else None
        return protocol.Ref(self.side, number, type(obj).__name__, callable(obj), name if type(name) is str else None)

    def forget_exports(self) -> None:
        """Objects exported from now on get new numbers, even ones exported before."""
        self._export_ids.clear()

    def resolve(self, ref: protocol.Ref) -> Any:
        if ref.side == self.side:
            if ref.id not in self.exports:
                raise ProtocolError(f"no object number {ref.id} was ever exported")
            return self.exports[ref.id]
        return self.make_proxy(ref)

    # -- frames ---------------------------------------------------------------------------------
    def send(self, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
        data = protocol.pack(message, self.export)
        try:
            self._arm_timeout()
            if fds:
                socket.send_fds(self.sock, [data[:1]], list(fds))
                data = data[1:]
            self.sock.sendall(data)
        except socket.timeout:
            raise TimedOut() from None
        except OSError as error:
            raise ChannelClosed(str(error)) from None

    def receive(self) -> dict[str, Any]:
        tree, buffers = protocol.read_frame(self._read_exactly, self.limits)
        return protocol.unpack(tree, buffers, self.resolve, self.limits)

    def take_fds(self) -> list[int]:
        fds, self._received_fds = self._received_fds, []
        return fds

    def _read_exactly(self, size: int) -> bytes:
        """`size` bytes from the socket, read in large chunks (one system call per frame, usually)."""
        while len(self._buffer) < size:
            self._arm_timeout()
            try:
                chunk = max(size - len(self._buffer), 1 << 16)
                if self.accept_fds:
                    data, fds, _, _ = socket.recv_fds(self.sock, chunk, 8)
                else:
                    data, fds = self.sock.recv(chunk), []
            except socket.timeout:
                raise TimedOut() from None
            except OSError as error:
                raise ChannelClosed(str(error)) from None
            if not data:
                raise ChannelClosed("end of stream")
            self._received_fds += fds
            self._buffer += data
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _arm_timeout(self) -> None:
        """Make the socket's blocking calls give up at the current deadline (or never, without one)."""
        if self._deadline is not None:
            left = self._deadline() - time.monotonic()
            if left <= 0:
                raise TimedOut()
            self.sock.settimeout(left)
        elif self.sock.gettimeout() is not None:
            self.sock.settimeout(None)

    # -- requests -----------------------------------------------------------------------------
    def request(self, op: str, deadline: float | None = None, fds: Sequence[int] = (), **fields: Any) -> Any:
        """Send a request and return the reply's value, serving the other side's requests meanwhile.

        `deadline` is a time.monotonic() value. Time spent serving the other side's requests is
        added to it, up to the request's own time limit again (so at most twice that in all).
        """
        self._next_request += 1
        number = self._next_request
        extra, served = [0.0], 0
        outer = self._deadline
        if deadline is not None and outer is not None:
            deadline = min(deadline, outer())  # a request made while serving ends with the one it serves
        if deadline is not None:
            allowance = max(deadline - time.monotonic(), 0.0)
            self._deadline = lambda: deadline + min(extra[0], allowance)
        else:
            self._deadline = None
        try:
            self.send({"op": op, "id": number, **fields}, fds)
            while True:
                message = self.receive()
                if "op" in message:
                    served += 1
                    if served > self.limits.served:
                        raise ProtocolError(f"more than {self.limits.served:,} requests arrived while one was open")
                    started = time.monotonic()
                    self.serve(message)
                    extra[0] += time.monotonic() - started
                    continue
                if message.get("re") != number:
                    raise ProtocolError("a reply arrived out of order")
                if "error" in message:
                    raise RemoteError(message["error"])
                return message.get("value")
        finally:
            self._deadline = outer

    def serve(self, message: dict[str, Any]) -> None:
        """Answer one request from the other side with its handler's value, or an error."""
        number, op = message.get("id"), message.get("op")
        handler = self.handlers.get(op) if type(op) is str else None
        try:
            if handler is None:
                raise ProtocolError(f"unknown request {op!r}"[:200])
            reply = {"re": number, "value": handler(message)}
        except (ChannelClosed, TimedOut):
            raise
        except Exception as error:
            # A boundary: a handler fails on what the other side sent (a student's object where numbers belong, a call
            # the judge's helper refuses, student code raising in the target), and the other side gets a description of
            # it, never our traceback; this side goes on serving. Logged for whoever debugs a handler.
            _log.debug("request %r answered with an error", message.get("op"), exc_info=True)
            reply = {"re": number, "error": describe_error(error)}
        self.send(reply)

    def serve_forever(self) -> None:
        """Answer requests until the other side closes the connection."""
        while True:
            try:
                message = self.receive()
            except ChannelClosed:
                return
            if "op" not in message:
                raise ProtocolError("a reply arrived with no request open")
            self.serve(message)


def describe_error(error: BaseException) -> ErrorReply:
    """An exception as plain data: its type's name and its message's first line."""
    if isinstance(error, (RemoteError, StopGrading)):
        return cast("ErrorReply", error.details)
    text = str(error).strip().splitlines()[0][:500] if str(error).strip() else ""
    return {"kind": "error", "type": type(error).__name__, "text": text}
