"""What assignment 01's checks say about recognisable mistakes; each diagnosis has a stable id."""

from checker.checks.messages import Diagnosis, template

# Data preparation
NOT_THE_DATASET = Diagnosis(
    "data_preparation.not_the_dataset",
    "{name} is not the images load_dataset() returns ({yours}). The graded notebook must prepare the built-in digits: "
    "keep `load_dataset()` with no folder here, and try your own images in a copy of the notebook.",
    student=("name", "yours"),
)
COUNT_WRONG = Diagnosis("data_preparation.count_wrong", "{name} is {value}, but it should count the examples: the first axis of {array} (shape {shape}).",
                        student=("name", "value", "array", "shape"))
NUM_PX_WRONG = Diagnosis("data_preparation.num_px_wrong", "num_px is {value}, but it should be the height (= width) of one image: axis 1 of train_set_x_orig (shape {shape}).",
                         student=("value", "shape"))
COLUMNS_NOT_IMAGES = Diagnosis(
    "data_preparation.columns_not_images",
    "The columns of {name} are not the images: column i should hold image i's pixels. "
    "reshape(-1, m) mixes pixels of different images; use X.reshape(X.shape[0], -1).T.",
    student=("name",),
)
NOT_NORMALIZED = Diagnosis("data_preparation.not_scaled", "{name} still holds values up to {top:g}: divide the flattened pixels by 255.",
                           student=("name", "top"))
INTEGER_DIVISION = Diagnosis("data_preparation.integer_division", "{name} holds only 0 and 1: `//` is integer division. Use `/ 255`.",
                             student=("name",))
WRONG_SCALE = template("{name} should be {source} divided by 255, so that every value lies between 0 and 1.",
                       checker=("source",), student=("name",))

# sigmoid
SIGMOID_SIGN = Diagnosis("sigmoid.sign", "Your sigmoid computes 1 / (1 + e^z): the exponent needs a minus sign, e^(-z).")
SIGMOID_NO_RECIPROCAL = Diagnosis("sigmoid.no_reciprocal", "Your sigmoid returns 1 + e^(-z): take the reciprocal, 1 / (1 + e^(-z)).")
SIGMOID_WRONG = "sigmoid(z) is not 1 / (1 + e^(-z)) for every entry of z."
SIGMOID_SLOPE = Diagnosis("sigmoid.rounded", "Your sigmoid's values are close, but its slope is not σ(z)(1 − σ(z)): are you rounding the result?")

# initialize_with_zeros
RETURNS_PAIR = Diagnosis("returns.wrong_container", "{name} should return the pair {pair}, but it returned {kind}.",
                         checker=("pair",), student=("name", "kind"))
W_NOT_ZEROS = Diagnosis("initialize_with_zeros.w_not_zeros", "w should be all zeros; it holds {count} non-zero entries.",
                        student=("count",))
W_NOT_REAL = Diagnosis("initialize_with_zeros.w_not_real", "w holds values of dtype {dtype}, which are not real numbers: use np.zeros((dim, 1)).",
                       student=("dtype",))
B_NOT_ZERO = Diagnosis("initialize_with_zeros.b_not_zero", "b should start at 0, but it is {value!r}.", student=("value",))
# A note, said once per check: integer zeros give the same results wherever the code makes new arrays.
W_INTEGERS = (
    "your w holds zeros whose dtype is not a float (integers, say). They work wherever the code makes new arrays, as w = w - learning_rate * dw does, but an "
    "in-place step on them such as w -= learning_rate * dw fails: NumPy cannot store fractions in such an array. "
    "np.zeros((dim, 1)) gives float zeros."
)

# propagate
GRADS_ORDER = Diagnosis("propagate.returns_cost_first", "propagate returned (cost, grads); the order is (grads, cost).")
GRADS_NOT_DICT = Diagnosis("propagate.grads_not_dict", 'grads should be a dictionary {{"dw": ..., "db": ...}}, but it is a {kind}.',
                           student=("kind",))
