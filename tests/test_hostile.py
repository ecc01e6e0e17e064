"""Can a hostile submission buy a point, cost anyone else one, stop the batch, or touch a file? Graded as officially.

Each case edits a solution notebook as a student trying to game the grader might, and grades it
with official grading (public and hidden seeds) inside a course folder. It must lose exactly the
checks named (the function that misbehaved, and the end-to-end check that runs the student's own
pipeline through it), keep every other point, and leave every file of the course untouched. The
cases run one after another in one sandbox: the batch goes on.

A case whose grade a clock, a signal or the operating system decides (time limits and endless
loops, processes that end, crash or multiply, threads left running, memory and stack limits) is
graded twice and must get the same grade the second time: there, repeatability is the point
(GRADED_TWICE). Every other case is plain Python whose grade only its code decides: graded once.
"""

import hashlib
import json
import os
import shutil
import sys

import nbformat
import pytest

from checker.checks import messages
from checker.course import ASSIGNMENTS
from checker.sandbox.policy import Policy
from checker.sandbox.sandbox import Sandbox, SandboxUnavailable
from checker.staff.grading import grade_notebook, hidden_seeds
from conftest import REPO

BY_ID = {assignment.id: assignment for assignment in ASSIGNMENTS}
# The hand-written cases edit these assignments' notebooks by their cells; every assignment gets the generic ones.
A01, A02, A03, A04 = "01_logistic_regression", "02_computational_graph", "03_backprop_digits", "04_gradient_checking"


