"""Checks of assignment 02: initialize_parameters, LinearLayer, SigmoidLayer, compute_cost, train, and outcomes.

Layers are graded as vector–Jacobian products: a backward pass must equal centred differences
of the student's own forward pass. `train` is graded by its results, with layers and a compute_cost
lent by the checker that really compute and note every call: where they end up must be where
gradient descent takes them, and the notes only explain a wrong result (judges.py). The outcome
checks train networks built from the student's own classes, from weights drawn here, and explain a
wrong outcome by what a watched short run shows (below).
"""


import numpy as np

from checker.assignments.computational_graph import inputs
from checker.assignments.computational_graph import messages as say
from checker.assignments.computational_graph import judges, lent
from checker.checks import compare, symbolic
from checker.checks.describe import describe_value, kind_in_words
from checker.checks.errors import CheckFailure
from checker.checks.guard import call_student, limit_from_probe, member, set_items, student_random, using_references
from checker.checks.registry import check
from checker.checks.run import OWN_WORDS
from checker.checks.shapes import fail_unusable, require_finite, require_scalar, require_shape
from checker.checks.spies import first_wrong, state_of, watched_run
from checker.gradients.numerical import numerical_gradient, numerical_vjp
from checker.thresholds import agree_below

# -- initialize_parameters: each scaling tested statistically -----------------------------------
# With 200,000 weights the sample standard deviation is within 0.2 % of the true one (one standard
# error), so the 3 % tolerance fails a correct implementation far less than once in a million runs,
# while the nearest mistake (Xavier scaled by n_out) is 10 % off.
N_IN, N_OUT = 400, 500
SCALE_RTOL = 0.03
NORMAL_WITHIN_ONE_SD = 0.6827  # fraction of a normal sample within one standard deviation of 0
NORMALITY_TOLERANCE = 0.02  # uniform draws give 0.577


def draw_parameters(run, initialize_parameters, n_in, n_out, **ini_type):
    with student_random(initialize_parameters, run):
        params = call_student(run, initialize_parameters, n_in, n_out, **ini_type).value
    if not isinstance(params, dict):
        run.fail(say.PARAMS_NOT_DICT.format(kind=kind_in_words(params)))
    for key in ("W", "b"):
        if key not in params:
            run.fail(say.PARAMS_KEY.format(key=key, kind=kind_in_words(params)))
    W = require_shape(run, params["W"], (n_out, n_in), 'params["W"]', "W")
    b = require_shape(run, params["b"], (n_out, 1), 'params["b"]', "b")
    if np.any(b != 0):
        run.fail(say.BIAS_RANDOM)
    return W


def _close_scale(measured, expected):
    return abs(measured / expected - 1) <= SCALE_RTOL


def grade_scale(run, W, ini_type):
    expected, measured = inputs.SCALES[ini_type](N_IN), float(W.std())
    if abs(W.mean()) > 6 * measured / np.sqrt(W.size):  # six standard errors of the mean
        run.fail(say.NOT_CENTRED.format(mean=W.mean()))
    formula = say.FORMULAS[ini_type]
    if not _close_scale(measured, expected):
        for other, scale in inputs.SCALES.items():
            if other != ini_type and _close_scale(measured, scale(N_IN)):
                run.fail(say.SCALE_SWAPPED.format(ini_type=ini_type, other=other, formula=formula))
        if ini_type != "plain" and _close_scale(measured, inputs.SCALES[ini_type](N_OUT)):
            run.fail(say.SCALE_N_OUT.format(ini_type=ini_type))
        if _close_scale(measured, 1.0):
            run.fail(say.SCALE_MISSING.format(ini_type=ini_type, measured=measured, formula=formula))
        run.fail(say.SCALE_WRONG.format(ini_type=ini_type, measured=measured, n_in=N_IN, formula=formula))
    if abs(np.mean(np.abs(W) < measured) - NORMAL_WITHIN_ONE_SD) > NORMALITY_TOLERANCE:
        run.fail(say.NOT_NORMAL)


