"""Gradient checking a 101,770-parameter MLP: each of our modes against torch.autograd.gradcheck and JAX's check_grads.

Run from the repository root with the virtual environment active (PyTorch is a benchmark-only
extra: `pip install -e ".[bench]"`, which installs the CPU wheel torch==2.13.0; JAX is optional:
`pip install jax jaxlib`):

    python benchmarks/gradcheck_vs_torch.py [--slow]

Every row checks the same network (784-128-10, sigmoid hidden layer, squared error over a batch
of 32) in float64, first with correct gradients, then with one wrong entry planted in W2. Wall
times are the best of several runs. torch and JAX are given the gradients the same way: through a
custom backward (torch.autograd.Function, jax.custom_vjp) that returns our NumPy gradients, so a
wrong entry can be planted; torch's fast mode is also timed on the network written with torch
operations and differentiated by autograd, as torch users would check it. When torch's fast mode
finds a mismatch it recomputes the full Jacobian (2 evaluations per parameter) for its message;
without --slow that step is skipped and the row shows detection alone. Without --slow our full mode
is extrapolated from 2,000 entries. The last table compares the complex step with centred
differences at several step sizes. Targets: our directions mode no slower than torch's fast mode
on the correct gradient, and the planted entry named within 50 ms.
"""

import argparse
import importlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from checker.gradients import check_gradient  # noqa: E402
from checker.gradients.directions import Direction  # noqa: E402

NAMES = ("W1", "b1", "W2", "b2")
PLANTED = ("W2", (3, 1))
TARGET_MS = 50.0
REPEATS = 9


def data():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(784, 32)), np.eye(10)[:, rng.integers(0, 10, size=32)]
    params = {"W1": rng.normal(size=(128, 784)) * 0.05, "b1": rng.normal(size=(128, 1)) * 0.1,
              "W2": rng.normal(size=(10, 128)) * 0.1, "b2": rng.normal(size=(10, 1)) * 0.1}
    return X, Y, params


X, Y, PARAMS = data()


def cost(p):
    """½‖W2·σ(W1·X + b1) + b2 − Y‖² / m, written so that complex numbers flow through it."""
    H = 1 / (1 + np.exp(-(p["W1"] @ X + p["b1"])))
    return 0.5 * np.sum((p["W2"] @ H + p["b2"] - Y) ** 2) / X.shape[1]


def gradients(p):
    H = 1 / (1 + np.exp(-(p["W1"] @ X + p["b1"])))
    dO = (p["W2"] @ H + p["b2"] - Y) / X.shape[1]
    dH = p["W2"].T @ dO * H * (1 - H)
    return {"W1": dH @ X.T, "b1": dH.sum(axis=1, keepdims=True), "W2": dO @ H.T, "b2": dO.sum(axis=1, keepdims=True)}


def planted(grads):
    wrong = {name: value.copy() for name, value in grads.items()}
    wrong[PLANTED[0]][PLANTED[1]] *= 2
    return wrong


