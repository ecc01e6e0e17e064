"""Assignment 01: what only this assignment's checks need, run in-process as a grade cell runs them."""

import numpy as np
import pytest

import logistic_regression_variants as variants
from catalogue import run_in_process
from checker.assignments.logistic_regression import messages as say
from checker.assignments.logistic_regression import ASSIGNMENT, check_model, check_optimize, check_propagate, check_sigmoid, end_to_end, inputs, reference
from checker.checks import messages as common
from checker.checks import seeds
from checker.checks.errors import CheckFailure
from checker.checks.student_side import checker_code_allowed
from logistic_regression_variants import BUGS


def test_reference_passes_every_check():
    """Does the staff's reference pass its own checks (in-process, the references' helpers swapped like a student's)?"""
    with checker_code_allowed():
        for check in ASSIGNMENT.checks:
            if check.name != "data_preparation":
                check.function(getattr(reference, check.name))


def test_failure_never_shows_the_expected_gradient():
    """Does a wrong dw message show the student's numbers but none of the right ones?"""
    _, implementation, _ = BUGS["propagate: dw not divided by m"]
    with pytest.raises(CheckFailure) as failure:
        check_propagate(implementation, seed=seeds.PUBLIC_SEED)  # a seed the student chose: their values are shown
    message = str(failure.value)
    # Rebuild the inputs the check drew, to know the right answer it must not print.
    w, b, X, Y = inputs.draw_problem(seeds.generator(seeds.PUBLIC_SEED, "propagate"))
    expected = reference.propagate(w, b, X, Y)[0]["dw"]
    yours = implementation(w, b, X, Y)[0]["dw"]
    assert f"{yours.flat[0]:.4g}" in message or f"{yours.max():.4g}" in message
    for value in expected.ravel():
        assert f"{value:.4g}" not in message


def test_failure_names_the_seed_and_seeds_change_inputs():
    """Do failures print the seed the student chose, never a hidden one, and do different seeds draw different inputs?"""
    seen = []

    def spy(w, b, X, Y):
        seen.append(X.copy())
        return BUGS["propagate: dw with Y - A"][1](w, b, X, Y)

    for seed in (11, 12):
        with pytest.raises(CheckFailure) as failure:
            check_propagate(spy, seed=seeds.Seed(seed, public=True))  # as --checker-seed chooses it
        assert f"--checker-seed {seed} -k propagate" in str(failure.value)
    assert seen[0].shape != seen[-1].shape or not np.allclose(seen[0], seen[-1])
    with pytest.raises(CheckFailure) as failure:  # a grade cell's hidden seed
        check_propagate(spy, seed=4321)
    assert "4321" not in str(failure.value) and "grader's own inputs" in str(failure.value)


def test_hard_coded_output_fails_under_another_seed():
    """Can memorising the public self-check's outputs pass a hidden check? (It must not.)"""
    recorded = {}

    def memorise(w, b, X, Y):
        recorded.setdefault("answer", reference.propagate(w, b, X, Y))
        return recorded["answer"]

    check_propagate(memorise, seed=seeds.PUBLIC_SEED)
    with pytest.raises(CheckFailure):
        check_propagate(memorise, seed=31337)


def test_student_exception_shows_the_students_line():
    """Does an exception name the student's own line, not the checker's internals?"""
    with pytest.raises(CheckFailure) as failure:
        check_sigmoid(BUGS["sigmoid: math.exp on arrays"][1])
    message = str(failure.value)
    assert "stopped with TypeError" in message
    assert "return 1 / (1 + math.exp(-z))" in message
    assert "logistic_regression_variants.py" in message
    assert "checker/" not in message


def test_warnings_in_student_code_do_not_reach_stderr(capfd):
    """Does a NumPy RuntimeWarning in student code stay off stderr (nbgrader would give 0)?"""
    with pytest.raises(CheckFailure) as failure:
        check_propagate(BUGS["propagate: sigmoid saturates to exactly 1"][1])
    assert "divide by zero encountered in log" in str(failure.value)
    assert capfd.readouterr().err == ""


def test_caller_arrays_are_not_changed_by_checks():
    """Does an in-place optimize get caught even though it returns the right numbers?"""
    with pytest.raises(CheckFailure) as failure:
        check_optimize(BUGS["optimize: in-place update"][1])
    assert "changed its input `w`" in str(failure.value)


@pytest.mark.parametrize("graded, helper, broken", [
    ("optimize", "propagate", BUGS["propagate: dw not divided by m"][1]),
    ("propagate", "sigmoid", np.tanh),
    ("predict", "sigmoid", np.tanh),
])
def test_a_wrong_helper_costs_its_own_points_only(graded, helper, broken):
    """With a broken helper in the notebook, is the function that calls it still graded on its own?"""
    original = getattr(variants, helper)
    setattr(variants, helper, broken)
    try:
        run_in_process(ASSIGNMENT, graded, getattr(variants, graded))
        assert getattr(variants, helper) is broken  # the student's own name is back afterwards
    finally:
        setattr(variants, helper, original)