@check("initialize_parameters")
def check_initialize_parameters(run, initialize_parameters):
    """Does initialize_parameters return b of zeros and W of shape (n_out, n_in), drawn from a centred normal at the plain, Xavier or He scale?"""
    for n_in, n_out in ((3, 2), (2, 5)):
        draw_parameters(run, initialize_parameters, n_in, n_out)
    grade_scale(run, draw_parameters(run, initialize_parameters, N_IN, N_OUT), "plain")
    for ini_type in inputs.SCALES:
        grade_scale(run, draw_parameters(run, initialize_parameters, N_IN, N_OUT, ini_type=ini_type), ini_type)


# -- LinearLayer ---------------------------------------------------------------------------------
SQUARE = 4  # n_in = n_out = m, so transposition mistakes compute and can be recognised by value


def stored(run, layer, attribute, method):
    """An attribute a method must have set on the layer."""
    if not hasattr(layer, attribute):
        run.fail(say.NOT_STORED.format(method=method, attribute=attribute))
    return getattr(layer, attribute)


def linear_parameters(run, layer, method, n_in, n_out):
    """(W, b) from the layer's params after `method`: a dictionary holding W of shape (n_out, n_in) and b of (n_out, 1)."""
    params = stored(run, layer, "params", method)
    if not isinstance(params, dict) or "W" not in params or "b" not in params:
        fail_unusable(run, params, "self.params", 'a dictionary with the entries "W" and "b"')
    return require_shape(run, params["W"], (n_out, n_in), 'params["W"]', "W"), require_shape(run, params["b"], (n_out, 1), 'params["b"]', "b")


def build_linear(run, LinearLayer, n_in, m, n_out):
    """The student's LinearLayer, built with stand-in zero parameters (the checks set their own)."""
    with using_references(member(LinearLayer, run, "__init__"), run, initialize_parameters=inputs.zero_parameters):
        layer = call_student(run, LinearLayer, (n_in, m), n_out, name="LinearLayer").value
    linear_parameters(run, layer, "LinearLayer(...)", n_in, n_out)
    return layer


def linear_forward(run, layer, W, b, A_prev):
    """Z from the student's forward with the given parameters."""
    set_items(layer, run, "params", {"W": W.copy(), "b": b.copy()})
    call_student(run, layer.forward, A_prev, name="LinearLayer.forward")
    return stored(run, layer, "Z", "forward")


def fail_if_stale(run, before, attribute, value, method):
    """Fail a wrong result that is only what the attribute held before the call: the call never stored its own."""
    if attribute in before and compare.close(value, before[attribute]):
        run.fail(say.STALE.format(method=method, attribute=attribute))


def grade_linear_forward(run, layer, W, b, A_prev):
    expected = run.reference.linear_forward(W, b, A_prev)
    mistaken = run.mistakes.linear_forward(W, b, A_prev)
    before = state_of(run, layer, ("Z", "A_prev"))()
    Z = linear_forward(run, layer, W, b, A_prev)
    if not compare.close(Z, expected):
        fail_if_stale(run, before, "Z", Z, "forward")
        require_shape(run, Z, expected.shape, "self.Z", "Z")
        headline = compare.first_match(Z, compare.candidates(mistaken, lambda result: result, say))
        run.fail(headline or say.Z_WRONG, *compare.mismatch_details("Z", Z, expected))
    cached = stored(run, layer, "A_prev", "forward")
    if not compare.close(cached, A_prev):
        fail_if_stale(run, before, "A_prev", cached, "forward")
        require_shape(run, cached, A_prev.shape, "self.A_prev", "A_prev")
        run.fail(say.A_PREV_NOT_INPUT, ("yours", describe_value(cached)))


