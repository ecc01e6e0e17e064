"""Checks of assignment 03: the Network class (init, feedforward, backprop, mini-batch SGD), activations, softmax.

Methods are graded on their own, by their results: backprop with SymPy's σ, σ' and ∂C/∂a in place of the
student's, backprop_batch with the checker's gradient of each example as backprop, update_mini_batch with a
stand-in backprop that hands out drawn gradients (or on the real gradients, when it computes them itself),
SGD with stand-ins for update_mini_batch and evaluate that record what they get, evaluate with the checker's
feedforward. What the stand-ins saw only shapes the message for a wrong result. Accuracy on the digits comes
from the student's own code, end to end.
"""

import math

import numpy as np

from checker.assignments.backprop_digits import inputs
from checker.assignments.backprop_digits import messages as say
from checker.assignments.backprop_digits import judges, lent
from checker.assignments.backprop_digits.beside import MiniBatchLoop
from checker.checks import compare, symbolic
from checker.checks.describe import describe_value, kind_in_words, short_repr
from checker.checks.errors import CheckFailure
from checker.checks.guard import beside, call_student, limit_from_probe, member, student_random, using_references
from checker.checks.registry import check
from checker.checks.run import OWN_WORDS
from checker.checks.shapes import require_finite, require_shape
from checker.checks.spies import first_wrong, watched_run
from checker.datasets import load_digits_for_network
from checker.thresholds import agree_below

# All layers square, so a missing transpose or a wrong layer index still computes and can be named.
SQUARE_SIZES = [4, 4, 4, 4]
SIZES = [3, 5, 4, 2]
GAUSSIAN_SIZES = [300, 200, 50]  # 70,000 weights: the sample std is within 0.3 % of the true one
# The accuracy check (documented in the notebook) trains Network([64, 30, 10]) itself: from starting
# parameters drawn with a seed of the check's, it calls the student's update_mini_batch on EPOCHS epochs of
# mini-batches of BATCH at eta ETA, shuffled with that seed (a loop beside the student's code, one request).
# That is deterministic, so the trained parameters must be the reference's (thresholds.TRAINED_RTOL); a failure
# quotes the test accuracy of both runs (the notebook's average is recomputed by tests/test_teaching_numbers.py).
EPOCHS, BATCH, ETA = 3, 10, 3.0
PROBE_BATCHES = 20  # the first mini-batches, timed, set the time limit of the rest
REPLAY_BATCHES = 1  # a failed run is replayed on this many mini-batches with every call watched
BATCH_PARTS = ("sigmoid_functions", "network_init", "cost_derivative", "backprop", "backprop_batch", "update_mini_batch")


# -- elementwise and output functions, against SymPy ----------------------------------------------
def grade_function(run, function, name, inputs_, expected, formula, candidates=(), notes=()):
    """Call `function(*inputs_)` and compare with `expected`, naming a recognisable mistake."""
    call = call_student(run, function, *inputs_, name=name)
    value = require_shape(run, call.value, expected.shape, f"{name}(...)")
    require_finite(run, value, f"{name}(...)", call)
    if not compare.close(value, expected):
        headline = compare.first_match(value, candidates) or say.FUNCTION_WRONG.format(name=name, formula=formula)
        run.fail(headline, *notes, *compare.mismatch_details(name, value, expected))
    return value


def away_from_kink(rng, shape, kink=0.0, margin=1e-3):
    values = rng.uniform(-3, 3, size=shape)
    return np.where(np.abs(values - kink) < margin, kink + 0.5, values)


@check("sigmoid_functions")
def check_sigmoid_functions(run, sigmoid, sigmoid_prime):
    """Do sigmoid and sigmoid_prime compute σ(z) and σ(z)(1 - σ(z)), entry by entry?"""
    z = run.rng.uniform(-5, 5, size=(4, 3))
    grade_function(run, sigmoid, "sigmoid", (z,), symbolic.sigmoid(z), "1 / (1 + e^(-z))")
    grade_function(run, sigmoid_prime, "sigmoid_prime", (z,), symbolic.sigmoid_derivative(z), "σ(z)(1 - σ(z))",
                   [(z * (1 - z), say.PRIME_OF_Z_TIMES)])


