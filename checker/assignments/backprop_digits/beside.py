"""Assignment 03's stand-in that runs beside the student's code, in the sandbox: a loop over the judge's mini-batches.

The sandbox's fork server imports this module (it imports only the data loaders): it holds no answer,
records nothing and decides nothing; the judge reads the network's parameters afterwards.
"""


class MiniBatchLoop:
    """The judge's stochastic gradient descent, run beside the student's code: update_mini_batch on each mini-batch in turn.

    The mini-batches (index lists into the built-in digits' training set) and eta come from the judge;
    the judge reads the network's parameters afterwards and decides. One request instead of one per batch.
    """

    def __init__(self, batches, eta):
        self.batches, self.eta = [[int(i) for i in batch] for batch in batches], float(eta)

    def run(self, net, start, stop):
        from checker.datasets import load_digits_for_network

        training, _ = load_digits_for_network()
        for batch in self.batches[int(start) : int(stop)]:
            net.update_mini_batch([training[i] for i in batch], self.eta)


# What the judge may build here, by name (checker.checks.guard.beside).
KINDS = {"MiniBatchLoop": MiniBatchLoop}
