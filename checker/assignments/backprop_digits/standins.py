"""Judge-side stand-ins for assignment 03: lent to the student's network in place of its own methods.

They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here),
so what they record cannot be forged by the code being graded.
"""

import numpy as np

from checker.assignments.backprop_digits import inputs
from checker.checks.guard import CallLog


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
