"""What assignment 02's checks say about recognisable mistakes; each diagnosis has a stable id."""

from checker.checks.messages import Diagnosis, template

# initialize_parameters
PARAMS_NOT_DICT = Diagnosis("initialize_parameters.not_dict", 'initialize_parameters should return {{"W": ..., "b": ...}}, but it returned {kind}.',
                            student=("kind",))
PARAMS_KEY = Diagnosis("initialize_parameters.key_missing", 'initialize_parameters returned {kind}, with no "{key}" entry.',
                       checker=("key",), student=("kind",))
BIAS_RANDOM = Diagnosis("initialize_parameters.bias_random", "b should start at zero: randomness in W already breaks the symmetry, biases need none.")
SCALE_WRONG = template('W for ini_type="{ini_type}" has standard deviation {measured:.4g}; with n_in = {n_in} it should be {formula}.',
                       checker=("ini_type", "formula"), student=("measured", "n_in"))
SCALE_SWAPPED = Diagnosis("initialize_parameters.scale_swapped", 'W for ini_type="{ini_type}" is scaled like "{other}": {formula} is the {ini_type} scaling.',
                          checker=("ini_type", "other", "formula"))
SCALE_MISSING = Diagnosis("initialize_parameters.scale_missing", 'W for ini_type="{ini_type}" has standard deviation {measured:.3g}: multiply np.random.randn(...) by {formula}.',
                          checker=("ini_type", "formula"), student=("measured",))
SCALE_N_OUT = Diagnosis("initialize_parameters.scaled_by_n_out", 'W for ini_type="{ini_type}" is scaled with n_out; the formula uses n_in, the number of inputs of the layer.',
                        checker=("ini_type",))
NOT_CENTRED = Diagnosis("initialize_parameters.not_centred", "W has mean {mean:.3g}, far from 0: draw it from a normal distribution centred at 0, with np.random.randn.",
                        student=("mean",))
NOT_NORMAL = Diagnosis("initialize_parameters.not_normal", "W looks uniformly distributed: use np.random.randn, which draws from a normal distribution.")
FORMULAS = {"plain": "0.01", "xavier": "1/√n_in", "he": "√(2/n_in)"}

# LinearLayer
NOT_STORED = Diagnosis("layer.not_stored", "After {method}, the layer has no attribute `{attribute}`: store it, as in self.{attribute} = ...",
                       checker=("method", "attribute"))
STALE = Diagnosis(
    "layer.stale",
    "After {method}, self.{attribute} still holds what it held before the call: store this call's result, as in self.{attribute} = ...",
    checker=("method", "attribute"),
)
Z_WRONG = "Z should be W · A_prev + b."
Z_NO_BIAS = Diagnosis("linear.forward_without_b", "Z ignores b: Z = W · A_prev + b.")
Z_TRANSPOSED_W = Diagnosis("linear.forward_transposed_w", "Z uses Wᵀ; the weights already have shape (n_out, n_in), so Z = W · A_prev + b.")
A_PREV_NOT_INPUT = Diagnosis("linear.cache_not_input", "self.A_prev should be the input forward received, unchanged.")
DW_NOT_TRANSPOSED = Diagnosis("linear.dw_not_transposed", "dW uses A_prev where it needs its transpose: dW = upstream_grad · A_prevᵀ.")
DW_AVERAGED = Diagnosis("linear.dw_averaged", "dW is divided by m; here the 1/m already comes with dY_hat, the cost's derivative, so dW = upstream_grad · A_prevᵀ.")
DB_NOT_SUMMED = Diagnosis("linear.db_not_summed", "db must add up the upstream gradient over the examples: np.sum(upstream_grad, axis=1, keepdims=True).")
DB_WRONG_AXIS = Diagnosis(
    "linear.db_wrong_axis",
    "db holds one sum per example, over the units (axis=0); it should hold one per unit, summed over the examples: "
    "np.sum(upstream_grad, axis=1, keepdims=True).",
)
DB_AVERAGED = Diagnosis("linear.db_averaged", "db is divided by m; here the 1/m already comes with dY_hat, the cost's derivative.")
DA_PREV_NO_TRANSPOSE = Diagnosis("linear.da_prev_not_transposed", "dA_prev uses W where it needs Wᵀ: dA_prev = Wᵀ · upstream_grad.")
VJP_WRONG = template("{what} is not the gradient of Σ Z ⊙ upstream_grad: centred differences of your forward pass disagree.",
                     checker=("what",))
