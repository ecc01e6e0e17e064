"""The operating system's limits, applied by a freshly forked child to itself before any student code runs.

A notebook process (which runs the notebook's cells, then forks one process per check) gets:
its own session, standard streams on /dev/null, resource limits (memory, file size, CPU time,
open files, and processes when the grader is not root), a control group bounding its processes,
memory and CPU (one core) when the grader can create one, no network and no shared IPC or host
name (new network, IPC and UTS namespaces, and Landlock's TCP rules), Landlock's file rules
(read-only libraries and a read-only copy of the submission's folder; nothing writable, nothing
else: not the checker, not other submissions), Landlock's scope (no signals or abstract sockets
beyond its own processes), no capabilities (a root grader's children keep uid 0 but none of its
privileges), and a seccomp filter against the system calls that reach other processes, the
network, shared memory or the kernel's privileged corners. A check process adds a filter that
forbids creating processes.
"""

import ctypes
import errno
import os
import resource
import signal
import tempfile

from checker.sandbox import landlock
from checker.sandbox.errors import SandboxError

CLONE_NEWNET, CLONE_NEWUSER, CLONE_THREAD = 0x40000000, 0x10000000, 0x00010000
CLONE_NEWIPC, CLONE_NEWUTS, CLONE_PARENT = 0x08000000, 0x04000000, 0x00008000
ISOLATED = CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS  # namespaces a notebook process enters: no network, IPC or host name to share
MAP_SHARED = 0x01  # also set in MAP_SHARED_VALIDATE
_PR_SET_DUMPABLE, _PR_CAPBSET_DROP, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 4, 24, 47, 4
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_CAPABILITY_VERSION_3 = 0x20080522
# System calls a student's code never needs, which would let it reach other processes, the kernel,
# the network, memory or files shared with other processes, or change what the grader sees of files.
DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_open", "pidfd_getfd", "pidfd_send_signal", "kcmp",
    "perf_event_open", "bpf", "mount", "umount2", "pivot_root", "chroot", "setns", "unshare", "keyctl", "add_key",
    "request_key", "userfaultfd", "name_to_handle_at", "open_by_handle_at", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "fanotify_init", "kexec_load", "kexec_file_load", "init_module", "finit_module",
    "delete_module", "reboot", "swapon", "swapoff", "acct", "settimeofday", "clock_settime", "adjtimex", "quotactl",
    "iopl", "ioperm", "execve", "execveat", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
    # files' modes, owners, extended attributes and times
    "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown", "fchownat", "setxattr", "lsetxattr",
    "fsetxattr", "setxattrat", "removexattr", "lremovexattr", "fremovexattr", "removexattrat", "utime", "utimes",
    "utimensat", "futimesat",
    # files emptied or cut short without being opened for writing (Landlock controls truncate from ABI 3 only)
    "truncate", "ftruncate",
    # the machine's name, clock, log and scheduling
    "sethostname", "setdomainname", "clock_adjtime", "syslog", "sched_setscheduler", "sched_setattr",
    "sched_setparam", "setpriority", "ioprio_set",
    # System V shared memory, message queues and semaphores; new sockets; shareable anonymous files
    "shmget", "shmat", "shmctl", "shmdt", "msgget", "msgsnd", "msgrcv", "msgctl", "semget", "semop", "semtimedop",
    "semctl", "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "memfd_create",
    # other processes' memory and robust futex lists
    "migrate_pages", "move_pages", "process_madvise", "process_mrelease", "get_robust_list",
)
# Newer than some libseccomp releases: their numbers, the same on every architecture (the kernel's common table).
NEWER_CALLS = {"setxattrat": 463, "getxattrat": 464, "listxattrat": 465, "removexattrat": 466}
# fcntl commands and ioctl requests that make the kernel signal a chosen process: F_SETOWN, F_SETSIG, F_SETOWN_EX; FIOSETOWN, SIOCSPGRP.
SIGNAL_OWNER_FCNTL = (8, 10, 15)
SIGNAL_OWNER_IOCTL = (0x8901, 0x8902)
# System calls allowed on the caller itself (pid 0) only.
OTHER_PROCESS_CALLS = ("prlimit64", "sched_setaffinity", "sched_getaffinity", "sched_getparam", "sched_getscheduler",
                       "sched_getattr", "sched_rr_get_interval", "getpgid", "getsid", "setpgid")
