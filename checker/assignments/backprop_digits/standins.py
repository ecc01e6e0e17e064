"""Judge-side stand-ins for assignment 03: lent to the student's network in place of its own methods.

They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here),
so what they record cannot be forged by the code being graded.
"""

import numpy as np

from checker.assignments.backprop_digits import inputs
from checker.checks import symbolic
from checker.checks.guard import CallLog

MAX_OUTPUTS = 16  # the widest output layer of the checks' networks (the digits' has 10)


def mse_gradient(output_activations, y):
    """∂/∂a of ½‖a - y‖², derived with SymPy: the checker's cost_derivative (lent to the student's backprop)."""
    output_activations = np.asarray(output_activations, dtype=np.float64)
    if output_activations.ndim != 2 or not 1 <= output_activations.shape[0] <= MAX_OUTPUTS:
        raise ValueError(f"cost_derivative expects the output layer's activations, a column of at most {MAX_OUTPUTS} here, "
                         f"not an array of shape {output_activations.shape}")
    return symbolic.loss_gradient("mse", output_activations.shape[0])(output_activations, y)


class GradientStandIn:
    """backprop and backprop_batch for grading update_mini_batch: a drawn gradient per example (by its tag)."""

    def __init__(self, run, sizes, count):
        self.gradients = [inputs.initial_parameters(sizes, run.rng) for _ in range(count)]
        self.used = CallLog(run, "backprop", calls=1_000)

    def backprop(self, x, y):
        return self.backprop_batch(x, y)

    def backprop_batch(self, X, Y):
        tags = [int(round(float(tag))) for tag in np.asarray(X, dtype=np.float64)[0][: self.used.calls + 1]]
        for tag in tags:
            self.used.add(tag)
        chosen = [self.gradients[tag] for tag in tags if 0 <= tag < len(self.gradients)]
        return [sum(g[0][i] for g in chosen) for i in range(len(self.gradients[0][0]))], [sum(g[1][i] for g in chosen) for i in range(len(self.gradients[0][1]))]

    def sums(self):
        return self.backprop_batch(np.arange(len(self.gradients))[None, :], None)


class SGDStandIn:
    """update_mini_batch and evaluate for grading SGD: the example tags and eta of every mini-batch noted, evaluate's data compared."""

    def __init__(self, run, n, test_data):
        self.n, self.test_data = n, test_data
        self.calls, self.evaluated, self.scores = CallLog(run, "update_mini_batch", calls=1_000), [], iter(range(100, 200))

    def update_mini_batch(self, mini_batch, eta):
        return self.calls.add(([int(round(float(x[0][0]))) for x, _ in mini_batch[: self.n + 1]], eta))

    def evaluate(self, data):
        """A score per call (100, 101, ...), noting whether data is the test data SGD was given."""
        return self.evaluated.append(_same_examples(data, self.test_data)) or next(self.scores)


def _same_examples(data, wanted):
    """Whether evaluate received the test data SGD was given: the same (x, label) pairs, in order."""
    try:
        return len(data) == len(wanted) and all(np.array_equal(np.asarray(x, dtype=float), w_x) and int(y) == int(w_y)
                                                for (x, y), (w_x, w_y) in zip(data, wanted))
    except (TypeError, ValueError):
        return False