def grade_linear_backward(run, layer, W, b, A_prev):
    G = run.rng.normal(size=(W.shape[0], A_prev.shape[1]))
    expected = run.reference.linear_backward(W, A_prev, G)
    mistaken = run.mistakes.linear_backward(W, A_prev, G)
    linear_forward(run, layer, W, b, A_prev)
    before = state_of(run, layer, ("dW", "db", "dA_prev"))()
    call_student(run, layer.backward, G, name="LinearLayer.backward")
    values = {name: stored(run, layer, name, "backward") for name in ("dW", "db", "dA_prev")}
    if not compare.close(stored(run, layer, "A_prev", "backward"), A_prev):
        run.fail(say.CACHE_CHANGED)
    db = values["db"]
    if isinstance(db, np.ndarray) and db.shape == G.shape and db.shape != b.shape:
        run.fail(say.DB_NOT_SUMMED)
    if isinstance(db, np.ndarray) and db.shape != b.shape and db.size == G.shape[1] and compare.close(db.ravel(), G.sum(axis=0)):
        run.fail(say.DB_WRONG_AXIS)  # a sum over the units, one entry per example: seen by its values, whatever its shape
    m = A_prev.shape[1]
    for name in ("dW", "db", "dA_prev"):
        if not compare.close(values[name], expected[name]):
            fail_if_stale(run, before, name, values[name], "backward")
        require_shape(run, values[name], expected[name].shape, f"self.{name}", name)
        require_finite(run, values[name], f"self.{name}")
    wrong = [name for name in ("dW", "db", "dA_prev") if not compare.close(values[name], expected[name])]
    if not wrong:
        return
    # Explain with centred differences of the student's own forward pass: is backward its gradient at all?
    name = wrong[0]
    argument = {"dW": (W, lambda v: linear_forward(run, layer, v, b, A_prev)), "db": (b, lambda v: linear_forward(run, layer, W, v, A_prev)),
                "dA_prev": (A_prev, lambda v: linear_forward(run, layer, W, b, v))}[name]
    numerical = numerical_vjp(argument[1], argument[0], G)
    candidates = {
        "dW": [*compare.candidates(mistaken, lambda result: result["dW"], say), (expected["dW"] / m, say.DW_AVERAGED)],
        "db": [(expected["db"] / m, say.DB_AVERAGED)],
        "dA_prev": compare.candidates(mistaken, lambda result: result["dA_prev"], say),
    }[name]
    headline = compare.first_match(values[name], candidates)
    run.fail(headline or say.VJP_WRONG.format(what=name), *compare.mismatch_details(name, values[name], numerical, agree_below()))


def grade_update_params(run, layer, n_in, n_out):
    W, b = run.rng.normal(size=(n_out, n_in)), run.rng.normal(size=(n_out, 1))
    dW, db = run.rng.normal(size=W.shape), run.rng.normal(size=b.shape)
    rate = float(run.rng.uniform(0.2, 0.9))
    for arguments, step in (((rate,), rate), ((), 0.1)):
        expected_W, expected_b = run.reference.linear_update(W, b, dW, db, step)
        mistaken = run.mistakes.linear_update(W, b, dW, db, step)
        set_items(layer, run, "params", {"W": W.copy(), "b": b.copy()})
        layer.dW, layer.db = dW.copy(), db.copy()
        call_student(run, layer.update_params, *arguments, name="LinearLayer.update_params")
        new_W, new_b = linear_parameters(run, layer, "update_params", n_in, n_out)
        if compare.close(new_W, W) and compare.close(new_b, b):
            run.fail(say.UPDATE_NO_EFFECT)
        if not compare.close(new_W, expected_W):
            headline = compare.first_match(new_W, compare.candidates(mistaken, lambda result: result[0], say))
            run.fail(headline or (say.UPDATE_DEFAULT if not arguments else say.UPDATE_WRONG))
        if not compare.close(new_b, expected_b):
            run.fail(say.UPDATE_B if compare.close(new_b, b) else say.UPDATE_WRONG)


def fresh_linear_case(run, LinearLayer, rows, cols, examples):
    """A fresh layer for inputs of `cols` features and `examples` columns, with parameters and input drawn here."""
    layer = build_linear(run, LinearLayer, cols, examples, rows)
    return layer, run.rng.normal(size=(rows, cols)), run.rng.normal(size=(rows, 1)), run.rng.normal(size=(cols, examples))


