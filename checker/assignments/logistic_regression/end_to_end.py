"""Assignment 01's model trained on the digits with the student's own functions: where it arrives, and how fast.

model() trains from zeros on a random 80 % of the training digits, for a number of iterations and at a learning
rate drawn from the check's seed, and must arrive where gradient descent does (tests/test_teaching_numbers.py
recomputes how well that classifies the test digits). A short probe, watched, sets the run's time limit. A failure
names a function that fails its own check and misbehaves in a watched run (CheckRun.blame_observed), else what a
watched short run shows, else the plain fact.
"""

import time

import numpy as np

from checker.assignments.logistic_regression import inputs, judges
from checker.assignments.logistic_regression import messages as say
from checker.checks import compare, symbolic
from checker.checks import messages as common
from checker.checks.blame import misbehaviour
from checker.checks.describe import describe_value, kind_in_words
from checker.checks.errors import CheckFailure
from checker.checks.guard import call_student, limit_from_probe
from checker.checks.run import OWN_WORDS
from checker.checks.shapes import require_finite, require_scalar, require_shape
from checker.checks.spies import first_wrong, watching
from checker.checks.student_side import side_of
from checker.sandbox.proxies import StudentProblem

UPSTREAM = ("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict")
HELPERS = ("initialize_with_zeros", "optimize", "propagate", "sigmoid", "predict")
PROBE_WATCHED = ("initialize_with_zeros", "optimize", "propagate", "predict")  # not sigmoid: a loop may call it per example
ITERATIONS, RATES, PROBE_ITERATIONS, REPLAY_ITERATIONS = (150, 251), (0.3, 0.7), 10, 3
# A correct run at least this many times as long as the same training on whole arrays, timed here at the same moment
# (a loop over the examples is some 50 times slower; whole arrays within 3 times), gets a note, when a second run agrees.
SLOW = 10


