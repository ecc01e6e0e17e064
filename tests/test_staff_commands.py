"""The `backprop-lab` command as course staff meet it: Ctrl-C, the wrong folder, --help, start-up, and what git ignores.

Ctrl-C is sent to the command's whole process group, as a terminal does.
"""

import importlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pytest

from checker.course import assignment_with_id
from checker.staff import results as stored
from checker.staff.cli import COMMANDS, main
from conftest import REPO
from courses import new_course, submit

A01 = assignment_with_id("01_logistic_regression")  # its notebook's cells and checks, by name
COMMAND = os.path.join(os.path.dirname(sys.executable), "backprop-lab")
STOPS_WITHIN = 2.0  # seconds from Ctrl-C to the command's end


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Four submissions of assignment 01: three solutions and an untouched release."""
    course = new_course(tmp_path_factory.mktemp("class"), [A01])
    for student in ("amy", "ann", "ash"):
        submit(course, student, A01, (REPO / "solutions" / A01.id / A01.notebook).read_text())
    submit(course, "bob", A01, (REPO / "exercises" / A01.id / A01.notebook).read_text())
    return course


def interrupt(process, when):
    """Ctrl-C to the process group once `when()` holds; (seconds until the command ended, its stdout, its stderr)."""
    deadline = time.monotonic() + 120
    while not when() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    sent = time.monotonic()
    out, err = process.communicate(timeout=60)
    return time.monotonic() - sent, out, err


def group_members(group):
    """The processes of a process group that still run (a zombie waits for a parent already gone)."""
    import psutil

    members = []
    for process in psutil.process_iter(["status"]):
        try:
            if os.getpgid(process.pid) == group and process.info["status"] != psutil.STATUS_ZOMBIE:
                members.append(process)
        except (ProcessLookupError, psutil.Error):
            continue
    return members


def grading(course, venv_env, *options):
    command = [COMMAND, "grade", A01.id, "--course", str(course), "--workers", "2", "--no-progress", *options]
    return subprocess.Popen(command, env=venv_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.mark.e2e
def test_ctrl_c_mid_batch_stops_at_once_and_says_what_grades_the_rest(course, tmp_path, venv_env):
    """Does Ctrl-C while workers grade end the run within 2 s with one line, whose command (without --force) grades only what is left?"""
    copy = shutil.copytree(course, tmp_path / "course")
    folder = stored.results_folder(copy, A01.id)
    process = grading(copy, venv_env, "--force")
    took, _, err = interrupt(process, lambda: any(folder.glob("*.json")))
    assert took < STOPS_WITHIN and process.returncode == 130, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "--force" not in err and f"`backprop-lab grade {A01.id} " in err
    deadline = time.monotonic() + STOPS_WITHIN
    while group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_members(process.pid), "a worker or its sandbox outlived the command"

    done = len(list(folder.glob("*.json")))
    again = shlex.split(err.split("`")[1])
    rest = subprocess.run([COMMAND, *again[1:]], env=venv_env, capture_output=True, text=True, timeout=600)
    assert f"graded {4 - done} (already graded: {done})" in rest.stdout, rest.stdout + rest.stderr


@pytest.mark.e2e
def test_ctrl_c_while_starting_is_one_line_too(course, tmp_path, venv_env):
    """Does Ctrl-C in the first second (imports, workers starting) end the command with one line and no traceback?"""
    copy = shutil.copytree(course, tmp_path / "course")
    process = grading(copy, venv_env)
    started = time.monotonic()
    took, _, err = interrupt(process, lambda: time.monotonic() - started > 1.0)
    assert took < STOPS_WITHIN and process.returncode == 130, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "backprop-lab grade" in err, err


@pytest.mark.parametrize("command", [["grade", A01.id], ["report", A01.id], ["build-student-kit"]])
def test_the_wrong_folder_is_refused_in_one_line_and_nothing_is_created(command, tmp_path, capsys):
    """Do grade, report and build-student-kit, run outside a course (or the repository), say so in one line and create nothing?"""
    assert main([*command, "--course", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "--course DIR" in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e  # its course is made by nbgrader's apps
def test_a_course_without_submissions_is_refused_before_anything_is_written(course, tmp_path, capsys):
    """Does grading an assignment nobody has submitted say where it looked, writing no results and no grades.csv?"""
    copy = shutil.copytree(course, tmp_path / "course", ignore=shutil.ignore_patterns("submitted"))
    assert main(["grade", A01.id, "--course", str(copy)]) == 1
    assert "no submissions of" in capsys.readouterr().err
    assert not (copy / stored.FOLDER).exists()


@pytest.mark.e2e  # each runs the command in a process of its own
@pytest.mark.parametrize("command, said", [
    (["grade", "01_logistic", "--course", "{repo}"], "no assignment 01_logistic: did you mean 01_logistic_regression?"),
    (["grade", "02_computational_grpah", "--course", "{repo}"], "did you mean 02_computational_graph?"),
    (["grade", "01_logistic_regression", "--course", "{empty}"], "is not an nbgrader course folder"),
    (["report", "03_backprop_digit", "--course", "{empty}"], "did you mean 03_backprop_digits?"),
    (["build-student-kit", "--course", "{empty}"], "is not the backprop-lab repository"),
])
def test_refusals_come_before_anything_heavy_and_suggest_the_assignment_meant(command, said, tmp_path):
    """Does a misspelt assignment or the wrong folder get its one line, with "did you mean" where one id is near, before
    nbgrader or the sandbox is imported? (benchmarks/staff_refusals.py times them.)"""
    arguments = [part.format(repo=REPO, empty=tmp_path) for part in command]
    probe = ("import sys; from checker.staff.cli import main; code = main(sys.argv[1:]); "
             "print(code, *sorted(name for name in ('nbgrader', 'checker.sandbox.sandbox') if name in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True, text=True, timeout=60)
    assert run.stdout.split() == ["1"], run.stdout  # refused, and neither nbgrader nor the sandbox was imported
    assert said in run.stderr and len(run.stderr.splitlines()) == 1, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_kit_is_never_written_over_other_files(tmp_path, capsys):
    """Does build-student-kit refuse a folder that holds anything, leaving it as it was?"""
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["build-student-kit", str(tmp_path), "--course", str(REPO)]) == 1
    assert "is not empty" in capsys.readouterr().err and [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.e2e
def test_a_kit_is_rebuilt_in_place_with_force(tmp_path, capsys):
    """Does build-student-kit --force replace a kit folder's contents with a fresh kit, and without --force refuse it?"""
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "stale.whl").write_text("an old build")
    assert main(["build-student-kit", str(kit), "--course", str(REPO), "--force"]) == 0
    built = sorted(path.name for path in kit.iterdir())
    assert "stale.whl" not in built and {"README.md", "exercises", "pytest.ini"} <= set(built) and any(name.endswith(".whl") for name in built)
    assert [path.name for path in tmp_path.iterdir()] == ["kit"]  # no build folder left beside it


