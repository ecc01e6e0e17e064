"""What assignment 03's checks say about recognisable mistakes; each diagnosis has a stable id."""

from checker.checks.messages import Diagnosis, template

# sigmoid, sigmoid_prime and the activation section
FUNCTION_WRONG = template("`{name}` does not match {formula} (derived with SymPy) at the random points checked.",
                          checker=("formula",), student=("name",))
PRIME_OF_Z_TIMES = Diagnosis("sigmoid_prime.of_z", "sigmoid_prime(z) computes z(1 - z); the derivative is σ(z)(1 - σ(z)).")
TANH_PRIME_SQUARE = Diagnosis("tanh_prime.no_square", "tanh_prime lacks the square: tanh'(z) = 1 - tanh(z)².")
KINK_NOTE = "z = 0 is left out of this check: ReLU has a kink there and no derivative, so any value is a convention"
SOFTMAX_AXIS = Diagnosis("softmax.wrong_axis", "softmax normalised over the wrong axis: each column (one example) must sum to 1, so sum over axis=0.")
SOFTMAX_OVERFLOW = Diagnosis("softmax.overflow", "softmax overflows for large inputs ({bad}): subtract z.max(axis=0) before np.exp; the result does not change.",
                             checker=("bad",))
SOFTMAX_DELTA_PRIME = Diagnosis("softmax_delta.extra_prime", "With softmax and cross-entropy the output error is simply a - y; there is no σ'(z) factor.")
SOFTMAX_DELTA_SIGN = Diagnosis("softmax_delta.sign", "The output error has the wrong sign: it is a - y.")

# Network(sizes)
ATTRIBUTE_MISSING = Diagnosis("network_init.attribute_missing", "Your Network(sizes) has no attribute `{attribute}`: set self.{attribute} in __init__.",
                              checker=("attribute",))
ATTRIBUTE_WRONG = Diagnosis("network_init.attribute_wrong", "Network({sizes}).{attribute} is {value}; it should be {expected}.",
                            checker=("attribute",), student=("sizes", "value", "expected"))
LIST_LENGTH = Diagnosis("network_init.list_length", "Network({sizes}).{attribute} should be a list with one array per layer after the input: {count} of them.",
                        checker=("attribute",), student=("sizes", "count"))
NOT_GAUSSIAN = Diagnosis(
    "network_init.not_gaussian",
    "Network's starting {what} should be drawn from a standard normal distribution, np.random.randn: "
    "yours have mean {mean:.3g} and standard deviation {std:.3g}.",
    checker=("what",), student=("mean", "std"),
)

# feedforward and cost_derivative
FEEDFORWARD_WRONG = "feedforward(a) is not σ(W · a + b) applied layer after layer."
FEEDFORWARD_NO_BIAS = Diagnosis("feedforward.no_bias", "feedforward leaves out the biases: a = σ(W · a + b).")
FEEDFORWARD_NO_SIGMOID = Diagnosis("feedforward.no_sigmoid", "feedforward leaves out σ: a = σ(W · a + b) at every layer.")
FEEDFORWARD_MATRIX = Diagnosis("feedforward.columns_only", "feedforward should also work on a matrix whose columns are examples, shape (n, m).")
COST_DERIVATIVE_SIGN = Diagnosis("cost_derivative.sign", "cost_derivative has the wrong sign: ∂ℒ/∂a = a - y.")
COST_DERIVATIVE_WRONG = "cost_derivative should be a - y, the derivative of the loss ℒ = ½‖a - y‖² with respect to a."

# backprop
GRADIENT_LISTS = Diagnosis("backprop.not_lists", "{name} should return (nabla_b, nabla_w), two lists shaped like self.biases and self.weights.",
                           student=("name",))
NO_PRIME_BP1 = Diagnosis("backprop.no_prime_in_bp1", "The output error forgets σ'(z): BP1 is δᴸ = (aᴸ - y) ⊙ σ'(zᴸ).")
PRIME_OF_ACTIVATION = Diagnosis("backprop.prime_of_activation", "σ' is applied to the activation a; it takes the weighted input z: σ'(zˡ).")
BP2_NOT_TRANSPOSED = Diagnosis("backprop.bp2_not_transposed", "BP2 uses W where it needs its transpose: δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ).")
OFF_BY_ONE = Diagnosis("backprop.off_by_one", "nabla_w pairs δˡ with the wrong layer's activation: BP4 is δˡ (aˡ⁻¹)ᵀ, the activation of the layer before.")
NO_PRIME_BP2 = Diagnosis("backprop.no_prime_in_bp2", "A hidden layer's error forgets σ'(z): BP2 is δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ).")
WRONG_LAYER_WEIGHTS = Diagnosis(
    "backprop.wrong_layer_weights",
    "BP2 carries the error back through the wrong layer's weights: δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ) takes Wˡ⁺¹, the weights "
    "from layer l to the layer after it (self.weights[-l + 1] when l counts back from the output), not Wˡ.",
)
FORWARD_REVERSED = Diagnosis(
    "backprop.forward_reversed",
    "The forward pass takes the layers in the wrong order, the last layer's weights first: start from a⁰ = x with W¹ and b¹ "
    "(self.weights[0], self.biases[0]), in the order feedforward uses.",
)
BACKPROP_WRONG = template("backprop's {what} disagrees with centred finite differences of the loss ℒ = ½‖a - y‖².", checker=("what",))
BATCH_AVERAGED = Diagnosis("backprop_batch.averaged", "backprop_batch returns the average over the batch; it should equal the sum of the per-example gradients.")
BATCH_WRONG = template("backprop_batch's {what} is not the sum of the per-example gradients.", checker=("what",))