CACHE_CHANGED = Diagnosis("linear.cache_changed", "backward changed self.A_prev in place; the cache must stay what forward saw.")
UPDATE_UPHILL = Diagnosis("linear.update_uphill", "update_params moves uphill: W = W - learning_rate * dW.")
UPDATE_RATE = Diagnosis("linear.update_without_rate", "update_params does not scale the step by learning_rate.")
UPDATE_DEFAULT = Diagnosis("linear.update_default_rate", "update_params() without an argument should use learning_rate = 0.1.")
UPDATE_WRONG = "update_params should set W = W - learning_rate * dW and b = b - learning_rate * db."
UPDATE_NO_EFFECT = Diagnosis(
    "linear.update_no_effect",
    'After update_params, self.params["W"] and self.params["b"] are what they were before the call: write the new values '
    'into the layer\'s dictionary, as in self.params["W"] = ...',
)
UPDATE_B = Diagnosis("linear.update_forgets_b", "update_params leaves b unchanged: update it too, b = b - learning_rate * db.")

# SigmoidLayer
A_WRONG = "A should be σ(Z) = 1 / (1 + e^(-Z)), entry by entry."
DZ_FROM_Z = Diagnosis("sigmoid_layer.derivative_from_z", "dZ computes σ' from Z; it is A(1 - A), with A = σ(Z) saved by forward.")
DZ_MISSING_ONE_MINUS_A = Diagnosis("sigmoid_layer.missing_one_minus_a", "dZ lacks the (1 - A) factor: σ'(Z) = A(1 - A).")
DZ_NO_UPSTREAM = Diagnosis("sigmoid_layer.no_upstream", "dZ forgets the upstream gradient: dZ = upstream_grad ⊙ A(1 - A).")
DZ_NO_DERIVATIVE = Diagnosis("sigmoid_layer.no_derivative", "dZ passes the upstream gradient through unchanged; multiply it by σ'(Z) = A(1 - A).")
DZ_WRONG = "dZ is not upstream_grad ⊙ σ'(Z)."

# compute_cost
COST_PAIR = Diagnosis("compute_cost.wrong_container", "compute_cost should return (cost, dY_hat), but it returned {kind}.",
                      student=("kind",))
COST_NO_HALF = Diagnosis("compute_cost.no_half", "Your cost is twice too large: the cost is 1/(2m) Σ (Y - Ŷ)².")
COST_NOT_AVERAGED = Diagnosis("compute_cost.not_averaged", "Your cost is m times too large: divide by 2m.")
COST_WRONG = "The cost should be 1/(2m) Σ (Y - Ŷ)²."
DY_NO_M = Diagnosis("compute_cost.gradient_without_m", "dY_hat is m times too large: dY_hat = -(1/m)(Y - Ŷ).")
DY_SIGN = Diagnosis("compute_cost.gradient_sign", "dY_hat has the wrong sign: it is -(1/m)(Y - Ŷ).")
DY_WRONG = "dY_hat is not the derivative of the cost you return: centred differences of your cost disagree."

# train (graded with layers and a compute_cost lent by the checker, which compute and note what they are given)
COSTS_LENGTH = Diagnosis("train.costs_length", "train should return one cost per epoch, but it returned {count} for {epochs} epochs.",
                         checker=("epochs",), student=("count",))
COSTS_NOT_A_LIST = Diagnosis("train.costs_length", "train should return a list of one cost per epoch, but it returned {kind}.",
                             student=("kind",))
COSTS_WRONG = Diagnosis("train.costs_wrong", "train's costs should be the cost compute_cost returned in each epoch, in order.")
COSTS_AFTER_UPDATE = Diagnosis(
    "train.costs_after_update",
    "Each of train's costs is the cost after that epoch's update: keep the cost compute_cost returned for the epoch's forward "
    "pass, before update_params.",
)
PARAMS_WRONG = template(
    "After train, the W and b of linear layer {layer} are not where {epochs} epochs of gradient descent at learning_rate take "
    "them from the checker's starting weights, although every layer and compute_cost was given what it should be and every "
    "linear layer was updated once per epoch.",
    checker=("layer", "epochs"),
)
FORWARD_WRONG = Diagnosis(
    "train.forward_wrong",
    "In epoch {epoch}, {step} {wrong}: feed X to the first linear layer, each linear layer's Z to the sigmoid after it, "
    "and each sigmoid's A to the next linear layer.",
    checker=("epoch", "step", "wrong"),
)
COST_ARGUMENTS = Diagnosis("train.cost_arguments", "In epoch {epoch}, compute_cost {wrong}: call compute_cost(Y, A) with the A of the last sigmoid layer.",
                           checker=("epoch", "wrong"))
