"""Assignment 02: what only this assignment's checks need, run in-process as a grade cell runs them."""

import contextlib
import io

import numpy as np
import pytest

from catalogue import run_in_process
from checker.assignments.computational_graph import ASSIGNMENT, check_initialize_parameters, check_outcomes, reference
from checker.assignments.computational_graph import inputs, judges, lent
from checker.assignments.computational_graph import messages as say
from checker.assignments.computational_graph.checks import EPOCHS, LEARNING_RATE
from checker.checks import expectations, seeds
from checker.checks.errors import CheckFailure
from checker.checks.run import CheckRun
from checker.checks.student_side import checker_code_allowed
from checker.sandbox.policy import DEFAULT
from computational_graph_variants import BUGS, CORRECT, compute_cost_matrix

REFERENCE_NAMES = {"linear_layer": (reference.LinearLayer,), "sigmoid_layer": (reference.SigmoidLayer,),
                   "outcomes": (reference.LinearLayer, reference.SigmoidLayer, reference.train)}


def test_reference_passes_every_check():
    with checker_code_allowed():
        for check in ASSIGNMENT.checks:
            check.function(*REFERENCE_NAMES.get(check.name, (getattr(reference, check.name, None),)))


def test_initialization_check_leaves_the_students_random_state_alone():
    """Does seeding for the statistical check give the student's global NumPy generator back?"""
    np.random.seed(42)
    expected = np.random.rand()
    np.random.seed(42)
    with checker_code_allowed():
        check_initialize_parameters(reference.initialize_parameters)
    assert np.random.rand() == expected


def test_outcome_failure_states_budget_and_what_was_reached():
    """Does an outcome failure whose parts all pass their checks say what was trained, for how long, and what was reached?"""
    _, classes, _ = BUGS["outcomes: updates stop after 1000 epochs"]
    with pytest.raises(CheckFailure) as failure:
        check_outcomes(*classes)
    message = str(failure.value)
    assert f"after {EPOCHS} epochs at learning rate {LEARNING_RATE:g}" in message and "classify" in message
    assert "--checker-seed" not in message  # drawn from the seed, but repeating it helps nobody: the run is the checker's


def test_outcome_failure_names_the_part_that_fails_its_own_check():
    """Does an outcome failure after a broken train say to fix train first, and record it as the cause?"""
    _, classes, _ = BUGS["outcomes: sigmoid skipped in the backward pass"]
    with pytest.raises(CheckFailure) as failure:
        check_outcomes(*classes)
    assert "`train` fails its own check: fix `train` first" in str(failure.value)
    assert failure.value.caused_by == ["train"] and failure.value.diagnosis == "outcomes.upstream_failed"


def test_an_upstream_failure_the_run_does_not_show_is_not_blamed():
    """Does an outcome failure whose failing upstream function did its job in the watched run state the plain fact, with a note?"""
    _, classes, _ = BUGS["outcomes: train that stops learning after two epochs"]
    with pytest.raises(CheckFailure) as failure:
        check_outcomes(*classes)
    assert failure.value.diagnosis == "outcomes.not_learned" and failure.value.caused_by == []
    assert "`train` fails its own check; in a short run here nothing it did was wrong" in str(failure.value)


def _journal_of(train_function, drop=None):
    """The steps of a run of `train_function` with lent layers on drawn data, without the first step of kind `drop`."""
    rng = np.random.default_rng(5)
    sizes, m = (2, 3, 1), 6
    X, Y = rng.normal(size=(2, m)), (rng.uniform(size=(1, m)) > 0.5).astype(float)
    run = CheckRun("train", ASSIGNMENT, seeds.PUBLIC, policy=DEFAULT)
    journal = lent.Journal(run)
    layers = lent.lent_network(journal, inputs.starting_parameters(sizes, 3), m)
    train_function(layers, X, Y, 3, 0.7, lent.LentCost(journal))
    steps = list(journal.steps)
    if drop is not None:
        steps.pop(next(i for i, step in enumerate(steps) if step[:3] == drop))
    return judges.first_miswiring(steps, X, Y, len(sizes) - 1, 3, 0.7, returned=3)


def _train_printing(layers, X, Y, num_epochs, learning_rate, compute_cost):
    """The reference loop with a forward pass and a compute_cost call for printing after every step."""
    pairs = list(zip(layers[::2], layers[1::2]))
    forward = lambda: [A := X] and [A := activation.forward(linear.forward(A)) for linear, activation in pairs][-1]
    for _ in range(num_epochs):
        _, upstream = compute_cost(Y, forward())
        compute_cost(Y, forward())
        for linear, activation in reversed(pairs):
            upstream = linear.backward(activation.backward(upstream))
            forward()
        for linear, _ in pairs:
            linear.update_params(learning_rate)
        compute_cost(Y, forward())


def test_calls_between_the_steps_are_not_mistakes():
    """Is a run with extra forward passes and compute_cost calls between its steps told nothing, and the same run without
    one backward told that step?"""
    assert _journal_of(_train_printing) is None
    index, message = _journal_of(_train_printing, drop=("sigmoid", 1, "backward"))
    assert message.id == say.BACKWARD_WRONG.id and "the backward of sigmoid layer 1" in message


def test_the_kit_record_holds_every_answer_the_checks_ask_for():
    """Does every call of the answer key a check makes at the public seed, for any catalogued implementation, happen on the
    solution too, so that the student kit's record (built from the solution) answers it?"""
    package = ASSIGNMENT.package

    def asked(check_name, implementation):
        recording = expectations.Recording(expectations.Live(package))
        expectations.SOURCES[package] = recording
        try:
            with contextlib.suppress(CheckFailure), contextlib.redirect_stdout(io.StringIO()):
                run_in_process(ASSIGNMENT, check_name, implementation)
        finally:
            del expectations.SOURCES[package]
        return [entry for entry in recording.entries if entry["check"] == check_name]

    with checker_code_allowed():
        solution = {check.name: asked(check.name, REFERENCE_NAMES.get(check.name, getattr(reference, check.name, None)))
                    for check in ASSIGNMENT.checks}
    for name, (check_name, implementation, *_) in {**BUGS, **CORRECT}.items():
        for entry in asked(check_name, implementation):
            assert any(expectations.same([entry["name"], entry["args"], entry["kwargs"]], [known["name"], known["args"], known["kwargs"]])
                       for known in solution[check_name]), f"{name}: {entry['kind']} {entry['name']} is asked only off the solution's path"


def test_an_array_given_to_float_is_not_told_as_math_on_arrays():
    """Is a (1, 1) cost that the given float(cost) refuses told by what its line holds (float of an array, with the shape),
    not as math.exp on arrays? (In-process, where the line's text is known, as it is for a notebook's cells.)"""
    with pytest.raises(CheckFailure) as failure:
        run_in_process(ASSIGNMENT, "compute_cost", compute_cost_matrix)
    assert failure.value.diagnosis == "code.array_as_number" and "`cost` has shape (1, 1)" in str(failure.value)
