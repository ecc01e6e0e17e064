"""Does the operating system, not Python, confine a notebook's code? Probed from inside, by a notebook's own cells.

Each probe is a cell that tries something a hostile student might and records what happened;
the judge reads the record back. The judge's end of the protocol is probed too: forged frames,
file descriptors passed across, and a flood of requests must cost the student's check only.
"""

import contextlib
import os
import socket
import struct
import threading
import time

import numpy as np
import pytest

from checker.sandbox import protocol
from checker.sandbox.channel import Channel, TimedOut
from checker.sandbox.sandbox import Sandbox, SandboxUnavailable
from notebooks import ATTEMPT

PROBES = ATTEMPT + r'''

bounding_capabilities = sum(libc.prctl(23, number, 0, 0, 0) == 1 for number in range(64))  # PR_CAPBSET_READ
header, data = (ctypes.c_uint32 * 2)(0x20080522, 0), (ctypes.c_uint32 * 6)()
libc.capget(header, data)
capabilities = list(data)
new_socket = attempt(lambda: socket.socket())
socket_pair = attempt(lambda: socket.socketpair())
shared_memory = attempt(lambda: mmap.mmap(-1, 4096, flags=mmap.MAP_SHARED))
private_memory = attempt(lambda: mmap.mmap(-1, 4096, flags=mmap.MAP_PRIVATE))
anonymous_file = attempt(lambda: os.memfd_create("channel"))
change_mode = attempt(lambda: os.chmod(".", 0o777))
import resource
parent_limits = attempt(lambda: resource.prlimit(os.getppid(), resource.RLIMIT_NOFILE))
own_limits = attempt(lambda: resource.prlimit(0, resource.RLIMIT_NOFILE))
other_cpus = attempt(lambda: os.sched_setaffinity(os.getppid(), {0}))
secret = os.environ.get("BACKPROP_LAB_TEST_SECRET")
print("printed by a cell")
os.write(1, b"written to fd 1\n")
os.write(2, b"written to fd 2\n")
'''


@pytest.fixture(scope="module")
def probed():
    """A fresh sandbox started while the grader's environment holds a secret, and the probe cell's record."""
    os.environ["BACKPROP_LAB_TEST_SECRET"] = "grader-token"
    box = Sandbox(official=True)
    try:
        notebook = box.open_notebook("probe.ipynb", cells=[{"number": 1, "source": PROBES, "whole": True}])
        assert notebook.outcomes[1]["failure"] is None, notebook.outcomes[1]
        names = ("bounding_capabilities", "capabilities", "new_socket", "socket_pair", "shared_memory", "private_memory",
                 "anonymous_file", "change_mode", "secret", "parent_limits", "own_limits", "other_cpus")
        with notebook.open_check() as process:
            found = {name: process.lookup(name)["value"] for name in names}
        notebook.close()
        with open(os.path.join(box.work, "server.log"), "rb") as file:
            found["log"] = file.read()
        yield found
    finally:
        del os.environ["BACKPROP_LAB_TEST_SECRET"]
        box.close()


def test_no_capabilities_even_for_a_root_grader(probed):
    assert probed["bounding_capabilities"] == 0 and probed["capabilities"] == [0] * 6


def test_no_new_sockets_shared_memory_or_file_modes(probed):
    assert {probed[name] for name in ("new_socket", "socket_pair", "shared_memory", "anonymous_file", "change_mode")} == {"EPERM"}
    assert probed["private_memory"] == "allowed"  # NumPy and Python need private mappings


def test_other_processes_cannot_be_named(probed):
    """Sandboxed processes keep the grader's uid: calls that name another pid (prlimit, affinity) are refused."""
    assert probed["parent_limits"] == probed["other_cpus"] == "EPERM" and probed["own_limits"] == "allowed"


def test_the_graders_environment_stays_out_of_reach(probed):
    assert probed["secret"] is None


def test_what_student_code_prints_is_never_logged(probed):
    assert b"printed by a cell" not in probed["log"] and b"written to fd" not in probed["log"]


# -- the judge's end of the protocol ------------------------------------------------------------
def frame(header, buffers=()):
    data = protocol.json.dumps(header).encode()
    return b"".join([protocol.MAGIC, struct.pack(f"<II{len(buffers)}Q", len(data), len(buffers), *map(len, buffers)), data, *buffers])


def judge_reads(raw, fds=()):
    """What the judge's channel makes of bytes (and descriptors) a sandboxed process sent."""
    judge_end, target_end = socket.socketpair()

    def send():
        with contextlib.suppress(OSError):  # the judge may stop reading early
            if fds:
                socket.send_fds(target_end, [raw[:1]], list(fds))
            target_end.sendall(raw[1:] if fds else raw)
            target_end.shutdown(socket.SHUT_WR)

    sender = threading.Thread(target=send)
    sender.start()
    try:
        channel = Channel(judge_end, "judge", lambda ref: None)
        channel._deadline = lambda: time.monotonic() + 5
        return channel.receive()
    finally:
        judge_end.close()
        sender.join()
        target_end.close()


