"""What assignment 02's checks say about recognisable mistakes."""

# initialize_parameters
PARAMS_NOT_DICT = 'initialize_parameters should return {{"W": ..., "b": ...}}, but it returned a {kind}.'
PARAMS_KEY = 'The parameters have no "{key}" entry; they have {keys}.'
BIAS_RANDOM = "b should start at zero: randomness in W already breaks the symmetry, biases need none."
SCALE_WRONG = 'W for ini_type="{ini_type}" has standard deviation {measured:.4g}; with n_in = {n_in} it should be {formula}.'
SCALE_SWAPPED = 'W for ini_type="{ini_type}" is scaled like "{other}": {formula} is the {ini_type} scaling.'
SCALE_MISSING = 'W for ini_type="{ini_type}" has standard deviation {measured:.3g}: multiply np.random.randn(...) by {formula}.'
SCALE_N_OUT = 'W for ini_type="{ini_type}" is scaled with n_out; the formula uses n_in, the number of inputs of the layer.'
NOT_CENTRED = "W has mean {mean:.3g}: draw from a normal distribution centred at 0, np.random.randn, not np.random.rand."
NOT_NORMAL = "W looks uniformly distributed: use np.random.randn, which draws from a normal distribution."
FORMULAS = {"plain": "0.01", "xavier": "1/√n_in", "he": "√(2/n_in)"}

# LinearLayer
NOT_STORED = "After {method}, the layer has no attribute `{attribute}`: store it, as in self.{attribute} = ..."
Z_WRONG = "Z should be W · A_prev + b."
Z_NO_BIAS = "Z ignores b: Z = W · A_prev + b."
Z_TRANSPOSED_W = "Z uses Wᵀ; the weights already have shape (n_out, n_in), so Z = W · A_prev + b."
A_PREV_NOT_INPUT = "self.A_prev should be the input forward received, unchanged."
DW_NOT_TRANSPOSED = "dW uses A_prev where it needs its transpose: dW = upstream_grad · A_prevᵀ."
DW_AVERAGED = "dW is divided by m; the 1/m already comes with the cost's derivative, so dW = upstream_grad · A_prevᵀ."
DB_NOT_SUMMED = "db must add up the upstream gradient over the examples: np.sum(upstream_grad, axis=1, keepdims=True)."
DB_AVERAGED = "db is divided by m; the 1/m already comes with the cost's derivative."
DA_PREV_NO_TRANSPOSE = "dA_prev uses W where it needs Wᵀ: dA_prev = Wᵀ · upstream_grad."
VJP_WRONG = "{what} is not the gradient of Σ Z ⊙ upstream_grad: centred differences of your forward pass disagree."
CACHE_CHANGED = "backward changed self.A_prev in place; the cache must stay what forward saw."
UPDATE_UPHILL = "update_params moves uphill: W = W - learning_rate * dW."
UPDATE_RATE = "update_params does not scale the step by learning_rate."
UPDATE_DEFAULT = "update_params() without an argument should use learning_rate = 0.1."
UPDATE_WRONG = "update_params should set W = W - learning_rate * dW and b = b - learning_rate * db."
UPDATE_B = "update_params leaves b unchanged: update it too, b = b - learning_rate * db."

# SigmoidLayer
A_WRONG = "A should be σ(Z) = 1 / (1 + e^(-Z)), entry by entry."
DZ_FROM_Z = "dZ computes σ' from Z; it is A(1 - A), with A = σ(Z) saved by forward."
DZ_MISSING_ONE_MINUS_A = "dZ lacks the (1 - A) factor: σ'(Z) = A(1 - A)."
DZ_NO_UPSTREAM = "dZ forgets the upstream gradient: dZ = upstream_grad ⊙ A(1 - A)."
DZ_NO_DERIVATIVE = "dZ passes the upstream gradient through unchanged; multiply it by σ'(Z) = A(1 - A)."
DZ_WRONG = "dZ is not upstream_grad ⊙ σ'(Z)."

# compute_cost
COST_PAIR = "compute_cost should return (cost, dY_hat), but it returned a {kind}."
COST_NO_HALF = "Your cost is twice too large: the cost is 1/(2m) Σ (Y - Ŷ)²."
COST_NOT_AVERAGED = "Your cost is m times too large: divide by 2m."
COST_WRONG = "The cost should be 1/(2m) Σ (Y - Ŷ)²."
DY_NO_M = "dY_hat is m times too large: dY_hat = -(1/m)(Y - Ŷ)."
DY_SIGN = "dY_hat has the wrong sign: it is -(1/m)(Y - Ŷ)."
DY_WRONG = "dY_hat is not the derivative of the cost you return: centred differences of your cost disagree."

# train and outcomes
COSTS_LENGTH = "train should return one cost per epoch, but it returned {count} for {epochs} epochs."
NOT_LEARNING = "train did not change the weights: call update_params on every LinearLayer each epoch."
COSTS_NOT_FALLING = "The cost did not fall during training ({first:.4g} at the start, {last:.4g} at the end)."
OUTCOME = "{task}: after {epochs} epochs at learning rate {rate:g}, accuracy {accuracy:.0%} (target 100%) and cost {cost:.4g} (target below {target:g})."
TRAIN_WRONG = "train's costs or weights differ from gradient descent on these layers: forward through every pair, cost, backward in reverse, then update_params on every LinearLayer."