@check("linear_layer")
def check_linear_layer(run, LinearLayer):
    """Do LinearLayer's forward, backward and update_params compute Z = W · A_prev + b, its gradients and the step W - learning_rate * dW?"""
    n_in, m, n_out = 3, int(run.rng.integers(5, 8)), 2
    layer = build_linear(run, LinearLayer, n_in, m, n_out)
    for shape in ((n_out, n_in, m), (SQUARE, SQUARE, SQUARE)):
        grade_linear_forward(run, *fresh_linear_case(run, LinearLayer, *shape))
    for shape in ((SQUARE, SQUARE, SQUARE), (n_out, n_in, m)):
        grade_linear_backward(run, *fresh_linear_case(run, LinearLayer, *shape))
    grade_update_params(run, layer, n_in, n_out)


# -- SigmoidLayer: against SymPy's σ and σ' -----------------------------------------------------
def sigmoid_forward(run, layer, Z):
    call_student(run, layer.forward, Z, name="SigmoidLayer.forward")
    return stored(run, layer, "A", "forward")


@check("sigmoid_layer")
def check_sigmoid_layer(run, SigmoidLayer):
    """Do SigmoidLayer's forward and backward compute A = σ(Z) and dZ = upstream_grad ⊙ σ'(Z)?"""
    Z = run.rng.uniform(-4, 4, size=(int(run.rng.integers(2, 4)), int(run.rng.integers(4, 7))))
    layer = call_student(run, SigmoidLayer, Z.shape, name="SigmoidLayer").value
    before = state_of(run, layer, ("A", "dZ"))()
    A = sigmoid_forward(run, layer, Z)
    if not compare.close(A, symbolic.sigmoid(Z)):
        fail_if_stale(run, before, "A", A, "forward")
        require_shape(run, A, Z.shape, "self.A", "A")
        run.fail(say.A_WRONG, *compare.mismatch_details("A", A, symbolic.sigmoid(Z)))

    G = run.rng.normal(size=Z.shape)
    call_student(run, layer.backward, G, name="SigmoidLayer.backward")
    dZ = stored(run, layer, "dZ", "backward")
    exact = G * symbolic.sigmoid_derivative(Z)  # SymPy's σ'(Z): the ground truth
    if not compare.close(dZ, exact):
        fail_if_stale(run, before, "dZ", dZ, "backward")
    require_shape(run, dZ, Z.shape, "self.dZ", "dZ")
    if not compare.close(dZ, exact):
        numerical = numerical_vjp(lambda v: sigmoid_forward(run, layer, v), Z, G)  # your forward's own slope, for the details
        s = symbolic.sigmoid(Z)
        headline = compare.first_match(dZ, [
            (G * Z * (1 - Z), say.DZ_FROM_Z), (G * s, say.DZ_MISSING_ONE_MINUS_A),
            (s * (1 - s), say.DZ_NO_UPSTREAM), (G, say.DZ_NO_DERIVATIVE),
        ])
        run.fail(headline or say.DZ_WRONG, *compare.mismatch_details("dZ", dZ, numerical, agree_below()))


# -- compute_cost ----------------------------------------------------------------------------
def student_cost(run, compute_cost, Y, Y_hat):
    result = call_student(run, compute_cost, Y, Y_hat).value
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        run.fail(say.COST_PAIR.format(kind=kind_in_words(result)))
    cost, dY_hat = result
    cost = require_scalar(run, cost, "cost")
    require_finite(run, cost, "cost")
    return cost, require_shape(run, dY_hat, Y_hat.shape, "dY_hat")


