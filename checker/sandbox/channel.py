"""One end of the judge–target socket: requests in both directions, each answered before the next.

Either side may ask the other something while its own request is still open (a student's
`optimize` calls the judge's `propagate`, whose wrapper reads an attribute of a student object),
so `request` serves incoming requests until the reply to its own arrives. Both sides are single
threaded, so replies always come back in the reverse order of the requests.

A request's deadline is absolute: time spent answering the other side's requests meanwhile is
allowed for only up to the request's own time limit again, and their number is bounded, so a
sandboxed process cannot keep the judge busy for ever by asking it things.
"""

import logging
import socket
import time

from checker.sandbox import protocol
from checker.sandbox.errors import ChannelClosed, RemoteError, TimedOut

__all__ = ["Channel", "ChannelClosed", "RemoteError", "TimedOut", "describe_error"]

_log = logging.getLogger(__name__)


class Channel:
    """A socket that speaks the protocol; `side` names whose objects this end can export.

    Only an end that is handed sockets (the fork server, the notebook process) accepts file
    descriptors; on any other end, descriptors that arrive are discarded by the kernel unread.
    """

    def __init__(self, sock, side, make_proxy, proxy_type=None, limits=protocol.DEFAULT_LIMITS, accept_fds=False):
        self.sock = sock
        self.accept_fds = accept_fds
        self.side = side
        self.make_proxy = make_proxy
        self.proxy_type = proxy_type
        self.limits = limits
        self.handlers = {}
        self.exports = {}
        self._export_ids = {}
        self._next_request = 0
        self._received_fds = []
        self._buffer = bytearray()
        self._deadline = None

    # -- objects that stay on this side -----------------------------------------------------
    def export(self, obj):
        """A Ref the other side can use to name `obj`, which stays here (a proxy names its own object)."""
        if self.proxy_type is not None and type(obj) is self.proxy_type:
            return object.__getattribute__(obj, "_ref")
        number = self._export_ids.get(id(obj))
        if number is None:
            if len(self.exports) >= self.limits.exports:
                raise protocol.ProtocolError("too many objects were handed across")
            number = len(self.exports) + 1
            self.exports[number] = obj
            self._export_ids[id(obj)] = number
        name = getattr(obj, "__qualname__", None) if callable(obj) else None
        return protocol.Ref(self.side, number, type(obj).__name__, callable(obj), name if type(name) is str else None)

    def forget_exports(self):
        """Objects exported from now on get new numbers, even ones exported before."""
        self._export_ids.clear()

    def resolve(self, ref):
        if ref.side == self.side:
            if ref.id not in self.exports:
                raise protocol.ProtocolError(f"no object number {ref.id} was ever exported")
            return self.exports[ref.id]
        return self.make_proxy(ref)

    # -- frames ---------------------------------------------------------------------------------
    def send(self, message, fds=()):
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

    def receive(self):
        tree, buffers = protocol.read_frame(self._read_exactly, self.limits)
        return protocol.unpack(tree, buffers, self.resolve, self.limits)

    def take_fds(self):
        fds, self._received_fds = self._received_fds, []
        return fds

    def _read_exactly(self, size):
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

    def _arm_timeout(self):
        """Make the socket's blocking calls give up at the current deadline (or never, without one)."""
        if self._deadline is not None:
            left = self._deadline() - time.monotonic()
            if left <= 0:
                raise TimedOut()
            self.sock.settimeout(left)
        elif self.sock.gettimeout() is not None:
            self.sock.settimeout(None)

    # -- requests -----------------------------------------------------------------------------
    def request(self, op, deadline=None, fds=(), **fields):
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
                        raise protocol.ProtocolError(f"more than {self.limits.served:,} requests arrived while one was open")
                    started = time.monotonic()
                    self.serve(message)
                    extra[0] += time.monotonic() - started
                    continue
                if message.get("re") != number:
                    raise protocol.ProtocolError("a reply arrived out of order")
                if "error" in message:
                    raise RemoteError(message["error"])
                return message.get("value")
        finally:
            self._deadline = outer

    def serve(self, message):
        """Answer one request from the other side with its handler's value, or an error."""
        number = message.get("id")
        handler = self.handlers.get(message.get("op"))
        try:
            if handler is None:
                raise protocol.ProtocolError(f"unknown request {message.get('op')!r}")
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

    def serve_forever(self):
        """Answer requests until the other side closes the connection."""
        while True:
            try:
                message = self.receive()
            except ChannelClosed:
                return
            if "op" not in message:
                raise protocol.ProtocolError("a reply arrived with no request open")
            self.serve(message)


def describe_error(error):
    """An exception as plain data: its type's name and its message's first line."""
    if isinstance(error, RemoteError):
        return error.details
    if hasattr(type(error), "reply"):
        return error.reply()
    text = str(error).strip().splitlines()[0][:500] if str(error).strip() else ""
    return {"kind": "error", "type": type(error).__name__, "text": text}
