"""Linux Landlock, the kernel's unprivileged access control, through its three system calls.

A process restricts itself (and every process it forks) to an allow-list of file hierarchies,
optionally to no TCP at all (ABI 4) and to no signals or abstract UNIX sockets outside its own
domain (ABI 6). Layers stack: a child that restricts itself again can only lose rights. The
`landlock` package on PyPI covers files only, so this thin binding covers what we use of ABI 1-7.
"""

import ctypes
import os

from checker.sandbox.errors import SandboxError

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same numbers on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

# File-system rights, with the ABI that introduced each one.
FS_RIGHTS = {
    "execute": (1 << 0, 1), "write_file": (1 << 1, 1), "read_file": (1 << 2, 1), "read_dir": (1 << 3, 1),
    "remove_dir": (1 << 4, 1), "remove_file": (1 << 5, 1), "make_char": (1 << 6, 1), "make_dir": (1 << 7, 1),
    "make_reg": (1 << 8, 1), "make_sock": (1 << 9, 1), "make_fifo": (1 << 10, 1), "make_block": (1 << 11, 1),
    "make_sym": (1 << 12, 1), "refer": (1 << 13, 2), "truncate": (1 << 14, 3), "ioctl_dev": (1 << 15, 5),
}
FILE_ONLY = ("execute", "write_file", "read_file", "truncate", "ioctl_dev")  # the rights a rule on a file may hold
NET_TCP = (1 << 0) | (1 << 1)  # bind and connect, ABI 4
SCOPE_ALL = (1 << 0) | (1 << 1)  # abstract UNIX sockets and signals, ABI 6

_libc = ctypes.CDLL(None, use_errno=True)


class LandlockUnavailable(SandboxError, OSError):
    """The kernel has no Landlock, or refused a rule."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi_version():
    """The Landlock ABI this kernel offers, or 0 when it has none."""
    version = _libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(version, 0)


def rights(abi, *names):
    """The bit mask of the named rights that `abi` knows (all of them when no name is given)."""
    return sum(bit for name, (bit, since) in FS_RIGHTS.items() if since <= abi and (not names or name in names))


def restrict(read=(), write=(), list_only=(), abi=None, deny_tcp=True, scope=True):
    """Restrict this process: read-only under `read`, everything under `write`, nothing elsewhere.

    Directories in `list_only` can be listed but not read: the parents of an excluded directory.
    """
    abi = abi_version() if abi is None else abi
    if abi < 1:
        raise LandlockUnavailable("this kernel has no Landlock")
    attr = _RulesetAttr(rights(abi), NET_TCP if deny_tcp and abi >= 4 else 0, SCOPE_ALL if scope and abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = _check(_libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)), "create a ruleset")
    try:
        for paths, allowed in ((read, rights(abi, "read_file", "read_dir")), (list_only, rights(abi, "read_dir")), (write, rights(abi))):
            for path in paths:
                _allow(ruleset, path, allowed, abi)
        _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "set no_new_privs")
        _check(_libc.syscall(_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)), "restrict this process")
    finally:
        os.close(ruleset)


def _allow(ruleset, path, allowed, abi):
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a path that does not exist needs no rule
    try:
        if not os.path.isdir(path):
            allowed &= rights(abi, *FILE_ONLY)
        rule = _PathBeneath(allowed, fd)
        _check(_libc.syscall(_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH), ctypes.byref(rule), ctypes.c_uint32(0)), f"allow {path}")
    finally:
        os.close(fd)


def _check(result, what):
    if result < 0:
        error = ctypes.get_errno()
        raise LandlockUnavailable(error, f"Landlock could not {what}: {os.strerror(error)}")
    return result
