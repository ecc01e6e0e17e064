"""What the operating system offers here, the minimum official grading requires, and what a machine below it leaves open.

The minimum, and why each part of it:

* Landlock ABI 3 or later: file access limited to the libraries and a read-only copy of the
  submission. ABI 3 is the first to control truncate(2); before it, a notebook could empty any
  file the grader can write (the answer key, the gradebook) without opening it.
* seccomp (libseccomp): the system calls that reach other processes are refused, among them
  fcntl(F_SETOWN/F_SETSIG) and ioctl(FIOSETOWN), which ask the kernel to signal another process
  (Landlock scopes signals only from ABI 6), and truncate/ftruncate as a second lock.
* a network namespace, or Landlock ABI 4's TCP rules: no network.
* a bound on processes: a writable control group (pids controller) as root, RLIMIT_NPROC otherwise.

`backprop-lab sandbox` prints this machine's protections and, for each missing part, the attack it
leaves open; official grading refuses to run below the minimum unless told --unsafe.
"""

import os

MINIMUM_LANDLOCK = 3


class Protections:
    """What the operating system offers here (capped by the policy's landlock_abi), and what that means for grading."""

    def __init__(self, found, cgroups_available, landlock_cap=None):
        abi = found.get("landlock", 0)
        self.landlock = abi if landlock_cap is None else min(abi, landlock_cap)
        self.seccomp = bool(found.get("seccomp"))
        self.netns = bool(found.get("netns"))
        self.processes = "cgroup" if cgroups_available else ("rlimit" if os.geteuid() != 0 else None)

    def missing(self):
        """For each part of the minimum this machine lacks: the attack it leaves open, in plain words (empty: none)."""
        reasons = []
        if self.landlock < 1:
            reasons.append("the kernel has no Landlock, so a notebook could read and write any file the grader can "
                           "(the answer key, other students' submissions, the gradebook)")
        elif self.landlock < MINIMUM_LANDLOCK:
            reasons.append(f"Landlock ABI {self.landlock} does not control truncate (ABI {MINIMUM_LANDLOCK} does), so only the seccomp "
                           "filter would stop a notebook emptying any file the grader can write")
        if not self.seccomp:
            reasons.append("libseccomp is missing (install libseccomp2), so a notebook could reach other processes: make the "
                           "kernel signal the grader with fcntl(F_SETOWN), or read its memory")
        if not self.netns and self.landlock < 4:
            reasons.append("neither a network namespace nor Landlock ABI 4 is available, so a notebook could use the network")
        if self.processes is None:
            reasons.append("as root without a writable cgroup (pids controller), nothing bounds the processes a notebook starts "
                           "(a fork bomb would take the machine)")
        return reasons

    def residual(self):
        """What stays open even at or above the minimum, in plain words: the gaps the README admits."""
        gaps = []
        if os.geteuid() == 0:
            gaps.append("notebooks run as the grader's user, root here (uid 0), though without capabilities: Landlock and seccomp, "
                        "not file permissions, keep them from the grader's files")
        else:
            gaps.append(f"notebooks run as the grader's user (uid {os.geteuid()}): what that user may do outside Landlock's rules, they may")
        gaps.append("notebooks live in the grader's process-ID namespace, not one of their own: the process ids they see are the "
                    "grader's (getppid), though Landlock keeps /proc closed to them"
                    + (" and its scoping refuses signals beyond their own processes" if self.landlock >= 6 else ""))
        return gaps

    def describe(self):
        return (f"Landlock ABI {self.landlock} (official grading needs {MINIMUM_LANDLOCK} or later), seccomp {'on' if self.seccomp else 'off'}, "
                f"network namespace {'on' if self.netns else 'off'}, process limit {self.processes or 'none'}")