def test_sandbox_lists_what_stays_open(capsys):
    """Does `backprop-lab sandbox` name the gaps that remain at any level of protection (the grader's user, its process ids)?"""
    main(["sandbox"])
    still_open = [line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("still open:")]
    assert any("grader's user" in line for line in still_open) and any("process-ID namespace" in line for line in still_open)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_keeps_the_layout_of_each_commands_description(name, capsys):
    """Does `backprop-lab COMMAND --help` print the usage, a blank line, then the module's description line for line?"""
    with pytest.raises(SystemExit):
        main([name, "--help"])
    text = capsys.readouterr().out
    usage, description = text.split("\n\n", 1)
    assert usage.startswith(f"usage: backprop-lab {name}")
    documented = importlib.import_module(f"checker.staff.{COMMANDS[name]}").__doc__.strip().splitlines()
    assert description.splitlines()[:len(documented)] == documented


@pytest.mark.e2e
def test_the_command_starts_without_nbgrader():
    """Does the command's parser load without nbgrader or the checks, so `backprop-lab report --help` answers at once?"""
    probe = "import sys; from checker.staff.cli import build_parser; build_parser(); print(*sorted(set(sys.modules) & {'nbgrader', 'sympy', 'checker.course'}))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == ""


@pytest.mark.e2e
@pytest.mark.skipif(not (REPO / ".git").exists() or shutil.which("git") is None, reason="not a git work tree")
def test_grades_results_and_the_kit_are_ignored_by_git():
    """Does git ignore what the staff commands and nbgrader write in the repository (grades, students' work, the kit)?"""
    written = ["backprop-lab/01_logistic_regression/alice.json", "grades.csv", "kit/README.md", "gradebook.db",
               "submitted/alice/01_logistic_regression/logistic_regression.ipynb", "autograded/alice/x.ipynb", "feedback/alice/x.html"]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *written], cwd=REPO, capture_output=True, text=True).stdout.split()
    assert ignored == written