@check("compute_cost")
def check_compute_cost(run, compute_cost):
    """Does compute_cost return the cost 1/(2m) Σ (Y - Ŷ)² and its derivative dY_hat, for any Y and Y_hat?"""
    m = int(run.rng.integers(5, 10))
    Y = inputs.labels(run.rng, m)
    Y_hat = run.rng.uniform(0.05, 0.95, size=(1, m))
    expected_cost, expected_dY = run.reference.compute_cost(Y, Y_hat)
    cost, dY_hat = student_cost(run, compute_cost, Y, Y_hat)
    if not compare.close(cost, expected_cost):
        headline = compare.first_match(cost, [
            (2 * expected_cost, say.COST_NO_HALF), (m * expected_cost, say.COST_NOT_AVERAGED), (2 * m * expected_cost, say.COST_NOT_AVERAGED),
        ])
        run.fail(headline or say.COST_WRONG, ("yours", describe_value(cost)), ("inputs", f"Y and Y_hat of shape {Y.shape}, so m = {m}"))
    if not compare.close(dY_hat, expected_dY):
        own = numerical_gradient(lambda v: student_cost(run, compute_cost, Y, v)[0], Y_hat)
        headline = compare.first_match(dY_hat, [(m * expected_dY, say.DY_NO_M), (-expected_dY, say.DY_SIGN)])
        run.fail(headline or say.DY_WRONG, *compare.mismatch_details("dY_hat", dY_hat, own, agree_below()))


# -- train: with layers and a compute_cost lent by the checker, which compute and note every call ----------
TRAIN_SIZES, TRAIN_EXAMPLES = (2, 3, 1), 6


def require_costs(run, costs, epochs):
    """Fail unless train returned a list (a tuple, a 1-d array) of one cost per epoch."""
    count = judges.count_of(costs)
    if count is None:
        run.fail(say.COSTS_NOT_A_LIST.format(kind=kind_in_words(costs)))
    if count != epochs:
        run.fail(say.COSTS_LENGTH.format(count=count, epochs=epochs), ("yours", kind_in_words(costs)))


def grade_costs(run, costs, expected, epochs):
    """train's costs: one number per epoch, each the cost compute_cost returned for that epoch's forward pass."""
    require_costs(run, costs, epochs)
    costs = [require_scalar(run, value, f"costs[{i}]", "cost") for i, value in enumerate(costs)]
    if not compare.close(costs, expected["costs"]):
        after = compare.close(costs, expected["after"])
        run.fail(say.COSTS_AFTER_UPDATE if after else say.COSTS_WRONG, ("yours", describe_value(np.array(costs))))


@check("train")
def check_train(run, train):
    """Does train leave every linear layer where num_epochs epochs of gradient descent at learning_rate take it, and return each epoch's cost?"""
    sizes, m = TRAIN_SIZES, TRAIN_EXAMPLES
    X, Y = run.rng.normal(size=(sizes[0], m)), inputs.labels(run.rng, m)
    epochs, rate = int(run.rng.integers(3, 6)), float(run.rng.uniform(0.5, 2.0))
    start = int(run.rng.integers(2**31))
    # Asked before train runs, whatever it does: the student kit's record holds every answer this check may need.
    expected = run.reference.training_run(sizes, start, X, Y, epochs, rate)
    journal = lent.Journal(run)
    layers = lent.lent_network(journal, inputs.starting_parameters(sizes, start), m)
    try:
        with using_references(train, run, compute_cost=lent.LentCost(journal), sigmoid=symbolic.sigmoid):
            costs = call_student(run, train, layers, X, Y, epochs, rate, allow_changes=True).value
    except CheckFailure:
        if journal.misfed is not None:  # a layer refused what train gave it: say what that was
            run.fail(judges.refused(journal.steps, journal.misfed, X, Y, len(sizes) - 1))
        raise
    for number, (layer, final) in enumerate(zip(layers[::2], expected["params"]), start=1):
        if not (compare.trained_close(layer.params["W"], final["W"]) and compare.trained_close(layer.params["b"], final["b"])):
            found = judges.first_miswiring(journal.steps, X, Y, len(sizes) - 1, epochs, rate, judges.count_of(costs))
            run.fail(found[1] if found else say.PARAMS_WRONG.format(layer=number, epochs=epochs))
    grade_costs(run, costs, expected, epochs)