BACKWARD_WRONG = Diagnosis(
    "train.backward_wrong",
    "In epoch {epoch}, {step} {wrong}: go through the pairs in reverse, give each sigmoid layer the upstream gradient (first "
    "dY_hat from compute_cost, then the next linear layer's dA_prev), and each linear layer its sigmoid's dZ.",
    checker=("epoch", "step", "wrong"),
)
# What a step of the run was given instead ("wrong" above): the checker's words, and the student's value described.
WAS_GIVEN = template("was given {received}, not {wanted}", student=("received", "wanted"))
NOT_CALLED_AFTER = template("was not called after {previous}", student=("previous",))
NEVER_CALLED = "was never called"
NOT_LEARNING = Diagnosis(
    "train.no_update",
    "In epoch {epoch}, train did not call update_params on linear layer {layer} after its backward and before its next "
    "forward: update every linear layer once per epoch, after the backward pass.",
    checker=("epoch", "layer"),
)
UPDATED_TWICE = Diagnosis(
    "train.updated_twice",
    "In epoch {epoch}, train called update_params {count} times on linear layer {layer}: once per epoch is one step of gradient descent.",
    checker=("epoch", "layer"), student=("count",),
)
UPDATE_RATE_TRAIN = Diagnosis("train.update_rate", "train should call update_params(learning_rate) with the learning_rate it was given; it passed {value}.",
                              student=("value",))
UPDATE_RATE_OMITTED = Diagnosis(
    "train.update_rate",
    "train called update_params() without an argument, so the layers stepped at its default rate: pass the learning_rate train was given.",
)
RETURNED_EARLY = Diagnosis(
    "train.returned_early",
    "train returned after {ran} of the {epochs} epochs it was given, with {count} cost(s): return costs once the loop over "
    "the epochs has finished.",
    checker=("epochs",), student=("ran", "count"),
)
STOPPED_EARLY = Diagnosis(
    "train.stopped_early",
    "train went through {ran} of the {epochs} epochs it was given (forward, backward and update), then called the layers no more.",
    checker=("epochs",), student=("ran",),
)
EXTRA_EPOCHS = Diagnosis(
    "train.extra_epochs",
    "train went on after epoch {last}, the last of the {epochs} epochs it was given: it ran forward, compute_cost and backward once more.",
    checker=("last", "epochs"),
)
OUTCOME = Diagnosis(
    "outcomes.not_learned",
    "{task}: after {epochs} epochs at learning rate {rate:g} from the checker's starting weights, your layers' W and b are "
    "not where gradient descent arrives: they classify {accuracy:.0%} of the points correctly with a cost of {cost:.4g}. "
    "A short run of your `train` shows it and your layers doing their job: look for what only a long run shows, such as "
    "a number of epochs written into your code.",
    checker=("task", "epochs", "rate"), student=("accuracy", "cost"),
)
DIFFERS_IN_RUN = Diagnosis("outcomes.differs_in_run", "Your layers do not arrive where gradient descent does. {wrong}", checker=("wrong",))
SEEN_CALL = template("Watched in a short run of your `train` on these points, {step} {wrong}.", checker=("step", "wrong"))
SEEN_RAISED = template("Watched in a short run of your `train` on these points, {step} stopped with an error.", checker=("step",))
SEEN_TRAIN = template("Watched in a short run of your `train` on these points: {wrong}", checker=("wrong",))
ALSO_FAILING = template("{names} fails its own check; in a short run here nothing it did was wrong, but its check's message may help.",
                        checker=("names",))
RUN_LINEAR_FORWARD = "did not compute Z = W · A_prev + b with the layer's own parameters"
RUN_LINEAR_CACHE = "stored a self.A_prev other than the input it was given, which its backward then uses"
RUN_LINEAR_BACKWARD = "did not leave dW, db and dA_prev equal to the gradients of Z = W · A_prev + b for the upstream gradient it was given"
RUN_LINEAR_UPDATE = "did not move W and b by learning_rate times the layer's own dW and db"
RUN_SIGMOID_FORWARD = "did not compute A = σ(Z) for the Z it was given"
RUN_SIGMOID_BACKWARD = "did not compute dZ = upstream_grad ⊙ σ'(Z) for the Z of its own forward"
RUN_KEPT = template("left self.{attribute} as it was before the call", checker=("attribute",))
RUN_COST = "did not return the cost ½·mean((Y - Y_hat)²) and its gradient for the Y_hat it was given"
PARAMS_AFTER_TRAINING = Diagnosis(
    "outcomes.params_lost",
    "After train, linear layer {layer} should still hold its weights in params['W'] and params['b'].",
    checker=("layer",),
)
VECTORISE = "Work on all the examples at once with matrix products (W @ A_prev), not loops over examples or entries."
