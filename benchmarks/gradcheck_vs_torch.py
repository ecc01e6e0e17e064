"""Gradient checking a 101,770-parameter MLP: our fast and full modes against torch.autograd.gradcheck.

Run from the repository root with the virtual environment active (PyTorch is a benchmark-only
extra: `pip install -e ".[bench]"`, which installs the CPU wheel torch==2.13.0):

    python benchmarks/gradcheck_vs_torch.py [--full]

Every row checks the same network (784-128-10, sigmoid hidden layer, squared error over a batch
of 32) in float64, first with correct gradients, then with a single wrong entry planted in W2.
To plant the wrong entry for torch, the gradients come through a custom autograd Function that
calls the same NumPy code as ours; torch's fast mode is also timed on the network written with
torch operations and differentiated by autograd, which is how torch users would check it.
Our full mode checks every entry (2 evaluations each); without --full its time is extrapolated
from 2,000 entries. Targets: fast mode within 50 ms and no slower than torch's fast mode.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from checker.gradients.directional import check_gradient  # noqa: E402

NAMES = ("W1", "b1", "W2", "b2")
PLANTED = ("W2", (3, 1))
TARGET_MS = 50.0


def problem():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(784, 32)), np.eye(10)[:, rng.integers(0, 10, size=32)]
    params = {"W1": rng.normal(size=(128, 784)) * 0.05, "b1": rng.normal(size=(128, 1)) * 0.1,
              "W2": rng.normal(size=(10, 128)) * 0.1, "b2": rng.normal(size=(10, 1)) * 0.1}

    def cost(p):
        H = 1 / (1 + np.exp(-(p["W1"] @ X + p["b1"])))
        return 0.5 * float(np.sum((p["W2"] @ H + p["b2"] - Y) ** 2)) / X.shape[1]

    def gradients(p):
        H = 1 / (1 + np.exp(-(p["W1"] @ X + p["b1"])))
        dO = (p["W2"] @ H + p["b2"] - Y) / X.shape[1]
        dH = p["W2"].T @ dO * H * (1 - H)
        return {"W1": dH @ X.T, "b1": dH.sum(axis=1, keepdims=True), "W2": dO @ H.T, "b2": dO.sum(axis=1, keepdims=True)}

    return params, cost, gradients


def planted(gradients):
    wrong = {name: value.copy() for name, value in gradients.items()}
    wrong[PLANTED[0]][PLANTED[1]] *= 2
    return wrong


def timed(function):
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def ours(params, cost, gradients, full):
    rows = []
    for label, grads in (("correct", gradients), ("planted", planted(gradients))):
        ms, report = timed(lambda: check_gradient(cost, params, grads, mode="fast"))
        rows.append(("ours, fast", label, ms, report.evaluations, report.describe()))
    if full:
        ms, report = timed(lambda: check_gradient(cost, params, gradients, mode="full"))
        rows.append(("ours, full", "correct", ms, report.evaluations, report.describe()))
    else:
        ms, report = timed(lambda: check_gradient(cost, params, gradients, mode="sampled", samples=2000))
        total = sum(value.size for value in params.values())
        rows.append(("ours, full (extrapolated)", "correct", ms * total / 2000, 2 * total, "every entry, 2 evaluations each"))
    return rows


def torch_rows(params, cost, gradients):
    try:
        import torch
    except ImportError:
        return [("torch fast_mode", "-", float("nan"), 0, 'not installed: pip install -e ".[bench]"')]
    calls = [0]

    def function_with(grads_of):
        class Cost(torch.autograd.Function):
            @staticmethod
            def forward(ctx, *tensors):
                calls[0] += 1
                ctx.save_for_backward(*tensors)
                return torch.tensor(cost(dict(zip(NAMES, (t.detach().numpy() for t in tensors)))), dtype=torch.float64)

            @staticmethod
            def backward(ctx, upstream):
                values = dict(zip(NAMES, (t.detach().numpy() for t in ctx.saved_tensors)))
                return tuple(upstream * torch.from_numpy(grads_of(values)[name]) for name in NAMES)

        return Cost.apply

    inputs = tuple(torch.tensor(params[name], dtype=torch.float64, requires_grad=True) for name in NAMES)
    native_torch_row(torch, params, inputs)  # warm up torch before timing
    rows = [native_torch_row(torch, params, inputs)]
    for label, grads_of in (("correct", gradients), ("planted", lambda p: planted(gradients(p)))):
        calls[0] = 0
        check = lambda: torch.autograd.gradcheck(function_with(grads_of), inputs, eps=1e-6, atol=1e-5, rtol=1e-3,
                                                 fast_mode=True, raise_exception=False)
        ms, passed = timed(check)
        rows.append(("torch fast_mode", label, ms, calls[0], "gradients agree" if passed else "mismatch (no location given)"))
    return rows


def native_torch_row(torch, params, inputs):
    """torch's fast mode on the same MLP written with torch operations, gradients by autograd."""
    rng = np.random.default_rng(0)
    X, Y = (torch.from_numpy(a) for a in (rng.normal(size=(784, 32)), np.eye(10)[:, rng.integers(0, 10, size=32)]))
    calls = [0]

    def cost(W1, b1, W2, b2):
        calls[0] += 1
        H = torch.sigmoid(W1 @ X + b1)
        return 0.5 * torch.sum((W2 @ H + b2 - Y) ** 2) / X.shape[1]

    ms, passed = timed(lambda: torch.autograd.gradcheck(cost, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=True))
    return ("torch fast_mode, autograd", "correct", ms, calls[0], "gradients agree" if passed else "mismatch")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="run our full mode for real (about a minute)")
    options = parser.parse_args()
    params, cost, gradients = problem()
    analytic = gradients(params)
    check_gradient(cost, params, analytic)  # warm up NumPy before timing
    rows = ours(params, cost, analytic, options.full) + torch_rows(params, cost, gradients)
    print(f"MLP 784-128-10, {sum(v.size for v in params.values()):,} parameters, batch 32, float64; "
          f"planted: {PLANTED[0]}[{PLANTED[1][0]}, {PLANTED[1][1]}] doubled")
    print(f"{'checker':<27} {'gradients':<9} {'wall time':>12} {'evaluations':>12}  result")
    for name, label, ms, evaluations, result in rows:
        print(f"{name:<27} {label:<9} {ms:>10.1f}ms {evaluations:>12,}  {result}")
    fast = next(ms for name, label, ms, *_ in rows if name == "ours, fast" and label == "correct")
    torch_fast = min((ms for name, label, ms, *_ in rows if name.startswith("torch fast_mode") and label == "correct"), default=float("nan"))
    print(f"ours fast / torch's faster fast mode: {fast / torch_fast:.2f}" if torch_fast == torch_fast else "torch not measured")
    met = fast <= TARGET_MS and not fast > torch_fast
    print(f"target (fast mode ≤ {TARGET_MS:g} ms and no slower than torch's fast mode): {'met' if met else 'missed'}")


if __name__ == "__main__":
    main()