# -- outcomes: the student's own classes and loop, on OR and XOR ---------------------------------
# The check draws the starting weights (Xavier scale) from its seed and trains with the student's train,
# EPOCHS epochs at LEARNING_RATE. Gradient descent is deterministic, so the trained parameters must be the
# reference's from the same start (thresholds.TRAINED_RTOL). Neither what train returns nor what forward
# computes can buy the outcome. A failed run is replayed for REPLAY_EPOCHS with every call watched.
EPOCHS = 1500
LEARNING_RATE = 2.0
PROBE_EPOCHS = 50  # a first, timed run this long sets the full run's time limit
REPLAY_EPOCHS = 2


def build_network(run, LinearLayer, SigmoidLayer, sizes, m, seed):
    """[LinearLayer, SigmoidLayer, ...] from the student's classes, with the check's starting weights (drawn with `seed`)."""
    layers = []
    for n_out, (W, b) in zip(sizes[1:], inputs.starting_parameters(sizes, seed)):
        linear = build_linear(run, LinearLayer, W.shape[1], m, n_out)
        set_items(linear, run, "params", {"W": W, "b": b})
        layers += [linear, call_student(run, SigmoidLayer, (n_out, m), name="SigmoidLayer").value]
    return layers


def trained_parameters(run, layers, sizes):
    """[(W, b)] of each linear layer after training, read from its params and checked for shape and finiteness."""
    found = []
    for k, (linear, n_in, n_out) in enumerate(zip(layers[::2], sizes[:-1], sizes[1:])):
        params = linear.params
        if not isinstance(params, dict) or "W" not in params or "b" not in params:
            run.fail(say.PARAMS_AFTER_TRAINING.format(layer=k + 1))
        W = require_finite(run, require_shape(run, params["W"], (n_out, n_in), f"layer {k + 1}'s params['W']"), f"layer {k + 1}'s params['W']")
        b = require_finite(run, require_shape(run, params["b"], (n_out, 1), f"layer {k + 1}'s params['b']"), f"layer {k + 1}'s params['b']")
        found.append((np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)))
    return found


@check("outcomes", upstream=("linear_layer", "sigmoid_layer", "compute_cost", "train"))
def check_outcomes(run, LinearLayer, SigmoidLayer, train):
    """Do the student's own layers and train, from starting weights drawn by the seed, arrive where gradient descent does?"""
    if not run.end_to_end:
        return  # all of it is end to end: official grading runs it with the hidden seed
    seed = int(run.rng.integers(2**31))
    for task_index, (task, X, Y, sizes) in enumerate(inputs.TASKS):
        classes = (LinearLayer, SigmoidLayer, train)
        try:
            probe = build_network(run, LinearLayer, SigmoidLayer, sizes, X.shape[1], seed)
            limit = limit_from_probe(run, train, probe, X, Y, PROBE_EPOCHS, LEARNING_RATE, allow_changes=True,
                                     scale=EPOCHS / PROBE_EPOCHS, probe=f"{PROBE_EPOCHS} epochs", advice=say.VECTORISE)
            layers = build_network(run, LinearLayer, SigmoidLayer, sizes, X.shape[1], seed)
            costs = call_student(run, train, layers, X, Y, EPOCHS, LEARNING_RATE, allow_changes=True, time_limit_s=limit).value
            require_costs(run, costs, EPOCHS)
            parameters = trained_parameters(run, layers, sizes)
        except CheckFailure as failure:
            if failure.diagnosis in OWN_WORDS:  # a stub to fill in, a name to define: already the thing to fix
                raise
            run.explain_stopped_run(failure, lambda: _explain_outcome(run, classes, (task, X, Y, sizes), seed))
            raise
        expected = run.reference.trained_parameters(task_index, seed, EPOCHS, LEARNING_RATE)
        if not all(compare.trained_close(W, e["W"]) and compare.trained_close(b, e["b"]) for (W, b), e in zip(parameters, expected)):
            _explain_outcome(run, classes, (task, X, Y, sizes), seed)
            _fail_outcome(run, task, X, Y, parameters)


