"""A student whose counts and masks come straight from NumPy: np.sum of booleans, integer relu_prime, a tanh sigmoid."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    # the same function written with tanh, which never overflows
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    s = sigmoid(z)
    return s - s ** 2

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.num_layers = len(sizes)
        self.sizes = list(sizes)
        self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
        self.weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for b, w in zip(self.biases, self.weights):
        a = sigmoid(np.matmul(w, a) + b)
    return a


Network.feedforward = feedforward

# %%
def cost_derivative(self, output_activations, y):
    """∂ℒ/∂a for the quadratic loss ℒ = ½‖a - y‖²: an array of the shape of output_activations."""
    return np.subtract(output_activations, y)


Network.cost_derivative = cost_derivative

# %%
def backprop(self, x, y):
    """(nabla_b, nabla_w): the gradient of one example's loss, lists shaped like self.biases and self.weights."""
    nabla_b = [np.zeros_like(b) for b in self.biases]
    nabla_w = [np.zeros_like(w) for w in self.weights]
    activations = [x]
    zs = []
    for b, w in zip(self.biases, self.weights):
        zs.append(np.matmul(w, activations[-1]) + b)
        activations.append(sigmoid(zs[-1]))
    delta = np.multiply(self.cost_derivative(activations[-1], y), sigmoid_prime(zs[-1]))
    nabla_b[-1] = delta
    nabla_w[-1] = np.matmul(delta, np.transpose(activations[-2]))
    for l in range(2, self.num_layers):
        delta = np.multiply(np.matmul(np.transpose(self.weights[-l + 1]), delta), sigmoid_prime(zs[-l]))
        nabla_b[-l] = delta
        nabla_w[-l] = np.matmul(delta, np.transpose(activations[-l - 1]))
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    nabla_b = [np.zeros_like(b) for b in self.biases]
    nabla_w = [np.zeros_like(w) for w in self.weights]
    activations = [X]
    zs = []
    for b, w in zip(self.biases, self.weights):
        zs.append(np.matmul(w, activations[-1]) + b)
        activations.append(sigmoid(zs[-1]))
    delta = np.multiply(self.cost_derivative(activations[-1], Y), sigmoid_prime(zs[-1]))
    nabla_b[-1] = np.sum(delta, axis=1, keepdims=True)
    nabla_w[-1] = np.matmul(delta, np.transpose(activations[-2]))
    for l in range(2, self.num_layers):
        delta = np.multiply(np.matmul(np.transpose(self.weights[-l + 1]), delta), sigmoid_prime(zs[-l]))
        nabla_b[-l] = np.sum(delta, axis=1, keepdims=True)
        nabla_w[-l] = np.matmul(delta, np.transpose(activations[-l - 1]))
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    X = np.hstack([x for x, y in mini_batch])
    Y = np.hstack([y for x, y in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    rate = eta / X.shape[1]
    self.weights = [w - rate * nw for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - rate * nb for b, nb in zip(self.biases, nabla_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    training_data = list(training_data)
    for j in range(epochs):
        random.shuffle(training_data)
        mini_batches = [training_data[k:k + mini_batch_size] for k in range(0, len(training_data), mini_batch_size)]
        for mini_batch in mini_batches:
            self.update_mini_batch(mini_batch, eta)
        if test_data:
            history.append(self.evaluate(test_data))
            print(f"epoch {j}: {history[-1]} / {len(test_data)}")
        else:
            print(f"epoch {j} complete")
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    predictions = np.array([np.argmax(self.feedforward(x)) for x, _ in test_data])
    labels = np.array([label for _, label in test_data])
    return np.sum(predictions == labels)


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1 - np.square(np.tanh(z))


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.maximum(0, z)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return np.where(z > 0, 1, 0)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    exps = np.exp(z - np.amax(z, axis=0))
    return exps / np.sum(exps, axis=0)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return np.subtract(softmax(z), y)
