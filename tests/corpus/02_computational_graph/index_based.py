"""A student who walks the list by index, keeps every activation in a list, and goes back with a descending range."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    W = np.random.randn(n_out, n_in)
    if ini_type == "xavier":
        W = W / np.sqrt(n_in)
    elif ini_type == "he":
        W = W * np.sqrt(2.0 / n_in)
    else:  # plain
        W = W * 0.01
    return {"W": W, "b": np.zeros((n_out, 1))}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = np.dot(self.params["W"], A_prev) + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = np.dot(upstream_grad, np.transpose(self.A_prev))
        self.db = np.sum(upstream_grad, axis=1).reshape(-1, 1)
        self.dA_prev = np.dot(np.transpose(self.params["W"]), upstream_grad)
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        W = self.params["W"] - learning_rate * self.dW
        b = self.params["b"] - learning_rate * self.db
        self.params = {"W": W, "b": b}

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.A = 1.0 / (1.0 + np.exp(-Z))
        return self.A

    def backward(self, upstream_grad):
        self.dZ = np.multiply(upstream_grad, np.multiply(self.A, 1.0 - self.A))
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = np.sum(np.power(Y - Y_hat, 2)) / (2.0 * m)
    dY_hat = (-1.0 / m) * (Y - Y_hat)
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    n_layers = len(layers)
    for epoch in range(num_epochs):
        activations = [X]
        for i in range(0, n_layers, 2):
            layers[i].forward(activations[-1])
            layers[i + 1].forward(layers[i].Z)
            activations.append(layers[i + 1].A)
        cost, grad = compute_cost(Y, activations[-1])
        costs.append(cost)
        for i in range(n_layers - 2, -1, -2):
            layers[i + 1].backward(grad)
            layers[i].backward(layers[i + 1].dZ)
            grad = layers[i].dA_prev
        for i in range(0, n_layers, 2):
            layers[i].update_params(learning_rate)
    return costs