GRADS_KEY = Diagnosis("propagate.grads_key", 'grads has no "{key}" entry; it has {keys}.', checker=("key",), student=("keys",))
COST_TIMES_M = Diagnosis("propagate.cost_not_divided_by_m", "Your cost is exactly m times too large: did you divide by m?")
COST_OVER_M = Diagnosis("propagate.cost_divided_by_m_twice", "Your cost is exactly m times too small: you divided by m twice.")
COST_SIGN = Diagnosis("propagate.cost_sign", "Your cost has the wrong sign: the cross-entropy is -(1/m) Σ (y log a + (1 - y) log(1 - a)).")
COST_SWAPPED = Diagnosis("propagate.cost_logs_swapped", "The log terms of your cost are swapped: y goes with log(a), and (1 - y) with log(1 - a).")
COST_NO_BIAS = Diagnosis("propagate.cost_without_b", "Your cost ignores b: the activation is A = σ(wᵀX + b).")
COST_SQUARED = Diagnosis("propagate.cost_squared_error", "This is a squared error. Logistic regression uses the cross-entropy cost, which keeps the problem convex.")
COST_HALF = Diagnosis("propagate.cost_one_term", "Your cost has only the y·log(a) term; add the (1 - y)·log(1 - a) term.")
COST_WRONG = "Your cost is not the mean binary cross-entropy of A = σ(wᵀX + b)."
COST_WRONG_BUT_CONSISTENT = "your dw is the gradient of this cost, so fix the cost and dw will follow"
M_FROM_ROWS = Diagnosis(
    "propagate.m_from_rows",
    "Your {what} is divided by the number of rows of X, n_x = X.shape[0], instead of the number of examples: the examples "
    "are the columns of X, so m = X.shape[1].",
    checker=("what",),
)
DW_TIMES_M = Diagnosis("propagate.dw_not_divided_by_m", "dw is exactly m times too large: did you divide by m?")
DW_OVER_M = Diagnosis("propagate.dw_divided_by_m_twice", "dw is exactly m times too small: you divided by m twice.")
DW_SIGN = Diagnosis("propagate.dw_sign", "dw has the wrong sign: dZ = A - Y, not Y - A.")
DW_NO_BIAS = Diagnosis("propagate.dw_without_b", "dw ignores b: compute A = σ(wᵀX + b) before the gradients.")
DW_USED_Z = Diagnosis("propagate.dw_from_z", "dw uses Z where it needs A = σ(Z): dZ = A - Y.")
DW_SQUARED = Diagnosis("propagate.dw_squared_error", "dw is the gradient of the squared error, not of the cross-entropy cost.")
DW_NOT_GRADIENT = "dw is not the gradient of the cost you return: centred differences of your own cost disagree."
DB_TIMES_M = Diagnosis("propagate.db_not_averaged", "db is exactly m times too large: average dZ over the examples (np.mean, or np.sum / m).")
DB_SIGN = Diagnosis("propagate.db_sign", "db has the wrong sign: dZ = A - Y, not Y - A.")
DB_NOT_GRADIENT = "db is not the derivative of the cost you return with respect to b."

# optimize (graded on a quadratic bowl lent as propagate, and on the real problem when the bowl's result is wrong)
RETURNS_TRIPLE = Diagnosis("optimize.wrong_container", "optimize should return (params, grads, costs), but it returned {kind}.",
                           student=("kind",))
COSTS_EVERY_ITERATION = Diagnosis("optimize.cost_every_iteration", "costs has {count} entries for {iterations} iterations: record the cost only when i % 100 == 0.",
                                  student=("count", "iterations"))
COSTS_COUNT = Diagnosis("optimize.costs_count", "costs has {count} entries; with num_iterations = {iterations} it should have one for each i with i % 100 == 0.",
                        student=("count", "iterations"))
