"""What the sandbox costs: the self-check's wall time before and after it, and one call across its boundary.

Run from the repository root with the virtual environment active:

    python benchmarks/sandbox_overhead.py [--repeat 3] [--calls 300] [--assignment ID ...]

"Before" is commit 0ea388a, the last one before the sandbox came in with 1428069; "sandbox in" is
1428069 itself, so that the sandbox's own cost shows apart from what later commits added to the
checks. Each is checked out into a temporary git worktree (removed at the end) and its own checker
grades its own solutions: `pytest checker --notebooks=<worktree>/solutions -k ID` run in the
worktree, with the worktree on PYTHONPATH and the installed entry-point plugin turned off
(`-p no:backprop-lab`: those checkers registered their hooks through checker/conftest.py). "Now" is
`pytest checker --notebooks=solutions -k ID` in this repository as it is. Assignments are matched by
id; each figure is the median of --repeat runs. Target: now at most 0.3 s over before, per assignment.

The second part loads functions into a sandbox as if a notebook had defined them and times calls
through a check process (median of --calls calls), next to a direct call, to what the check process
itself does around each call (copying the arguments to tell whether the call changed them, catching
output and warnings) and to encoding and decoding the request and reply frames. Then the costs of
starting things: the fork server (once per `pytest checker`), a notebook process, the first
assignment's solution notebook with its cells run, and a check process ready to answer. Last,
each assignment's checks run on its solution in this process, counting the round trips they make.
"""

import argparse
import contextlib
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.checks.session import NotebookSession  # noqa: E402
from checker.course import ASSIGNMENTS  # noqa: E402
from checker.sandbox import protocol, student_calls  # noqa: E402
from checker.sandbox.check_process import CheckProcess  # noqa: E402
from checker.sandbox.policy import DEFAULT as POLICY  # noqa: E402
from checker.sandbox.sandbox import Sandbox  # noqa: E402
from timing import environment, wall_time  # noqa: E402  (benchmarks/timing.py)

# (column, commit) of the older checkers timed from worktrees: the last commit without the sandbox, and the one it came in with.
VERSIONS = (("before", "0ea388a"), ("sandbox in", "1428069"))
TARGET_EXTRA_SECONDS = 0.3
ARRAY = np.random.default_rng(0).normal(size=(1000, 100))
STARTS = 10  # notebook and check processes started for each median


def twice(x):
    return 2 * x


def total(x):
    return float(np.sum(x))


# (row, function, argument): the calls timed across the boundary.
CALLS = (("scalar in, scalar out", twice, 1.5), ("1000×100 array in, scalar out", total, ARRAY),
         ("1000×100 array in, array out", twice, ARRAY))


# -- before and after --------------------------------------------------------------------------
@contextlib.contextmanager
def worktree(commit):
    """A checkout of `commit` in a temporary folder, removed afterwards whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix="backprop-lab-worktree-"))
    path = folder / "repo"
    try:
        subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=REPO, check=True, capture_output=True)
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=REPO, capture_output=True)
        subprocess.run(["git", "worktree", "prune"], cwd=REPO, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def assignment_ids(solutions):
    """Ids of the assignments whose solution notebook is in `solutions` (one folder each)."""
    return sorted(folder.name for folder in solutions.iterdir() if folder.is_dir() and any(folder.glob("*.ipynb")))


def selfcheck(notebooks, assignment_id, *options):
    return [sys.executable, "-m", "pytest", "checker", f"--notebooks={notebooks}", "-q", "-p", "no:cacheprovider",
            *options, "-k", assignment_id]


def checker_of(path):
    """The environment that makes a worktree's checker the one Python imports, checked."""
    env = environment(PYTHONPATH=str(path))
    located = subprocess.run([sys.executable, "-c", "import checker; print(checker.__file__)"], cwd=path, env=env,
                             capture_output=True, text=True).stdout.strip()
    if not located.startswith(str(path)):  # timing today's checker twice would show no difference at all
        sys.exit(f"the worktree {path} imports the checker from {located or 'nowhere'}, not its own")
    return env


