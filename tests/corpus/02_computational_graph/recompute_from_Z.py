"""A student who keeps Z in the sigmoid layer and recomputes sigma(Z) in backward; dY_hat as (Y_hat - Y) / m."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    if ini_type == "xavier":
        W = np.random.randn(n_out, n_in) * np.sqrt(1 / n_in)
    elif ini_type == "he":
        W = np.random.randn(n_out, n_in) * np.sqrt(2 / n_in)
    else:
        W = np.random.randn(n_out, n_in) * 0.01
    return {"W": W, "b": np.zeros((n_out, 1))}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = self.params["W"] @ A_prev + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = upstream_grad @ self.A_prev.T
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = self.params["W"].T @ upstream_grad
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    @staticmethod
    def sigmoid(Z):
        return 1 / (1 + np.exp(-Z))

    def forward(self, Z):
        self.Z = Z
        self.A = self.sigmoid(Z)
        return self.A

    def backward(self, upstream_grad):
        s = self.sigmoid(self.Z)
        self.dZ = upstream_grad * s * (1 - s)
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = np.sum((Y_hat - Y) ** 2) / (2 * m)
    dY_hat = (Y_hat - Y) / m
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        out = X
        for lin, sig in pairs:
            out = sig.forward(lin.forward(out))
        cost, d_out = compute_cost(Y, out)
        costs.append(cost)
        for lin, sig in reversed(pairs):
            d_out = lin.backward(sig.backward(d_out))
        for lin, _ in pairs:
            lin.update_params(learning_rate)
    return costs