_libc = ctypes.CDLL(None, use_errno=True)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent):
    """SIGKILL this process when `parent` ends, so that nothing of a grading run outlives a judge killed without warning."""
    _check(_libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "follow the parent")
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def enter_notebook_process(config):
    """Confine a notebook process; `config` comes from the judge (Sandbox.notebook_config, completed by the fork server)."""
    os.setsid()
    os.chdir(config["scratch"])
    _quiet_standard_streams()
    for procs in config["cgroups"]:
        with open(procs, "w") as file:
            file.write(str(os.getpid()))
    _set_limits(config)
    if config["netns"]:
        _check(_libc.unshare(ISOLATED | (CLONE_NEWUSER if os.geteuid() else 0)), "enter new network, IPC and UTS namespaces")
    _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    if config["landlock"]:
        landlock.restrict(read=config["read"], write=config["write"], list_only=config["list"], abi=config["landlock"])
    drop_capabilities()
    if config["seccomp"]:
        _load_filter(config["filters"]["notebook"])


def _quiet_standard_streams():
    """Standard input, output and error on /dev/null: what student code prints is captured per call, never logged."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def drop_capabilities():
    """Give up every capability for good: bounding set, ambient set, then effective, permitted and inheritable."""
    for capability in range(64):  # numbers past the kernel's last capability fail with EINVAL
        if _libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
            if os.geteuid() == 0:  # without CAP_SETPCAP (not root) the bounding set cannot shrink, but there is nothing in it to use
                _check(-1, "drop a capability")
    _libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # two sets of (effective, permitted, inheritable), all empty
    _check(_libc.capset(header, data), "drop capabilities")


def enter_check_process(config):
    """Confine a check process further: no new processes (it inherits everything else)."""
    os.setsid()
    if config["seccomp"]:
        _load_filter(config["filters"]["check"])


def rlimits(config):
    """The resource limits a notebook process sets on itself, as (resource, value): the policy's own fields and its derived ones."""
    policy, derived = config["policy"], config["limits"]
    limits = [
        (resource.RLIMIT_AS, policy["memory_bytes"] + _address_space_now()),  # memory_bytes is beyond the libraries already mapped
        (resource.RLIMIT_FSIZE, policy["file_bytes"]),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NOFILE, policy["open_files"]),
        (resource.RLIMIT_CPU, derived["cpu_seconds"]),
    ]
    if derived["user_processes"]:
        limits.append((resource.RLIMIT_NPROC, derived["user_processes"]))
    return limits


def _set_limits(config):
    for kind, value in rlimits(config):
        hard = resource.getrlimit(kind)[1]
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))


def _address_space_now():
    """Bytes of address space this process already maps (the libraries the fork server imported)."""
    with open("/proc/self/statm") as file:
        return int(file.read().split()[0]) * resource.getpagesize()


class FilterRuleError(SandboxError, RuntimeError):
    """A seccomp rule could not be added: the filter would be weaker than it says, so the sandbox does not start."""


def compile_filters(denied=None):
    """The seccomp programs, as BPF: built once by the fork server, loaded by each sandboxed process in microseconds.

    "notebook" holds the deny-list; "check" is stacked on it in a check process and forbids new processes.
    Every rule is added or the build fails (FilterRuleError), except for a call this kernel lacks.
    """
    return {"notebook": _bpf(_rules(deny=True, processes=False, denied=DENIED if denied is None else denied)),
            "check": _bpf(_rules(deny=False, processes=True))}