@check("activation_derivatives")
def check_activation_derivatives(run, tanh_prime, relu, relu_prime):
    """Do tanh_prime, relu and relu_prime compute 1 - tanh(z)², max(0, z) and its slope, entry by entry?"""
    z = run.rng.uniform(-3, 3, size=(3, 5))
    grade_function(run, tanh_prime, "tanh_prime", (z,), symbolic.activation_derivative("tanh")(z), "1 - tanh(z)²",
                   [(1 - np.tanh(z), say.TANH_PRIME_SQUARE)])
    z = away_from_kink(run.rng, (3, 5), symbolic.KINKS["relu"])
    grade_function(run, relu, "relu", (z,), symbolic.activation("relu")(z), "max(0, z)")
    grade_function(run, relu_prime, "relu_prime", (z,), symbolic.activation_derivative("relu")(z), "1 for z > 0, 0 for z < 0",
                   notes=[("note", say.KINK_NOTE)])


@check("softmax_output")
def check_softmax_output(run, softmax, softmax_cross_entropy_delta):
    """Does softmax normalise each column without overflowing, and softmax_cross_entropy_delta return the output error a - y?"""
    Z = 3 * run.rng.normal(size=(5, 4))
    exp = np.exp(Z)
    grade_function(run, softmax, "softmax", (Z[:, :1],), symbolic.softmax_columns(Z[:, :1]), "e^z / Σ e^z",
                   [(np.ones((Z.shape[0], 1)), say.SOFTMAX_AXIS)])
    grade_function(run, softmax, "softmax", (Z,), symbolic.softmax_columns(Z), "e^z / Σ e^z, column by column",
                   [(exp / exp.sum(axis=1, keepdims=True), say.SOFTMAX_AXIS)])
    large = Z + 1000
    try:
        grade_function(run, softmax, "softmax", (large,), symbolic.softmax_columns(large), "e^z / Σ e^z")
    except CheckFailure as failure:
        run.fail(say.SOFTMAX_OVERFLOW.format(bad="z in the thousands"), ("what happened", str(failure).splitlines()[0]))
    Y = np.eye(5)[:, run.rng.integers(0, 5, size=4)]
    expected = symbolic.softmax_cross_entropy_gradient(Z, Y)
    A = symbolic.softmax_columns(Z)
    grade_function(run, softmax_cross_entropy_delta, "softmax_cross_entropy_delta", (Z, Y), expected, "∂/∂z of -Σ y log softmax(z)",
                   [((A - Y) * A * (1 - A), say.SOFTMAX_DELTA_PRIME), (Y - A, say.SOFTMAX_DELTA_SIGN)])


# -- Network(sizes) ----------------------------------------------------------------------------
def build_network(run, Network, sizes, parameters=None):
    """The student's Network(sizes), with the check's parameters in place of its random ones when given."""
    with student_random(Network, run):
        net = call_student(run, Network, list(sizes), name="Network").value
    for attribute in ("biases", "weights"):
        if not hasattr(net, attribute):
            run.fail(say.ATTRIBUTE_MISSING.format(attribute=attribute))
    if parameters is not None:
        net.biases, net.weights = [b.copy() for b in parameters[0]], [w.copy() for w in parameters[1]]
    return net


def _holds(value, expected):
    """Whether `value` holds the numbers `expected` holds (3 and [3], a list and an array of the same sizes, alike)."""
    numbers = compare.as_numbers(value)
    return numbers is not None and compare.close(np.atleast_1d(numbers), np.atleast_1d(expected))


def require_layers(run, net, sizes):
    for attribute, expected in (("num_layers", len(sizes)), ("sizes", list(sizes))):
        if not hasattr(net, attribute):
            run.fail(say.ATTRIBUTE_MISSING.format(attribute=attribute))
        value = getattr(net, attribute)
        if not _holds(value, expected):
            run.fail(say.ATTRIBUTE_WRONG.format(sizes=list(sizes), attribute=attribute, value=short_repr(value), expected=expected))
    for attribute, shapes in (("biases", [(n, 1) for n in sizes[1:]]), ("weights", list(zip(sizes[1:], sizes[:-1])))):
        arrays = getattr(net, attribute)
        if not isinstance(arrays, (list, tuple)) or len(arrays) != len(shapes):
            run.fail(say.LIST_LENGTH.format(sizes=list(sizes), attribute=attribute, count=len(shapes)), ("yours", kind_in_words(arrays)))
        for index, (array, shape) in enumerate(zip(arrays, shapes)):
            require_shape(run, array, shape, f"{attribute}[{index}]", f"{attribute}[{index}]")


