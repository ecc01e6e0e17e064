"""The student kit: its build time (target under a minute) and its self-check's wall time next to the repository's.

Run from the repository root with the virtual environment active:

    python benchmarks/student_kit.py [--repeat 3] [--assignment ID ...]

Builds the kit with `backprop-lab build-student-kit OUT` into a temporary folder (timed once; the
command prints its own count, which starts after its imports), then installs the kit's wheel
into a fresh virtual environment as tests/test_student_kit.py does: `pip install --no-deps`, with
the dependencies read from this environment's site-packages, so nothing is downloaded. Then
`pytest checker` runs from the kit's folder and from the repository, each on the exercises (the
release notebooks: every check stops at once, not implemented yet) and with
`--notebooks=<repository>/solutions` (every check runs, and passes). Rows per assignment
(`-k ID`) and, without --assignment, for all of them in one run; medians of --repeat runs.
"""

import argparse
import re
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.course import ASSIGNMENTS  # noqa: E402
from timing import environment, wall_time  # noqa: E402  (benchmarks/timing.py)

TARGET_BUILD_SECONDS = 60.0
OWN_COUNT = re.compile(r"\(([\d.]+) s\)\s*$")  # the build command's last words: "(11.2 s)"
# exit codes: on the release notebooks every check fails (1); on the solutions every check passes (0).
NOTEBOOKS = (("exercises", [], (1,)), ("solutions", [f"--notebooks={REPO / 'solutions'}"], (0,)))


def build_kit(out):
    """(wall seconds of the build command, the seconds it counted itself or None)."""
    command = [str(Path(sys.executable).parent / "backprop-lab"), "build-student-kit", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=environment(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    own = OWN_COUNT.search(result.stdout)
    return seconds, float(own.group(1)) if own else None


def kit_environment(folder, wheel):
    """The python of a fresh virtual environment holding the kit's wheel (dependencies from this environment)."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    return python, Path(purelib)


def checker_location(python, cwd):
    return subprocess.run([str(python), "-c", "import checker; print(checker.__file__)"], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout.strip()


def self_check_times(python, cwd, selection, repeat):
    """{notebooks: median seconds} of `pytest checker` with `python` in `cwd`, for each kind of NOTEBOOKS."""
    env = environment(str(python))
    return {name: wall_time([str(python), "-m", "pytest", "checker", "-q", "-p", "no:cacheprovider", *options, *selection],
                            cwd, repeat, env, exit_codes)
            for name, options, exit_codes in NOTEBOOKS}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--assignment", nargs="*", default=[], help="only these assignment ids (default: each, then all at once)")
    options = parser.parse_args()
    selections = [(a.id, ["-k", a.id]) for a in ASSIGNMENTS if not options.assignment or a.id in options.assignment]
    if not options.assignment:
        selections.append(("all, in one run", []))
    with tempfile.TemporaryDirectory(prefix="backprop-lab-kit-") as folder:
        kit = Path(folder) / "kit"
        build_seconds, own_count = build_kit(kit)
        start = time.perf_counter()
        python, purelib = kit_environment(Path(folder) / "env", next(kit.glob("*.whl")))
        install_seconds = time.perf_counter() - start
        if not checker_location(python, kit).startswith(str(purelib)):  # else the kit's rows would time the repository
            sys.exit(f"the kit's environment imports the checker from {checker_location(python, kit)}, not from the kit")
        print(f"`backprop-lab build-student-kit`: {build_seconds:.1f} s (target under {TARGET_BUILD_SECONDS:g} s: "
              f"{'met' if build_seconds < TARGET_BUILD_SECONDS else 'MISSED'})")
        if own_count is not None:
            print(f"  the command's own count, after its imports: {own_count:.1f} s; "
                  f"start-up before it: {build_seconds - own_count:.1f} s")
        print(f"fresh virtual environment with the kit's wheel (venv, pip install --no-deps): {install_seconds:.1f} s")
        print(f"\nself-check wall time, `pytest checker [-k ID]`, median of {options.repeat} runs; "
              f"kit = its folder and environment, repository = {REPO}")
        print(f"  {'':<24} {'exercises (release)':^30}   {'--notebooks=solutions':^30}")
        print(f"  {'assignment':<24} {'kit':>9} {'repository':>11} {'kit−repo':>8}   {'kit':>9} {'repository':>11} {'kit−repo':>8}")
        for name, selection in selections:
            in_kit = self_check_times(python, kit, selection, options.repeat)
            in_repo = self_check_times(sys.executable, REPO, selection, options.repeat)
            cells = [f"{in_kit[n]:8.2f}s {in_repo[n]:10.2f}s {in_kit[n] - in_repo[n]:+7.2f}s" for n, _, _ in NOTEBOOKS]
            print(f"  {name:<24} {cells[0]}   {cells[1]}", flush=True)


if __name__ == "__main__":
    main()
