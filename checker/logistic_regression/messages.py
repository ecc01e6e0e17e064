"""What assignment 01's checks say about recognisable mistakes."""

# Data preparation
COUNT_WRONG = "{name} is {value}, but it should count the examples: the first axis of {array} (shape {shape})."
NUM_PX_WRONG = "num_px is {value}, but it should be the height (= width) of one image: axis 1 of train_set_x_orig (shape {shape})."
COLUMNS_NOT_IMAGES = (
    "The columns of {name} are not the images: column i should hold image i's pixels. "
    "reshape(-1, m) mixes pixels of different images; use X.reshape(X.shape[0], -1).T."
)
NOT_NORMALIZED = "{name} still holds values up to {top:g}: divide the flattened pixels by 255."
INTEGER_DIVISION = "{name} holds only 0 and 1: `//` is integer division. Use `/ 255`."
WRONG_SCALE = "{name} should be {source} divided by 255, so that every value lies between 0 and 1."

# sigmoid
SCALAR_RESULT = "sigmoid({z:.3g}) should be a single number, but it is a {kind}."
SIGMOID_SIGN = "Your sigmoid computes 1 / (1 + e^z): the exponent needs a minus sign, e^(-z)."
SIGMOID_NO_RECIPROCAL = "Your sigmoid returns 1 + e^(-z): take the reciprocal, 1 / (1 + e^(-z))."
SIGMOID_WRONG = "sigmoid(z) is not 1 / (1 + e^(-z)) for every entry of z."
SIGMOID_SLOPE = "Your sigmoid's values are close, but its slope is not σ(z)(1 − σ(z)): are you rounding the result?"

# initialize_with_zeros
RETURNS_PAIR = "{name} should return the pair {pair}, but it returned a {kind}."
W_NOT_ZEROS = "w should be all zeros; it holds {count} non-zero entries."
W_INTEGERS = "w holds integers (dtype {dtype}): use np.zeros((dim, 1)), which gives floats."
B_INTEGER = "b is the integer 0: make it the float 0.0 so the updates stay fractional."
B_NOT_ZERO = "b should start at 0.0, but it is {value!r}."

# propagate
GRADS_ORDER = "propagate returned (cost, grads); the order is (grads, cost)."
GRADS_NOT_DICT = 'grads should be a dictionary {{"dw": ..., "db": ...}}, but it is a {kind}.'
GRADS_KEY = 'grads has no "{key}" entry; it has {keys}.'
COST_TIMES_M = "Your cost is exactly m times too large: did you divide by m?"
COST_OVER_M = "Your cost is exactly m times too small: you divided by m twice."
COST_SIGN = "Your cost has the wrong sign: the cross-entropy is -(1/m) Σ (y log a + (1 - y) log(1 - a))."
COST_SWAPPED = "The log terms of your cost are swapped: y goes with log(a), and (1 - y) with log(1 - a)."
COST_NO_BIAS = "Your cost ignores b: the activation is A = σ(wᵀX + b)."
COST_SQUARED = "This is a squared error. Logistic regression uses the cross-entropy cost, which keeps the problem convex."
COST_HALF = "Your cost has only the y·log(a) term; add the (1 - y)·log(1 - a) term."
COST_WRONG = "Your cost is not the mean binary cross-entropy of A = σ(wᵀX + b)."
COST_WRONG_BUT_CONSISTENT = "your dw is the gradient of this cost, so fix the cost and dw will follow"

DW_TIMES_M = "dw is exactly m times too large: did you divide by m?"
DW_OVER_M = "dw is exactly m times too small: you divided by m twice."
DW_SIGN = "dw has the wrong sign: dZ = A - Y, not Y - A."
DW_NO_BIAS = "dw ignores b: compute A = σ(wᵀX + b) before the gradients."
DW_USED_Z = "dw uses Z where it needs A = σ(Z): dZ = A - Y."
DW_SQUARED = "dw is the gradient of the squared error, not of the cross-entropy cost."
DW_NOT_GRADIENT = "dw is not the gradient of the cost you return: centred differences of your own cost disagree."
DB_TIMES_M = "db is exactly m times too large: average dZ over the examples (np.mean, or np.sum / m)."
DB_SIGN = "db has the wrong sign: dZ = A - Y, not Y - A."
DB_NOT_GRADIENT = "db is not the derivative of the cost you return with respect to b."

# optimize
RETURNS_TRIPLE = "optimize should return (params, grads, costs), but it returned a {kind}."
COSTS_EVERY_ITERATION = "costs has {count} entries for {iterations} iterations: record the cost only when i % 100 == 0."
COSTS_COUNT = "costs has {count} entries; with num_iterations = {iterations} it should have one for each i with i % 100 == 0."
COSTS_AFTER_UPDATE = "Your costs are recorded after the update. Record the cost computed at iteration i, before w and b change."
COSTS_WRONG = "costs does not hold the cost at iterations 0, 100, 200, ... of gradient descent."
ASCENT = "w moves uphill: gradient descent subtracts, w = w - learning_rate * dw."
RATE_IGNORED = "Your updates do not use the learning_rate argument: multiply dw and db by learning_rate."
RATE_DEFAULT = "Your updates use 0.009 whatever learning_rate is passed: use the argument."
ITERATIONS_IGNORED = "optimize ran {ran} iterations instead of num_iterations = {iterations}: loop over range(num_iterations)."
B_FROZEN = "b never changes: update it too, b = b - learning_rate * db."
PARAMS_WRONG = "params after gradient descent are not what {iterations} steps of learning rate {rate:g} give."
GRADS_LAST = "grads should be the gradients from the last iteration."

# predict
PROBABILITIES = "Your predictions are probabilities; turn them into labels: 1 where A > 0.5, else 0."
NOT_LABELS = "Predictions should hold only 0 and 1; yours hold {values}."
THRESHOLD_ON_Z = "You compared Z with 0.5; compare the activation A = σ(Z) with 0.5."
BOUNDARY = "At A = 0.5 exactly the prediction should be 0: use A > 0.5, not A >= 0.5."
FLIPPED = "Your labels are flipped: predict 1 where A > 0.5."
PREDICTIONS_WRONG = "{count} of {total} predictions are wrong."

# model
RESULT_NOT_DICT = "model should return a dictionary, but it returned a {kind}."
MISSING_KEYS = "model's dictionary lacks {keys}."
ECHO_WRONG = 'd["{key}"] is {value!r}, but model was called with {key}={given!r}.'
TRAINED_ON_TEST = "model trained on the test set: optimize must see X_train and Y_train only."
MODEL_DEFAULTS = "model does not pass num_iterations and learning_rate on to optimize, so they have no effect."
PREDICTIONS_SWAPPED = "Y_prediction_train and Y_prediction_test are swapped."
PREDICTION_WRONG = 'd["{key}"] is not predict(w, b, {data}) with the trained w and b.'
MODEL_WEIGHTS = "w and b after training are not what gradient descent from zeros gives with these arguments."
MODEL_COSTS = 'd["costs"] is not the costs list optimize returned.'
ACCURACY = "Test accuracy with model's defaults on the digits is {achieved:.1%}; the target is {target:.0%}."
