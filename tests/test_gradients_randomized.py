"""Can the gradient checker be trusted? Thousands of seeded trials on small networks, right and wrong gradients.

A network is an MLP (tanh, or ReLU with units placed exactly on their kink) with a squared-error
cost; its gradient comes from backpropagation written here once. Wrong gradients come in the kinds
students make: one entry off by a small factor, a sign flip, a scaled block, a transposed block, a
missing 1/m. At a kink a gradient entry may be either one-sided derivative or anything between, so
"wrong" means outside that interval. Every trial must end in the right verdict, without a crash, and
a failure must name an entry that really is wrong.
"""

import numpy as np
import pytest

from checker.gradients import check_gradient

KINDS = ("entry", "sign", "block", "transposed", "missing 1/m")
SINGLE_ENTRY = ("entry", "sign")
FACTORS = (0.5, 0.9, 1.1, 1.5, 2.0, 3.0)


class Network:
    """An MLP with squared-error cost: its parameters, cost(p), and gradients(p, on=...) by backpropagation."""

    def __init__(self, rng, sizes, relu, kinks=0):
        self.relu, self.layers = relu, len(sizes) - 1
        while True:
            self._draw(rng, sizes, kinks)
            if self.generic():
                break

    def _draw(self, rng, sizes, kinks):
        self.m = int(rng.integers(3, 7))
        grid = lambda shape: np.round(rng.normal(size=shape) * 16) / 16  # exact products, even in float32
        self.X, self.Y = grid((sizes[0], self.m)), rng.normal(size=(sizes[-1], self.m))
        self.params = {}
        for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            self.params[f"W{layer}"] = grid((n_out, n_in)) / 2
            self.params[f"b{layer}"] = rng.normal(size=(n_out, 1))
        self.kinks = []  # (unit, example) of the first layer sitting exactly on ReLU's kink
        for unit in rng.choice(sizes[1], size=min(kinks, sizes[1]), replace=False):
            example = int(rng.integers(self.m))
            self.params["b1"][unit, 0] = -(self.params["W1"][unit] @ self.X[:, example])
            self.kinks.append((int(unit), example))

    def generic(self):
        """Only the planted kinks are near 0: a unit on its kink for two examples at once has no one-sided test."""
        A = self.X
        for layer in range(1, self.layers):
            Z = self.params[f"W{layer}"] @ A + self.params[f"b{layer}"]
            near = np.abs(Z) < 1e-3
            for unit, example in self.kinks if layer == 1 else ():
                near[unit, example] = Z[unit, example] != 0
            if near.any():
                return False
            A = self.activation(Z)
        return True

    def activation(self, Z):
        return np.maximum(Z, 0) if self.relu else np.tanh(Z)

    def cost(self, p):
        A = self.X
        for layer in range(1, self.layers + 1):
            Z = p[f"W{layer}"] @ A + p[f"b{layer}"]
            A = Z if layer == self.layers else self.activation(Z)
        return 0.5 * np.sum((A - self.Y) ** 2) / self.m

    def gradients(self, p, on=()):
        """Backpropagation in the parameters' dtype; `on`: (unit, example) kinks taken as active (slope 1)."""
        dtype = p["W1"].dtype
        As, Zs = [self.X.astype(dtype)], []
        for layer in range(1, self.layers + 1):
            Zs.append(p[f"W{layer}"] @ As[-1] + p[f"b{layer}"])
            As.append(Zs[-1] if layer == self.layers else self.activation(Zs[-1]))
        dZ = (As[-1] - self.Y.astype(dtype)) / dtype.type(self.m)
        grads = {}
        for layer in range(self.layers, 0, -1):
            grads[f"W{layer}"], grads[f"b{layer}"] = dZ @ As[layer - 1].T, dZ.sum(axis=1, keepdims=True)
            if layer > 1:
                Z = Zs[layer - 2]
                slope = (Z > 0).astype(dtype) if self.relu else 1 - np.tanh(Z) ** 2
                if layer == 2:
                    for unit, example in on:
                        slope[unit, example] = 1
                dZ = (p[f"W{layer}"].T @ dZ) * slope
        return grads

    def valid_range(self):
        """Per entry, the interval of valid gradient values: both one-sided derivatives at every kink."""
        low, high = self.gradients(self.params), self.gradients(self.params, on=self.kinks)
        return {name: (np.minimum(low[name], high[name]), np.maximum(low[name], high[name])) for name in low}


def random_network(rng, family):
    """family 0: tanh, one hidden layer; 1: ReLU, one hidden layer, kinks; 2: ReLU, two hidden layers, kinks."""
    hidden = [int(rng.integers(2, 7))] + ([int(rng.integers(2, 5))] if family == 2 else [])
    sizes = [int(rng.integers(2, 6)), *hidden, int(rng.integers(1, 4))]
    return Network(rng, sizes, relu=family > 0, kinks=int(rng.integers(1, 3)) if family else 0)


