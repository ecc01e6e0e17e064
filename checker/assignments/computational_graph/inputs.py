"""What assignment 02's checks feed to the student's code, and the specification they grade against."""

import numpy as np

# Standard deviation of each initialisation, for n_in inputs (the notebook's formulas).
SCALES = {
    "plain": lambda n_in: 0.01,
    "xavier": lambda n_in: 1 / np.sqrt(n_in),
    "he": lambda n_in: np.sqrt(2 / n_in),
}

X_GATE = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
TASKS = (
    # (name, inputs, labels, layer sizes)
    ("OR gate, one layer", X_GATE, np.array([[0.0, 1.0, 1.0, 1.0]]), (2, 1)),
    ("XOR with the feature cross x1·x2, one layer", np.vstack([X_GATE, X_GATE[0] * X_GATE[1]]), np.array([[0.0, 1.0, 1.0, 0.0]]), (3, 1)),
    ("XOR, 2-3-1 network", X_GATE, np.array([[0.0, 1.0, 1.0, 0.0]]), (2, 3, 1)),
)


def starting_parameters(sizes, seed):
    """[(W, b)] per linear layer for the outcome checks: Xavier-scale weights drawn with `seed`, zero biases."""
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(n_out, n_in)) / np.sqrt(n_in), np.zeros((n_out, 1))) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def zero_parameters(n_in, n_out, ini_type="plain"):
    """A stand-in for initialize_parameters when a layer is built only to receive parameters the check sets."""
    n_in, n_out = int(n_in), int(n_out)
    if not (0 < n_in <= 1000 and 0 < n_out <= 1000):
        raise ValueError(f"initialize_parameters was called with n_in={n_in} and n_out={n_out}; the layers in this check are small")
    return {"W": np.zeros((n_out, n_in)), "b": np.zeros((n_out, 1))}


def labels(rng, m):
    return (rng.uniform(size=(1, m)) > 0.5).astype(float)