def syscall_number(name):
    """The number of system call `name` here, None when this kernel lacks it; FilterRuleError when nobody knows the name.

    libseccomp names what it knows (a call of another architecture resolves to a negative pseudo-number, which a filter
    ignores); calls newer than the installed libseccomp are looked up in NEWER_CALLS and kept only if the kernel has them.
    """
    import pyseccomp as seccomp

    number = seccomp.resolve_syscall(seccomp.Arch.NATIVE, name)
    if number != -1:  # libseccomp's __NR_SCMP_ERROR
        return number
    if name not in NEWER_CALLS:
        raise FilterRuleError(f"the seccomp rule for {name!r} names a system call neither libseccomp nor this checker knows")
    number = NEWER_CALLS[name]
    _libc.syscall(number, -1, 0, 0, 0, 0, 0)
    return None if ctypes.get_errno() == errno.ENOSYS else number


def _add(rules, action, name, *conditions):
    number = syscall_number(name)
    if number is None:
        return  # this kernel lacks the call: nothing to deny
    try:
        rules.add_rule(action, number, *conditions)
    except OSError as error:
        raise FilterRuleError(f"libseccomp refused the rule for {name}: {error}") from None


def _rules(deny, processes, denied=DENIED):
    import pyseccomp as seccomp

    refuse = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    if deny:
        for name in denied:
            _add(rules, refuse, name)
        # Signals go to the caller's own process group only (after setsid: just itself).
        _add(rules, refuse, "kill", seccomp.Arg(0, seccomp.NE, 0))
        # Other processes keep the grader's uid: a call that names another process by its pid is refused
        # (its limits, its CPUs, its scheduling, its session), so none can be read, slowed or killed through it.
        for name in OTHER_PROCESS_CALLS:
            _add(rules, refuse, name, seccomp.Arg(0, seccomp.NE, 0))
        # Asking the kernel to signal another process when a descriptor is ready (Landlock scopes signals only from ABI 6).
        for command in SIGNAL_OWNER_FCNTL:
            _add(rules, refuse, "fcntl", seccomp.Arg(1, seccomp.EQ, command))
        for request in SIGNAL_OWNER_IOCTL:
            _add(rules, refuse, "ioctl", seccomp.Arg(1, seccomp.EQ, request))
        # Memory shared with another process (a later check's, say) would be a channel between checks.
        _add(rules, refuse, "mmap", seccomp.Arg(3, seccomp.MASKED_EQ, MAP_SHARED, MAP_SHARED))
        # A child made a sibling (CLONE_PARENT) would be the fork server's, beyond the notebook's reach and reaping.
        _add(rules, refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_PARENT, CLONE_PARENT))
        _add(rules, seccomp.ERRNO(errno.ENOSYS), "clone3")  # its flags cannot be inspected; glibc falls back to clone
    if processes:
        for name in ("fork", "vfork"):
            _add(rules, refuse, name)
        _add(rules, refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
        _add(rules, seccomp.ERRNO(errno.ENOSYS), "clone3")
    return rules


def _bpf(rules):
    with tempfile.TemporaryFile() as file:
        rules.export_bpf(file)
        file.seek(0)
        return file.read()


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _load_filter(program):
    """Install a BPF program from compile_filters() on this process (and the threads and children it makes from now on)."""
    instructions = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(instructions))
    _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "set no_new_privs")
    _check(_libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0), "load the seccomp filter")


def _check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"could not {what}: {os.strerror(error)}")


def probe():
    """What this machine offers, as plain data: {"landlock": ABI, "seccomp": bool, "netns": bool, "processes": how}."""
    found = {"landlock": landlock.abi_version(), "seccomp": seccomp_available(), "netns": False}
    pid = os.fork()
    if pid == 0:  # try the namespaces in a throwaway child
        code = _libc.unshare(ISOLATED | (CLONE_NEWUSER if os.geteuid() else 0))
        os._exit(0 if code == 0 else 1)
    found["netns"] = os.waitpid(pid, 0)[1] == 0
    return found


def seccomp_available():
    """Whether libseccomp can build a filter here (pyseccomp raises RuntimeError when it finds no libseccomp)."""
    try:
        import pyseccomp as seccomp

        seccomp.SyscallFilter(seccomp.ALLOW)
        return True
    except (ImportError, RuntimeError, OSError, AttributeError):  # no pyseccomp, no libseccomp, or one too old to load
        return False
