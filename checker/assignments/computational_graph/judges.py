"""What a training run of assignment 02 should have done: each call judged by its definition, and the run by what train handed each layer.

A watched call notes its arguments and its layer's state before and after (checker.checks.spies);
each call judge compares what the call left with the notebook's definitions (lent.py) and returns
None when the call did its job.

The run as a whole is the list of calls the layers and compute_cost received, in order (lent.Step):
the journal of the layers lent to train's check, or the watched calls of the student's own layers in
the outcome check. Each epoch must hold, in this order, with any other calls in between (printing, an
extra forward pass for the accuracy, compute_cost again for the cost): every layer's forward fed what
the one before it gave back, compute_cost given (Y, the last A), every layer's backward in reverse fed
what the one above it gave back; and each linear layer must be updated once, at learning_rate, after its
backward and before its next forward. Arguments are compared with what the calls before them gave back,
so no answer key is needed and no extra call counts as a mistake. Nothing here decides a grade: it explains one.
"""

from typing import NamedTuple

import numpy as np

from checker.assignments.computational_graph import lent
from checker.assignments.computational_graph import messages as say
from checker.checks import compare
from checker.checks.describe import kind_in_words
from checker.checks.messages import Said
from checker.thresholds import agree_below


def _agrees(yours, truth):
    yours, truth = compare.as_numbers(yours), np.asarray(truth, dtype=np.float64)
    return yours is not None and yours.shape == truth.shape and (
        compare.close(yours, truth) or np.linalg.norm(yours - truth) <= agree_below() * (np.linalg.norm(yours) + np.linalg.norm(truth)))


def _linear(state):
    return state["params"]["W"], state["params"]["b"]


def _kept(call, attribute, wrong):
    """`wrong`, or the plainer fact when the call left `attribute` as it was before it: it never stored its result."""
    before, after = call.before.get(attribute), call.after.get(attribute)
    if isinstance(before, dict) and isinstance(after, dict):  # a layer's params: each entry as it was
        unchanged = before.keys() == after.keys() and all(compare.close(after[key], before[key]) for key in before)
    else:
        unchanged = before is not None and after is not None and compare.close(after, before)
    return say.RUN_KEPT.format(attribute=attribute) if unchanged else wrong


def judge_linear_forward(call, calls):
    if not _agrees(call.after.get("Z", call.value), lent.linear_output(*_linear(call.before), call.args[0])):
        return _kept(call, "Z", say.RUN_LINEAR_FORWARD)
    if "A_prev" in call.after and not _agrees(call.after["A_prev"], call.args[0]):
        return say.RUN_LINEAR_CACHE


def judge_linear_backward(call, calls):
    truths = lent.linear_gradients(*_linear(call.before), call.before["A_prev"], call.args[0])
    if not all(name in call.after and _agrees(call.after[name], truth) for name, truth in truths.items()):
        return say.RUN_LINEAR_BACKWARD


def judge_linear_update(call, calls):
    rate = call.args[0] if call.args else call.kwargs.get("learning_rate", 0.1)
    W, b = _linear(call.before)
    W_after, b_after = _linear(call.after)
    if not (_agrees(W_after, W - rate * np.asarray(call.before["dW"])) and _agrees(b_after, b - rate * np.asarray(call.before["db"]))):
        return _kept(call, "params", say.RUN_LINEAR_UPDATE)


def judge_sigmoid_forward(call, calls):
    if not _agrees(call.after.get("A", call.value), lent.sigmoid_output(call.args[0])):
        return _kept(call, "A", say.RUN_SIGMOID_FORWARD)


def judge_sigmoid_backward(call, calls):
    G = np.asarray(call.args[0], dtype=np.float64)
    if "Z" in call.before:
        truth = lent.sigmoid_gradient(call.before["Z"], G)
    else:  # a layer that keeps only A, as the notebook's does: σ'(Z) = A(1 - A) with the A its forward stored
        A = np.asarray(call.before["A"], dtype=np.float64)
        truth = G * A * (1 - A)
    if not _agrees(call.after.get("dZ", call.value), truth):
        return say.RUN_SIGMOID_BACKWARD


