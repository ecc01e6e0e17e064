"""A student who caches Z in the sigmoid layer and stores the cost history on nothing but a list; matmul and shapes asserted."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    W = np.random.randn(n_out, n_in)
    if ini_type == "plain":
        W *= 0.01
    elif ini_type == "xavier":
        W *= 1 / np.sqrt(n_in)
    elif ini_type == "he":
        W *= np.sqrt(2 / n_in)
    b = np.zeros((n_out, 1))
    assert W.shape == (n_out, n_in) and b.shape == (n_out, 1)
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = np.matmul(self.params["W"], A_prev) + self.params["b"]
        assert self.Z.shape == (self.params["W"].shape[0], A_prev.shape[1])
        return self.Z

    def backward(self, upstream_grad):
        self.dW = np.matmul(upstream_grad, self.A_prev.T)
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = np.matmul(self.params["W"].T, upstream_grad)
        assert self.dW.shape == self.params["W"].shape
        assert self.dA_prev.shape == self.A_prev.shape
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.Z = Z
        self.A = 1 / (1 + np.exp(-Z))
        return self.A

    def backward(self, upstream_grad):
        # the A saved by forward, so no second exp
        self.dZ = upstream_grad * (self.A * (1 - self.A))
        assert self.dZ.shape == self.Z.shape
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = np.squeeze(np.sum((Y - Y_hat) ** 2, axis=1, keepdims=True) / (2 * m))
    dY_hat = -(Y - Y_hat) / m
    assert dY_hat.shape == Y_hat.shape
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        A = X
        for linear, sigmoid in pairs:
            A = sigmoid.forward(linear.forward(A))
        cost, dA = compute_cost(Y, A)
        costs.append(cost)
        for linear, sigmoid in reversed(pairs):
            dA = linear.backward(sigmoid.backward(dA))
        for linear, sigmoid in pairs:
            linear.update_params(learning_rate)
        if (epoch + 1) % 1000 == 0:
            print(f"[{epoch + 1}/{num_epochs}] cost = {cost:.6f}")
    return costs
