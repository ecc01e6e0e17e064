"""How a wrong step of update_mini_batch is told: from what the step did to the network's lists, shapes and values.

Each diagnosis names what was observed after the call (a list that grew, parameters left as they were,
examples whose gradient was never asked for, a step equal to a recognisable wrong one); a step wrong in
no recognised way is told as the plain fact, with the first layer where it differs.
"""

import numpy as np

from checker.assignments.backprop_digits import judges
from checker.assignments.backprop_digits import messages as say
from checker.checks import compare
from checker.checks.report import kind_in_words
from checker.checks.shapes import require_shape

ATTRIBUTES = (("weights", 1), ("biases", 0))  # (attribute, its index in (biases, weights)), in the order they are told


def explain(run, before, after, gradients, eta, m, stand_in=None):
    """Fail update_mini_batch's check. `before` and `after` are (biases, weights); `gradients` the (nabla_b, nabla_w) summed
    over the m examples of the mini-batch: the stand-in's when the code asked it for them, and then `stand_in` tells which
    examples it asked about and what each one's gradient was."""
    __tracebackhide__ = True
    for attribute, index in ATTRIBUTES:
        _require_layers(run, attribute, before[index], after[index])
    _require_shapes(run, before, after, gradients, eta / m)
    unchanged = [f"self.{attribute}" for attribute, index in ATTRIBUTES if judges.same_parameters(after[index], before[index])]
    if unchanged:
        run.fail(say.UNCHANGED.format(what=" and ".join(unchanged)), ("hint", say.UNCHANGED_HINT))
    if stand_in and set(stand_in.used) != set(range(m)):
        run.fail(say.EXAMPLES_MISSED.format(used=len(set(stand_in.used) & set(range(m))), count=m))
    for attribute, index in ATTRIBUTES:
        wrong = _first_wrong_layer(after[index], judges.step(before, gradients, eta / m)[index])
        if wrong is not None:
            headline = next((message for value, message in _candidates(before, gradients, eta, m, stand_in, index)
                             if judges.same_parameters(after[index], value)), None)
            run.fail(headline or say.STEP_WRONG.format(what=f"self.{attribute}"), ("first wrong", f"self.{attribute}[{wrong}]"),
                     ("checked on", f"a test mini-batch of {m} examples, eta {run.shown(f'{eta:.3g}', 'as drawn')}"))


def _candidates(before, gradients, eta, m, stand_in, index):
    """(what self.biases or self.weights would be after a recognisable wrong step, its diagnosis)."""
    moved = lambda rate, nabla=gradients: judges.step(before, nabla, rate)[index]
    candidates = [(moved(eta), say.SUMMED), (moved(-eta / m), say.UPHILL), (moved(eta / m**2), say.DIVIDED_TWICE)]
    if stand_in:  # the gradient of one example alone (the last one asked for, say, when each overwrote the one before)
        candidates += [(moved(eta / m, stand_in.summed([tag])), say.ONE_EXAMPLE.format(count=m)) for tag in range(m)]
    if index == 1:  # each row of the weights moved by the biases' gradient, broadcast
        candidates.append(([w - eta / m * nb for w, nb in zip(before[1], gradients[0])], say.WEIGHTS_TAKE_BIASES))
    return candidates


def _require_layers(run, attribute, old, new):
    """After the call, self.<attribute> is still a list with one array per layer."""
    if isinstance(new, (list, tuple)) and len(new) > len(old):
        run.fail(say.LISTS_GROWN.format(attribute=attribute, after=len(new), before=len(old)))
    if not isinstance(new, (list, tuple)) or len(new) != len(old):
        run.fail(say.LIST_REPLACED.format(attribute=attribute, count=len(old)), ("yours", kind_in_words(new)))


def _require_shapes(run, before, after, gradients, rate):
    """Each array keeps its shape; biases that moved by the weights' gradient (broadcast to its shape) are told so."""
    for attribute, index in ATTRIBUTES:
        for layer, (new, old) in enumerate(zip(after[index], before[index])):
            if np.shape(new) != np.shape(old):
                if attribute == "biases" and compare.close(new, old - rate * np.asarray(gradients[1][layer], dtype=np.float64)):
                    run.fail(say.BIASES_TAKE_WEIGHTS)
                require_shape(run, new, np.shape(old), f"self.{attribute}[{layer}]", f"self.{attribute}[{layer}]")


def _first_wrong_layer(yours, expected):
    return next((layer for layer, (mine, theirs) in enumerate(zip(yours, expected)) if not compare.close(mine, theirs)), None)