@check("network_init")
def check_network_init(run, Network):
    """Does Network(sizes) set num_layers, sizes, and biases and weights of the right shapes drawn from a standard normal?"""
    for sizes in ([2, 3, 1], [4, 5, 3, 2]):
        require_layers(run, build_network(run, Network, sizes), sizes)
    net = build_network(run, Network, GAUSSIAN_SIZES)
    for what in ("weights", "biases"):
        values = inputs.flatten(getattr(net, what))
        mean, std = float(values.mean()), float(values.std())
        if abs(mean) > 6 / np.sqrt(values.size) or abs(std - 1) > 6 / np.sqrt(2 * values.size) + 0.01:
            run.fail(say.NOT_GAUSSIAN.format(what=what, mean=mean, std=std))


def student_feedforward(run, Network, net, a):
    with using_references(member(Network, run, "feedforward"), run, sigmoid=symbolic.sigmoid):
        return call_student(run, net.feedforward, a, name="Network.feedforward").value


@check("feedforward")
def check_feedforward(run, Network):
    """Does feedforward apply a = σ(W · a + b) layer after layer, to one column or to a matrix whose columns are examples?"""
    sizes = [5, 4, 3]
    biases, weights = inputs.initial_parameters(sizes, run.rng)
    net = build_network(run, Network, sizes, (biases, weights))
    x = run.rng.normal(size=(sizes[0], 1))
    X = run.rng.normal(size=(sizes[0], 6))
    expected, expected_matrix = run.reference.feedforward(biases, weights, x), run.reference.feedforward(biases, weights, X)
    mistaken = run.mistakes.feedforward(biases, weights, x)
    output = require_shape(run, student_feedforward(run, Network, net, x), (sizes[-1], 1), "feedforward(a)")
    if not compare.close(output, expected):
        headline = compare.first_match(output, compare.candidates(mistaken, lambda result: result, say))
        run.fail(headline or say.FEEDFORWARD_WRONG, *compare.mismatch_details("feedforward(a)", output, expected))
    try:
        outputs = require_shape(run, student_feedforward(run, Network, net, X), (sizes[-1], 6), "feedforward(X)")
    except CheckFailure as failure:
        run.fail(say.FEEDFORWARD_MATRIX, ("what happened", str(failure).splitlines()[0]))
    if not compare.close(outputs, expected_matrix):
        run.fail(say.FEEDFORWARD_MATRIX)


@check("cost_derivative")
def check_cost_derivative(run, Network):
    """Does cost_derivative return a - y, the derivative of ½‖a - y‖² with respect to a?"""
    net = build_network(run, Network, [3, 2])
    a, y = run.rng.uniform(size=(4, 1)), np.eye(4)[:, [int(run.rng.integers(4))]]
    expected = lent.mse_gradient(a, y)
    value = require_shape(run, call_student(run, net.cost_derivative, a, y, name="Network.cost_derivative").value, a.shape, "cost_derivative(a, y)")
    if not compare.close(value, expected):
        run.fail(compare.first_match(value, [(-expected, say.COST_DERIVATIVE_SIGN)]) or say.COST_DERIVATIVE_WRONG)


