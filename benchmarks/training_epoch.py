"""Time per training epoch on the digits: per-example backprop against the batch in matrix form.

Run from the repository root with the virtual environment active:

    python benchmarks/training_epoch.py [--epochs 5]

Both use the notebook's Network([64, 30, 10]), mini-batches of 10 and eta 3.0, from the same start;
the per-example version is the reference solution's update_mini_batch (one backprop per example),
the vectorized one calls backprop_batch once per mini-batch. The notebook is read as the checker
reads it, and its setup and solution cells run here, in this process: no kernel, no sandbox,
nothing between the timer and NumPy.
"""

import argparse
import contextlib
import io
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.assignments.backprop_digits.reference import stack_examples  # noqa: E402
from checker.checks.notebook import read_cells  # noqa: E402
from checker.datasets import load_digits_for_network  # noqa: E402

NOTEBOOK = REPO / "solutions" / "03_backprop_digits" / "backprop_digits.ipynb"
MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)  # IPython lines such as %matplotlib inline are not Python


def notebook_names(path):
    """The names the notebook's setup and solution cells bind (the other cells train, plot or check)."""
    namespace = {"__name__": "__notebook__"}
    for cell in read_cells(path):
        if cell["whole"]:
            exec(compile(MAGIC.sub(r"\1pass", cell["source"]), f"{path.name} cell {cell['number']}", "exec"), namespace)
    return namespace


def vectorized_update(net):
    def update_mini_batch(mini_batch, eta):
        nabla_b, nabla_w = net.backprop_batch(*stack_examples(mini_batch))
        net.weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(net.weights, nabla_w)]
        net.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(net.biases, nabla_b)]
    return update_mini_batch


def seconds_per_epoch(Network, training_data, test_data, epochs, vectorized):
    np.random.seed(0)
    random.seed(0)
    net = Network([64, 30, 10])
    if vectorized:
        net.update_mini_batch = vectorized_update(net)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # SGD prints its progress
        net.SGD(training_data, epochs, 10, 3.0)
    elapsed = (time.perf_counter() - start) / epochs
    return elapsed, net.evaluate(test_data) / len(test_data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    epochs = parser.parse_args().epochs
    Network = notebook_names(NOTEBOOK)["Network"]
    training_data, test_data = load_digits_for_network()
    per_example, accuracy_a = seconds_per_epoch(Network, training_data, test_data, epochs, vectorized=False)
    batch, accuracy_b = seconds_per_epoch(Network, training_data, test_data, epochs, vectorized=True)
    print(f"{len(training_data)} training digits, {epochs} epochs, mini-batches of 10")
    print(f"{'backprop':<28} {'s / epoch':>10} {'test accuracy':>14}")
    print(f"{'one example at a time':<28} {per_example:>10.3f} {accuracy_a:>14.1%}")
    print(f"{'whole mini-batch (matrix)':<28} {batch:>10.3f} {accuracy_b:>14.1%}")
    print(f"matrix form is {per_example / batch:.1f}× faster per epoch")


if __name__ == "__main__":
    main()
