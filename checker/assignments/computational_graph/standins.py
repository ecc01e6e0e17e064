"""Judge-side stand-ins for assignment 02: layers and a cost lent to the student's train, keeping one journal of every call.

Outputs are drawn by (who, what, how many times), so the journal shows exactly where a training
loop strays. They stay with the judge (in the sandbox the student's code gets proxies whose calls
cross to here), so the journal cannot be forged by the code being graded.
"""

import zlib

import numpy as np

from checker.checks.guard import CallLog


class Journal:
    """Stand-ins for the layers and the cost given to train: outputs drawn by (who, what, how many times), every call noted."""

    def __init__(self, run, seed, m):
        self.seed, self.m, self.entries = seed, m, CallLog(run, "the layers and the cost", calls=2_000)

    def drawn(self, who, what, count, shape, low=-1.0, high=1.0):
        rng = np.random.default_rng([self.seed, zlib.crc32(f"{who}/{what}".encode()), count])
        return rng.uniform(low, high, size=shape)

    def note(self, who, what, argument):
        self.entries.add((who, what, argument))
        return sum(1 for entry in self.entries if entry[:2] == (who, what)) - 1


class LinearStandIn:
    def __init__(self, journal, who, n_in, n_out):
        self.journal, self.who, self.n_in, self.n_out = journal, who, n_in, n_out
        self.params = {"W": np.zeros((n_out, n_in)), "b": np.zeros((n_out, 1))}

    def forward(self, A_prev):
        count = self.journal.note(self.who, "forward", A_prev)
        self.A_prev, self.Z = A_prev, self.journal.drawn(self.who, "forward", count, (self.n_out, self.journal.m))
        return self.Z

    def backward(self, upstream_grad):
        count = self.journal.note(self.who, "backward", upstream_grad)
        self.dW, self.db = np.zeros((self.n_out, self.n_in)), np.zeros((self.n_out, 1))
        self.dA_prev = self.journal.drawn(self.who, "backward", count, (self.n_in, self.journal.m))
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.journal.note(self.who, "update", learning_rate)


class SigmoidStandIn:
    def __init__(self, journal, who, n):
        self.journal, self.who, self.n = journal, who, n

    def forward(self, Z):
        count = self.journal.note(self.who, "forward", Z)
        self.Z, self.A = Z, self.journal.drawn(self.who, "forward", count, (self.n, self.journal.m), 0.05, 0.95)
        return self.A

    def backward(self, upstream_grad):
        count = self.journal.note(self.who, "backward", upstream_grad)
        self.dZ = self.journal.drawn(self.who, "backward", count, (self.n, self.journal.m))
        return self.dZ


class CostStandIn:
    def __init__(self, journal, n):
        self.journal, self.n = journal, n

    def __call__(self, Y, Y_hat):
        count = self.journal.note("compute_cost", "call", Y_hat)
        return float(self.journal.drawn("compute_cost", "cost", count, (), 0.0, 1.0)), self.journal.drawn("compute_cost", "call", count, (self.n, self.journal.m))