# update_mini_batch (graded with a stand-in backprop), SGD (stand-in update_mini_batch and evaluate), evaluate
SUMMED = Diagnosis("update_mini_batch.summed", "The step is len(mini_batch) times too large: average the gradients, w - (eta / len(mini_batch)) Σ ∇w.")
UPHILL = Diagnosis("update_mini_batch.uphill", "The parameters move uphill: w = w - (eta / len(mini_batch)) Σ ∇w.")
DIVIDED_TWICE = Diagnosis(
    "update_mini_batch.divided_twice",
    "The step is len(mini_batch) times too small: the summed gradient is divided by len(mini_batch) twice. "
    "Divide once: w - (eta / len(mini_batch)) Σ ∇w.",
)
ONE_EXAMPLE = Diagnosis(
    "update_mini_batch.one_example",
    "The step follows the gradient of one example of the mini-batch alone, not the sum over its {count} examples: "
    "add up every example's gradient, layer by layer, then step.",
    student=("count",),
)
BIASES_TAKE_WEIGHTS = Diagnosis("update_mini_batch.biases_take_weights", "The biases changed shape: they were updated with the weights' gradient. Use nabla_b for the biases.")
WEIGHTS_TAKE_BIASES = Diagnosis(
    "update_mini_batch.weights_take_biases",
    "The weights moved by the biases' gradient (nabla_b, broadcast along each row): step self.weights with nabla_w "
    "and self.biases with nabla_b.",
)
UNCHANGED = Diagnosis("update_mini_batch.unchanged", "update_mini_batch left {what} as they were: after the call they hold the same values as before.",
                      checker=("what",))
UNCHANGED_HINT = (
    "Two common ways to lose the step: assigning to a loop variable (`for w, nw in zip(...): w = w - ...` gives the name w "
    "a new array and leaves the list as it was), and `+=` on Python lists (`nabla_w += delta_nabla_w` joins the lists, "
    "so zip pairs the weights with the zeros you started from). Assign the new lists to self.weights and self.biases."
)
LISTS_GROWN = Diagnosis(
    "update_mini_batch.lists_grown",
    "After update_mini_batch, self.{attribute} holds {after} arrays; it held {before}, one per layer after the input. "
    "On Python lists `+` and `+=` join the lists (and .append adds to one) instead of adding the arrays: "
    "step each array, as in [w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)].",
    checker=("attribute",), student=("after", "before"),
)
LIST_REPLACED = Diagnosis(
    "update_mini_batch.list_replaced",
    "After update_mini_batch, self.{attribute} should still be a list of {count} arrays, one per layer after the input.",
    checker=("attribute",), student=("count",),
)
EXAMPLES_MISSED = Diagnosis(
    "update_mini_batch.examples_missed",
    "update_mini_batch asked backprop for the gradients of {used} of the {count} examples in the mini-batch: the step needs every example's gradient.",
    student=("used", "count"),
)
STEP_WRONG = template("{what} after update_mini_batch is not w - (eta / len(mini_batch)) Σ ∇w, with Σ ∇w the sum of the mini-batch's gradients.",
                      checker=("what",))
NO_SHUFFLE = Diagnosis("SGD.no_shuffle", "SGD visits the examples in the same order every epoch: shuffle the training data at the start of each epoch.")
COVERAGE = Diagnosis("SGD.coverage", "In epoch {epoch}, the mini-batches do not cover every training example exactly once.",
                     checker=("epoch",))
BATCH_SIZES = Diagnosis("SGD.batch_sizes", "With {n} examples and mini_batch_size {size}, an epoch has {count} mini-batches: yours had {got}.",
                        checker=("size",), student=("n", "count", "got"))