def judge_compute_cost(call, calls):
    Y, Y_hat = call.args[:2]
    try:
        cost, dY_hat = call.value
    except (TypeError, ValueError):
        return say.RUN_COST
    if not (_agrees(cost, lent.cost(Y, Y_hat)) and _agrees(dY_hat, lent.cost_gradient(Y, Y_hat))):
        return say.RUN_COST


JUDGES = {("linear", "forward"): judge_linear_forward, ("linear", "backward"): judge_linear_backward,
          ("linear", "update"): judge_linear_update, ("sigmoid", "forward"): judge_sigmoid_forward,
          ("sigmoid", "backward"): judge_sigmoid_backward, ("cost", "call"): judge_compute_cost}


# -- the run as a whole: what train handed each layer --------------------------------------------
FIRST, COST = ("linear", 1, "forward"), ("cost", 0, "call")
CANDIDATES = 8  # starts of an epoch tried (an extra forward pass for printing is one more); bounds the judge's work


def count_of(costs):
    """How many costs train returned (a list, a tuple or a 1-d array), or None for anything else."""
    if isinstance(costs, (list, tuple)) or (isinstance(costs, np.ndarray) and costs.ndim == 1):
        return len(costs)
    return None


def name_of(kind, layer, what):
    """A call as messages name it: "the forward of linear layer 1", "compute_cost", "update_params of linear layer 2"."""
    if kind == "cost":
        return "compute_cost"
    return f"update_params of linear layer {layer}" if what == "update" else f"the {what} of {kind} layer {layer}"


OUTPUT_NAMES = {("linear", "forward"): "the Z of linear layer {layer}", ("sigmoid", "forward"): "the A of sigmoid layer {layer}",
                ("linear", "backward"): "the dA_prev of linear layer {layer}", ("sigmoid", "backward"): "the dZ of sigmoid layer {layer}",
                ("cost", "call"): "dY_hat, the gradient compute_cost returned"}


ATTRIBUTES = {("linear", "forward"): "Z", ("sigmoid", "forward"): "A", ("linear", "backward"): "dA_prev", ("sigmoid", "backward"): "dZ"}


def step_of(call, key):
    """A watched call of the student's layers (checker.checks.spies.Call) as a step of the run, `key` being (kind, layer, what)."""
    kind, layer, what = key
    if kind == "cost":
        value = call.value
        outputs = (value[1],) if isinstance(value, (tuple, list)) and len(value) == 2 else ()
        return lent.Step(kind, layer, what, tuple(call.args[:2]), outputs)
    argument = call.args[0] if call.args else next(iter(call.kwargs.values()), None)
    outputs = () if what == "update" or call.raised else (call.after.get(ATTRIBUTES[kind, what]), call.value)
    return lent.Step(kind, layer, what, argument, outputs)


def _same(argument, wanted):
    if isinstance(wanted, tuple):
        return isinstance(argument, (tuple, list)) and len(argument) == len(wanted) and all(map(compare.close, argument, wanted))
    return compare.close(argument, wanted)


class _Miss(NamedTuple):
    depth: int  # how many steps of the epoch matched before it
    key: tuple  # the step that was not found
    previous: tuple  # the step matched before it, or None
    given: object  # the index of the first call of that kind after `previous`, or None
    position: int  # where it was looked for from
    wanted: str
    got: dict