COSTS_AFTER_UPDATE = Diagnosis("optimize.costs_after_update", "Your costs are recorded after the update. Record the cost computed at iteration i, before w and b change.")
COSTS_WRONG = "costs does not hold the cost at iterations 0, 100, 200, ..., each computed before that iteration's update."
ASCENT = Diagnosis("optimize.ascent", "w moves uphill: gradient descent subtracts, w = w - learning_rate * dw.")
RATE_IGNORED = Diagnosis("optimize.rate_ignored", "Your updates do not use the learning_rate argument: multiply dw and db by learning_rate.")
RATE_DEFAULT = Diagnosis("optimize.rate_hard_coded", "Your updates use 0.009 whatever learning_rate is passed: use the argument.")
ITERATIONS_IGNORED = Diagnosis("optimize.iterations_wrong", "optimize ran {ran} iterations instead of num_iterations = {iterations}: loop over range(num_iterations).",
                               student=("ran", "iterations"))
RETURNS_IN_LOOP = Diagnosis(
    "optimize.returns_in_first_iteration",
    "optimize returns the w and b of one step of gradient descent, not of num_iterations = {iterations}: is its return "
    "inside the loop? It belongs after the loop, unindented.",
    student=("iterations",),
)
B_FROZEN = Diagnosis("optimize.b_never_updated", "b never changes: update it too, b = b - learning_rate * db.")
STALE_PARAMETERS = Diagnosis(
    "optimize.stale_parameters",
    "optimize asks propagate about the w and b it started from on every iteration, not the ones it has just updated: "
    "pass the current w and b to propagate each time.",
)
GRADIENTS_READ_ONCE = Diagnosis(
    "optimize.gradients_read_once",
    "optimize calls propagate with the current w and b on every iteration, but steps with the gradients of the first "
    "iteration each time: read dw and db from the grads that propagate returns in the same iteration.",
)
GRADIENTS_BEFORE_LOOP = Diagnosis(
    "optimize.gradients_before_loop",
    "optimize calls propagate once, before its loop, and steps with those gradients every time: call propagate inside "
    "the loop, with the current w and b.",
)
PARAMS_WRONG = template("params after gradient descent are not what {steps} give.", checker=("steps",))
GRADS_LAST = Diagnosis("optimize.grads_not_last", "grads should be the gradients from the last iteration.")

# predict
PROBABILITIES = Diagnosis("predict.probabilities", "Your predictions are probabilities; turn them into labels: 1 where A > 0.5, else 0.")
NOT_LABELS = Diagnosis("predict.not_labels", "Predictions should hold only 0 and 1; yours hold {values}.", student=("values",))
THRESHOLD_ON_Z = Diagnosis("predict.threshold_on_z", "You compared Z with 0.5; compare the activation A = σ(Z) with 0.5.")
BOUNDARY = Diagnosis("predict.boundary", "At A = 0.5 exactly the prediction should be 0: use A > 0.5, not A >= 0.5.")
FLIPPED = Diagnosis("predict.flipped", "Your labels are flipped: predict 1 where A > 0.5.")
B_IGNORED = Diagnosis("predict.b_ignored", "When b is {b}, every example lands on one side of the boundary, so every prediction should be {side}, but yours are not: use the b that predict is given, A = σ(wᵀX + b).",
                      checker=("side",), student=("b",))
PREDICTIONS_WRONG = template("{count} of {total} predictions are wrong.", student=("count", "total"))

# model (graded with its helpers lent from the judge, which note how they are called; then end to end on the digits)
RESULT_NOT_DICT = Diagnosis("model.not_dict", "model should return a dictionary, but it returned {kind}.", student=("kind",))
MISSING_KEYS = Diagnosis("model.missing_keys", "model's dictionary lacks {keys}.", student=("keys",))
ECHO_WRONG = Diagnosis("model.echo_wrong", 'The "{key}" that model returns is {value!r}, but model was called with {given}.',
                       checker=("key", "given"), student=("value",))
