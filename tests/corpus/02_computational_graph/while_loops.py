"""A student who writes while loops, np.random.standard_normal and W.dot, and prints the cost as a percentage of the first."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    W = np.random.standard_normal((n_out, n_in))
    if ini_type == "xavier":
        W = W * (1.0 / n_in) ** 0.5
    elif ini_type == "he":
        W = W * (2.0 / n_in) ** 0.5
    else:
        W = W * 0.01
    b = np.zeros(shape=(n_out, 1))
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = self.params["W"].dot(A_prev) + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = upstream_grad.dot(self.A_prev.T)
        self.db = upstream_grad.sum(axis=1, keepdims=True)
        self.dA_prev = self.params["W"].T.dot(upstream_grad)
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        new_W = self.params["W"] - learning_rate * self.dW
        new_b = self.params["b"] - learning_rate * self.db
        self.params["W"], self.params["b"] = new_W, new_b

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.A = 1 / (1 + np.exp(-Z))
        return self.A

    def backward(self, upstream_grad):
        self.dZ = upstream_grad * self.A * (1 - self.A)
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    diff = Y_hat - Y
    cost = diff.dot(diff.T)[0, 0] / (2 * m)  # (1, m) times (m, 1) is a (1, 1) matrix: take its entry
    dY_hat = diff / m
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    epoch = 0
    while epoch < num_epochs:
        A = X
        k = 0
        while k < len(pairs):
            A = pairs[k][1].forward(pairs[k][0].forward(A))
            k += 1
        cost, grad = compute_cost(Y, A)
        costs.append(cost)
        k = len(pairs) - 1
        while k >= 0:
            grad = pairs[k][0].backward(pairs[k][1].backward(grad))
            k -= 1
        for linear, _ in pairs:
            linear.update_params(learning_rate)
        if epoch % 1000 == 0:
            print("epoch", epoch, "cost", cost, "(%.1f %% of the first)" % (100 * cost / costs[0]))
        epoch += 1
    return costs
