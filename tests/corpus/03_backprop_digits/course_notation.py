"""A student of the course's notation: layers l = 1..L, dictionaries A[l], Z[l], dZ[l], weights[l - 1] written out."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    return sigmoid(z) * (1 - sigmoid(z))

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.num_layers = len(sizes)  # L + 1
        self.sizes = sizes
        L = len(sizes) - 1
        self.biases = [np.random.randn(sizes[l], 1) for l in range(1, L + 1)]
        self.weights = [np.random.randn(sizes[l], sizes[l - 1]) for l in range(1, L + 1)]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    L = self.num_layers - 1
    A = a
    for l in range(1, L + 1):
        A = sigmoid(self.weights[l - 1] @ A + self.biases[l - 1])
    return A


Network.feedforward = feedforward

# %%
def cost_derivative(self, output_activations, y):
    """∂ℒ/∂a for the quadratic loss ℒ = ½‖a - y‖²: an array of the shape of output_activations."""
    dA = output_activations - y
    return dA


Network.cost_derivative = cost_derivative

# %%
def forward_cache(self, X):
    """A[0..L] and Z[1..L] as dictionaries keyed by the layer number."""
    L = self.num_layers - 1
    A, Z = {0: X}, {}
    for l in range(1, L + 1):
        Z[l] = self.weights[l - 1] @ A[l - 1] + self.biases[l - 1]
        A[l] = sigmoid(Z[l])
    return A, Z


Network.forward_cache = forward_cache


def backprop(self, x, y):
    """(nabla_b, nabla_w): the gradient of one example's loss, lists shaped like self.biases and self.weights."""
    L = self.num_layers - 1
    A, Z = self.forward_cache(x)
    dZ = {L: self.cost_derivative(A[L], y) * sigmoid_prime(Z[L])}  # BP1
    for l in range(L - 1, 0, -1):
        dZ[l] = (self.weights[l].T @ dZ[l + 1]) * sigmoid_prime(Z[l])  # BP2 (weights[l] is W^(l+1))
    nabla_b = [dZ[l] for l in range(1, L + 1)]  # BP3
    nabla_w = [dZ[l] @ A[l - 1].T for l in range(1, L + 1)]  # BP4
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    L = self.num_layers - 1
    A, Z = self.forward_cache(X)
    dZ = {L: self.cost_derivative(A[L], Y) * sigmoid_prime(Z[L])}
    for l in range(L - 1, 0, -1):
        dZ[l] = (self.weights[l].T @ dZ[l + 1]) * sigmoid_prime(Z[l])
    nabla_b = [np.sum(dZ[l], axis=1, keepdims=True) for l in range(1, L + 1)]
    nabla_w = [dZ[l] @ A[l - 1].T for l in range(1, L + 1)]
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    m = len(mini_batch)
    X = np.hstack([pair[0] for pair in mini_batch])
    Y = np.hstack([pair[1] for pair in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    L = self.num_layers - 1
    # dW^l = nabla_w / m, the course's step W := W - eta dW
    self.weights = [self.weights[l - 1] - eta * (nabla_w[l - 1] / m) for l in range(1, L + 1)]
    self.biases = [self.biases[l - 1] - eta * (nabla_b[l - 1] / m) for l in range(1, L + 1)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    for epoch in range(epochs):
        order = list(training_data)
        random.shuffle(order)
        batches = [order[k:k + mini_batch_size] for k in range(0, len(order), mini_batch_size)]
        for batch in batches:
            self.update_mini_batch(batch, eta)
        if test_data:
            correct = self.evaluate(test_data)
            history.append(correct)
            print(f"epoch {epoch}: {correct} / {len(test_data)}")
        else:
            print(f"epoch {epoch} complete")
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    return sum(1 for x, label in test_data if np.argmax(self.feedforward(x)) == label)


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1 - np.power(np.tanh(z), 2)


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.maximum(0, z)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return np.heaviside(z, 0.0)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    t = np.exp(z - np.max(z, axis=0, keepdims=True))
    return t / np.sum(t, axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