# -- backprop and backprop_batch ---------------------------------------------------------------
def student_gradients(run, Network, net, method, x, y):
    """(nabla_b, nabla_w) from the student's method, checked to be lists shaped like the parameters."""
    net.cost_derivative = lent.mse_gradient  # graded on its own, in check_cost_derivative
    with using_references(member(Network, run, method), run, sigmoid=symbolic.sigmoid, sigmoid_prime=symbolic.sigmoid_derivative):
        result = call_student(run, getattr(net, method), x, y, name=f"Network.{method}").value
    if not isinstance(result, (tuple, list)) or len(result) != 2 or not all(isinstance(part, (list, tuple)) for part in result):
        run.fail(say.GRADIENT_LISTS.format(name=method), ("yours", kind_in_words(result)))
    biases, weights = net.biases, net.weights
    for name, gradients, parameters in (("nabla_b", result[0], biases), ("nabla_w", result[1], weights)):
        if len(gradients) != len(parameters):
            run.fail(say.GRADIENT_LISTS.format(name=method), ("yours", f"{name}, {kind_in_words(gradients)}"))
        for index, (gradient, parameter) in enumerate(zip(gradients, parameters)):
            what = f"{method}'s {name}[{index}]"
            require_shape(run, gradient, np.shape(parameter), what, f"{name}[{index}]")
            require_finite(run, gradient, what)
    return result


def first_difference(yours, expected):
    """(name, yours, expected) of the first layer's gradient that disagrees, or None."""
    for name, mine, theirs in (("nabla_b", yours[0], expected[0]), ("nabla_w", yours[1], expected[1])):
        for index, (a, b) in enumerate(zip(mine, theirs)):
            if not compare.close(a, b):
                return f"{name}[{index}]", a, b
    return None


def same_gradients(yours, expected):
    return expected is not None and first_difference(yours, expected) is None


@check("backprop")
def check_backprop(run, Network):
    """Does backprop return the gradients of ½‖a - y‖² with respect to every bias and weight, for one example?"""
    for sizes in (SQUARE_SIZES, SIZES):
        biases, weights = inputs.initial_parameters(sizes, run.rng)
        x, y = run.rng.normal(size=(sizes[0], 1)), np.eye(sizes[-1])[:, [int(run.rng.integers(sizes[-1]))]]
        numerical = run.reference.numerical_gradients(biases, weights, x, y)
        mistaken = run.mistakes.backprop(biases, weights, x, y)
        net = build_network(run, Network, sizes, (biases, weights))
        yours = student_gradients(run, Network, net, "backprop", x, y)
        difference = first_difference(yours, numerical)
        if difference:
            name, mine, theirs = difference
            headline = next((message for value, message in compare.candidates(mistaken, lambda result: result, say)
                             if same_gradients(yours, value)), None)
            run.fail(headline or say.BACKPROP_WRONG.format(what=name), ("checked on", f"a test network of sizes {sizes}"),
                     *compare.mismatch_details(name, mine, theirs, agree_below()))


@check("backprop_batch")
def check_backprop_batch(run, Network):
    """Does backprop_batch return the sum of the per-example gradients, for a batch of examples in columns?"""
    sizes, m = SIZES, int(run.rng.integers(4, 8))
    biases, weights = inputs.initial_parameters(sizes, run.rng)
    X, Y = run.rng.normal(size=(sizes[0], m)), np.eye(sizes[-1])[:, run.rng.integers(0, sizes[-1], size=m)]
    expected = run.reference.backprop(biases, weights, X, Y)
    # For code that loops over the columns calling self.backprop: the checker's gradient of each example (backprop is graded on its own).
    per_example = [run.reference.backprop(biases, weights, X[:, [j]], Y[:, [j]]) for j in range(m)]
    net = build_network(run, Network, sizes, (biases, weights))
    net.backprop = lent.ExampleGradientStandIn(X, Y, per_example).backprop
    yours = student_gradients(run, Network, net, "backprop_batch", X, Y)
    difference = first_difference(yours, expected)
    if difference:
        name, mine, theirs = difference
        averaged = ([b / m for b in expected[0]], [w / m for w in expected[1]])
        headline = say.BATCH_AVERAGED if same_gradients(yours, averaged) else say.BATCH_WRONG.format(what=name)
        run.fail(headline, ("checked on", f"a test batch, X {X.shape} and Y {Y.shape}"), *compare.mismatch_details(name, mine, theirs))