class _Walk:
    def __init__(self, steps, X, Y, pairs):
        self.steps, self.X, self.Y, self.pairs = steps, X, Y, pairs
        self.cost_called = any(step.kind == "cost" for step in steps)  # else the cost is computed inline: nothing to say of compute_cost
        forward = [(kind, k, "forward") for k in range(1, pairs + 1) for kind in ("linear", "sigmoid")]
        backward = [(kind, k, "backward") for k in range(pairs, 0, -1) for kind in ("sigmoid", "linear")]
        self.chain = forward + ([COST] if self.cost_called else []) + backward

    def _source(self, key):
        """The step whose output `key` must be given (None: X, or the cost's gradient worked out inline)."""
        kind, k, what = key
        if key == FIRST or (key[:2] == ("sigmoid", self.pairs) and what == "backward" and not self.cost_called):
            return None
        if key == COST or (kind == "sigmoid" and what == "backward" and k == self.pairs):
            return ("sigmoid", self.pairs, "forward") if key == COST else COST
        return {("linear", "forward"): ("sigmoid", k - 1, "forward"), ("sigmoid", "forward"): ("linear", k, "forward"),
                ("sigmoid", "backward"): ("linear", k + 1, "backward"), ("linear", "backward"): ("sigmoid", k, "backward")}[kind, what]

    def words(self, key):
        """What the call `key` must be given, in words."""
        if key == FIRST:
            return "X"
        if key == COST:
            return f"(Y, A) with the A of sigmoid layer {self.pairs}"
        source = self._source(key)
        if source is None:
            return f"the gradient of the cost with respect to the A of sigmoid layer {self.pairs}"
        return OUTPUT_NAMES[source[0], source[2]].format(layer=source[1])

    def wanted(self, key, got):
        """[The values the call `key` should be given], from the calls matched before it in this epoch (`got`)."""
        top = ("sigmoid", self.pairs, "forward")
        if key == FIRST:
            return [self.X]
        if key == COST:
            return [(self.Y, A) for A in self._outputs(got[top])]
        source = self._source(key)
        if source is None:
            return [lent.cost_gradient(self.Y, A) for A in self._predictions(got[top])]
        return self._outputs(got[source])

    @staticmethod
    def _outputs(step):
        return [output for output in step.outputs if output is not None]

    def _predictions(self, step):
        """The outputs of the last sigmoid layer's forward that a cost can be taken of: numbers of the shape of Y."""
        return [A for A in map(compare.as_numbers, self._outputs(step)) if A is not None and A.shape == self.Y.shape]

    def _find(self, key, start, wanted=None):
        for index in range(start, len(self.steps)):
            step = self.steps[index]
            if step[:3] == key and (wanted is None or any(_same(step.argument, value) for value in wanted)):
                return index
        return None

    def match_epoch(self, first):
        """({step: index} for one epoch starting at steps[first], None), or (None, _Miss) at the first step not found."""
        got, indices, position, previous = {}, {}, first, None
        for depth, key in enumerate(self.chain):
            index = self._find(key, position, self.wanted(key, got))
            if index is None:
                return None, _Miss(depth, key, previous, self._find(key, position), position, self.words(key), got)
            got[key], indices[key], position, previous = self.steps[index], index, index + 1, key
        return indices, None

    def epoch(self, start):
        """The indices of the first complete epoch from `start`, or (None, the miss that got furthest).

        The epoch starts before the first update that follows a backward of its layer: a forward pass after it belongs to a
        later epoch.
        """
        update, gone_back = len(self.steps), set()
        for index in range(start, len(self.steps)):
            kind, layer, what = self.steps[index][:3]
            if what == "update" and layer in gone_back:
                update = index
                break
            if kind == "linear" and what == "backward":
                gone_back.add(layer)
        best, first = None, self._find(FIRST, start, [self.X])
        for _ in range(CANDIDATES):
            if first is None or first >= update:
                break
            indices, miss = self.match_epoch(first)
            if miss is None:
                return indices, None
            best = miss if best is None or miss.depth > best.depth else best
            first = self._find(FIRST, first + 1, [self.X])
        return None, best or _Miss(0, FIRST, None, self._find(FIRST, start), start, "X", {})

    def epochs(self, most):
        """([{step: index}] of up to `most` complete epochs from the start, where the next would start, the miss that ended them)."""
        found, start, miss = [], 0, None
        while len(found) < most:
            indices, miss = self.epoch(start)
            if indices is None:
                break
            found.append(indices)
            start = max([*indices.values(), *self.first_updates(indices)]) + 1
        return found, start, miss

    def first_updates(self, indices):
        """The index of each linear layer's first update after its backward in the epoch matched at `indices`, before its next
        forward (those there are)."""
        found = []
        for layer in range(1, self.pairs + 1):
            for index in range(indices[("linear", layer, "backward")] + 1, len(self.steps)):
                if self.steps[index][:3] in (("linear", layer, "update"), ("linear", layer, "forward")):
                    found += [index] if self.steps[index].what == "update" else []
                    break
        return found

    def described(self, argument, got, before):
        """What a call was given, in words: a value this epoch produced (or, failing that, the latest call before index
        `before` that gave it back), named; else the student's value, described."""
        earlier = [(step[:3], step) for step in reversed(self.steps[:before])]
        known = [(self.X, "X"), (self.Y, "Y")] + [(output, OUTPUT_NAMES[key[0], key[2]].format(layer=key[1]))
                                                 for key, step in [*got.items(), *earlier] if (key[0], key[2]) in OUTPUT_NAMES
                                                 for output in self._outputs(step)]
        if isinstance(argument, (tuple, list)) and len(argument) == 2:  # compute_cost's (Y, Y_hat)
            parts = [self.described(part, got, before) for part in argument]
            return Said(f"({parts[0]}, {parts[1]})") if all(isinstance(part, Said) for part in parts) else f"({parts[0]}, {parts[1]})"
        return next((Said(name) for value, name in known if _same(argument, value)), kind_in_words(argument))


