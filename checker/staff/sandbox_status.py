"""Show what the sandbox can enforce on this machine, and whether official grading will run here.

Official grading needs Landlock ABI 3 or later (file access, truncate included), seccomp (other
processes, signals sent through the kernel), a network namespace or Landlock's TCP rules (network),
and a bound on processes (a writable cgroup as root, or rlimits as another user). For each part this
machine lacks it prints the attack it would leave open (checker/sandbox/protections.py); below the
minimum official grading refuses to run unless told --unsafe. It also lists what stays open at any
level of protection (notebooks run as the grader's user, in the grader's process-ID namespace).
"""


def add_arguments(parser):
    pass


def run(options):
    from checker.sandbox.sandbox import Sandbox

    sandbox = Sandbox()
    try:
        protections = sandbox.protections_now()
        print(f"sandbox: {protections.describe()}")
        missing = protections.missing()
        for reason in missing:
            print(f"  missing: {reason}")
        for gap in protections.residual():
            print(f"  still open: {gap}")
        print("official grading: " + ("refused here (pass --unsafe to grade anyway)" if missing else "available"))
        return 1 if missing else 0
    finally:
        sandbox.close()