# -- update_mini_batch, with a stand-in backprop --------------------------------------------------
@check("update_mini_batch")
def check_update_mini_batch(run, Network):
    """Does update_mini_batch move the weights and biases by -(eta / len(mini_batch)) times the sum of the mini-batch's gradients?"""
    sizes = [3, 4, 2]
    biases, weights = inputs.initial_parameters(sizes, run.rng)
    batch, eta = inputs.tagged(inputs.examples(run.rng, sizes, int(run.rng.integers(3, 7)))), float(run.rng.uniform(0.5, 3))
    stand_in = lent.GradientStandIn(run, sizes, len(batch))
    # Code that never asks self.backprop or self.backprop_batch is graded on the network's real gradients instead.
    real = run.reference.backprop(biases, weights, *inputs.stack_examples(batch))
    net = build_network(run, Network, sizes, (biases, weights))
    net.backprop, net.backprop_batch, net.cost_derivative = stand_in.backprop, stand_in.backprop_batch, lent.mse_gradient
    with using_references(member(Network, run, "update_mini_batch"), run, sigmoid=symbolic.sigmoid, sigmoid_prime=symbolic.sigmoid_derivative):
        call_student(run, net.update_mini_batch, batch, eta, name="Network.update_mini_batch")
    gradients = stand_in.sums() if stand_in.used else real
    after = (net.biases, net.weights)
    expected = judges.step((biases, weights), gradients, eta / len(batch))
    if not all(judges.same_parameters(yours, theirs) for yours, theirs in zip(after, expected)):
        judges.explain_step(run, (biases, weights), after, gradients, eta, len(batch), stand_in if stand_in.used else None)


# -- SGD, with stand-ins for update_mini_batch and evaluate -----------------------------------------
@check("SGD")
def check_SGD(run, Network):  # named like the method it grades
    """Does SGD shuffle every epoch, hand update_mini_batch each mini-batch with eta, and return evaluate(test_data) for each epoch?

    An SGD that trains without self.update_mini_batch is graded where the batches' order cannot change the result: one
    mini-batch per epoch, with the checker's backprop, evaluate and feedforward lent (_grade_full_batch).
    """
    # Two runs with different data, epochs and batch sizes: each argument must show in what SGD does.
    for n, size, epochs in ((int(run.rng.integers(9, 14)), 4, 3), (int(run.rng.integers(8, 12)), 3, 2)):
        _grade_sgd_run(run, Network, n, size, epochs)


def _grade_sgd_run(run, Network, n, size, epochs):
    sizes = [2, 3, 2]
    start = inputs.initial_parameters(sizes, run.rng)
    net = build_network(run, Network, sizes, start)
    training = inputs.tagged(inputs.examples(run.rng, sizes, n))
    test_data = inputs.tagged(inputs.examples(run.rng, sizes, int(run.rng.integers(2, 5)), one_hot=False), start=lent.TEST_TAG)
    # Every other test example is answered right by the network (which the stand-ins never change), so a count made
    # without self.evaluate is neither 0 nor all of them.
    answers = np.argmax(lent.network_output(*start, np.hstack([x for x, _ in test_data])), axis=0)
    test_data = [(x, int(answer) if k % 2 == 0 else int(answer + 1) % sizes[-1]) for k, ((x, _), answer) in enumerate(zip(test_data, answers))]
    stand_in = lent.SGDStandIn(run, n, len(test_data))
    net.update_mini_batch, net.evaluate = stand_in.update_mini_batch, stand_in.evaluate
    eta = float(run.rng.uniform(0.5, 3))
    # Asked before SGD runs, whatever it does: the student kit's record holds every answer this check may need.
    full_batch = run.reference.full_batch_descent(*start, training, epochs, eta, test_data)
    report = _run_sgd(run, Network, net, training, epochs, size, eta, test_data)
    if not stand_in.calls:  # the batches cannot be seen: SGD trains some other way, or not at all
        _grade_full_batch(run, Network, (sizes, start), (training, test_data), full_batch, epochs, eta)
        return
    _grade_mini_batches(run, stand_in.calls, n, size, epochs, eta)
    counted = math.ceil(len(test_data) / 2)  # what code that counts the right answers itself, without self.evaluate, finds
    _grade_history(run, report.value, [stand_in.history(math.ceil(n / size), epochs), [counted] * epochs], epochs)