TRAINED_MODEL = '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    SEEN.append((num_iterations, learning_rate))
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    d = {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
'''
LEAKING_MODELS = {
    # The inputs copied into the weights it returns (a "yours" detail prints their first entries).
    "weights": TRAINED_MODEL + '''    d["w"] = np.full_like(d["w"], num_iterations + learning_rate)
    return d
''',
    # The inputs in an error's text and in the name of an error class of its own.
    "error": '''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    SEEN.append((num_iterations, learning_rate))
    Leak = type(f"Leak{num_iterations}", (Exception,), {})
    raise Leak(f"{num_iterations} {learning_rate}")
''',
    # The inputs echoed back in place of the settings model was called with.
    "echo": TRAINED_MODEL + '''    d["num_iterations"] = float(f"{num_iterations}.{str(learning_rate)[2:]}")
    return d
''',
}


@pytest.mark.parametrize("how", sorted(LEAKING_MODELS))
def test_a_model_that_copies_hidden_inputs_into_its_values_shows_none_of_them(how):
    """Under a hidden seed, does a model that copies the inputs it was given into what it returns or raises get a message
    with none of them (and the same model under the public seed its own values, so the message is not simply empty)?"""
    shown = {}
    for seed in (seeds.PUBLIC_SEED, 2**40 + 12345):
        namespace = dict(vars(variants), SEEN=[])
        exec(LEAKING_MODELS[how], namespace)
        with pytest.raises(CheckFailure) as failure:
            run_in_process(ASSIGNMENT, "model", namespace["model"], seed=seed)
        inputs_seen = {str(value) for pair in namespace["SEEN"] for value in pair} | {str(n) for n, _ in namespace["SEEN"]}
        shown[seed] = (str(failure.value), inputs_seen)
    public, (hidden, hidden_inputs) = shown[seeds.PUBLIC_SEED][0], shown[2**40 + 12345]
    assert any(value in public for value in shown[seeds.PUBLIC_SEED][1]), public
    assert hidden_inputs and not any(value in hidden for value in hidden_inputs), hidden


@pytest.mark.parametrize("graded, implementation", [("propagate", variants.propagate_course_style),
                                                    ("propagate", variants.propagate_printing_shapes),
                                                    ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), np.zeros((1, 1))))])
def test_a_one_element_array_where_a_number_belongs_passes_with_the_same_note_once(graded, implementation):
    """Is a (1,) or (1, 1) array where the notebook documents a number graded as that number, with the rank-1 note said
    once, in the same words under every seed?"""
    check = ASSIGNMENT.check(graded).function
    said = [check.grade(implementation, seed=seed) for seed in (seeds.PUBLIC_SEED, 7, 2**40 + 12345)]
    assert said == [[common.ONE_NUMBER_ARRAY]] * 3


@pytest.mark.parametrize("seed", [seeds.PUBLIC_SEED, 2**40 + 12345])
@pytest.mark.parametrize("name", ["optimize: its own gradient, not divided by m", "optimize: its own gradient, uphill"])
def test_an_optimize_that_never_calls_propagate_is_told_nothing_about_it(name, seed):
    """Is an optimize that computes its gradient itself graded on the real problem, its message naming no propagate
    (and no quadratic bowl) it never called?"""
    with pytest.raises(CheckFailure) as failure:
        run_in_process(ASSIGNMENT, "optimize", BUGS[name][1], seed=seed)
    message = str(failure.value).lower()
    assert "propagate" not in message and "bowl" not in message and "stand-in" not in message


def test_a_model_whose_helpers_are_all_wrong_but_unused_passes_its_first_part():
    """Are model's own results graded with correct helpers lent, so that its notebook's wrong helpers cost it nothing there?"""
    broken = variants.in_one_notebook(variants.model, sigmoid=np.tanh, propagate=BUGS["propagate: dw with Y - A"][1],
                                      optimize=variants.optimize_uphill, predict=BUGS["predict: >= 0.5"][1])
    assert check_model.grade(broken, seed=seeds.PUBLIC_SEED, end_to_end=False) == []


@pytest.mark.e2e
def test_the_slow_note_goes_to_the_same_correct_models_on_every_run(sandbox):
    """Graded twice as official grading grades (a hidden seed trains on the digits), does the "correct, but slow" note go to
    the model whose propagate loops over the examples each time, in the same words, and never to vectorised ones?
    (benchmarks/slow_note.py does the same for a class of 30, three times.)"""
    from catalogue import notebook_names
    from checker.checks.session import NotebookSession

    check, noted = ASSIGNMENT.check("model"), {}
    names = ["model: propagate loops over the examples", "model: positional calls", "model: no helper called at all"]
    for _ in range(2):
        for name in names:
            session = NotebookSession.from_objects(sandbox, notebook_names(ASSIGNMENT, check, variants.CORRECT[name][1]))
            try:
                notes = session.run_seeds(check, [seeds.PUBLIC_SEED, 2**40 + 12345])
            finally:
                session.close()
            noted.setdefault(name, []).append([note for note in notes if note.startswith("correct, but")])
    assert noted[names[0]] == [[say.SLOW_NOTE.format(factor=end_to_end.SLOW)]] * 2
    assert noted[names[1]] == noted[names[2]] == [[], []]
