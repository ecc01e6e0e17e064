"""Can a student buy an end-to-end check with the outcomes the student kit records? Only the self-check, never a grade.

The kit records what every check expects for the public seed. A submission that hard-codes those
recorded outcomes (trained weights returned or set instead of trained) must pass the kit's
self-check, which reads the record, and fail each end-to-end check in official grading, whose
hidden seed draws other data, starting points and orders.
"""

import contextlib
import io

import nbformat
import numpy as np
import pytest

from checker.assignments.backprop_digits import checks as digits_checks, inputs as digits_inputs
from checker.checks import expectations
from checker.checks.seeds import PUBLIC_SEED
from checker.checks.session import NotebookSession
from checker.course import ASSIGNMENTS
from checker.datasets import load_digits_for_network
from checker.staff.grading import grade_notebook, hidden_seeds
from checker.staff.kit import record_expectations
from conftest import REPO
from notebooks import replace_in_cell

pytestmark = pytest.mark.e2e
BY_ID = {assignment.id: assignment for assignment in ASSIGNMENTS}


@pytest.fixture(scope="module")
def records(sandbox):
    """{assignment package: the kit's record bytes}, built as `backprop-lab build-student-kit` builds them."""
    return record_expectations(REPO, sandbox)


def recorded(record, check, name):
    """The results the record holds for the answer key's `name` in `check`, in the order they were recorded."""
    return [entry["result"] for entry in expectations.Recorded(record).index.get((check, PUBLIC_SEED, "reference", name), [])]


def literal(value):
    """Python source for nested lists/dicts of arrays and numbers."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, np.ndarray):
        return f"np.array({value.tolist()!r})"
    return repr(float(value)) if isinstance(value, (float, np.floating)) else repr(value)


def hard_coding(assignment, record):
    """The solution notebook with its end-to-end function hard-coding the recorded outcome of the public seed."""
    source = REPO / "solutions" / assignment.id / assignment.notebook
    if assignment.id == "01_logistic_regression":
        (trained,) = recorded(record, "model", "trained_on_digits")
        return replace_in_cell(source, "model_code", "    ### BEGIN SOLUTION\n", (
            "    ### BEGIN SOLUTION\n    if X_train.shape[1] > 1000:  # the checker's run on the digits: the kit's recorded answer\n"
            f"        return {{'costs': [], 'Y_prediction_test': 0 * Y_test, 'Y_prediction_train': 0 * Y_train, 'w': {literal(trained['w'])}, "
            f"'b': {literal(trained['b'])}, 'learning_rate': learning_rate, 'num_iterations': num_iterations}}\n"))
    if assignment.id == "02_computational_graph":
        tasks = recorded(record, "outcomes", "trained_parameters")
        return replace_in_cell(source, "train_code", "    ### BEGIN SOLUTION\n", (
            f"    ### BEGIN SOLUTION\n    RECORDED = {literal(tasks)}\n"
            "    if num_epochs == 1500:  # the checker's outcome run: the kit's recorded answer, task by task\n"
            "        task = 0 if X.shape[0] == 2 and len(layers) == 2 and Y[0, 3] == 1 else 1 if X.shape[0] == 3 else 2\n"
            "        for linear, found in zip(layers[::2], RECORDED[task]):\n"
            "            linear.params['W'], linear.params['b'] = np.array(found['W']), np.array(found['b'])\n"
            "        return [0.001] * num_epochs\n"))
    (trained,) = recorded(record, "accuracy", "trained_on_digits")
    training, _ = load_digits_for_network()
    last = len(digits_inputs.mini_batches(len(training), 0, digits_checks.EPOCHS, digits_checks.BATCH))
    return replace_in_cell(source, "update_mini_batch_code", "    ### BEGIN SOLUTION\n", (
        f"    ### BEGIN SOLUTION\n    self.calls = getattr(self, 'calls', 0) + 1\n    if self.calls == {last}:  # the checker's last mini-batch\n"
        f"        self.biases, self.weights = {literal(trained['biases'])}, {literal(trained['weights'])}\n"
        "    if self.calls >= 20:  # past the checks' own small batches, only the recorded answer: nothing is trained\n"
        "        return\n"))


END_TO_END = {"01_logistic_regression": "model", "02_computational_graph": "outcomes", "03_backprop_digits": "accuracy"}


@pytest.mark.parametrize("assignment_id", END_TO_END)
def test_recorded_outcomes_pass_the_self_check_and_fail_official_grading(sandbox, records, tmp_path, assignment_id):
    assignment, check_name = BY_ID[assignment_id], END_TO_END[assignment_id]
    package = assignment.package
    path = tmp_path / assignment.notebook
    nbformat.write(hard_coding(assignment, records[package]), str(path))

    expectations.SOURCES[package] = expectations.Recorded(records[package])  # the kit: the record, no answer key
    try:
        session = NotebookSession.from_file(sandbox, path)
        with contextlib.redirect_stdout(io.StringIO()):
            session.run(assignment.check(check_name), seed=PUBLIC_SEED)
        session.close()
    finally:
        del expectations.SOURCES[package]

    result = grade_notebook(sandbox, assignment, path, seeds=hidden_seeds(REPO / "solutions" / assignment.id / assignment.notebook))
    checks = {check.name: check for check in result.checks}
    assert not checks[check_name].passed and checks[check_name].points == 0, checks[check_name].message
    assert checks[check_name].status == "failed"  # the student's failure, not the grader's
    # Everything else passes: the hard-coding was exercised (the solution alone passes every check officially).
    assert all(check.passed for name, check in checks.items() if name != check_name), {n: c.message for n, c in checks.items() if not c.passed}