def before_and_after(chosen, repeat):
    """[(id, {version: median seconds})] for every assignment of any version ("now" included); a version without it has no entry."""
    with contextlib.ExitStack() as stack:
        trees = {name: stack.enter_context(worktree(commit)) for name, commit in VERSIONS}
        envs = {name: checker_of(path) for name, path in trees.items()}
        ids = {name: assignment_ids(path / "solutions") for name, path in trees.items()}
        ids["now"] = assignment_ids(REPO / "solutions")
        rows = []
        for assignment_id in sorted(set().union(*ids.values())):
            if chosen and assignment_id not in chosen:
                continue
            # The old checkers register their hooks from checker/conftest.py: the installed plugin would register them twice.
            times = {name: wall_time(selfcheck(path / "solutions", assignment_id, "-p", "no:backprop-lab"), path, repeat, envs[name])
                     for name, path in trees.items() if assignment_id in ids[name]}
            if assignment_id in ids["now"]:
                times["now"] = wall_time(selfcheck("solutions", assignment_id), REPO, repeat)
            rows.append((assignment_id, times))
            print(f"  timed {assignment_id}", file=sys.stderr, flush=True)
    return rows


def print_before_and_after(rows, repeat):
    print(f"self-check wall time, `pytest checker --notebooks=<its solutions> -k ID`, median of {repeat} runs")
    print("  " + "; ".join(f"{name} = {commit}" for name, commit in VERSIONS) + "; now = this repository")
    names = [name for name, _ in VERSIONS] + ["now"]
    print(f"  {'assignment':<24}" + "".join(f"{name:>13}" for name in names) + f" {'now − before':>13}  target +{TARGET_EXTRA_SECONDS:g} s")
    for assignment_id, times in rows:
        cells = "".join(f"{times[name]:12.2f}s" if name in times else f"{'—':>13}" for name in names)
        if "before" not in times or "now" not in times:
            print(f"  {assignment_id:<24}{cells} {'—':>13}  not in both versions")
            continue
        extra = times["now"] - times["before"]
        print(f"  {assignment_id:<24}{cells} {extra:+12.2f}s  {'met' if extra <= TARGET_EXTRA_SECONDS else 'MISSED'}")


# -- the boundary ------------------------------------------------------------------------------
def median_microseconds(function, calls):
    """Median time of one call of `function()` in µs, after one call to warm up."""
    function()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def refuse(value):
    raise TypeError(f"{type(value).__name__} is not plain data")


def frames(argument, value):
    """Encode and decode a call's request and its reply as the two sides do, without the socket in between."""
    for message in ({"op": "call", "id": 1, "target": None, "args": [argument], "kwargs": {}, "track": True},
                    {"re": 1, "value": {"value": value, "warnings": [], "printed": "", "changed": []}}):
        stream = io.BytesIO(protocol.pack(message, refuse))
        protocol.unpack(*protocol.read_frame(stream.read, POLICY.frames), lambda ref: ref, POLICY.frames)


def call_rows(sandbox, calls):
    """(row, direct µs, in the check process µs, frames µs, through the sandbox µs) for each of CALLS."""
    session = NotebookSession.from_objects(sandbox, {function.__name__: function for _, function, _ in CALLS})
    rows = []
    try:
        for row, function, argument in CALLS:
            remote, child = session.value_of(function.__name__)
            with child:
                value = function(argument)
                rows.append((row, median_microseconds(lambda: function(argument), calls),
                             median_microseconds(lambda: student_calls.invoke(function, (argument,), {}), calls),
                             median_microseconds(lambda: frames(argument, value), calls),
                             median_microseconds(lambda: remote(argument), calls)))
    finally:
        session.close()
    return rows


def start_rows(sandbox, repeat):
    """(what, median ms, how many times it was started) for each process the self-check starts."""
    servers = []
    for _ in range(repeat):
        fresh = Sandbox()
        start = time.perf_counter()
        fresh.protections_now()
        servers.append(time.perf_counter() - start)
        fresh.close()
    notebooks = []
    for _ in range(STARTS):
        start = time.perf_counter()
        session = NotebookSession.from_objects(sandbox, {"twice": twice})
        notebooks.append(time.perf_counter() - start)
        checks = []
        for _ in range(STARTS):
            start = time.perf_counter()
            with session.process.open_check() as child:
                child.lookup("twice")  # the first answer: the process is forked, confined and serving
            checks.append(time.perf_counter() - start)
        session.close()
    first = sorted((REPO / "solutions").glob("*/*.ipynb"))[0]
    loads = []
    for _ in range(repeat):
        start = time.perf_counter()
        NotebookSession.from_file(sandbox, first).close()
        loads.append(time.perf_counter() - start)
    median_ms = lambda times: statistics.median(times) * 1000
    return [("fork server (start, imports, probe)", median_ms(servers), repeat),
            ("notebook process (a few objects loaded)", median_ms(notebooks), STARTS),
            (f"notebook process running {first.parent.name}'s solution", median_ms(loads), repeat),
            ("check process, up to its first answer", median_ms(checks), STARTS * STARTS)]


