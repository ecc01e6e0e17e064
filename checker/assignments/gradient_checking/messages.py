"""What assignment 04's checks say about recognisable mistakes; each diagnosis has a stable id."""

from checker.checks.messages import Diagnosis, template

FORWARD_1D = Diagnosis("one_dimensional.forward_wrong", "forward_propagation(x, theta) should return J = θ·x.")
BACKWARD_1D = Diagnosis("one_dimensional.backward_wrong", "backward_propagation(x, theta) should return dJ/dθ = x.")

SMALL_FOR_CORRECT = template("For a correct gradient your {name} reports {value:.3g}; a centred difference gives about {agree:g} or less.",
                             checker=("agree",), student=("name", "value"))
LARGE_FOR_WRONG = template("Your {name} reports {value:.3g} for a gradient that is wrong ({case}), far from the relative difference of the two gradients.",
                           checker=("case",), student=("name", "value"))
PANEL_CASE = template("{function}, {case}, epsilon = {epsilon:g}", checker=("function", "case", "epsilon"))
MISTAKES = {
    "one-sided": Diagnosis("gradient_checker.one_sided", "Your differences are one-sided, (J(θ + ε) - J(θ)) / ε: use the centred (J(θ + ε) - J(θ - ε)) / (2ε), whose error is O(ε²) instead of O(ε)."),
    "epsilon denominator": Diagnosis("gradient_checker.divides_by_epsilon", "You divide J(θ + ε) - J(θ - ε) by ε; the two points are 2ε apart, so divide by 2ε."),
    "aliased": Diagnosis("gradient_checker.aliased_copies", "theta_plus and theta_minus share memory with theta (no copy), so J_minus is taken at θ, not θ - ε: use np.copy."),
    "several at once": Diagnosis("gradient_checker.several_at_once", "Earlier entries stay perturbed while you move the next one: perturb one entry at a time, starting from a fresh copy of θ."),
    "not restored": Diagnosis("gradient_checker.not_restored", "θ is left changed after each entry is perturbed: put θᵢ back (or work on copies) before moving to the next entry."),
    "no denominator": Diagnosis("gradient_checker.no_denominator", "The difference should be relative: divide ‖grad - gradapprox‖ by ‖grad‖ + ‖gradapprox‖."),
    "squared norms": Diagnosis("gradient_checker.squared_norms", "Use the norms themselves (np.linalg.norm), not their squares."),
    "L1 norm": Diagnosis("gradient_checker.l1_norm", "Use the Euclidean norm, np.linalg.norm, not the sum of absolute values."),
}
REBUILD_PARAMETERS = Diagnosis(
    "gradient_check_n.parameters_not_rebuilt",
    "gradient_check_n should rebuild the parameters with vector_to_dictionary(theta_plus, shapes) before each call of forward_propagation_n.",
)
NOT_PASSED_ON = Diagnosis(
    "gradient_check_n.arguments_not_passed_on",
    "The helpers did not receive what gradient_check_n was given ({names}): pass its own parameters to dictionary_to_vector, "
    "its gradients to gradients_to_vector, and its X and Y to forward_propagation_n.",
    checker=("names",),
)

KEYS_WRONG = Diagnosis("vector_helpers.keys_wrong", "dictionary_to_vector's keys should name, for each entry of theta, the parameter it came from ({count} names).",
                       student=("count",))
ORDER_WRONG = Diagnosis("vector_helpers.order_wrong", "theta should hold the parameters in the dictionary's order, each flattened with np.ravel (row by row).")
THETA_WRONG = Diagnosis(
    "vector_helpers.theta_wrong",
    "The theta that dictionary_to_vector returns holds other numbers than the parameters' entries: it should be every "
    "parameter flattened, one after the other, in one column.",
)
ROUND_TRIP = Diagnosis("vector_helpers.round_trip", "vector_to_dictionary(dictionary_to_vector(parameters)[0], shapes) should give the parameters back.")
GRADIENTS_ORDER = Diagnosis("vector_helpers.gradients_order", "gradients_to_vector should take dW1, db1, dW2, db2, ... in that order, and nothing else (not dZ or dA).")
GRADIENTS_WRONG = Diagnosis(
    "vector_helpers.gradients_wrong",
    "The column that gradients_to_vector returns holds other numbers than the entries of dW1, db1, dW2, db2, ...: it should "
    "be those gradients flattened, one after the other, in one column.",
)

PLANTED_LEFT = Diagnosis("backward_propagation_n.planted_bug_left", "{name} still carries a planted bug: it is {factor:g} times what it should be.",
                        checker=("factor",), student=("name",))
BACKWARD_WRONG = template("backward_propagation_n's gradients disagree with finite differences of forward_propagation_n: {where}",
                          student=("where",))
BACKWARD_WRONG_PLAIN = ("backward_propagation_n's gradients are not those of forward_propagation_n's cost for the network in "
                        "its cache, though they differ too little for finite differences to say where: look for a rounding step "
                        "or a constant that is almost right.")
FORWARD_ON_OTHER_PARAMETERS = Diagnosis(
    "backward_propagation_n.forward_on_other_parameters",
    "backward_propagation_n runs forward_propagation_n with {given} instead of using the cache it is given, so its gradients "
    "are those of another network: take W1, b1, ... and the activations from `cache`.",
    checker=("given",),
)
INTERMEDIATE_WRONG = Diagnosis(
    "backward_propagation_n.intermediate_wrong",
    'gradients["{name}"] is not what the shipped backward pass computes for it. Keep its other lines as they are '
    "(dZ3 = A3 - Y, with the 1/m in dW and db): only two of them carry a bug.",
    student=("name",),
)
