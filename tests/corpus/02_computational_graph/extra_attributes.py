"""A student whose layers remember more than asked (m, shapes, Z, a cache) and update with -=."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    if ini_type == "plain":
        factor = 0.01
    elif ini_type == "xavier":
        factor = np.sqrt(1.0 / n_in)
    elif ini_type == "he":
        factor = np.sqrt(2.0 / n_in)
    else:
        raise ValueError("unknown ini_type " + str(ini_type))
    params = {}
    params["W"] = np.random.randn(n_out, n_in) * factor
    params["b"] = np.zeros((n_out, 1))
    return params

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)
        self.n_in, self.m = input_shape
        self.n_out = n_out
        self.cache = None

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.m = A_prev.shape[1]
        self.Z = np.dot(self.params["W"], A_prev) + self.params["b"]
        self.cache = (A_prev, self.Z)
        return self.Z

    def backward(self, upstream_grad):
        A_prev, _ = self.cache
        self.upstream_grad = upstream_grad
        self.dW = np.dot(upstream_grad, A_prev.T)
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = np.dot(self.params["W"].T, upstream_grad)
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] -= learning_rate * self.dW
        self.params["b"] -= learning_rate * self.db
        self.last_learning_rate = learning_rate

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)
        self.shape = shape

    def forward(self, Z):
        self.Z = Z
        self.A = 1 / (1 + np.exp(-Z))
        self.shape = self.A.shape
        return self.A

    def backward(self, upstream_grad):
        self.local_grad = self.A * (1 - self.A)
        self.dZ = upstream_grad * self.local_grad
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    error = Y - Y_hat
    cost = 1 / (2 * m) * np.sum(error * error)
    dY_hat = -1 / m * error
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
        cost, upstream = compute_cost(Y, A)
        costs.append(cost)
        for linear, sigmoid in pairs[::-1]:
            upstream = linear.backward(sigmoid.backward(upstream))
        for linear, _ in pairs:
            linear.update_params(learning_rate=learning_rate)
    return costs
