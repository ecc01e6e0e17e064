"""A short run of the student's own train and layers, watched: what each of their functions did wrong there, in order.

Every method of the layers and the notebook's compute_cost are watched (checker.checks.spies): each
call is judged by its definition (judges.py), and the run as a whole by what train handed each layer
(wiring.py). The outcome check names what it saw; it never decides a grade with it.
"""

from checker.assignments.computational_graph import judges, wiring
from checker.assignments.computational_graph import messages as say
from checker.checks.spies import first_wrong, watched_run

STATE = {"linear": ("params", "A_prev", "Z", "dW", "db", "dA_prev"), "sigmoid": ("Z", "A", "dZ")}
METHODS = {"linear": ("forward", "backward", "update_params"), "sigmoid": ("forward", "backward")}
OUTPUT = {("linear", "forward"): "Z", ("sigmoid", "forward"): "A", ("linear", "backward"): "dA_prev", ("sigmoid", "backward"): "dZ"}
CHECK_OF = {"linear": "linear_layer", "sigmoid": "sigmoid_layer", "cost": "compute_cost"}


def _watched_methods(layers):
    """(label, owner, method, state) for every method of [linear 1, sigmoid 1, ...], and {label: (kind, layer, what)}."""
    methods, keys = [], {"compute_cost": wiring.COST}
    for index, owner in enumerate(layers):
        kind, layer = ("linear", "sigmoid")[index % 2], index // 2 + 1
        for method in METHODS[kind]:
            what = "update" if method == "update_params" else method
            label = wiring.name_of(kind, layer, what)
            methods.append((label, owner, method, STATE[kind]))
            keys[label] = (kind, layer, what)
    return methods, keys


def _step(call, key):
    kind, layer, what = key
    if kind == "cost":
        value = call.value
        outputs = (value[1],) if isinstance(value, (tuple, list)) and len(value) == 2 else ()
        return wiring.Step(kind, layer, what, tuple(call.args[:2]), outputs)
    argument = call.args[0] if call.args else next(iter(call.kwargs.values()), None)
    outputs = () if what == "update" else (call.after.get(OUTPUT[kind, what]), call.value)
    return wiring.Step(kind, layer, what, argument, outputs)


def misbehaviour(run, train, layers, X, Y, epochs, rate):
    """[(check name, what the run showed)] in the order a watched run of train showed them: the first wrong call of each
    layer kind and of compute_cost, and train's first step otherwise than the exercise says. Empty when nothing was wrong
    there, or when the run itself failed."""
    methods, keys = _watched_methods(layers)
    calls, value = watched_run(run, train, ("compute_cost",), layers, X, Y, epochs, rate, methods=methods)
    if calls is None:
        return []
    seen = []
    for kind, check in CHECK_OF.items():
        call, wrong = first_wrong([call for call in calls if keys[call.name][0] == kind],
                                  lambda label: judges.JUDGES[keys[label][0], keys[label][2]])
        if call is not None:
            seen.append((next(i for i, noted in enumerate(calls) if noted is call), check, say.SEEN_CALL.format(step=call.name, wrong=wrong)))
    steps = [_step(call, keys[call.name]) for call in calls]
    miswired = wiring.first_miswiring(steps, X, Y, len(layers) // 2, epochs, rate, wiring.count_of(value))
    if miswired:
        seen.append((miswired[0], "train", say.SEEN_TRAIN.format(wrong=miswired[1])))
    return [(check, words) for _, check, words in sorted(seen, key=lambda item: item[0])]