def best_of(function, repeats=REPEATS):
    """(best wall time in ms, the last result)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def ours(slow):
    rows, analytic = [], gradients(PARAMS)
    modes = [("directions", "directions", {}), ("directions, whole u", "directions", {"per_parameter": False}),
             ("complex-step", "complex-step", {}), ("sampled (200)", "sampled", {"samples": 200})]
    for label, grads in (("correct", analytic), ("planted", planted(analytic))):
        for name, mode, options in modes:
            ms, report = best_of(lambda: check_gradient(cost, PARAMS, grads, mode=mode, **options))
            rows.append((f"ours, {name}", label, ms, report.evaluations, report.describe()))
        if slow:
            ms, report = best_of(lambda: check_gradient(cost, PARAMS, grads, mode="full"), repeats=1)
            rows.append(("ours, full", label, ms, report.evaluations, report.describe()))
        else:
            ms, report = best_of(lambda: check_gradient(cost, PARAMS, grads, mode="sampled", samples=2000), repeats=1)
            total = sum(value.size for value in PARAMS.values())
            rows.append(("ours, full (extrapolated)", label, ms * total / 2000, 2 * total + 1, "not run (--slow runs it)"))
    return rows


def torch_rows(slow):
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
                return torch.tensor(float(cost(dict(zip(NAMES, (t.detach().numpy() for t in tensors))))), dtype=torch.float64)

            @staticmethod
            def backward(ctx, upstream):
                values = dict(zip(NAMES, (t.detach().numpy() for t in ctx.saved_tensors)))
                return tuple(upstream * torch.from_numpy(grads_of(values)[name]) for name in NAMES)

        return Cost.apply

    inputs = tuple(torch.tensor(PARAMS[name], dtype=torch.float64, requires_grad=True) for name in NAMES)
    native_torch_row(torch, inputs)  # warm up torch before timing
    rows = [native_torch_row(torch, inputs)]
    torch_gradcheck = importlib.import_module("torch.autograd.gradcheck")  # the module: torch.autograd.gradcheck is a function
    slow_mode = torch_gradcheck._run_slow_mode_and_get_error
    if not slow:  # torch would spend minutes on the full Jacobian for its message
        torch_gradcheck._run_slow_mode_and_get_error = lambda *args, **kwargs: ""
    try:
        for label, grads_of in (("correct", gradients), ("planted", lambda p: planted(gradients(p)))):
            check = lambda: torch.autograd.gradcheck(function_with(grads_of), inputs, eps=1e-6, atol=1e-5, rtol=1e-3,
                                                     fast_mode=True, raise_exception=False)
            calls[0] = 0
            ms, passed = best_of(check, repeats=REPEATS if label == "correct" or not slow else 1)
            evaluations = calls[0] // (REPEATS if label == "correct" or not slow else 1)
            found = "gradients agree" if passed else "mismatch, no entry named" + ("" if slow else " (full Jacobian skipped)")
            rows.append(("torch fast_mode", label, ms, evaluations, found))
    finally:
        torch_gradcheck._run_slow_mode_and_get_error = slow_mode
    return rows


def native_torch_row(torch, inputs):
    """torch's fast mode on the same MLP written with torch operations, gradients by autograd."""
    X_t, Y_t = torch.from_numpy(X), torch.from_numpy(Y)
    calls = [0]

    def torch_cost(W1, b1, W2, b2):
        calls[0] += 1
        H = torch.sigmoid(W1 @ X_t + b1)
        return 0.5 * torch.sum((W2 @ H + b2 - Y_t) ** 2) / X_t.shape[1]

    ms, passed = best_of(lambda: torch.autograd.gradcheck(torch_cost, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=True))
    return ("torch fast_mode, autograd", "correct", ms, calls[0] // REPEATS, "gradients agree" if passed else "mismatch")


def jax_rows():
    try:
        import jax
        import jax.numpy as jnp
        from jax.test_util import check_grads
    except ImportError:
        return [("jax check_grads", "-", float("nan"), 0, "not installed: pip install jax jaxlib")]
    jax.config.update("jax_enable_x64", True)
    calls = [0]
    X_j, Y_j = jnp.asarray(X), jnp.asarray(Y)

    def forward(p):
        calls[0] += 1
        H = 1 / (1 + jnp.exp(-(p["W1"] @ X_j + p["b1"])))
        return 0.5 * jnp.sum((p["W2"] @ H + p["b2"] - Y_j) ** 2) / X_j.shape[1]

    rows = []
    for label, grads_of in (("correct", gradients), ("planted", lambda p: planted(gradients(p)))):
        f = jax.custom_vjp(forward)
        f.defvjp(lambda p: (forward(p), p),
                 lambda p, upstream: ({name: upstream * jnp.asarray(value) for name, value in
                                       grads_of({k: np.asarray(v) for k, v in p.items()}).items()},))

        def check(f=f):
            try:
                check_grads(f, ({name: jnp.asarray(value) for name, value in PARAMS.items()},), order=1, modes=["rev"], eps=1e-6)
                return "gradients agree"
            except AssertionError:
                return "mismatch, no entry named"

        check()  # warm up
        calls[0] = 0
        ms, found = best_of(check)
        rows.append(("jax check_grads (rev)", label, ms, calls[0] // REPEATS, found))
    return rows


def complex_step_table():
    """Relative error of f's slope along one random direction: centred differences and the complex step, by step size."""
    direction = Direction.random(np.random.default_rng(1), {name: value.shape for name, value in PARAMS.items()})
    flat = {name: value.reshape(-1) for name, value in gradients(PARAMS).items()}
    exact = direction.slope(flat) / direction.norm

    def moved(step):
        point = {name: value.astype(type(step)) for name, value in PARAMS.items()}
        for name, start, stop, values in direction.blocks:
            point[name].reshape(-1)[start:stop] += step * values / direction.norm
        return cost(point)

    lines = ["step h     centred (f(x+hu) − f(x−hu)) / 2h    complex step Im f(x+ihu) / h"]
    for h in (1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-14, 1e-20, 1e-100):
        centred = (moved(h) - moved(-h)) / (2 * h)
        imaginary = moved(1j * h).imag / h
        error = lambda value: abs(value - exact) / abs(exact)
        lines.append(f"{h:<10.0e} {error(centred):>33.1e}    {error(imaginary):>28.1e}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", action="store_true", help="run our full mode and torch's full-Jacobian message (minutes)")
    options = parser.parse_args()
    check_gradient(cost, PARAMS, gradients(PARAMS), mode="directions")  # warm up NumPy before timing
    rows = ours(options.slow) + torch_rows(options.slow) + jax_rows()
    print(f"MLP 784-128-10, {sum(v.size for v in PARAMS.values()):,} parameters, batch 32, float64; "
          f"planted: {PLANTED[0]}[{PLANTED[1][0]}, {PLANTED[1][1]}] doubled; best of {REPEATS} runs")
    print(f"{'checker':<30} {'gradients':<9} {'wall time':>12} {'evaluations':>12}  result")
    for name, label, ms, evaluations, result in rows:
        print(f"{name:<30} {label:<9} {ms:>10.1f}ms {evaluations:>12,}  {result}")
    print()
    print("\n".join(complex_step_table()))
    print()
    time_of = lambda name, label: next((ms for n, l, ms, *_ in rows if n == name and l == label), float("nan"))
    fast, named = time_of("ours, directions", "correct"), time_of("ours, directions", "planted")
    torch_fast = min(time_of("torch fast_mode, autograd", "correct"), time_of("torch fast_mode", "correct"))
    print(f"ours (directions) on the correct gradient: {fast:.1f} ms; torch's faster fast mode: {torch_fast:.1f} ms: "
          f"{'met' if fast <= torch_fast else 'missed'}" if torch_fast == torch_fast else "torch not measured")
    print(f"planted entry named in {named:.1f} ms (target {TARGET_MS:g} ms): {'met' if named <= TARGET_MS else 'missed'}")


if __name__ == "__main__":
    main()