# -- edits a student can make --------------------------------------------------------------------
def cell_of(nb, grade_id):
    return next(cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def replace(grade_id, source):
    def edit(nb):
        cell_of(nb, grade_id).source = source
    return edit


def within(grade_id, old, new):
    def edit(nb):
        cell = cell_of(nb, grade_id)
        assert old in cell.source, f"{old!r} not in {grade_id}"
        cell.source = cell.source.replace(old, new)
    return edit


def prepend(grade_id, text):
    def edit(nb):
        cell_of(nb, grade_id).source = text + "\n" + cell_of(nb, grade_id).source
    return edit


def delete(grade_id):
    def edit(nb):
        nb.cells.remove(cell_of(nb, grade_id))
    return edit


def duplicate_after(grade_id, old, new):
    def edit(nb):
        cell = cell_of(nb, grade_id)
        copy = nbformat.from_dict(json.loads(json.dumps(cell)))
        copy.source = cell.source.replace(old, new)
        copy.metadata["nbgrader"]["grade_id"] = grade_id + "_again"
        copy.id = cell.id + "-again"
        nb.cells.insert(nb.cells.index(cell) + 1, copy)
    return edit


def add_cells(count, source):
    """`count` plain code cells (not solution cells: only their imports, functions and classes run) at the top."""
    def edit(nb):
        nb.cells[1:1] = [nbformat.v4.new_code_cell(source) for _ in range(count)]
    return edit


def rename_cells(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.metadata["nbgrader"]["grade_id"] = "mine_" + cell.metadata["nbgrader"]["grade_id"]


def raw(transform):
    """An edit of the file's bytes rather than of the notebook (marked so the case writes bytes)."""
    transform.raw = True
    return transform


PATCH_COMPARISONS = ("import numpy, numpy.testing\nnumpy.allclose = lambda *a, **k: True\nnumpy.isclose = lambda a, b, *r, **k: numpy.ones(numpy.shape(a), bool)\n"
                     "numpy.array_equal = lambda *a, **k: True\nnumpy.testing.assert_allclose = lambda *a, **k: None")
FUNCTION = "def {name}({args}):\n    {body}\n"
LIAR_FLOAT = "class Liar(float):\n    def __eq__(self, other):\n        return True\n    __hash__ = float.__hash__\n"


STASHING_MODEL = """def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    global STASH
    if "STASH" not in globals():  # the first call, with the checker's stand-ins in place
        STASH = (initialize_with_zeros, optimize, predict)
    init, opt, pred = STASH
    w, b = init(X_train.shape[0])
    params, grads, costs = opt(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": pred(w, b, X_test), "Y_prediction_train": pred(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
"""


def function(name, args, body, prefix=""):
    return prefix + FUNCTION.format(name=name, args=args, body=body.replace("\n", "\n    "))


CASES = {
    # Imports of the checker, by name, by a computed name, by its file's path.
    "answer key imported by name": (A01, [replace("sigmoid_code", "from checker.assignments.logistic_regression.reference import sigmoid")],
                                    {"sigmoid": "cannot be imported by your notebook", "model": "`sigmoid` fails its own check"}),
    "answer key imported by a computed name": (A01, [replace("propagate_code", function(
        "propagate", "w, b, X, Y", 'import importlib\nreturn importlib.import_module("checker." + "assignments.logistic_regression.reference").propagate(w, b, X, Y)'))],
        {"propagate": "cannot be imported by your notebook", "model": "`propagate` fails its own check"}),
    "answer key loaded from its file": (A01, [replace("predict_code", function("predict", "w, b, X", (
        "import importlib.util, os, checker.datasets\n"
        "path = os.path.join(os.path.dirname(checker.datasets.__file__), 'assignments', 'logistic_regression', 'reference.py')\n"
        "spec = importlib.util.spec_from_file_location('key', path)\nkey = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(key)\nreturn key.predict(w, b, X)")))], {"predict": "PermissionError", "model": "`predict` fails its own check"}),
    # The public gradient checker: importing it costs nothing, leaning on it in graded code costs that function.
    "the public gradient checker imported": (A01, [prepend("data_preparation_code", "from checker import check_gradient, assert_gradient")], {}),
    "the public gradient checker used in a graded function": (A04, [within("gradient_check_code", "    ### BEGIN SOLUTION\n",
        "    ### BEGIN SOLUTION\n    from checker import check_gradient\n    check_gradient(lambda t: float(t.sum()), np.zeros(2), np.ones(2))\n")],
        {"gradient_check": "not available while the grader runs your notebook"}),
    "answer key imported in a gradient checker": (A04, [within("gradient_check_n_code", "    ### BEGIN SOLUTION\n",
        "    ### BEGIN SOLUTION\n    from checker.assignments.gradient_checking.reference import panel_gradient_check_n\n")],
        {"gradient_check_n": "cannot be imported by your notebook"}),
    # Looking for the checker without importing it.
    "reference searched in sys.modules": (A01, [replace("propagate_code", function(
        "propagate", "w, b, X, Y", "import sys\nreturn next(m for n, m in sys.modules.items() if n.endswith('.reference')).propagate(w, b, X, Y)"))],
        {"propagate": "StopIteration", "model": "`propagate` fails its own check"}),
    "reference searched with gc.get_objects()": (A01, [replace("optimize_code", function(
        "optimize", "w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False",
        "import gc\nkey = [o for o in gc.get_objects() if callable(o) and 'reference' in str(getattr(o, '__module__', ''))][0]\n"
        "return key(w, b, X, Y, num_iterations, learning_rate)"))], {"optimize": "IndexError", "model": "`optimize` fails its own check"}),
    "answers searched in the caller's frames": (A01, [replace("predict_code", function("predict", "w, b, X", (
        "import sys\nframe, seen = sys._getframe(1), set()\nwhile frame is not None:\n    seen |= set(frame.f_globals) | set(frame.f_locals)\n"
        "    frame = frame.f_back\nraise LookupError(f'no answer among {len(seen)} names')")))],
        {"predict": "LookupError", "model": "`predict` fails its own check"}),
    # Patching NumPy, builtins, the sandbox's own code.
    "NumPy's comparisons patched, functions correct": (A01, [prepend("data_preparation_code", PATCH_COMPARISONS)], {}),
    "NumPy's comparisons patched to cover a wrong cost": (A01, [prepend("data_preparation_code", PATCH_COMPARISONS),
        within("propagate_code", "cost = -np.mean(", "cost = np.mean(")], {"propagate": "wrong sign"}),
    "builtins patched": (A01, [prepend("data_preparation_code", "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.abs = lambda x: 0")], None),
    "sandbox's own code patched to lie": (A02, [prepend("initialize_parameters_code", (
        "import checker.sandbox.student_calls as s\ns.invoke = lambda f, a, k, track_changes=True: {'value': 1.0, 'warnings': [], 'printed': '', 'changed': []}"))], None),
    # Lying return values.
    "float subclass that equals everything": (A01, [within("propagate_code", "    grads = {", LIAR_FLOAT.replace("\n", "\n    ").join(["    ", ""]) + "cost = Liar(cost)\n    grads = {")],
        {"propagate": "is a `Liar` object"}),
    "ndarray subclass with its own ==": (A01, [within("predict_code", "    return Y_prediction",
        "    class Liar(np.ndarray):\n        def __eq__(self, other):\n            return np.ones(np.shape(self), bool)\n    return Y_prediction.view(Liar)")],
        {"predict": "is a `Liar` object"}),  # model's accuracy is computed by the checker, from the w and b model learned
    "gradient checker returns a lying float": (A04, [within("gradient_check_code", "    return difference", LIAR_FLOAT.replace("\n", "\n    ").join(["    ", ""]) + "return Liar(difference)")],
        {"gradient_check": "is a `Liar` object"}),
    # Ending the process, and the signals that could stop the grader's clock.
    "os._exit in a graded function": (A01, [within("predict_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import os\n    os._exit(0)\n")],
        {"predict": "ended the process in `predict`", "model": "`predict` fails its own check"}),
    "sys.exit in a graded function": (A01, [within("initialize_with_zeros_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import sys\n    sys.exit(3)\n")],
        {"initialize_with_zeros": "ended the process", "model": "`initialize_with_zeros` fails its own check"}),
    "KeyboardInterrupt in a graded function": (A01, [within("sigmoid_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    raise KeyboardInterrupt\n")],
        {"sigmoid": "it raised KeyboardInterrupt", "model": "`sigmoid` fails its own check"}),
    "a BaseException of its own": (A01, [within("propagate_code", "    m = X.shape[1]\n", "    m = X.shape[1]\n    class Escape(BaseException):\n        pass\n    raise Escape()\n")],
        {"propagate": "it raised Escape", "model": "`propagate` fails its own check"}),
    "segmentation fault": (A01, [within("predict_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import ctypes\n    ctypes.string_at(0)\n")],
        {"predict": "segmentation fault", "model": "`predict` fails its own check"}),
    "os._exit in a layer's backward": (A02, [within("linear_layer_code", "        self.dW = upstream_grad", "        import os\n        os._exit(1)\n        self.dW = upstream_grad")],
        {"linear_layer": "ended the process", "outcomes": "`LinearLayer` fails its own check"}),
    "sys.exit in SGD": (A03, [within("SGD_code", "    training_data = list(training_data)\n", "    import sys\n    sys.exit(0)\n")],
        {"SGD": "ended the process"}),  # accuracy trains through update_mini_batch, so it costs once
    # Endless loops, with the alarm disabled: at top level and in graded functions.
    "endless loop at top level, alarm ignored": (A01, [prepend("data_preparation_code", "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass")],
        {"data_preparation": "time-out"}),
    "endless loop in optimize, alarm ignored": (A01, [within("optimize_code", "    ### BEGIN SOLUTION\n",
        "    ### BEGIN SOLUTION\n    import signal\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n    while True:\n        pass\n")],
        {"optimize": "was still running", "model": "`optimize` fails its own check"}),
    "endless loop in model": (A01, [within("model_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    while True:\n        pass\n")], {"model": "was still running"}),
    "endless loop in a sigmoid layer": (A02, [within("sigmoid_layer_code", "        self.A = 1 / (1 + np.exp(-Z))", "        while True:\n            pass")],
        {"sigmoid_layer": "was still running", "outcomes": "`SigmoidLayer` fails its own check"}),
    # Memory, processes, output, recursion.
    "memory bomb": (A01, [within("predict_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    hoard = np.ones(10**11)\n")],
        {"predict": "more memory than the grader allows", "model": "`predict` fails its own check"}),
    "memory bomb in evaluate": (A03, [within("evaluate_code", "    return sum(int(np.argmax(self.feedforward(x)) == label)",
        "    hoard = [np.empty(10**8) for _ in range(1000)]\n    return sum(int(np.argmax(self.feedforward(x)) == label)")],
        {"evaluate": "MemoryError"}),
    "fork bomb in a graded function": (A01, [within("optimize_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import os\n    while True:\n        os.fork()\n")],
        {"optimize": "PermissionError", "model": "`optimize` fails its own check"}),
    "fork bomb at top level": (A01, [prepend("data_preparation_code", "import os\nfor _ in range(10000):\n    try:\n        os.fork()\n    except OSError:\n        break")],
        {"data_preparation": "left processes (os.fork) or threads running"}),
    "fork bomb in the backward pass": (A04, [within("backward_propagation_n_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import os\n    [os.fork() for _ in range(100)]\n")],
        {"backward_propagation_n": "PermissionError"}),
    "threads left running at top level": (A01, [prepend("data_preparation_code",
        "import threading, time\nfor _ in range(30):\n    threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()")],
        {"data_preparation": "left processes (os.fork) or threads running"}),
    "slow class bodies in many cells": (A01, [add_cells(40, "class Slow:\n    import time\n    time.sleep(1.5)")],
        {name: "could not load" for name in ("data_preparation", "sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model")}),
    "10 MB printed by a graded function": (A01, [within("optimize_code", "    costs = []\n", "    costs = []\n    print('x' * 10_000_000)\n")], {}),
    "stderr written by a graded function": (A01, [within("sigmoid_code", "    ### BEGIN SOLUTION\n",
        "    ### BEGIN SOLUTION\n    import os, sys\n    sys.stderr.write('warning! ' * 1000)\n    os.write(2, b'raw bytes to fd 2\\n')\n")], {}),
    "deep recursion": (A01, [within("sigmoid_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    deeper = lambda n: deeper(n + 1)\n    deeper(0)\n")],
        {"sigmoid": "RecursionError", "model": "`sigmoid` fails its own check"}),
    "deep recursion past the interpreter's limit": (A02, [within("compute_cost_code", "    m = Y.shape[1]\n",
        "    m = Y.shape[1]\n    import sys\n    sys.setrecursionlimit(10**7)\n    deeper = lambda n: list(map(deeper, [n + 1]))\n    deeper(0)\n")],
        {"compute_cost": "ended the process", "outcomes": "`compute_cost` fails its own check"}),
    # Files: next to the notebook, in the course, in the grader's home.
    "files written next to the notebook and elsewhere": (A01, [within("predict_code", "    ### BEGIN SOLUTION\n", (
        "    ### BEGIN SOLUTION\n    import os\n    for target in ('grades.csv', '__COURSE__/gradebook.db', os.path.expanduser('~/backprop-lab-was-here')):\n"
        "        try:\n            open(target, 'w').write('100')\n        except OSError:\n            pass\n"
        "    open('__COURSE__/submitted/alice/01_logistic_regression/logistic_regression.ipynb', 'w').write('{}')\n"))],
        {"predict": "does not let graded code write files", "model": "`predict` fails its own check"}),
    # Stashing: an object kept from one check for the next, a stand-in kept past its step.
    # (Assignment 04: no check there calls both functions, as 01's model does within one check.)
    "object stashed in one check, looked for in the next": (A04, [
        within("gradient_check_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    globals()['LEAK'] = (x, theta)\n"),
        within("vector_helpers_code", "def dictionary_to_vector(parameters):\n", "def dictionary_to_vector(parameters):\n    if 'LEAK' in globals():\n        raise RuntimeError('a stash survived')\n")], {}),
    "stand-ins stashed for the end-to-end run": (A01, [replace("model_code", STASHING_MODEL)], {"model": "lent your code for one step"}),
    # The checker's stand-ins beside the student's code, found on the heap and patched to ignore the data: routing is still seen.
    "stand-ins beside the code patched, X and Y swapped": (A04, [within("gradient_check_n_code", "    ### BEGIN SOLUTION\n", (
        "    ### BEGIN SOLUTION\n    import gc\n"
        "    for kind in [o for o in gc.get_objects() if isinstance(o, type) and o.__name__ == 'PanelStandIns']:\n"
        "        kind.forward_propagation_n = lambda self, X, Y, p: (float(self._cost(*p['θ'].ravel())), None)\n"
        "        kind._expect = lambda *a: None\n"
        "    X, Y = Y, X\n"))],
        {"gradient_check_n": "did not receive what gradient_check_n was given"}),
    # Told apart from the judge's helpers, the ones beside the code have whatever decides reachable patched (a data weight made
    # constant, any comparison made true) and get X and Y swapped: they are plain functions of their arguments, so the panel shows it.
    "helpers beside the code told from the judge's and patched, X and Y swapped only there": (A04, [within("gradient_check_n_code", "    ### BEGIN SOLUTION\n", (
        "    ### BEGIN SOLUTION\n    if hasattr(getattr(forward_propagation_n, '__self__', None), '_cost'):\n"
        "        shared = forward_propagation_n.__func__.__globals__\n"
        "        for found in [n for n in shared if n.startswith('_same')]:\n            shared[found] = lambda *a: True\n"
        "        shared['data_weight'] = lambda X, Y: 2.0\n"
        "        X, Y = Y, X\n"))],
        {"gradient_check_n": "For a correct gradient your gradient_check_n reports"}),
    # 03's loop of mini-batches runs beside the student's code: update_mini_batch finds it and cuts the run short; the judge compares parameters.
    "the checker's mini-batch loop found and cut short": (A03, [within("update_mini_batch_code", "    ### BEGIN SOLUTION\n", (
        "    ### BEGIN SOLUTION\n    import sys\n    loop = sys._getframe(1).f_locals.get('self')\n"
        "    if hasattr(loop, 'batches') and hasattr(loop, 'eta'):\n        del loop.batches[len(loop.batches) // 10 :]\n"))],
        {"accuracy": "not where stochastic gradient descent arrives"}),
    # Broken files and cells.
    "non-UTF-8 bytes in a markdown cell": (A01, [raw(lambda data: data.replace(b"is this digit even?", b"is this digit \xff\xfe even?"))], {}),
    "invalid JSON": (A01, [raw(lambda data: data[: len(data) // 2])], {name: "could not read" for name in ("data_preparation", "sigmoid", "initialize_with_zeros",
                                                                                                        "propagate", "optimize", "predict", "model")}),
    "format 3 notebook": (A01, [raw(lambda data: nbformat.writes(nbformat.convert(nbformat.reads(data.decode(), as_version=4), 3)).encode())], {}),
    "deleted cell": (A01, [delete("predict_code")], {"predict": "is not defined", "model": "`predict` fails its own check"}),
    "duplicated cell, a wrong copy last": (A01, [duplicate_after("propagate_code", "cost = -np.mean(", "cost = np.mean(")], {"propagate": "wrong sign"}),
    "duplicated cell, a right copy last": (A01, [within("propagate_code", "cost = -np.mean(", "cost = np.mean("), duplicate_after("propagate_code", "cost = np.mean(", "cost = -np.mean(")], {}),
    "renamed cells": (A01, [rename_cells], {}),
}
# Every assignment's answer key, imported by a cell of its own: refused (a plug-in's as the checker's), nothing else lost.
CASES.update({f"answer key of {a.id} imported in a cell of its own": (a.id, [add_cells(1, f"import {a.package}.reference")], {})
              for a in ASSIGNMENTS})


# Official grading, with short limits so that endless loops cost seconds, not minutes.
SHORT = Policy(call_seconds=2.0, cell_seconds=2.0, load_seconds=10.0)


@pytest.fixture(scope="module")
def official():
    box = Sandbox(SHORT, official=True)
    yield box
    box.close()


def course_with(tmp_path, assignment, edits):
    """A course folder: alice's honest submission, and mallory's with the edits, beside a gradebook."""
    course = tmp_path / "course"
    source = REPO / "solutions" / assignment.id / assignment.notebook
    for student in ("alice", "mallory"):
        (course / "submitted" / student / assignment.id).mkdir(parents=True)
        shutil.copy(source, course / "submitted" / student / assignment.id / assignment.notebook)
    (course / "gradebook.db").write_bytes(b"gradebook")
    target = course / "submitted" / "mallory" / assignment.id / assignment.notebook
    data = source.read_bytes()
    nb = nbformat.reads(data.decode(), as_version=4)
    for edit in edits:
        if getattr(edit, "raw", False):
            data = edit(nbformat.writes(nb).encode())
            nb = None
        else:
            edit(nb)
    data = data if nb is None else nbformat.writes(nb).encode()
    target.write_bytes(data.replace(b"__COURSE__", str(course).encode()))
    return course, target


def snapshot(folder):
    return {str(path): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


def honest_points(official, assignment, seeds, cache={}):
    if assignment.id not in cache:
        path = REPO / "solutions" / assignment.id / assignment.notebook
        cache[assignment.id] = {result.name: result.points for result in grade_notebook(official, assignment, path, seeds=seeds).checks}
    return cache[assignment.id]


# The cases graded twice (see the module's docstring): each, because of what decides its grade.
GRADED_TWICE = {
    "os._exit in a graded function", "sys.exit in a graded function", "os._exit in a layer's backward", "sys.exit in SGD",
    "a BaseException of its own",  # the process ends
    "KeyboardInterrupt in a graded function", "segmentation fault",  # a signal
    "endless loop at top level, alarm ignored", "endless loop in optimize, alarm ignored", "endless loop in model",
    "endless loop in a sigmoid layer", "slow class bodies in many cells",  # the clock
    "fork bomb in a graded function", "fork bomb at top level", "fork bomb in the backward pass", "threads left running at top level",
    "memory bomb", "memory bomb in evaluate", "deep recursion past the interpreter's limit",  # the operating system's limits
}


@pytest.mark.e2e
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_submission_gains_nothing_and_harms_nothing(official, tmp_path, capfd, name):
    assignment_id, edits, lost = CASES[name]
    assignment = BY_ID[assignment_id]
    seeds = hidden_seeds(REPO / "solutions" / assignment.id / assignment.notebook)
    course, path = course_with(tmp_path, assignment, edits)
    before = snapshot(tmp_path)
    home_marker = os.path.expanduser("~/backprop-lab-was-here")
    display = f"submitted/mallory/{assignment.id}/{assignment.notebook}"
    first = grade_notebook(official, assignment, path, display, seeds)

    honest = honest_points(official, assignment, seeds)
    results = {result.name: result for result in first.checks}
    for check, result in results.items():
        assert result.points <= honest[check], f"{check} earned a point it does not deserve"
    if lost is not None:  # None: the whole notebook sabotaged itself; only "nothing gained" and the rest are asserted
        assert {check for check, result in results.items() if not result.passed} == set(lost), {c: r.message for c, r in results.items() if not r.passed}
        for check, fragment in lost.items():
            assert fragment in results[check].message, f"{check}: expected {fragment!r} in:\n{results[check].message}"
    if name in GRADED_TWICE:
        again = grade_notebook(official, assignment, path, display, seeds)
        assert [(r.name, r.points, r.diagnosis) for r in again.checks] == [(r.name, r.points, r.diagnosis) for r in first.checks]
    assert snapshot(tmp_path) == before, "grading changed a file"
    assert not os.path.exists(home_marker)
    captured = capfd.readouterr()
    assert captured.err == "" and len(captured.out) < 10_000


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["answer key imported by name", "answer key imported in a gradient checker"])
def test_a_refused_import_is_a_violation_by_its_id(official, tmp_path, name):
    """An answer key imported by a solution cell, or by a graded function as it runs: does the check that needs it carry
    the id sandbox.import_blocked and the status "sandbox violation" (decided by the error's class, not its words)?"""
    assignment_id, edits, lost = CASES[name]
    assignment = BY_ID[assignment_id]
    _, path = course_with(tmp_path, assignment, edits)
    result = grade_notebook(official, assignment, path, seeds=hidden_seeds(REPO / "solutions" / assignment.id / assignment.notebook))
    check = next(r for r in result.checks if r.name == next(iter(lost)))
    assert (check.diagnosis, check.status) == (messages.IMPORT_BLOCKED, "sandbox violation"), check.message
    assert any(violation.startswith(f"{check.name}: ") for violation in result.violations)


@pytest.mark.e2e
def test_the_batch_goes_on_after_every_hostile_case(official):
    """After all the hostile notebooks, does an honest one still get every point, in the same sandbox?"""
    for assignment in ASSIGNMENTS:
        path = REPO / "solutions" / assignment.id / assignment.notebook
        result = grade_notebook(official, assignment, path, seeds=hidden_seeds(path))
        assert result.points == assignment.points, [r.message for r in result.checks if not r.passed]


def test_official_grading_refuses_an_unprotected_machine():
    """Below the minimum protection (here Landlock ABI 2), does official grading refuse, say why, and run only when told --unsafe?"""
    older = Policy(landlock_abi=2)
    with pytest.raises(SandboxUnavailable) as refused:
        Sandbox(older, official=True).protections_now()
    assert "Landlock ABI 2 does not control truncate" in str(refused.value) and "--unsafe" in str(refused.value)
    box = Sandbox(older, official=True, unsafe=True)
    try:
        assert box.protections_now() is not None
    finally:
        box.close()


def test_every_case_graded_twice_is_a_case():
    assert GRADED_TWICE <= set(CASES), GRADED_TWICE - set(CASES)


def test_there_are_enough_cases_across_the_course():
    assert len(CASES) >= 30 and {assignment_id for assignment_id, _, _ in CASES.values()} == set(BY_ID)
    assert sys.platform.startswith("linux")