# What a short run with every method of the student's layers and compute_cost watched shows (checker.checks.spies).
STATE = {"linear": ("params", "A_prev", "Z", "dW", "db", "dA_prev"), "sigmoid": ("Z", "A", "dZ")}
METHODS = {"linear": ("forward", "backward", "update_params"), "sigmoid": ("forward", "backward")}
CHECK_OF = {"linear": "linear_layer", "sigmoid": "sigmoid_layer", "cost": "compute_cost"}


def _watched_methods(layers):
    """(label, owner, method, state) for every method of [linear 1, sigmoid 1, ...], and {label: (kind, layer, what)}."""
    methods, keys = [], {"compute_cost": judges.COST}
    for index, owner in enumerate(layers):
        kind, layer = ("linear", "sigmoid")[index % 2], index // 2 + 1
        for method in METHODS[kind]:
            what = "update" if method == "update_params" else method
            label = judges.name_of(kind, layer, what)
            methods.append((label, owner, method, STATE[kind]))
            keys[label] = (kind, layer, what)
    return methods, keys


def watched_misbehaviour(run, train, layers, X, Y, epochs, rate):
    """[(check name, what the run showed)] in the order a watched run of train showed them: a call that stopped with an
    error, the first wrong call of each layer kind and of compute_cost, and train's first step otherwise than the exercise
    says (before any error). Empty when nothing was wrong there."""
    methods, keys = _watched_methods(layers)
    calls, value = watched_run(run, train, ("compute_cost",), layers, X, Y, epochs, rate, methods=methods, partial=True)
    raised = next((index for index, call in enumerate(calls) if call.raised), None)
    seen = [] if raised is None else [(raised, CHECK_OF[keys[calls[raised].name][0]], say.SEEN_RAISED.format(step=calls[raised].name))]
    for kind, upstream in CHECK_OF.items():
        call, wrong = first_wrong([call for call in calls if keys[call.name][0] == kind and not call.raised],
                                  lambda label: judges.JUDGES[keys[label][0], keys[label][2]])
        if call is not None:
            seen.append((next(i for i, noted in enumerate(calls) if noted is call), upstream, say.SEEN_CALL.format(step=call.name, wrong=wrong)))
    steps = [judges.step_of(call, keys[call.name]) for call in calls]
    miswired = judges.first_miswiring(steps, X, Y, len(layers) // 2, epochs, rate, judges.count_of(value))
    if miswired and (raised is None or miswired[0] <= raised):  # after a call that stopped the run, nothing is train's doing
        seen.append((miswired[0], "train", say.SEEN_TRAIN.format(wrong=miswired[1])))
    return [(check, words) for _, check, words in sorted(seen, key=lambda item: item[0])]


def _explain_outcome(run, classes, task, seed):
    """Fail with what a watched short run shows: the first misbehaving function that fails its own check, else the first
    misbehaving one; return when the run shows nothing wrong (the caller then states the plain fact)."""
    (LinearLayer, SigmoidLayer, train), (_, X, Y, sizes) = classes, task
    layers = build_network(run, LinearLayer, SigmoidLayer, sizes, X.shape[1], seed)
    seen = watched_misbehaviour(run, train, layers, X, Y, REPLAY_EPOCHS, LEARNING_RATE)
    run.blame_observed(seen)
    if seen:
        run.fail(say.DIFFERS_IN_RUN.format(wrong=seen[0][1]), depends_on_seed=False)


def _fail_outcome(run, name, X, Y, parameters):
    """The plain fact: what the trained layers classify, and which upstream functions fail their own checks (not seen to misbehave)."""
    A = X
    for W, b in parameters:
        A = symbolic.sigmoid(W @ A + b)
    accuracy, cost = float(np.mean((A > 0.5) == Y)), float(np.sum((Y - A) ** 2) / (2 * Y.shape[1]))
    notes = [("note", say.ALSO_FAILING.format(names=f"`{run.subject_of(check)}`")) for check in run.failing_upstream()]
    run.fail(say.OUTCOME.format(task=name, epochs=EPOCHS, rate=LEARNING_RATE, accuracy=accuracy, cost=cost), *notes, depends_on_seed=False)
