"""A student who draws the weights before the biases, uses @ and a slice copy of the training data."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    s = sigmoid(z)
    return s * (1 - s)

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.sizes = sizes
        self.num_layers = len(sizes)
        self.weights = [np.random.randn(n_out, n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.random.randn(n_out, 1) for n_out in sizes[1:]]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for W, b in zip(self.weights, self.biases):
        a = sigmoid(W @ a + b)
    return a


Network.feedforward = feedforward

# %%
def cost_derivative(self, output_activations, y):
    """∂ℒ/∂a for the quadratic loss ℒ = ½‖a - y‖²: an array of the shape of output_activations."""
    return output_activations - y


Network.cost_derivative = cost_derivative

# %%
def backprop(self, x, y):
    """(nabla_b, nabla_w): the gradient of one example's loss, lists shaped like self.biases and self.weights."""
    activations, zs = [x], []
    for W, b in zip(self.weights, self.biases):
        zs.append(W @ activations[-1] + b)
        activations.append(sigmoid(zs[-1]))
    n = len(self.weights)
    nabla_b, nabla_w = [None] * n, [None] * n
    delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
    for i in reversed(range(n)):
        nabla_b[i] = delta
        nabla_w[i] = delta @ activations[i].T
        if i > 0:
            delta = (self.weights[i].T @ delta) * sigmoid_prime(zs[i - 1])
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    activations, zs = [X], []
    for W, b in zip(self.weights, self.biases):
        zs.append(W @ activations[-1] + b)
        activations.append(sigmoid(zs[-1]))
    n = len(self.weights)
    nabla_b, nabla_w = [None] * n, [None] * n
    delta = self.cost_derivative(activations[-1], Y) * sigmoid_prime(zs[-1])
    for i in reversed(range(n)):
        nabla_b[i] = delta.sum(axis=1).reshape(-1, 1)
        nabla_w[i] = delta @ activations[i].T
        if i > 0:
            delta = (self.weights[i].T @ delta) * sigmoid_prime(zs[i - 1])
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    total_b = [np.zeros_like(b) for b in self.biases]
    total_w = [np.zeros_like(W) for W in self.weights]
    for x, y in mini_batch:
        nb, nw = self.backprop(x, y)
        total_b = [t + g for t, g in zip(total_b, nb)]
        total_w = [t + g for t, g in zip(total_w, nw)]
    step = eta / len(mini_batch)
    self.weights = [W - step * g for W, g in zip(self.weights, total_w)]
    self.biases = [b - step * g for b, g in zip(self.biases, total_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    data = training_data[:]  # a copy; the caller's list keeps its order
    for epoch in range(epochs):
        random.shuffle(data)
        for k in range(0, len(data), mini_batch_size):
            self.update_mini_batch(data[k:k + mini_batch_size], eta)
        if test_data:
            result = self.evaluate(test_data)
            history.append(result)
            print(f"epoch {epoch}: {result} / {len(test_data)}")
        else:
            print(f"epoch {epoch} complete")
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    return sum(int(np.argmax(self.feedforward(x)) == label) for x, label in test_data)


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return z * (z > 0)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return (z > 0).astype(np.float64)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    z = z - np.max(z, axis=0, keepdims=True)
    return np.exp(z) / np.sum(np.exp(z), axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
