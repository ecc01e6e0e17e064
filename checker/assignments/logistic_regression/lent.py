"""Judge-side stand-ins for assignment 01: helpers lent to the student's optimize and model, noting how they are called.

They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here), so what
they note cannot be forged by the code being graded. Their answers are read off results the answer key
computed beforehand for the check's inputs (so the student kit answers from its record): the right answer
for every call that correct code makes there.
"""

import numpy as np

from checker.checks import compare
from checker.checks.expectations import MATCH_ATOL, MATCH_RTOL
from checker.checks.guard import CallLog, call_student
from checker.checks.shapes import one_number
from checker.checks.student_side import side_of

# Where a lent propagate has no answer (parameters gradient descent on the check's inputs never reaches).
OFF_PATH = "the checker's propagate answers only at the w and b that gradient descent on these inputs reaches"


def same(yours, theirs):
    """Whether a value the student's code passed is the judge's own, to the rounding of identical arithmetic."""
    return compare.close(yours, theirs, rtol=MATCH_RTOL, atol=MATCH_ATOL)


class DescentPath:
    """The answer key's path of gradient descent on one data set (reference.logistic_path): its steps, read by position."""

    def __init__(self, path, X, Y):
        self.path, self.X, self.Y = path, X, Y
        self.W = np.array([np.ravel(w) for w in path["w"]])
        self.B = np.asarray(path["b"], dtype=np.float64)

    def on_data(self, X, Y):
        return same(X, self.X) and same(Y, self.Y)

    def step_at(self, w, b, X, Y):
        """The step at which the path is at (w, b), on its own data; None off the path."""
        w, b = compare.as_numbers(w), one_number(b)
        if w is None or b is None or w.shape != self.path["w"][0].shape or not self.on_data(X, Y):
            return None
        at = np.all(np.isclose(self.W, w.ravel(), rtol=MATCH_RTOL, atol=MATCH_ATOL), axis=1)
        hits = np.flatnonzero(at & np.isclose(self.B, b, rtol=MATCH_RTOL, atol=MATCH_ATOL))
        return int(hits[0]) if hits.size else None

    def gradients(self, step):
        """(grads, cost) at `step`, as propagate returns them: fresh copies."""
        return {"dw": np.array(self.path["dw"][step]), "db": self.path["db"][step]}, self.path["cost"][step]

    def optimized(self, steps):
        """(params, grads, costs) after `steps` steps, as optimize returns them: fresh copies."""
        params = {"w": np.array(self.path["w"][steps]), "b": self.path["b"][steps]}
        return params, self.gradients(steps - 1)[0], list(self.path["cost"][:steps:100])


class PathStandIns:
    """propagate for a run of optimize on the real problem, answering on the path of gradient descent and noting each w."""

    def __init__(self, run, descent, calls):
        self.descent, self.asked = descent, CallLog(run, "propagate", calls=calls)

    def propagate(self, w, b, X, Y):
        self.asked.add(compare.as_numbers(w))
        step = self.descent.step_at(w, b, X, Y)
        if step is None:
            raise RuntimeError(OFF_PATH)  # such an optimize is not gradient descent here: the run only has to end
        return self.descent.gradients(step)


class ModelStandIns:
    """model's helpers lent from the judge, each noting its calls.

    The calls the exercise makes on the check's inputs (initialize_with_zeros(n_x), optimize from those zeros on the
    training set with model's settings, propagate on that descent's path, predict with what it learned) get the right
    answer; any other call goes to the notebook's own function of that name, as it would without the checker.
    """

    NAMES = ("initialize_with_zeros", "optimize", "propagate", "predict")

    def __init__(self, run, own, data, descent, settings, labels):
        self.run, self.own, self.descent = run, own, descent
        (self.X_train, self.Y_train, self.X_test), (self.iterations, self.rate) = data, settings
        self.labels = labels  # the right predictions on X_train and on X_test, in that order
        self.trained = descent.optimized(self.iterations)[0]
        self.calls = {name: CallLog(run, name, calls=20 * self.iterations) for name in self.NAMES}

    def _noted(self, name, entry, right, answer, *args, **kwargs):
        """Note a call, then give the right answer (`right`) or what the notebook's own function returns."""
        entry["right"] = right
        self.calls[name].add(entry)
        if right:
            entry["returned"] = answer()
            return entry["returned"]
        if self.own.get(name) is None:
            raise NameError(f"name '{name}' is not defined")
        entry["returned"] = call_student(self.run, self.own[name], *args, name=name, allow_changes=True, **kwargs).value
        return entry["returned"]

    def initialize_with_zeros(self, dim):
        right = isinstance(dim, (int, np.integer)) and dim == self.X_train.shape[0]
        return self._noted("initialize_with_zeros", {"dim": dim}, right, lambda: (np.zeros((int(dim), 1)), 0.0), dim)

    def starts_right(self, w, b):
        return same(w, np.zeros((self.X_train.shape[0], 1))) and one_number(b) == 0.0

    def optimize(self, w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        entry = {"w": w, "b": b, "X": X, "Y": Y, "num_iterations": num_iterations, "learning_rate": learning_rate}
        right = (self.starts_right(w, b) and self.descent.on_data(X, Y) and one_number(num_iterations) == self.iterations
                 and one_number(learning_rate) == self.rate)
        return self._noted("optimize", entry, right, lambda: self.descent.optimized(self.iterations), w, b, X, Y,
                           num_iterations=num_iterations, learning_rate=learning_rate, print_cost=print_cost)

    def propagate(self, w, b, X, Y):
        step = self.descent.step_at(w, b, X, Y)
        entry = {"w": compare.as_numbers(w), "b": one_number(b), "on_test": same(X, self.X_test)}
        return self._noted("propagate", entry, step is not None, lambda: self.descent.gradients(step), w, b, X, Y)

    def predict(self, w, b, X):
        learned = same(w, self.trained["w"]) and one_number(b) is not None and same(one_number(b), self.trained["b"])
        index = next((i for i, data in enumerate((self.X_train, self.X_test)) if same(X, data)), None)
        right = learned and index is not None
        return self._noted("predict", {"X": X}, right, lambda: np.array(self.labels[index]), w, b, X)

    def helpers(self, sigmoid):
        return {name: getattr(self, name) for name in self.NAMES} | {"sigmoid": sigmoid}


def lent_to_model(run, model, data, iterations, rate):
    """model's helpers lent from the judge, with the answer key's results for the check's inputs.

    Everything the answer key computes here is asked for on every run, so the student kit holds it for the public seed.
    """
    X_train, Y_train, X_test = data
    path = run.reference.logistic_path(np.zeros((X_train.shape[0], 1)), 0.0, X_train, Y_train, rate, iterations)
    descent = DescentPath(path, X_train, Y_train)
    trained = descent.optimized(iterations)[0]
    labels = [run.reference.predict(trained["w"], trained["b"], X) for X in (X_train, X_test)]
    side = side_of(model, run)
    own = {name: side.lookup(model, name) for name in ModelStandIns.NAMES}  # before the lent ones take their names
    return ModelStandIns(run, own, data, descent, (iterations, rate), labels)