ETA_PASSED = Diagnosis("SGD.eta_changed", "SGD should pass eta on to update_mini_batch unchanged; it passed {value!r}.", student=("value",))
NEVER_UPDATED = Diagnosis(
    "SGD.never_updated",
    "SGD never trains the network: it never called self.update_mini_batch, and after it self.biases and self.weights are "
    "what they were before. Train on each mini-batch, as in self.update_mini_batch(mini_batch, eta).",
)
FULL_BATCH_WRONG = Diagnosis(
    "SGD.full_batch_wrong",
    "SGD trains without self.update_mini_batch, so this check ran it with mini_batch_size = len(training_data), one "
    "mini-batch per epoch, and the checker's own backprop: after {epochs} epochs, {what} are not where gradient descent on "
    "the whole training data takes them. Each mini-batch should move them by -(eta / len(mini_batch)) times the sum of its "
    "examples' gradients.",
    checker=("epochs", "what"),
)
RETURNED_EARLY = Diagnosis(
    "SGD.returned_after_first_epoch",
    "SGD returned after the first of its {epochs} epochs: it handed update_mini_batch the {count} mini-batches of one pass "
    "over the data, then returned. A `return` inside the loop over the epochs ends SGD there: return after the loop.",
    checker=("epochs",), student=("count",),
)
EPOCH_COUNT = Diagnosis("SGD.epoch_count", "SGD made {done} passes over the data, each a whole epoch of mini-batches; it was asked for {epochs} epochs.",
                        checker=("epochs",), student=("done",))
TEST_DATA_PASSED = Diagnosis(
    "SGD.test_data_changed",
    "The history SGD returned holds what self.evaluate returned for data other than the test_data SGD was given: "
    "append self.evaluate(test_data) after each epoch.",
)
HISTORY = Diagnosis("SGD.history", "With test_data, SGD should return a list with evaluate(test_data) after each of the {epochs} epochs.",
                    checker=("epochs",))
SHUFFLED_IN_PLACE = template(
    "SGD shuffles the list `{argument}` it is given in place, so the caller's list ends up in another order. That does "
    "no harm here; shuffle a copy, list({argument}), when a caller needs its order kept.",
    student=("argument",),
)
ROUNDING = Diagnosis("evaluate.rounding", "evaluate rounds the outputs; the network's answer is the index of its largest output, np.argmax.")
FRACTION = Diagnosis("evaluate.fraction", "evaluate should return the number of correct answers, not the fraction.")
EVALUATE_WRONG = "evaluate should count the test examples where np.argmax of the output equals the label."
ACCURACY = Diagnosis(
    "accuracy.elsewhere_after_training",
    "After {epochs} epochs of mini-batches of {batch} at eta {eta:g}, in the checker's own shuffled order, your network's "
    "biases and weights are not where stochastic gradient descent arrives{accuracies}. The checker calls your "
    "update_mini_batch on each mini-batch. Watched call by call on the run's first mini-batch, your methods (and sigmoid "
    "and sigmoid_prime) gave right results, so something differs later in the run: look for a value kept between calls "
    "(on self or in a global), or for what a mini-batch of another size does (the last one of each epoch has {last} examples).",
    checker=("epochs", "batch", "eta", "accuracies", "last"),
)
ACCURACY_UNWATCHED = template(
    "After {epochs} epochs of mini-batches of {batch} at eta {eta:g}, in the checker's own shuffled order, your network's "
    "biases and weights are not where stochastic gradient descent arrives{accuracies}. The checker calls your "
    "update_mini_batch on each mini-batch (the last one of each epoch has {last} examples).",
    checker=("epochs", "batch", "eta", "accuracies", "last"),
)
DIFFERS_IN_RUN = Diagnosis(
    "accuracy.differs_in_run",
    "Your network does not arrive where stochastic gradient descent does. `{name}` passes its own check, but watched on "
    "one mini-batch of the digits it {wrong}.",
    checker=("wrong",), student=("name",),
)
RUN_SIGMOID = "returned values that are not 1 / (1 + e^(-z)) for the z it was given"
RUN_SIGMOID_PRIME = "returned values that are not σ(z)(1 - σ(z)) for the z it was given"
RUN_COST_DERIVATIVE = "did not return a - y for the a and y it was given"
RUN_BACKPROP = "returned gradients that disagree with finite differences of ½‖a - y‖² for the network's weights at that moment"
RUN_UPDATE = "did not move the biases and weights by -(eta / len(mini_batch)) times the sum of the gradients it got from backprop"
VECTORISE = "Compute with whole arrays (one matrix product per layer), not with loops over their entries."
PARAMETERS_AFTER_TRAINING = Diagnosis(
    "accuracy.parameters_lost",
    "After training, net.{attribute} should still be a list of {count} arrays, one per layer after the input.",
    checker=("attribute",), student=("count",),
)
