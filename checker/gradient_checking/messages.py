"""What assignment 04's checks say about recognisable mistakes."""

FORWARD_1D = "forward_propagation(x, theta) should return J = θ·x."
BACKWARD_1D = "backward_propagation(x, theta) should return dJ/dθ = x."
NOT_A_NUMBER = "{name} should return a single number, but it returned a {kind}."

SMALL_FOR_CORRECT = "For a correct gradient your checker reports {value:.3g}; a centred difference gives about 1e-7 or less."
LARGE_FOR_WRONG = "Your checker reports {value:.3g} for a gradient that is wrong ({case}): it should be near {expected:.3g}."
PANEL_CASE = "{function}, {case}, epsilon = {epsilon:g}"
MISTAKES = {
    "one-sided": "Your differences are one-sided, (J(θ + ε) - J(θ)) / ε: use the centred (J(θ + ε) - J(θ - ε)) / (2ε), whose error is O(ε²) instead of O(ε).",
    "epsilon denominator": "You divide J(θ + ε) - J(θ - ε) by ε; the two points are 2ε apart, so divide by 2ε.",
    "aliased": "theta_plus and theta_minus share memory with theta (no copy), so J_minus is taken at θ, not θ - ε: use np.copy.",
    "several at once": "Earlier entries stay perturbed while you move the next one: perturb one entry at a time, starting from a fresh copy of θ.",
    "not restored": "θ is left changed after each entry is perturbed: put θᵢ back (or work on copies) before moving to the next entry.",
    "no denominator": "The difference should be relative: divide ‖grad - gradapprox‖ by ‖grad‖ + ‖gradapprox‖.",
    "squared norms": "Use the norms themselves (np.linalg.norm), not their squares.",
    "L1 norm": "Use the Euclidean norm, np.linalg.norm, not the sum of absolute values.",
}

KEYS_WRONG = "dictionary_to_vector's keys should name, for each entry of theta, the parameter it came from ({count} names)."
ORDER_WRONG = "theta should hold the parameters in the dictionary's order, each flattened with np.ravel (row by row)."
ROUND_TRIP = "vector_to_dictionary(dictionary_to_vector(parameters)[0], shapes) should give the parameters back."
GRADIENTS_ORDER = "gradients_to_vector should take dW1, db1, dW2, db2, ... in that order, and nothing else (not dZ or dA)."

PLANTED_LEFT = "{name} still carries a planted bug: it is {factor:g} times what it should be."
BACKWARD_WRONG = "backward_propagation_n's gradients disagree with finite differences of forward_propagation_n: {where}"