@pytest.mark.parametrize("budget", ["0", "-5", "nan"])
def test_a_time_budget_that_is_not_positive_is_refused(budget, tmp_path, capsys):
    """Is --time-budget 0 (or below, or not a number) refused by the parser, before anything is graded or written?"""
    with pytest.raises(SystemExit) as refused:
        main(["grade", A01.id, "--course", str(tmp_path), "--time-budget", budget])
    assert refused.value.code == 2 and "positive number of seconds" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_one_grading_run_at_a_time_and_a_dead_runs_lock_blocks_nothing(tmp_path):
    """Is a second hold of the course's grading lock refused in one line naming the holder, and is a lock file left behind free?"""
    from checker.staff.grading_lock import LOCK_FILE, grading_lock

    stale = tmp_path / stored.FOLDER / LOCK_FILE
    stale.parent.mkdir()
    stale.write_text("process 999999, started long ago\n")  # a run that was killed: its file stays, its lock went with it
    with grading_lock(tmp_path):
        with pytest.raises(SystemExit) as refused:
            with grading_lock(tmp_path):
                pass
    assert len(str(refused.value.code).splitlines()) == 1 and f"process {os.getpid()}" in refused.value.code
    with grading_lock(tmp_path):  # released when the first run ended
        pass


@pytest.mark.e2e
def test_a_second_grade_on_a_course_being_graded_is_refused(course, tmp_path, venv_env):
    """While a grading run holds a course, does `backprop-lab grade` there refuse in one line and write nothing, and grade
    once the course is free again?"""
    from checker.staff.grading_lock import LOCK_FILE, grading_lock

    copy = shutil.copytree(course, tmp_path / "course")
    folder = copy / stored.FOLDER
    written = lambda: sorted(str(path.relative_to(copy)) for path in folder.rglob("*") if path.name != LOCK_FILE) if folder.exists() else []
    before = written()
    command = [COMMAND, "grade", A01.id, "--course", str(copy), "--no-progress", "--workers", "1", "--force"]
    with grading_lock(copy):  # held as a grading run holds it, from another process's point of view (flock)
        second = subprocess.run(command, env=venv_env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and len(second.stderr.splitlines()) == 1 and "is grading this course" in second.stderr, second.stderr
    assert written() == before
    again = subprocess.run(command, env=venv_env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "graded 4" in again.stdout, again.stdout + again.stderr


@pytest.mark.e2e
def test_below_the_minimum_protection_nothing_is_graded(course, tmp_path, capsys):
    """On a machine below the minimum (Landlock ABI 2 here), does grade refuse in one line before any result or grade exists?"""
    from nbgrader.api import Gradebook

    from checker.sandbox.policy import Policy
    from checker.staff import grade
    from checker.staff.cli import build_parser

    copy = shutil.copytree(course, tmp_path / "course")
    options = build_parser().parse_args(["grade", A01.id, "--course", str(copy), "--workers", "2", "--no-progress"])
    with pytest.raises(SystemExit) as refused:
        grade.run(options, policy=Policy(landlock_abi=2))
    said = str(refused.value.code)
    assert len(said.splitlines()) == 1 and "Landlock ABI 2" in said and "--unsafe" in said, said
    assert list(stored.results_folder(copy, A01.id).glob("*")) == [] and capsys.readouterr().out == ""
    with Gradebook(f"sqlite:///{copy / 'gradebook.db'}") as gradebook:
        assert gradebook.find_assignment(A01.id).num_submissions == 0