FORGED = {
    "an enormous empty array": {"t": "array", "d": "<f8", "s": [0, 2**40], "b": 0},
    "a negative dimension": {"t": "array", "d": "<f8", "s": [-1], "b": 0},
    "an object dtype": {"t": "array", "d": "|O", "s": [0], "b": 0},
    "a float as a dictionary key": {"t": "dict", "k": [1.5], "v": [1]},
    "a huge integer key": {"t": "dict", "k": [2**70], "v": [1]},
    "a list in place of a tag": {"t": ["list"], "v": []},
    "a buffer that is not there": {"t": "bytes", "b": 7},
    "a reference with no number": {"t": "ref", "side": "judge", "type": "x", "call": False},
    "a reference to an object never exported": {"t": "ref", "side": "judge", "id": 99, "type": "x", "call": False},
    "nesting deeper than allowed": {"t": "list", "v": [{"t": "list", "v": []}]},
}


@pytest.mark.parametrize("name", list(FORGED))
def test_a_forged_value_is_a_protocol_error(name):
    value = FORGED[name]
    if name == "nesting deeper than allowed":
        for _ in range(protocol.DEFAULT_LIMITS.depth + 5):
            value = {"t": "list", "v": [value]}
    with pytest.raises(protocol.ProtocolError):
        judge_reads(frame({"t": "dict", "k": ["re", "value"], "v": [1, value]}, [b""] if name == "an enormous empty array" else ()))


def test_frames_over_the_limits_are_refused_before_they_are_read():
    with pytest.raises(protocol.ProtocolError):
        judge_reads(protocol.MAGIC + struct.pack("<II", protocol.DEFAULT_LIMITS.header_bytes + 1, 0))
    with pytest.raises(protocol.ProtocolError):
        judge_reads(protocol.MAGIC + struct.pack("<IIQ", 2, 1, protocol.DEFAULT_LIMITS.frame_bytes))
    with pytest.raises(protocol.ProtocolError):
        judge_reads(frame({"t": "dict", "k": ["re"], "v": ["x" * (protocol.DEFAULT_LIMITS.string + 1)]}))


def test_lone_surrogates_arrive_replaced():
    message = judge_reads(frame({"t": "dict", "k": ["re", "text\ud800"], "v": [1, "bad \udcff text"]}))
    assert message == {"re": 1, "text?": "bad ? text"}
    "".join(message).encode("utf-8")  # every string can be written to a file or a terminal


def test_descriptors_sent_to_the_judge_are_discarded():
    read_end, write_end = os.pipe()
    before = len(os.listdir("/proc/self/fd"))
    try:
        message = judge_reads(frame({"t": "dict", "k": ["re"], "v": [1]}), fds=[read_end, write_end])
        assert message == {"re": 1} and len(os.listdir("/proc/self/fd")) == before
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_flood_of_requests_cannot_hold_the_judge_past_twice_the_limit():
    """Serving the other side's requests counts against a request's deadline, up to its own limit again."""
    judge_end, target_end = socket.socketpair()
    with judge_end, target_end:
        judge = Channel(judge_end, "judge", lambda ref: None)
        judge.handlers["ping"] = lambda message: time.sleep(0.01)
        request = frame({"t": "dict", "k": ["op", "id"], "v": ["ping", 1]})
        target_end.setblocking(False)
        started = time.monotonic()

        def flood():  # the target never answers, and asks something whenever the judge reads
            try:
                while True:
                    target_end.send(request)
            except BlockingIOError:
                pass

        judge.handlers["ping"] = lambda message: (flood(), time.sleep(0.01))[1]
        flood()
        with pytest.raises(TimedOut):
            judge.request("call", deadline=time.monotonic() + 0.5)
        assert time.monotonic() - started < 1.5


def test_arrays_and_plain_values_round_trip():
    value = {"w": np.arange(6.0).reshape(2, 3), "b": np.float32(1.5), "keys": ["a", 2, None], 3: (True, b"raw")}
    tree, buffers = protocol.encode(value, lambda obj: pytest.fail(f"{obj!r} is plain data"))
    decoded = protocol.decode(protocol.json.loads(protocol.json.dumps(tree)), buffers, lambda ref: None)
    assert decoded.keys() == value.keys() and np.array_equal(decoded["w"], value["w"]) and decoded["b"].dtype == np.float32
    assert decoded["keys"] == ["a", 2, None] and decoded[3] == (True, b"raw")


def test_a_fork_server_that_cannot_start_says_why_and_keeps_its_log(tmp_path):
    """Does a fork server that dies at start-up (a Python without the project's libraries, say) put its last words in the
    message, and keep its whole log after the sandbox is gone?"""
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\necho 'Traceback (most recent call last):' >&2\n"
                      "echo \"ModuleNotFoundError: No module named 'numpy'\" >&2\nexit 1\n")
    python.chmod(0o755)
    box = Sandbox(python=str(python))
    try:
        with pytest.raises(SandboxUnavailable) as refused:
            box.protections_now()
    finally:
        box.close()
    message = str(refused.value)
    assert "ModuleNotFoundError: No module named 'numpy'" in message, message
    kept = message.rsplit("kept in ", 1)[1].rstrip(")")
    assert "No module named 'numpy'" in open(kept).read()
    os.unlink(kept)