def inside_rows(sandbox, chosen):
    """(id, checks, load s, checks s, round trips, s spent in them) per assignment: today's checks on the solutions."""
    spent = {"trips": 0, "seconds": 0.0}
    request = CheckProcess._request

    def counted(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return request(self, *args, **kwargs)
        finally:
            spent["trips"] += 1
            spent["seconds"] += time.perf_counter() - start

    CheckProcess._request = counted  # every request of the judge to a check process goes through here
    rows = []
    try:
        for assignment in (a for a in ASSIGNMENTS if not chosen or a.id in chosen):
            start = time.perf_counter()
            session = NotebookSession.from_file(sandbox, REPO / "solutions" / assignment.id / assignment.notebook)
            loaded, start = time.perf_counter() - start, time.perf_counter()
            spent.update(trips=0, seconds=0.0)
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # checks print their ticks
                    for check in assignment.checks:
                        session.run(check)
            finally:
                session.close()
            rows.append((assignment.id, len(assignment.checks), loaded, time.perf_counter() - start, spent["trips"], spent["seconds"]))
    finally:
        CheckProcess._request = request
    return rows


def print_inside(rows, scalar_overhead_us):
    print("\ninside today's self-check: each assignment's solution loaded and its checks run through the sandbox, here")
    print(f"  {'assignment':<24} {'checks':>6} {'load':>7} {'checks':>8} {'round trips':>12} {'in them':>8} {'of which boundary':>18}")
    for assignment_id, checks, loaded, ran, trips, spent in rows:
        print(f"  {assignment_id:<24} {checks:>6} {loaded:6.2f}s {ran:7.2f}s {trips:>12,} {spent:7.2f}s {trips * scalar_overhead_us / 1e6:17.2f}s")
    print("  (in them: the student's code and the boundary together; of which boundary: round trips × the scalar call's")
    print("   overhead above, a floor: calls that carry arrays cost more; the rest of `checks` is the judge's own work)")


def print_boundary(call_table, start_table, calls):
    print(f"\none call across the boundary, median of {calls} calls, µs")
    print(f"  {'call':<31} {'direct':>9} {'in check process':>17} {'frames':>9} {'via sandbox':>12} {'overhead':>10}")
    for row, direct, invoked, framed, remote in call_table:
        print(f"  {row:<31} {direct:>9.1f} {invoked:>17.1f} {framed:>9.1f} {remote:>12.1f} {remote - direct:>10.1f}")
    print("  (in check process: the call as the check process makes it, arguments copied and compared afterwards;")
    print("   frames: encoding and decoding the request and the reply; overhead: via sandbox − direct)")
    print("\nstarting processes, median ms")
    for what, ms, count in start_table:
        print(f"  {what:<56} {ms:>8.1f}   (of {count})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each self-check and of the slow starts (default 3)")
    parser.add_argument("--calls", type=int, default=300, help="calls timed across the boundary per row (default 300)")
    parser.add_argument("--assignment", nargs="*", default=[], help="only these assignment ids (default: all)")
    options = parser.parse_args()
    print_before_and_after(before_and_after(options.assignment, options.repeat), options.repeat)
    sandbox = Sandbox()
    try:
        print(f"\nsandbox here: {sandbox.protections_now().describe()}")
        call_table = call_rows(sandbox, options.calls)
        print_boundary(call_table, start_rows(sandbox, options.repeat), options.calls)
        print_inside(inside_rows(sandbox, options.assignment), call_table[0][4] - call_table[0][1])
    finally:
        sandbox.close()


if __name__ == "__main__":
    main()