def _run_sgd(run, Network, net, training, epochs, size, eta, test_data):
    """The student's net.SGD(training, epochs, size, eta, test_data=test_data), its global generators seeded; its CallReport.

    A shuffle of the caller's list in place is harmless to training, and worth knowing: a note.
    """
    with student_random(net, run), using_references(member(Network, run, "SGD"), run, sigmoid=symbolic.sigmoid,
                                                    sigmoid_prime=symbolic.sigmoid_derivative):
        report = call_student(run, net.SGD, training, epochs, size, eta, test_data=test_data, name="Network.SGD")
    for argument in report.reordered:
        note = say.SHUFFLED_IN_PLACE.format(argument=argument)
        if note not in run.notes:
            run.note(note)
    return report


def _grade_full_batch(run, Network, network, data, expected, epochs, eta):
    """An SGD that never calls self.update_mini_batch, given mini_batch_size = len(training_data): each epoch is one step of
    gradient descent on the whole data, whatever the order. With the checker's backprop, backprop_batch, feedforward and
    evaluate lent, its parameters and history must be the answer key's full-batch descent's (`expected`)."""
    (sizes, start), (training, test_data) = network, data
    net = build_network(run, Network, sizes, start)
    stand_ins = lent.TrainingStandIns(run, net)
    net.backprop, net.backprop_batch, net.feedforward, net.evaluate = (stand_ins.backprop, stand_ins.backprop_batch, stand_ins.feedforward,
                                                                       stand_ins.evaluate)
    net.cost_derivative = lent.mse_gradient
    history = _run_sgd(run, Network, net, training, epochs, len(training), eta, test_data).value
    after = [trained_parameters(run, getattr(net, name), name, [np.shape(p) for p in parameters])
             for name, parameters in zip(("biases", "weights"), start)]
    if all(judges.same_parameters(mine, theirs) for mine, theirs in zip(after, start)):
        run.fail(say.NEVER_UPDATED)
    moved = [name for name, mine, theirs in zip(("biases", "weights"), after, (expected["biases"], expected["weights"]))
             if not all(compare.trained_close(a, b) for a, b in zip(mine, theirs))]
    if moved:
        run.fail(say.FULL_BATCH_WRONG.format(what=" and ".join(f"self.{name}" for name in moved), epochs=epochs))
    _grade_history(run, history, [expected["history"]], epochs)