def plant(rng, network, kind):
    """A wrong gradient of `kind`, or None when this network has no entry where that mistake shows."""
    correct = network.gradients(network.params)
    wrong = {name: value.copy() for name, value in correct.items()}
    names = [name for name, value in correct.items()
             if np.abs(value).max() > 1e-3 and (kind != "transposed" or min(value.shape) > 1)]
    if not names:
        return None
    name = names[int(rng.integers(len(names)))]
    g = wrong[name]
    if kind in SINGLE_ENTRY:
        candidates = np.flatnonzero(np.abs(g) >= 0.05 * np.abs(g).max())
        flat = int(rng.choice(candidates))
        g.flat[flat] *= -1 if kind == "sign" else FACTORS[int(rng.integers(len(FACTORS)))]
    elif kind == "block":
        rows, columns = g.shape
        r, c = int(rng.integers(rows)), int(rng.integers(columns))
        g[r: r + int(rng.integers(1, rows + 1)), c: c + int(rng.integers(1, columns + 1))] *= rng.uniform(1.2, 3)
    elif kind == "transposed":
        size = min(g.shape)
        block = g[:size, :size].copy()
        if np.linalg.norm(block - block.T) < 0.1 * np.linalg.norm(block):
            return None
        g[:size, :size] = block.T
    else:
        g *= network.m
    return wrong


def wrong_entries(network, gradients):
    """Per parameter, a mask of the entries outside their valid interval (with a margin far above round-off)."""
    valid = network.valid_range()
    scale = max(np.abs(low).max() + np.abs(high).max() for low, high in valid.values())
    masks = {}
    for name, (low, high) in valid.items():
        g = gradients[name]
        distance = np.maximum(low - g, 0) + np.maximum(g - high, 0)
        masks[name] = distance > 1e-3 * (np.abs(g) + np.abs(np.clip(g, low, high))) + 1e-9 * scale
    return masks


def float32_case(network):
    """The network's parameters in float32, and its gradients computed in float32 arithmetic."""
    params = {name: value.astype(np.float32) for name, value in network.params.items()}
    return params, network.gradients(params)


def correct_case(network, variant):
    """A right gradient: float64 with ReLU'(0) = 0, float64 with the kinks taken as active, or float32."""
    if variant == 0:
        return network.params, network.gradients(network.params)
    if variant == 1:
        return network.params, network.gradients(network.params, on=network.kinks)
    return float32_case(network)


def run_trials(mode, seeds):
    """Check a wrong and a right gradient for each seed; the trials that went wrong, by what went wrong."""
    problems = {"crash": [], "false pass": [], "named a right entry": [], "false alarm": []}
    counts = {"wrong": 0, "single entry": 0, "right": 0}
    for seed in seeds:
        rng = np.random.default_rng(seed)
        network = random_network(rng, family=seed % 3)
        kind = KINDS[(seed // 3) % len(KINDS)]
        wrong = plant(rng, network, kind)
        masks = wrong_entries(network, wrong) if wrong is not None else {}
        if any(mask.any() for mask in masks.values()):
            report = check_gradient(network.cost, network.params, wrong, mode=mode, rng=seed)
            counts["wrong"] += 1
            counts["single entry"] += kind in SINGLE_ENTRY
            if report.kind not in ("ok", "mismatch"):
                problems["crash"].append((seed, str(report)))
            elif report.passed:
                problems["false pass"].append((seed, kind))
            elif report.entry is None or not masks[report.entry.name][report.entry.index]:
                problems["named a right entry"].append((seed, kind, report.entry))
        params, gradients = correct_case(network, (seed // 15) % 3)
        report = check_gradient(network.cost, params, gradients, mode=mode, rng=seed)
        counts["right"] += 1
        if not report.passed:
            problems["false alarm"].append((seed, str(report)))
    return counts, problems


@pytest.mark.parametrize("mode, seeds", [("directions", range(800)), ("full", range(0, 800, 16)),
                                         ("complex-step", range(8, 800, 16))])
def test_no_false_pass_no_false_alarm_no_crash(mode, seeds):
    counts, problems = run_trials(mode, seeds)
    assert problems["crash"] == [] and problems["false pass"] == [] and problems["false alarm"] == []
    assert len(problems["named a right entry"]) <= 0.01 * counts["wrong"], problems["named a right entry"]
    assert counts["wrong"] >= 0.85 * len(seeds) and counts["single entry"] >= 0.3 * len(seeds)


def test_an_entry_off_by_3_beside_a_relu_kink_is_always_found():
    """The reviewer's case: a unit exactly on its kink, one entry 3 times too large (fast mode once passed 67 of 200)."""
    found = 0
    for seed in range(200):
        rng = np.random.default_rng(seed)
        network = random_network(rng, family=1)
        gradients = network.gradients(network.params)
        name = max(gradients, key=lambda n: np.abs(gradients[n]).max())
        flat = int(np.argmax(np.abs(gradients[name])))
        gradients[name].flat[flat] *= 3
        report = check_gradient(network.cost, network.params, gradients, mode="directions", rng=seed)
        found += not report.passed and report.entry[:2] == (name, np.unravel_index(flat, gradients[name].shape))
    assert found == 200
