"""A student who trusts loops more than broadcasting: the layers and the cost loop over the examples."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    if ini_type == "xavier":
        scale = 1 / np.sqrt(n_in)
    elif ini_type == "he":
        scale = np.sqrt(2 / n_in)
    else:
        scale = 0.01
    W = np.random.randn(n_out, n_in) * scale
    b = np.zeros((n_out, 1))
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        W, b = self.params["W"], self.params["b"]
        m = A_prev.shape[1]
        self.Z = np.zeros((W.shape[0], m))
        for i in range(m):
            self.Z[:, i] = np.dot(W, A_prev[:, i]) + b[:, 0]
        return self.Z

    def backward(self, upstream_grad):
        W = self.params["W"]
        m = upstream_grad.shape[1]
        self.dW = np.zeros(W.shape)
        self.db = np.zeros((W.shape[0], 1))
        for i in range(m):
            g = upstream_grad[:, i:i + 1]
            a = self.A_prev[:, i:i + 1]
            self.dW += np.dot(g, a.T)
            self.db += g
        self.dA_prev = np.dot(W.T, upstream_grad)
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
        self.A = 1 / (1 + np.exp(-Z))
        return self.A

    def backward(self, upstream_grad):
        self.dZ = np.zeros(upstream_grad.shape)
        for i in range(upstream_grad.shape[0]):
            for j in range(upstream_grad.shape[1]):
                a = self.A[i, j]
                self.dZ[i, j] = upstream_grad[i, j] * a * (1 - a)
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    total = 0
    for i in range(m):
        total += (Y[0, i] - Y_hat[0, i]) ** 2
    cost = total / (2 * m)
    dY_hat = np.zeros(Y_hat.shape)
    for i in range(m):
        dY_hat[0, i] = -(Y[0, i] - Y_hat[0, i]) / m
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        A = X
        for linear, sigmoid in pairs:
            Z = linear.forward(A)
            A = sigmoid.forward(Z)
        cost, dA = compute_cost(Y, A)
        costs.append(cost)
        for k in range(len(pairs) - 1, -1, -1):
            linear, sigmoid = pairs[k]
            dZ = sigmoid.backward(dA)
            dA = linear.backward(dZ)
        for linear, sigmoid in pairs:
            linear.update_params(learning_rate)
    return costs