def _grade_mini_batches(run, calls, n, size, epochs, eta):
    """The mini-batches SGD handed update_mini_batch: every epoch a shuffled cover of the data, in batches of `size`, with eta."""
    per_epoch = math.ceil(n / size)
    epoch_sizes = sorted([size] * (n // size) + ([n % size] if n % size else []))
    chunks = [calls[start : start + per_epoch] for start in range(0, len(calls), per_epoch)]
    orders = [[tag for tags, _ in chunk for tag in tags] for chunk in chunks]
    whole = [sorted(order) == list(range(n)) and sorted(len(tags) for tags, _ in chunk) == epoch_sizes for order, chunk in zip(orders, chunks)]
    if not calls:
        run.fail(say.NEVER_UPDATED)
    if len(calls) != epochs * per_epoch:
        if len(calls) % per_epoch == 0 and all(whole):  # whole epochs, only too few or too many
            run.fail(say.RETURNED_EARLY.format(epochs=epochs, count=per_epoch) if len(chunks) == 1
                     else say.EPOCH_COUNT.format(done=len(chunks), epochs=epochs))
        run.fail(say.BATCH_SIZES.format(n=n, size=size, count=per_epoch, got=f"{len(calls)} over {epochs} epochs"))
    for epoch, (order, chunk) in enumerate(zip(orders, chunks)):
        if sorted(order) != list(range(n)):
            run.fail(say.COVERAGE.format(epoch=epoch))
        if sorted(len(tags) for tags, _ in chunk) != epoch_sizes:
            run.fail(say.BATCH_SIZES.format(n=n, size=size, count=per_epoch, got=[len(tags) for tags, _ in chunk]))
    if all(order == list(range(n)) for order in orders) or all(order == orders[0] for order in orders):
        run.fail(say.NO_SHUFFLE)
    wrong_eta = next((value for _, value in calls if value != eta), None)
    if wrong_eta is not None:
        run.fail(say.ETA_PASSED.format(value=wrong_eta))


def _grade_history(run, history, acceptable, epochs):
    """What SGD returned: evaluate(test_data) after each epoch (or the same count computed without evaluate), one of the
    `acceptable` lists of scores."""
    if isinstance(history, (list, tuple)) and any(compare.close(list(history), scores) for scores in acceptable):
        return
    numbers = [compare.as_numbers(score) for score in history] if isinstance(history, (list, tuple)) else []
    if any(number is not None and number.ndim == 0 and number >= lent.OTHER_SCORE for number in numbers):
        run.fail(say.TEST_DATA_PASSED)
    run.fail(say.HISTORY.format(epochs=epochs), ("yours", kind_in_words(history)))


# -- evaluate and accuracy ------------------------------------------------------------------------
@check("evaluate")
def check_evaluate(run, Network):
    """Does evaluate count the test examples whose largest output is at the index of their label?"""
    sizes = [4, 5, 3]
    biases, weights = inputs.initial_parameters(sizes, run.rng)
    biases[-1] = biases[-1] - 4  # outputs well below 0.5: rounding them finds no answer at all
    test_data = inputs.examples(run.rng, sizes, 15, one_hot=False)
    expected = run.reference.evaluate(biases, weights, test_data)
    mistaken = run.mistakes.evaluate(biases, weights, test_data)
    net = build_network(run, Network, sizes, (biases, weights))
    # Graded on its own: the checker's feedforward and σ stand in for the student's (graded in their own checks).
    net.feedforward = lent.FeedforwardStandIn(biases, weights).feedforward
    with using_references(member(Network, run, "evaluate"), run, sigmoid=symbolic.sigmoid):
        count = call_student(run, net.evaluate, test_data, name="Network.evaluate").value
    if not compare.close(count, expected):
        headline = compare.first_match(count, [(expected / len(test_data), say.FRACTION), *compare.candidates(mistaken, lambda result: result, say)])
        run.fail(headline or say.EVALUATE_WRONG, ("yours", describe_value(count)), ("test examples", str(len(test_data))))


def classified(biases, weights, testing):
    """The fraction of (x, label) pairs that biases and weights classify right, computed by the checker."""
    A = lent.network_output(biases, weights, np.hstack([x for x, _ in testing]))
    return float(np.mean(np.argmax(A, axis=0) == np.array([label for _, label in testing])))


def trained_parameters(run, value, attribute, shapes):
    """net.biases or net.weights after training: a list of finite arrays of the given shapes."""
    if not isinstance(value, (list, tuple)) or len(value) != len(shapes):
        run.fail(say.PARAMETERS_AFTER_TRAINING.format(attribute=attribute, count=len(shapes)), ("yours", kind_in_words(value)))
    named = [(f"net.{attribute}[{i}]", array, shape) for i, (array, shape) in enumerate(zip(value, shapes))]
    return [require_finite(run, require_shape(run, array, shape, name), name) for name, array, shape in named]


@check("accuracy", upstream=BATCH_PARTS)
def check_accuracy(run, Network):
    """Does the student's update_mini_batch, driven by the checker's own SGD from a start and an order drawn by the seed,
    arrive where stochastic gradient descent does on the digits?"""
    if not run.end_to_end:
        return  # all of it is end to end: official grading runs it with the hidden seed
    training, testing = load_digits_for_network()
    seed = int(run.rng.integers(2**31))
    batches = inputs.mini_batches(len(training), seed, EPOCHS, BATCH)
    try:
        biases, weights = _train_on_digits(run, Network, seed, batches)
    except CheckFailure as failure:
        if failure.diagnosis not in OWN_WORDS:  # a stub to fill in, a name to define: already the thing to fix
            run.explain_stopped_run(failure, lambda: _explain_accuracy(run, Network, training, seed, batches[:REPLAY_BATCHES]))
        raise
    expected = run.reference.trained_on_digits(seed, EPOCHS, BATCH, ETA)
    pairs = list(zip(biases + weights, expected["biases"] + expected["weights"]))
    if not all(compare.trained_close(yours, theirs) for yours, theirs in pairs):
        watched = _explain_accuracy(run, Network, training, seed, batches[:REPLAY_BATCHES])
        achieved, reached = classified(biases, weights, testing), classified(expected["biases"], expected["weights"], testing)
        accuracies = run.shown(f": they classify {achieved:.1%} of the test digits correctly, where the same run of gradient descent "
                               f"classifies {reached:.1%}", "")
        headline = say.ACCURACY if watched else say.ACCURACY_UNWATCHED
        run.fail(headline.format(epochs=EPOCHS, batch=BATCH, eta=ETA, accuracies=accuracies, last=len(batches[-1])), depends_on_seed=False)


def _train_on_digits(run, Network, seed, batches):
    """(biases, weights) after the student's update_mini_batch has taken every mini-batch, from the check's start."""
    sizes = inputs.DIGITS_SIZES
    net = build_network(run, Network, sizes, inputs.initial_parameters(sizes, np.random.default_rng(seed)))
    loop = beside(net, run, MiniBatchLoop, [batch.tolist() for batch in batches], ETA)
    name = "Network.update_mini_batch"
    limit = limit_from_probe(run, loop.run, net, 0, PROBE_BATCHES, allow_changes=True, name=name, scale=len(batches) / PROBE_BATCHES,
                             probe=f"{PROBE_BATCHES} mini-batches", advice=say.VECTORISE)
    call_student(run, loop.run, net, PROBE_BATCHES, len(batches), allow_changes=True, name=name, time_limit_s=limit)
    biases = trained_parameters(run, net.biases, "biases", [(y, 1) for y in sizes[1:]])
    return biases, trained_parameters(run, net.weights, "weights", [(y, x) for x, y in zip(sizes[:-1], sizes[1:])])


def _explain_accuracy(run, Network, training, seed, batches):
    """Name what to fix, from the first mini-batches watched call by call: the first method seen misbehaving there that also
    fails its own check, else the first seen misbehaving. True when they were watched and none misbehaved; False when
    the watched run itself failed (nothing observed)."""
    failing = set(run.failing_upstream())
    net = build_network(run, Network, inputs.DIGITS_SIZES, inputs.initial_parameters(inputs.DIGITS_SIZES, np.random.default_rng(seed)))
    # __init__ runs first; the check replaces its biases and weights, so what it leaves for the methods is num_layers and sizes.
    if "network_init" in failing and not _layers_described(net, inputs.DIGITS_SIZES):
        run.fail_upstream(["network_init"])
    state = ("biases", "weights")
    methods = [(f"Network.{name}", net, name, state) for name in ("backprop", "backprop_batch", "cost_derivative")]
    for batch in batches:
        before = {"biases": net.biases, "weights": net.weights}
        calls, _ = watched_run(run, net.update_mini_batch, ("sigmoid", "sigmoid_prime"), [training[i] for i in batch], ETA, methods=methods)
        if calls is None:
            return False
        update_wrong = not judges.stepped(before, {"biases": net.biases, "weights": net.weights}, calls, ETA, len(batch))
        blamed = _first_misbehaving(calls, update_wrong, failing.__contains__)
        if blamed:
            run.fail_upstream([judges.CHECK_OF[blamed[0]]])
        seen = _first_misbehaving(calls, update_wrong, lambda check_name: True)
        if seen:
            run.fail(say.DIFFERS_IN_RUN.format(name=seen[0], wrong=seen[1]), depends_on_seed=False)
    return True


def _layers_described(net, sizes):
    """Whether Network(sizes) set num_layers and sizes as the notebook says."""
    return all(hasattr(net, name) and _holds(getattr(net, name), expected) for name, expected in (("num_layers", len(sizes)), ("sizes", sizes)))


def _first_misbehaving(calls, update_wrong, judged):
    """(name, what went wrong) of the first watched call that went wrong among those whose check `judged` admits (innermost
    first, as calls are noted; update_mini_batch's own step last), or None."""
    call, wrong = first_wrong(calls, lambda name: judges.JUDGES.get(name) if judged(judges.CHECK_OF.get(name)) else None)
    if call is not None:
        return call.name, wrong
    return ("Network.update_mini_batch", say.RUN_UPDATE) if update_wrong and judged("update_mini_batch") else None