INIT_DIM = Diagnosis(
    "model.init_dim",
    "model calls initialize_with_zeros({dim}), but w needs one entry per row of X_train: initialize_with_zeros(X_train.shape[0]).",
    student=("dim",),
)
OPTIMIZE_ONCE = Diagnosis(
    "model.optimize_calls",
    'model calls optimize {count} times, and the "w" and "b" it returns come from a call other than the one that starts from '
    "zeros on X_train and Y_train with model's num_iterations and learning_rate: return what that call learned.",
    student=("count",),
)
TRAINED_ON_TEST = Diagnosis("model.trained_on_test", "model trains on the test set: gradient descent must see X_train and Y_train only.")
NOT_TRAINING_DATA = Diagnosis("model.not_training_data", "model gives optimize data other than X_train and Y_train: train on X_train with its labels Y_train.")
MODEL_DEFAULTS = Diagnosis("model.arguments_not_passed", "model does not pass {names} on to optimize, so its own {names} {verb} no effect.",
                           checker=("names", "verb"))
MODEL_START = Diagnosis(
    "model.start_not_initialized",
    "model starts gradient descent from a w and b other than zeros: start from the w and b that initialize_with_zeros(X_train.shape[0]) returns.",
)
PREDICTIONS_SWAPPED = Diagnosis("model.predictions_swapped", 'The "Y_prediction_train" and "Y_prediction_test" that model returns are swapped.')
PREDICTION_WRONG = Diagnosis("model.prediction_wrong", 'The "{key}" that model returns is not predict(w, b, {data}) for the "w" and "b" it returns.',
                             checker=("key",), student=("data",))
MODEL_WEIGHTS = Diagnosis(
    "model.weights_wrong",
    'The "w" and "b" that model returns are not the ones in the params its call of optimize returned: return params["w"] and params["b"].',
)
MODEL_NOT_TRAINED = Diagnosis(
    "model.not_trained",
    'The "w" and "b" that model returns are not where {steps} of gradient descent from zeros on X_train and Y_train arrive.',
    checker=("steps",),
)
MODEL_COSTS = Diagnosis(
    "model.costs_wrong",
    'The "costs" that model returns are not the costs of that gradient descent at iterations 0, 100, 200, ..., as optimize records them.',
)
NOT_DESCENT = Diagnosis(
    "model.not_gradient_descent",
    "Trained on the digits (a part of the training set drawn for this check) with {settings}, the w and b your model returns "
    "are not where gradient descent from zeros arrives{classified}. A short run shows none of the functions model uses "
    "misbehaving: look for what only a long run shows, such as a number of iterations written into your code.",
    checker=("settings", "classified"),
)
DIFFERS_IN_RUN = Diagnosis(
    "model.differs_in_run",
    "`model` does not arrive where gradient descent does. Watched in a short run of `model` on the digits, `{name}` {wrong}: "
    "look at `{name}` with data this size.",
    checker=("wrong",), student=("name",),
)
SEEN_CALL = template("Watched in a short run of your `model` on the digits, `{name}` {wrong}.", checker=("wrong",), student=("name",))
SEEN_STOPPED = template("Watched in a short run of your `model` on the digits, `{name}` gave no result: it stopped with an error, or was stopped.",
                        student=("name",))
RUN_SIGMOID = "returned values that are not 1 / (1 + e^(-z)) for the z it was given"
RUN_INITIALIZE = "did not return zeros of shape (dim, 1) and 0.0 for the dim it was given"
RUN_PROPAGATE = "returned a cost or gradients that are not the cross-entropy's (and its slopes) for the w, b, X and Y it was given"
RUN_OPTIMIZE = "returned params that are not num_iterations steps of gradient descent from the w and b it was given"
RUN_MODEL = "returned a w and b that are not the ones its call of optimize returned"
# The same words for every such run: how long it took is the student's code's choice, which must not carry hidden inputs.
SLOW_NOTE = template(
    "correct, but `model` took more than {factor} times as long as the same training computed on whole arrays takes on "
    "this machine. Section 3 of the notebook shows how: np.dot(w.T, X) and sums over arrays, no loop over the examples.",
    checker=("factor",),
)
SLOW_ELSEWHERE = (template("One call of your propagate on this data takes {seconds:.2g} s, so the time goes elsewhere: look for a loop in "
                  "model or optimize that repeats work, or one that runs far more often than num_iterations.", checker=("seconds",)))
VECTORISE = ("Compute all the examples at once in propagate, with np.dot(w.T, X) and sums over arrays, "
             "instead of a Python loop over the examples.")