def grade(run, model):
    """Train model on digits drawn by the seed with the student's own functions; the checker judges w and b.

    Training is deterministic (gradient descent from zeros), so the w and b model learns must be the
    reference's, within round-off: only working helpers get there. model gets placeholder test labels,
    and the checker computes what w and b classify itself.
    """
    subset_seed = int(run.rng.integers(2**31))
    iterations, rate = int(run.rng.integers(*ITERATIONS)), round(float(run.rng.uniform(*RATES)), 2)
    X_train, Y_train, X_test, Y_test = inputs.digits_subset(subset_seed)
    arguments = (model, X_train, Y_train, X_test, np.zeros_like(Y_test))
    probe, propagate = None, side_of(model, run).lookup(model, "propagate")  # the notebook's own, not the watched one
    try:
        # The probe is watched: when it stops or never ends, the watch knows in which function.
        with watching(run, model, PROBE_WATCHED, time_limit_s=run.policy.slow_seconds) as probe:
            limit = limit_from_probe(run, *arguments, num_iterations=PROBE_ITERATIONS, learning_rate=rate, scale=iterations / PROBE_ITERATIONS,
                                     probe=f"{PROBE_ITERATIONS} iterations", advice=lambda: _where_time_goes(run, propagate, X_train, Y_train, iterations))
        seconds, d = _timed(run, arguments, iterations, rate, limit)
        w, b = _returned_parameters(run, d, X_train.shape[0])
    except CheckFailure as failure:
        if failure.diagnosis in OWN_WORDS:  # a stub to fill in, a name to define: already the thing to fix
            raise
        run.explain_stopped_run(failure, lambda: _blame(run, [*(probe.ended if probe else ()), *_replayed(run, arguments, rate)]))
        raise
    expected = run.reference.trained_on_digits(subset_seed, iterations, rate)
    if not (compare.trained_close(w, expected["w"]) and compare.trained_close(b, expected["b"])):
        _explain(run, arguments, rate, iterations, (w, b), (X_test, Y_test))
    _note_if_slow(run, seconds, lambda: _timed(run, arguments, max(1, iterations // 2), rate, limit)[0], X_train, iterations)


def _timed(run, arguments, iterations, rate, limit):
    """(seconds, what model returned) for one run of model for `iterations` iterations."""
    started = time.monotonic()
    d = call_student(run, *arguments, num_iterations=iterations, learning_rate=rate, time_limit_s=limit).value
    return time.monotonic() - started, d


def _watched_replay(run, arguments, rate):
    """(the Watch, what model returned) for a short run of model with its helpers watched; (None, None) when no run was
    possible (the process that would run it has ended), and the Watch with no value when the run itself failed."""
    watch = None
    try:
        with watching(run, arguments[0], HELPERS) as watch:
            return watch, call_student(run, *arguments, num_iterations=REPLAY_ITERATIONS, learning_rate=rate, allow_changes=True).value
    except (CheckFailure, StudentProblem):  # the run failed, or its process had ended before
        return watch, None


def _replayed(run, arguments, rate):
    """The watched calls of a short replay of model (none when it could not run)."""
    replay, _ = _watched_replay(run, arguments, rate)
    return replay.ended if replay else []


def _blame(run, ended):
    """Fail naming the first function of `ended` (watched calls) that fails its own check and misbehaved; return if none did."""
    __tracebackhide__ = True
    run.blame_observed(misbehaviour(ended, judges.JUDGES.get, _seen, among=set(run.failing_upstream())))


def _seen(call, wrong):
    """What a watched run showed a call doing wrong, in words (`wrong` None: it gave no result)."""
    return say.SEEN_CALL.format(name=call.name, wrong=wrong) if wrong else say.SEEN_STOPPED.format(name=call.name)


def _explain(run, arguments, rate, iterations, parameters, test_set):
    """Fail a run that did not arrive where gradient descent does, with what a watched short run shows."""
    __tracebackhide__ = True
    replay, value = _watched_replay(run, arguments, rate)
    ended = replay.ended if replay else []
    _blame(run, ended)
    call, wrong = first_wrong([call for call in ended if not call.raised], judges.JUDGES.get)
    if call is not None:
        run.fail(say.DIFFERS_IN_RUN.format(name=call.name, wrong=wrong), depends_on_seed=False)
    if value is not None and not judges.returns_what_optimize_did(value, replay.calls):
        run.fail(say.DIFFERS_IN_RUN.format(name="model", wrong=say.RUN_MODEL), depends_on_seed=False)
    (w, b), (X_test, Y_test) = parameters, test_set
    achieved = float(np.mean((symbolic.sigmoid(w.T @ X_test + b) > 0.5) == Y_test))
    settings = run.shown(f"num_iterations={iterations} and learning_rate={rate:g}", "the num_iterations and learning_rate this check drew")
    classified = run.shown(f" (they classify {achieved:.1%} of the test images correctly)", "")
    run.fail(say.NOT_DESCENT.format(settings=settings, classified=classified), ("yours", describe_value(w)), depends_on_seed=False)


def _note_if_slow(run, seconds, rerun, X, iterations):
    """Note a correct run at least SLOW times as long as the same work on whole arrays, timed here at the same moment.

    A quick look first: the work of half the run on whole arrays, timed right after it. Only a run that looks slow there
    is run again for half its iterations, between two more such timings; the run's factor is its better time against
    the middle one of the three, so that one pause of a busy machine, in the student's run or in the judge's, never
    decides a note.
    """
    half = max(1, iterations // 2)
    after = inputs.vectorised_seconds(X, half)
    if seconds < SLOW * after:  # the full run against half the work: SLOW / 2 times as long would be needed per step
        return
    try:
        before, again, last = inputs.vectorised_seconds(X, half), rerun(), inputs.vectorised_seconds(X, half)
    except CheckFailure:  # a note never costs a correct run anything
        return
    factor = min(seconds / 2, again) / float(np.median([after, before, last]))
    if factor >= SLOW:
        run.note(say.SLOW_NOTE.format(factor=SLOW))


def _where_time_goes(run, propagate, X, Y, iterations):
    """Advice for a model too slow to train here, from timing one call of the student's own propagate on the same data."""
    if propagate is None:
        return common.WHOLE_ARRAYS
    started = time.monotonic()
    try:
        call_student(run, propagate, np.zeros((X.shape[0], 1)), 0.0, X, Y, time_limit_s=run.policy.slow_seconds / 2)
    except CheckFailure:
        return say.VECTORISE  # propagate alone does not finish in time
    seconds = time.monotonic() - started
    return say.VECTORISE if seconds * iterations > run.policy.slow_seconds / 2 else say.SLOW_ELSEWHERE.format(seconds=seconds)


def _returned_parameters(run, d, dim):
    """w and b from the dictionary model returned, checked for type, shape and finiteness."""
    if not isinstance(d, dict) or "w" not in d or "b" not in d:
        run.fail(say.RESULT_NOT_DICT.format(kind=kind_in_words(d)))
    w = require_finite(run, require_shape(run, d["w"], (dim, 1), 'the "w" model returns', "w"), 'the "w" model returns')
    return w, require_scalar(run, d["b"], 'the "b" model returns', "b")