def _miss_message(walk, miss, epoch):
    if miss.given is not None:
        wrong = say.WAS_GIVEN.format(received=walk.described(walk.steps[miss.given].argument, miss.got, miss.given), wanted=Said(miss.wanted))
    elif miss.previous is not None:
        wrong = say.NOT_CALLED_AFTER.format(previous=Said(name_of(*miss.previous)))
    elif epoch > 0:
        wrong = say.NOT_CALLED_AFTER.format(previous=Said(f"epoch {epoch - 1}"))
    else:
        wrong = say.NEVER_CALLED
    kind, layer, what = miss.key
    if kind == "cost":
        return say.COST_ARGUMENTS.format(epoch=epoch, wrong=wrong)
    template = say.FORWARD_WRONG if what == "forward" else say.BACKWARD_WRONG
    return template.format(epoch=epoch, step=name_of(kind, layer, what), wrong=wrong)


def _update_message(walk, epochs_found, epoch, layer, rate):
    """(index, message) when linear layer `layer` was not updated once at `rate` in `epoch`, else None."""
    steps, key = walk.steps, ("linear", layer, "update")
    lower = epochs_found[epoch][("linear", layer, "backward")]
    upper = epochs_found[epoch + 1][("linear", layer, "forward")] if epoch + 1 < len(epochs_found) else None
    updates = [index for index in range(lower + 1, len(steps) if upper is None else upper) if steps[index][:3] == key]
    if not updates:
        return lower, say.NOT_LEARNING.format(epoch=epoch, layer=layer)
    for index in updates:
        given = steps[index].argument
        if given is None:
            return index, say.UPDATE_RATE_OMITTED
        if not compare.close(given, rate):
            number = compare.as_numbers(given)
            return index, say.UPDATE_RATE_TRAIN.format(value=f"{float(number):.4g}" if number is not None and number.ndim == 0 else kind_in_words(given))
    if upper is not None and len(updates) > 1:
        return updates[1], say.UPDATED_TWICE.format(epoch=epoch, layer=layer, count=len(updates))
    return None


def first_miswiring(steps, X, Y, pairs, epochs, rate, returned=None):
    """(index of the call, message) for the first thing a run of train did otherwise than the exercise says, or None.

    `steps`: the calls, in order; `pairs`: (linear, sigmoid) pairs; `returned`: how many costs train returned, if known.
    """
    walk = _Walk(list(steps), X, Y, pairs)
    found, start, miss = walk.epochs(epochs + 1)  # one epoch more than asked: a run that goes on past num_epochs
    for epoch in range(min(len(found), epochs)):
        for layer in range(1, pairs + 1):
            wrong = _update_message(walk, found, epoch, layer, rate)
            if wrong:
                return wrong
    if len(found) > epochs:
        return found[epochs][FIRST], say.EXTRA_EPOCHS.format(epochs=epochs, last=epochs - 1)
    if len(found) == epochs:
        return None
    if found and not any(step.what != "update" for step in walk.steps[start:]):  # no layer went forward or backward again
        template = say.RETURNED_EARLY if returned == len(found) else say.STOPPED_EARLY
        return start, template.format(ran=len(found), epochs=epochs, count=returned)
    return miss.given if miss.given is not None else miss.position, _miss_message(walk, miss, len(found))


def refused(steps, index, X, Y, pairs):
    """The message for the call at `index`, which a lent layer refused (a shape it cannot take): what it was given, and
    what it should have been given."""
    walk = _Walk(list(steps), X, Y, pairs)
    found, _, miss = walk.epochs(index + 1)
    key = tuple(walk.steps[index][:3])
    got = miss.got if miss is not None else {}
    return _miss_message(walk, _Miss(0, key, None, index, index, walk.words(key), got), len(found))
